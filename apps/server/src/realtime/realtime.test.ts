import { afterAll, beforeAll, expect, it } from "vitest";
import { rooms } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { connectSocket } from "../test/socket-client.ts";
import type { ApiClient } from "../test/api-client.ts";

describeEachDatabase("live board over Socket.IO", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  it("refuses a connection without a session", async () => {
    await expect(connectSocket(t.baseUrl, null)).rejects.toMatchObject({ data: { code: "auth.required" } });
  });

  it("a task change reaches the manager, the assignee and the client company, and nobody else", async () => {
    const [manager, crew3, sato, tanaka, crew5] = await Promise.all([
      t.as("manager1"),
      t.as("crew3"),
      t.as("client-a1"),
      t.as("client-b1"),
      t.as("crew5"),
    ]);
    const [mS, c3S, satoS, tanakaS, c5S] = await Promise.all(
      [manager, crew3, sato, tanaka, crew5].map((c) => connectSocket(t.baseUrl, c)),
    );
    const sockets = [mS!, c3S!, satoS!, tanakaS!, c5S!];
    await Promise.all(sockets.map((s) => s.sync()));
    const task = (await crew3.get("/tasks?assigneeId=me&status=todo,doing,blocked")).body.items[0];
    const started = Date.now();
    const res = await crew3.post(`/tasks/${task.id}/progress`, { percent: 55, note: "live", minutesSpent: 5 });
    expect(res.status).toBe(201);
    const got = (s: NonNullable<typeof mS>) => () =>
      s.eventsOf("progress:created").some((e) => (e.data as { task: { id: string } }).task.id === task.id);
    await Promise.all([mS!.waitFor(got(mS!)), c3S!.waitFor(got(c3S!)), satoS!.waitFor(got(satoS!))]);
    const latency = Date.now() - started;
    expect(latency).toBeLessThan(5000);
    await new Promise((r) => setTimeout(r, 300));
    expect(got(tanakaS!)()).toBe(false);
    expect(got(c5S!)()).toBe(false);
    expect(tanakaS!.events.filter((e) => JSON.stringify(e).includes(task.id))).toEqual([]);
    expect(mS!.eventsOf("work_order:updated").length).toBeGreaterThan(0);
    for (const s of sockets) s.close();
  });

  it("a join to a forbidden room is refused and audited", async () => {
    const tanaka = await t.as("client-b1");
    const s = await connectSocket(t.baseUrl, tanaka);
    const order = await t.db.prisma.workOrder.findFirstOrThrow({
      where: { clientCompany: { nameEn: { contains: "Sakura" } } },
    });
    for (const room of [rooms.board(), rooms.workOrder(order.id), rooms.company(order.clientCompanyId)]) {
      const answer = await s.request("room:join", { room });
      expect(answer).toMatchObject({ ok: false, error: { code: "auth.forbidden" } });
    }
    expect(
      await t.db.prisma.auditEvent.count({ where: { action: "realtime.join_refused", actorId: tanaka.user!.id } }),
    ).toBe(3);
    s.close();
  });

  it("sync:request joins a room the connection may join but is not in: its later events arrive live", async () => {
    const manager = await t.as("manager1");
    const s = await connectSocket(t.baseUrl, manager);
    const task = (await manager.get("/tasks?status=todo&limit=1")).body.items[0];
    const orderRoom = rooms.workOrder(task.workOrder.id);
    // not a home room of a manager: the connection is not in it until it asks
    const answer = await s.request("sync:request", { rooms: { [orderRoom]: 0 } });
    expect(answer).toMatchObject({ ok: true, data: { rooms: { [orderRoom]: { reset: false } } } });
    // a new estimate changes the order's figures: work_order:updated goes to the order's room too
    const r = await manager.patch(`/tasks/${task.id}`, {
      version: task.version,
      estimateMinutes: (task.estimateMinutes ?? 60) + 15,
    });
    expect(r.status).toBe(200);
    await s.waitFor(() => s.events.some((e) => e.room === orderRoom && e.event === "work_order:updated"));
    s.close();
  });

  /**
   * A manager's client that saw the board up to now disconnects, then `count` renames happen while
   * it is away ("<prefix> 0", "<prefix> 1", …): what it had seen, and the board's sequence then.
   */
  async function missRenames(manager: ApiClient, count: number, prefix: string) {
    const watcher = await connectSocket(t.baseUrl, manager);
    await watcher.sync({ [rooms.board()]: 0 });
    watcher.close();
    const task = (await manager.get("/tasks?status=todo&limit=1")).body.items[0];
    let version = task.version;
    for (let i = 0; i < count; i++) {
      const r = await manager.patch(`/tasks/${task.id}`, { version, title: `${prefix} ${i}` });
      expect(r.status).toBe(200);
      version = r.body.version;
    }
    return { seen: watcher.lastSeq, before: watcher.lastSeq[rooms.board()]! };
  }

  it("a reconnecting client gets exactly the 50 events it missed, in order", async () => {
    const manager = await t.as("manager1");
    const { seen, before } = await missRenames(manager, 50, "rename");
    const back = await connectSocket(t.baseUrl, manager);
    Object.assign(back.lastSeq, seen);
    await back.sync();
    const taskEvents = back.eventsOf("task:updated").filter((e) => e.room === rooms.board());
    expect(taskEvents.map((e) => (e.data as { title: string }).title)).toEqual(
      Array.from({ length: 50 }, (_, i) => `rename ${i}`),
    );
    const seqs = back.events.filter((e) => e.room === rooms.board()).map((e) => e.seq);
    expect(seqs[0]).toBe(before + 1);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    back.close();
  });

  it("connections catching up from the same event at the same moment (they share the read) each get every missed event, in order", async () => {
    const manager = await t.as("manager1");
    const { seen, before } = await missRenames(manager, 10, "shared");
    const back = await Promise.all(Array.from({ length: 8 }, () => connectSocket(t.baseUrl, manager)));
    for (const s of back) Object.assign(s.lastSeq, seen);
    await Promise.all(back.map((s) => s.sync()));
    for (const s of back) {
      const titles = s.eventsOf("task:updated").filter((e) => e.room === rooms.board());
      expect(titles.map((e) => (e.data as { title: string }).title)).toEqual(
        Array.from({ length: 10 }, (_, i) => `shared ${i}`),
      );
      const seqs = s.events.filter((e) => e.room === rooms.board()).map((e) => e.seq);
      expect(seqs[0]).toBe(before + 1);
      expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
      s.close();
    }
  });
});
