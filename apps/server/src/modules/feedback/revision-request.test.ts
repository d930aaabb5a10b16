// A revision request reaches the crew members working on the order (issue 7, item 6): after
// Sato asks for a revision, every task of the order carries it with her comment — over REST and
// in the live task:updated each assignee receives — and each assignee gets a
// work_order.revision_requested notification with the comment, written in the same transaction as
// the feedback. It stands while the order waits for the revision and while it is reworked, and
// ends when the order is delivered again.
import { afterAll, beforeAll, expect, it } from "vitest";
import type { RoomEnvelope, Task } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import { connectSocket, type TestSocket } from "../../test/socket-client.ts";
import type { ApiClient } from "../../test/api-client.ts";

const COMMENT = "インデックスの契約日が3件ずれています（箱2-014、箱2-031、箱3-007）。ご確認をお願いします。";

describeEachDatabase("a revision request reaches the crew", (kind) => {
  let t: TestApp;
  let sato: ApiClient, manager: ApiClient, crew1: ApiClient, crew2: ApiClient, crew4: ApiClient, crew3: ApiClient;
  let sockets: Record<"crew1" | "crew2" | "crew4" | "crew3" | "sato", TestSocket>;
  let orderId: string;
  let tasks: { id: string; assigneeId: string | null }[];

  beforeAll(async () => {
    t = await startTestApp(kind);
    [sato, manager, crew1, crew2, crew4, crew3] = await Promise.all([
      t.as("client-a1"),
      t.as("manager1"),
      t.as("crew1"),
      t.as("crew2"),
      t.as("crew4"),
      t.as("crew3"),
    ]);
    // 契約書のスキャン (seed): Sato's order, delivered today; crew1, crew4 and crew2 did its tasks
    const order = await t.db.prisma.workOrder.findFirstOrThrow({
      where: { title: { startsWith: "契約書のスキャン" } },
      include: { tasks: true },
    });
    expect(order.status).toBe("delivered");
    orderId = order.id;
    tasks = order.tasks.map((x) => ({ id: x.id, assigneeId: x.assigneeId }));
    const entries = await Promise.all(
      (
        [
          ["crew1", crew1],
          ["crew2", crew2],
          ["crew4", crew4],
          ["crew3", crew3],
          ["sato", sato],
        ] as const
      ).map(async ([name, api]) => {
        const s = await connectSocket(t.baseUrl, api);
        await s.sync();
        return [name, s] as const;
      }),
    );
    sockets = Object.fromEntries(entries) as typeof sockets;
  });
  afterAll(async () => {
    for (const s of Object.values(sockets ?? {})) s.close();
    await t?.close();
  });

  const taskEvents = (s: TestSocket) =>
    s
      .eventsOf("task:updated")
      .map((e) => e.data as Task)
      .filter((x) => x.workOrder.id === orderId);
  const revisionNotes = (s: TestSocket) =>
    s
      .eventsOf("notification:created")
      .map((e) => e.data as RoomEnvelope<unknown>["data"] & { kind: string; data: Record<string, unknown> })
      .filter((n) => n.kind === "work_order.revision_requested");

  it("nothing stands before the request: the tasks carry no revision request", async () => {
    for (const task of tasks) expect((await manager.get(`/tasks/${task.id}`)).body.revisionRequest).toBeNull();
  });

  it("a refused request notifies nobody and changes nothing", async () => {
    const requested = await t.db.prisma.workOrder.findFirstOrThrow({
      where: { status: "requested", clientCompanyId: sato.user!.clientCompanyId! },
    });
    const before = await t.db.prisma.notification.count();
    const res = await sato.post(`/work-orders/${requested.id}/feedback`, {
      verdict: "request_revision",
      comment: "まだ早い",
    });
    expect(res.status).toBe(409);
    expect(await t.db.prisma.notification.count()).toBe(before);
  });

  it("Sato asks for a revision: each assignee is told, with her comment, live and in the inbox", async () => {
    const res = await sato.post(`/work-orders/${orderId}/feedback`, { verdict: "request_revision", comment: COMMENT });
    expect(res.status, res.text).toBe(201);
    const feedback = await t.db.prisma.feedback.findUniqueOrThrow({ where: { id: res.body.id } });

    for (const name of ["crew1", "crew2", "crew4"] as const) {
      const s = sockets[name];
      await s.waitFor(() => revisionNotes(s).length > 0, 5000, `${name}'s revision notification`);
      expect(revisionNotes(s)).toHaveLength(1);
      expect(revisionNotes(s)[0]!.data).toMatchObject({
        workOrderId: orderId,
        comment: COMMENT,
        requestedBy: "佐藤 美咲",
        feedbackId: feedback.id,
      });
      // their task comes live with the request on it
      await s.waitFor(() => taskEvents(s).some((x) => x.revisionRequest !== null), 5000, `${name}'s task:updated`);
      const mine = taskEvents(s).filter(
        (x) => x.assignee?.id === (name === "crew1" ? crew1 : name === "crew2" ? crew2 : crew4).user!.id,
      );
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.at(-1)!.revisionRequest).toEqual({
        comment: COMMENT,
        requestedBy: "佐藤 美咲",
        requestedAt: feedback.createdAt.toISOString(),
      });
      // one task:updated per task the person may see (their own), not the others'
      expect(taskEvents(s).every((x) => x.assignee?.id === mine[0]!.assignee?.id)).toBe(true);
    }
    // stored with the feedback: one notification per assignee, nobody else
    const stored = await t.db.prisma.notification.findMany({
      where: { kind: "work_order.revision_requested", data: { path: ["workOrderId"], equals: orderId } },
    });
    expect(stored.map((n) => n.userId).sort()).toEqual([crew1.user!.id, crew2.user!.id, crew4.user!.id].sort());
    expect(stored.every((n) => (n.data as { comment: string }).comment === COMMENT)).toBe(true);
    // crew3 has no task in this order: told nothing about it
    await new Promise((r) => setTimeout(r, 300));
    expect(revisionNotes(sockets.crew3)).toEqual([]);
    expect(taskEvents(sockets.crew3)).toEqual([]);
    // the client sees her own request on the order's tasks (she may see them) but gets no crew notification
    expect(revisionNotes(sockets.sato)).toEqual([]);
  });

  it("over REST, every task of the order carries it, for the crew member and the board", async () => {
    for (const task of tasks) {
      const res = await manager.get(`/tasks/${task.id}`);
      expect(res.body.revisionRequest).toMatchObject({ comment: COMMENT, requestedBy: "佐藤 美咲" });
    }
    const mine = await crew1.get(`/tasks?assigneeId=me&revisionRequested=true`);
    expect(mine.status).toBe(200);
    const ids = mine.body.items.map((x: Task) => x.id);
    expect(ids).toContain(tasks.find((x) => x.assigneeId === crew1.user!.id)!.id);
    expect(mine.body.items.every((x: Task) => x.revisionRequest !== null)).toBe(true);
    // and the filter's other side leaves them out
    const others = await crew1.get(`/tasks?assigneeId=me&revisionRequested=false`);
    expect(others.body.items.some((x: Task) => x.workOrder.id === orderId)).toBe(false);
  });

  it("the manager reopens crew1's task: the order is in progress again and the request still shows on My Day's task", async () => {
    const task = tasks.find((x) => x.assigneeId === crew1.user!.id)!;
    const current = (await manager.get(`/tasks/${task.id}`)).body as Task;
    const reopened = await manager.patch(`/tasks/${task.id}`, { version: current.version, status: "doing" });
    expect(reopened.status, reopened.text).toBe(200);
    expect((await manager.get(`/work-orders/${orderId}`)).body.status).toBe("in_progress");
    // what My Day reads: crew1's open tasks
    const myDay = await crew1.get("/tasks?assigneeId=me&status=doing,blocked,todo,review");
    const shown = (myDay.body.items as Task[]).find((x) => x.id === task.id)!;
    expect(shown.status).toBe("doing");
    expect(shown.progress).toBe(100);
    expect(shown.revisionRequest).toMatchObject({ comment: COMMENT, requestedBy: "佐藤 美咲" });
    // the live copy crew1 received for the reopening carries it too
    await sockets.crew1.waitFor(
      () => taskEvents(sockets.crew1).some((x) => x.id === task.id && x.status === "doing"),
      5000,
      "reopened task",
    );
    expect(
      taskEvents(sockets.crew1)
        .filter((x) => x.id === task.id && x.status === "doing")
        .at(-1)!.revisionRequest?.comment,
    ).toBe(COMMENT);
    // progress logged on it keeps it
    const logged = await crew1.post(`/tasks/${task.id}/progress`, {
      percent: 100,
      note: "3件の契約日を直しました。",
      minutesSpent: 15,
    });
    expect(logged.body.task.revisionRequest?.comment).toBe(COMMENT);
  });

  it("delivered again: the request ends on every task, live and over REST", async () => {
    const task = tasks.find((x) => x.assigneeId === crew1.user!.id)!;
    let current = (await crew1.get(`/tasks/${task.id}`)).body as Task;
    current = (await crew1.patch(`/tasks/${task.id}`, { version: current.version, status: "review" })).body;
    const done = await manager.patch(`/tasks/${task.id}`, { version: current.version, status: "done" });
    expect(done.status, done.text).toBe(200);
    // finished but not delivered yet: it still stands
    expect(done.body.revisionRequest?.comment).toBe(COMMENT);
    const delivered = await manager.patch(`/work-orders/${orderId}`, { status: "delivered" });
    expect(delivered.status, delivered.text).toBe(200);
    for (const x of tasks) expect((await manager.get(`/tasks/${x.id}`)).body.revisionRequest).toBeNull();
    for (const name of ["crew1", "crew2", "crew4"] as const) {
      const s = sockets[name];
      await s.waitFor(() => taskEvents(s).at(-1)?.revisionRequest === null, 5000, `${name}: the request ended`);
    }
    expect(
      (await crew1.get(`/tasks?assigneeId=me&revisionRequested=true`)).body.items.some(
        (x: Task) => x.workOrder.id === orderId,
      ),
    ).toBe(false);
  });

  it("the seeded order waiting for a revision shows its request to its crew", async () => {
    const res = await crew3.get("/tasks?assigneeId=me&revisionRequested=true&status=done");
    expect(res.status).toBe(200);
    const ec = (res.body.items as Task[]).find((x) => x.workOrder.title.startsWith("ECサイト"));
    expect(ec?.revisionRequest?.comment).toContain("税込価格の表示漏れ");
    expect(ec?.revisionRequest?.requestedBy).toBe("中村 浩二");
  });
});
