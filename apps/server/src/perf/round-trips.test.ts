// Round trips of the hot paths (issue 14): how many SQL statements a progress write and a board
// page read send. Counted from Prisma's query events on both databases; a change that adds
// statements to these paths shows here before it shows in the bench.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@crewboard/db/testing";
import { createApp } from "../app.ts";
import { ApiClient } from "../test/api-client.ts";
import { TEST_SOCKET_LIMITS } from "../test/socket-limits.ts";
import { describeEachDatabase, testTemplates } from "../test/test-app.ts";
import { connectSocket } from "../test/socket-client.ts";
import { homeRooms } from "@crewboard/domain";
import {
  readWorkOrderWithSummary,
  toWorkOrderDto,
  workOrderInclude,
} from "../modules/work-orders/work-order.mapper.ts";

describeEachDatabase("round trips of the hot paths", (kind) => {
  let db: TestDatabase;
  let app: ReturnType<typeof createApp>;
  let baseUrl: string;
  let statements: string[] = [];
  beforeAll(async () => {
    db = await openTestDatabase(kind, testTemplates(), { observeQueries: true });
    // every statement, Prisma's and those sent directly through the pool (packages/db queries/direct.ts)
    db.onQuery!((_ms, statement) => void statements.push(statement));
    app = createApp({
      db,
      demoMode: true,
      loginRateLimit: { limit: 1000, windowMs: 60_000 },
      socketLimits: TEST_SOCKET_LIMITS,
    });
    await new Promise<void>((resolve) => app.httpServer.listen(0, "127.0.0.1", resolve));
    baseUrl = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.realtime.close();
    app.httpServer.closeAllConnections();
    await new Promise<void>((resolve) => app.httpServer.close(() => resolve()));
    await db.destroy();
  });

  async function count(run: () => Promise<unknown>): Promise<string[]> {
    statements = [];
    await run();
    return statements;
  }

  it("a progress write and a board page read", { timeout: 120_000 }, async () => {
    const crew = await new ApiClient(baseUrl).login("crew1@crewboard.example");
    const manager = await new ApiClient(baseUrl).login("manager1@crewboard.example");
    const mine = await crew.request("GET", "/tasks?limit=100");
    const task = (mine.body.items as { id: string; status: string }[]).find((t) => t.status !== "done")!;
    await crew.request("POST", `/tasks/${task.id}/progress`, { percent: 10, note: "warm", minutesSpent: 1 });
    let written: { task: unknown; progressUpdate: { id: string } } | undefined;
    const write = await count(async () => {
      const r = await crew.request("POST", `/tasks/${task.id}/progress`, { percent: 20, note: "n", minutesSpent: 1 });
      expect(r.status).toBe(201);
      written = r.body as typeof written;
    });
    statements = [];
    await manager.request("GET", "/tasks?limit=100");
    // counted: the session (with its user and company) 1, the task page with its relations 1
    const read = await count(async () => {
      const r = await manager.request("GET", "/tasks?limit=100");
      expect(r.status).toBe(200);
    });
    const listing = (list: string[]) => list.map((s) => s.replace(/\s+/g, " ").slice(0, 100)).join("\n");
    // the session 1; in the transaction: the task 1; the progress row, its audit row, the task's update,
    // its order with its people and the order's task summary 1 (one hand-written statement; the author
    // is the signed-in user, the assignee the one read with the task); the sequences and events 1 (the
    // `board` row is held for it and the commit only); BEGIN/COMMIT. (An order already in progress is
    // not updated again.)
    console.log(`[${kind}] progress write: ${write.length} statements\n${listing(write)}`);
    expect(write.length, listing(write)).toBeLessThanOrEqual(5);
    // each is sent as a named prepared statement on PostgreSQL (@crewboard/db direct.ts), which a
    // result of `*` would prevent: parsed and planned once per connection, not on every write
    expect(
      write.filter((s) => /RETURNING\s+\*/i.test(s)),
      listing(write),
    ).toEqual([]);
    expect(read.length, listing(read)).toBeLessThanOrEqual(2);
    expect(read.filter((s) => s.includes(`AS "seqs"`)).length, listing(read)).toBe(1); // the page statement, counted however it is sent
    // the answer built from the one hand-written statement is what a read returns afterwards
    expect((await crew.request("GET", `/tasks/${task.id}`)).body).toEqual(written!.task);
    const progress = await crew.request("GET", `/tasks/${task.id}/progress?limit=1`);
    expect(progress.body.items[0]).toEqual(written!.progressUpdate);
  });

  it("a manager's socket: connecting and joining its home rooms", { timeout: 120_000 }, async () => {
    const manager = await new ApiClient(baseUrl).login("manager1@crewboard.example");
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "manager1@crewboard.example" } });
    const connectAndJoin = async () => {
      const s = await connectSocket(baseUrl, manager);
      const answers = await Promise.all(homeRooms(user).map((room) => s.request("room:join", { room })));
      expect(answers.every((a) => a.ok)).toBe(true);
      s.close();
    };
    await connectAndJoin();
    const statements = await count(connectAndJoin);
    const listing = statements.map((s) => s.replace(/\s+/g, " ").slice(0, 140)).join("\n");
    console.log(`[${kind}] socket connect: ${statements.length} statements\n${listing}`);
    expect(statements.length, listing).toBeLessThanOrEqual(100);
  });

  it(
    "an order's progress and counts computed in SQL are those derived from every task",
    { timeout: 120_000 },
    async () => {
      // a few shapes the seed may lack: an estimate of 0, out-of-range progress, a done task at 0 %
      const order = await db.prisma.workOrder.findFirstOrThrow({ where: { tasks: { some: {} } } });
      const [first] = await db.prisma.task.findMany({ where: { workOrderId: order.id }, take: 1 });
      await db.prisma.task.update({
        where: { id: first!.id },
        data: { estimateMinutes: 0, progress: 0, status: "done" },
      });
      const orders = await db.prisma.workOrder.findMany({ include: workOrderInclude });
      expect(orders.length).toBeGreaterThan(1);
      for (const o of orders) {
        expect(toWorkOrderDto(await readWorkOrderWithSummary(db.prisma, o.id))).toEqual(toWorkOrderDto(o));
      }
    },
  );
});
