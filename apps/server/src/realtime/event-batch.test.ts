// Room events are numbered by their transaction's commit (a deferred trigger, issue 14): per room,
// gapless, in the order recorded; nothing of a rolled-back transaction; and — the point of it — the
// rooms' sequence rows are not held while a transaction that stored its events has not committed.
import { afterAll, beforeAll, expect, inject, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@crewboard/db/testing";
import { describeEachDatabase } from "../test/test-app.ts";
import { EventBatch } from "./event-batch.ts";

describeEachDatabase("room events numbered at commit", (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase(kind, {
      embeddedFile: inject("embeddedTemplateFile"),
      postgresServerUrl: inject("postgresServerUrl") ?? undefined,
      postgresTemplate: inject("postgresTemplate") ?? undefined,
    });
  });
  afterAll(async () => {
    await db.destroy();
  });

  const lastSeq = async (room: string) => (await db.prisma.roomSequence.findUnique({ where: { room } }))?.lastSeq ?? 0;

  /** Records `names` (room:name pairs) in one transaction, commits, and reads the numbers back. */
  async function commit(events: [room: string, name: string][]): Promise<EventBatch> {
    const batch = new EventBatch();
    for (const [room, name] of events) batch.add([room], "task:removed", { taskId: name, workOrderId: name });
    await db.prisma.$transaction(async (tx) => batch.flush(tx));
    await batch.number(db.prisma);
    return batch;
  }

  it("numbers each room's events in the order recorded, after the room's last number, with no gap", async () => {
    const before = { a: await lastSeq("test:a"), b: await lastSeq("test:b") };
    const batch = await commit([
      ["test:b", "b1"],
      ["test:a", "a1"],
      ["test:b", "b2"],
      ["test:b", "b3"],
      ["test:a", "a2"],
    ]);
    const sent = batch.envelopes.map((e) => [e.room, e.seq, (e.data as { taskId: string }).taskId]);
    expect(sent).toEqual([
      ["test:b", before.b + 1, "b1"],
      ["test:a", before.a + 1, "a1"],
      ["test:b", before.b + 2, "b2"],
      ["test:b", before.b + 3, "b3"],
      ["test:a", before.a + 2, "a2"],
    ]);
    // what was stored is what is sent; the batch row is gone with the commit
    const stored = await db.prisma.roomEvent.findMany({
      where: { room: { in: ["test:a", "test:b"] }, seq: { gt: Math.min(before.a, before.b) } },
      orderBy: [{ room: "asc" }, { seq: "asc" }],
    });
    expect(stored.map((e) => [e.room, e.seq, (e.payload as { taskId: string }).taskId])).toEqual(
      [...sent].sort((x, y) => String(x[0]).localeCompare(String(y[0])) || Number(x[1]) - Number(y[1])),
    );
    expect(await lastSeq("test:b")).toBe(before.b + 3);
    expect(await db.prisma.roomEventBatch.count()).toBe(0);
    // the next commit continues where this one ended
    const next = await commit([["test:a", "a3"]]);
    expect(next.envelopes.map((e) => e.seq)).toEqual([before.a + 3]);
  });

  it("an event sent to several rooms is stored in each, with its own number there", async () => {
    const before = { e: await lastSeq("test:e"), f: await lastSeq("test:f") };
    const batch = new EventBatch();
    batch.add(["test:f", "test:e"], "task:removed", { taskId: "both", workOrderId: "x" });
    batch.add(["test:e"], "task:removed", { taskId: "e only", workOrderId: "x" });
    await db.prisma.$transaction(async (tx) => batch.flush(tx));
    await batch.number(db.prisma);
    const stored = await db.prisma.roomEvent.findMany({
      where: { room: { in: ["test:e", "test:f"] } },
      orderBy: [{ room: "asc" }, { seq: "asc" }],
    });
    expect(stored.map((e) => [e.room, e.seq, (e.payload as { taskId: string }).taskId])).toEqual([
      ["test:e", before.e + 1, "both"],
      ["test:e", before.e + 2, "e only"],
      ["test:f", before.f + 1, "both"],
    ]);
    expect(batch.envelopes.map((e) => [e.room, e.seq])).toEqual([
      ["test:f", before.f + 1],
      ["test:e", before.e + 1],
      ["test:e", before.e + 2],
    ]);
  });

  it("a transaction that rolls back leaves no event, no batch and no number taken", async () => {
    const before = await lastSeq("test:c");
    const batch = new EventBatch();
    batch.add(["test:c"], "task:removed", { taskId: "rolled back", workOrderId: "x" });
    await expect(
      db.prisma.$transaction(async (tx) => {
        await batch.flush(tx);
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await db.prisma.roomEvent.count({ where: { room: "test:c" } })).toBe(0);
    expect(await db.prisma.roomEventBatch.count()).toBe(0);
    expect(await lastSeq("test:c")).toBe(before);
    expect((await commit([["test:c", "c1"]])).envelopes.map((e) => e.seq)).toEqual([before + 1]);
  });

  // PGlite has one connection: two open transactions need PostgreSQL.
  it.runIf(kind === "postgresql")(
    "a transaction that stored its events but has not committed does not hold the room's number",
    { timeout: 30_000 },
    async () => {
      let stored!: () => void;
      const storedFirst = new Promise<void>((resolve) => (stored = resolve));
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      const first = new EventBatch();
      first.add(["test:d"], "task:removed", { taskId: "first stored", workOrderId: "x" });
      const slow = db.prisma.$transaction(async (tx) => {
        await first.flush(tx);
        stored();
        await released;
      });
      await storedFirst;
      // with the number taken before the commit, this commit would wait for the first one's (and time out)
      const second = await commit([["test:d", "second stored, first committed"]]);
      release();
      await slow;
      await first.number(db.prisma);
      expect(first.envelopes[0]!.seq).toBe(second.envelopes[0]!.seq + 1);
    },
  );
});
