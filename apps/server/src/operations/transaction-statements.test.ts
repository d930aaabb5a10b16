// A write's last statement (the events' statement, which takes the busy `board` sequence row) is
// committed right behind it on PostgreSQL (@crewboard/db queries/transaction-statements.ts, issue 14).
// These tests hold the transaction open after that statement and look from another connection.
import { Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { COMMITS_BEHIND, Prisma, rawRows, withPgClient } from "@crewboard/db";
import { openTestDatabase, type TestDatabase } from "@crewboard/db/testing";
import { databaseKinds, testTemplates } from "../test/templates.ts";
import { EventBatch } from "../realtime/event-batch.ts";
import { runWrite } from "./write.ts";
import { isRetryableRace, toAppError } from "./problem.ts";
import { inWriteTransaction } from "@crewboard/db";

const postgres = databaseKinds().find((k) => k.kind === "postgresql")!;
const LAST = Prisma.raw(COMMITS_BEHIND);

describe.runIf(postgres.available)(`a transaction's last statement, committed behind it (${postgres.label})`, () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase("postgresql", testTemplates(), { observeQueries: true });
  });
  afterAll(() => db?.destroy());

  /** The room's last sequence number as another connection sees it (committed rows only). */
  const committedSeq = (room: string) =>
    withPgClient(db.url!, async (c) => {
      const { rows } = await c.query(`SELECT "lastSeq" FROM "RoomSequence" WHERE "room" = $1`, [room]);
      return (rows as { lastSeq: number }[])[0]?.lastSeq ?? null;
    });

  it("is committed before the transaction's callback has returned", async () => {
    const seenInside: (number | null)[] = [];
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`${LAST} INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES ('test:behind', 7)`;
      // Prisma has not sent its COMMIT yet: the row is visible outside only if it went behind the statement
      await expect.poll(() => committedSeq("test:behind"), { timeout: 10_000 }).toBe(7);
      seenInside.push(await committedSeq("test:behind"));
    });
    expect(seenInside).toEqual([7]);
  });

  it("an unmarked statement is not: the transaction commits when Prisma says so", async () => {
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES ('test:plain', 3)`;
      expect(await committedSeq("test:plain")).toBeNull();
    });
    expect(await committedSeq("test:plain")).toBe(3);
  });

  it("BEGIN goes with the first statement: that statement is in the transaction, and rolls back with it", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES ('test:first', 1)`;
        expect(await committedSeq("test:first")).toBeNull();
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await committedSeq("test:first")).toBeNull();
    // a transaction with no statement sends nothing, and the connection goes on serving
    await db.prisma.$transaction(async () => undefined);
    await db.prisma.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES ('test:first', 2)`;
    });
    expect(await committedSeq("test:first")).toBe(2);
  });

  it("a failing last statement rolls the whole transaction back, and every connection serves again", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES ('test:failed', 1)`;
        await tx.$queryRaw`${LAST} SELECT 1 / 0`;
      }),
    ).rejects.toThrow(/division by zero/);
    expect(await committedSeq("test:failed")).toBeNull();
    // more transactions than the pool has connections, each left in its normal (unpipelined) state
    await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        db.prisma.$transaction(async (tx) => {
          await tx.$executeRaw`INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES (${`test:after-${i}`}, 1)`;
          await tx.$executeRaw`UPDATE "RoomSequence" SET "lastSeq" = 2 WHERE "room" = ${`test:after-${i}`}`;
        }),
      ),
    );
    const rows = await db.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM "RoomSequence" WHERE "room" LIKE 'test:after-%' AND "lastSeq" = 2`;
    expect(Number(rows[0]!.n)).toBe(25);
  });

  it("BEGIN and the first statement, the last statement and its COMMIT each leave in one write to the socket", async () => {
    // every socket write of the process meanwhile: only this transaction's connection is sending
    const write = vi.spyOn(Socket.prototype, "_write");
    const writev = vi.spyOn(Socket.prototype, "_writev");
    try {
      await db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES ('test:one-write', 1)`;
        await tx.$executeRaw`${LAST} UPDATE "RoomSequence" SET "lastSeq" = 2 WHERE "room" = 'test:one-write'`;
      });
      expect(write.mock.calls.length + writev.mock.calls.length).toBe(2);
    } finally {
      write.mockRestore();
      writev.mockRestore();
    }
    expect(await committedSeq("test:one-write")).toBe(2);
  });

  it("refuses a statement sent after the last one, instead of running it outside the transaction", async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.$executeRaw`${LAST} INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES ('test:late', 1)`;
        await tx.$executeRaw`INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES ('test:too-late', 1)`;
      }),
    ).rejects.toThrow(/after a transaction's last statement/);
    expect(await committedSeq("test:too-late")).toBeNull();
  });

  it("a hand-written statement of a write runs in the write's transaction, on its connection", async () => {
    // Prisma's own query events: a statement sent straight to the connection is not among them
    const throughPrisma: string[] = [];
    // (typed `never`: the client's type does not know it was opened with query events)
    const prismaEvents = db.prisma as unknown as {
      $on(event: "query", listener: (e: { query: string }) => void): void;
    };
    prismaEvents.$on("query", (e) => throughPrisma.push(e.query));
    const deps = { prisma: db.prisma, publish: () => undefined };
    const seen = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        runWrite(deps, async ({ tx }) => {
          const room = `test:own-${i}`;
          await tx.$executeRaw`INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES (${room}, ${i})`;
          const [prisma] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
          const [direct] = await rawRows<{ pid: number; lastSeq: number }>(
            tx,
            Prisma.sql`SELECT pg_backend_pid() AS pid, "lastSeq" FROM "RoomSequence" WHERE "room" = ${room}`,
          );
          return { samePid: direct?.pid === prisma?.pid, ownRow: direct?.lastSeq === i };
        }),
      ),
    );
    expect(seen.map((s) => (s.replayed ? null : s.value))).toEqual(
      Array.from({ length: 12 }, () => ({ samePid: true, ownRow: true })),
    );
    expect(throughPrisma.filter((q) => q.includes(`AS pid, "lastSeq"`)).length).toBe(0);
    expect(throughPrisma.filter((q) => q.includes("SELECT pg_backend_pid() AS pid")).length).toBe(12);
  });

  it("a write's statement after Prisma gave up on its transaction (its timeout) is refused, not run on its own", async () => {
    const attempt = inWriteTransaction(db.prisma, (write) =>
      db.prisma.$transaction(
        async (tx) => {
          write.client = tx;
          await tx.$executeRaw`INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES ('test:timed-out', 1)`;
          await new Promise((resolve) => setTimeout(resolve, 600));
          return rawRows(
            tx,
            Prisma.sql`INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES ('test:autocommitted', 1) RETURNING "room"`,
          );
        },
        { timeout: 200 },
      ),
    );
    await expect(attempt).rejects.toThrow();
    expect(await committedSeq("test:timed-out")).toBeNull();
    expect(await committedSeq("test:autocommitted")).toBeNull();
  });

  it("a write's hand-written statements are prepared once per connection, except those returning `*`", async () => {
    // issue 14: PostgreSQL shares the server's cores; a named statement is parsed once per connection
    // and its plan may be kept. A `RETURNING *` stays unnamed: its row type would change with a new column.
    const deps = { prisma: db.prisma, publish: () => undefined };
    const outcome = await runWrite(deps, async ({ tx }) => {
      await rawRows(
        tx,
        Prisma.sql`INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES ('test:named', 1) RETURNING "room"`,
      );
      await rawRows(tx, Prisma.sql`UPDATE "RoomSequence" SET "lastSeq" = 2 WHERE "room" = 'test:named' RETURNING *`);
      // the same connection as the statements above: the write's own
      return rawRows<{ statement: string }>(
        tx,
        Prisma.sql`SELECT "statement" FROM pg_prepared_statements WHERE "name" LIKE 'crewboard_%'`,
      );
    });
    const prepared = outcome.replayed ? [] : outcome.value.map((r) => r.statement);
    expect(prepared.filter((s) => s.includes(`VALUES ('test:named', 1) RETURNING "room"`))).toHaveLength(1);
    expect(prepared.filter((s) => s.includes("RETURNING *"))).toEqual([]);
    expect(await committedSeq("test:named")).toBe(2);
  });

  it("a database error of a statement sent straight is classified as Prisma's are", async () => {
    const error = await db.prisma
      .$transaction((tx) => rawRows(tx, Prisma.sql`SELECT ${"a\u0000b"}::text AS t`))
      .catch((e: unknown) => e);
    expect(toAppError(error).code).toBe("validation.failed");
    const direct = await inWriteTransaction(db.prisma, (write) =>
      db.prisma.$transaction(async (tx) => {
        write.client = tx;
        return rawRows(tx, Prisma.sql`SELECT ${"a\u0000b"}::text AS t`);
      }),
    ).catch((e: unknown) => e);
    expect(direct).not.toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect(toAppError(direct).code).toBe("validation.failed");
    const deadlock = Object.assign(new Error("deadlock detected"), { code: "40P01", severity: "ERROR" });
    expect(isRetryableRace(deadlock)).toBe(true);
  });

  it("a write's events are numbered in order under concurrent writers to one room", async () => {
    const writes = 40;
    const deps = { prisma: db.prisma, publish: () => undefined };
    const seqs = await Promise.all(
      Array.from({ length: writes }, async () => {
        let batch: EventBatch | undefined;
        await runWrite(deps, async ({ events }) => {
          batch = events;
          events.add(["test:numbered"], "task:updated", { id: "t" } as never);
        });
        return batch!.envelopes.map((e) => e.seq);
      }),
    );
    expect(seqs.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: writes }, (_, i) => i + 1));
    expect(await committedSeq("test:numbered")).toBe(writes);
  });
});
