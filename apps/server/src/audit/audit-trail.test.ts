// A scripted working session produces exactly the audit trail it should (issue 13): every write and
// every read of someone's health data leaves one row naming who, what and which record; reads of
// ordinary work leave none; a wrong password leaves one aggregated row, not one per attempt; a
// refused request leaves nothing but its refusal. The trail is read back in order after the script.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import type { ApiClient } from "../test/api-client.ts";

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

describeEachDatabase("the audit trail of a scripted session", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  it("is exactly the expected rows, in order", async () => {
    const since = new Date(Date.now() - 1000);
    const emailOf = (api: ApiClient) => (api.user as { email: string }).email;

    const sato = await t.as("client-a1");
    const manager = await t.as("manager1");
    const crew = await t.as("crew1");
    const order = await sato.post("/work-orders", { title: "監査のための注文", dueAt: inDays(5) });
    expect(order.status, order.text).toBe(201);
    // reading work is not audited
    expect((await sato.get(`/work-orders/${order.body.id}`)).status).toBe(200);
    expect((await manager.get("/work-orders?status=requested")).status).toBe(200);
    expect((await manager.patch(`/work-orders/${order.body.id}`, { status: "accepted", version: 1 })).status).toBe(200);
    const split = await manager.post(`/work-orders/${order.body.id}/tasks`, {
      tasks: [{ title: "入力", assigneeId: crew.user!.id, estimateMinutes: 60 }],
    });
    expect(split.status, split.text).toBe(201);
    const taskId = (split.body.items ?? split.body)[0].id as string;
    expect((await crew.post(`/tasks/${taskId}/progress`, { percent: 40, minutesSpent: 30 })).status).toBe(201);
    // a refused write: crew may not change the order
    expect((await crew.patch(`/work-orders/${order.body.id}`, { title: "x", version: 2 })).status).toBeGreaterThan(399);
    // a read of someone's health data is audited (the manager reads crew1's check-ins)
    expect((await manager.get(`/users/${crew.user!.id}/check-ins`)).status).toBe(200);
    // three wrong passwords: one aggregated row per window and scope (the account, the address)
    for (let i = 0; i < 3; i++)
      expect(
        (await t.anonymous().post("/auth/login", { email: "crew2@crewboard.example", password: "wrong-1234567" }))
          .status,
      ).toBe(401);
    expect((await sato.post("/auth/logout")).status).toBe(204);

    const rows = await t.db.prisma.auditEvent.findMany({
      where: { createdAt: { gte: since } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { action: true, entityType: true, entityId: true, metadata: true, actor: { select: { email: true } } },
    });
    const trail = rows.map((r) => `${r.actor?.email ?? "-"} ${r.action} ${r.entityType}`);
    // (rows of one transaction share its time: compared as a set, in the order the script ran)
    const expected = [
      `${emailOf(sato)} auth.login user`,
      `${emailOf(manager)} auth.login user`,
      `${emailOf(crew)} auth.login user`,
      `${emailOf(sato)} work_order.create work_order`,
      `${emailOf(manager)} work_order.accepted work_order`,
      `${emailOf(manager)} task.create task`,
      // the first progress starts the order and the task: each change of status is a row of its own
      `${emailOf(crew)} work_order.in_progress work_order`,
      `${emailOf(crew)} progress.create task`,
      `${emailOf(crew)} task.doing task`,
      `${emailOf(manager)} check_in.read user`,
      `- auth.login_failed user`,
      `- auth.login_failed user`,
      `${emailOf(sato)} auth.logout user`,
    ];
    expect([...trail].sort()).toEqual([...expected].sort());
    // each names its record
    const byAction = (action: string) => rows.filter((r) => r.action === action);
    for (const action of ["work_order.create", "work_order.accepted", "work_order.in_progress"])
      expect(byAction(action).map((r) => r.entityId)).toEqual([order.body.id]);
    for (const action of ["task.create", "progress.create", "task.doing"])
      expect(byAction(action).map((r) => r.entityId)).toEqual([taskId]);
    expect(byAction("check_in.read").map((r) => r.entityId)).toEqual([crew.user!.id]);
    expect(new Set(byAction("auth.login_failed").map((r) => (r.metadata as { scope: string }).scope))).toEqual(
      new Set(["account", "address"]),
    );
    // what happened in separate requests stays in the order it happened
    expect(rows.at(-1)!.action).toBe("auth.logout");
    expect(rows.slice(0, 3).map((r) => r.action)).toEqual(["auth.login", "auth.login", "auth.login"]);
  });
});
