// Issue 10: assigning someone who said "unwell" today is refused (409 task.assignee_needs_override)
// unless the manager overrides explicitly, and the override is audited. Another team's manager, who
// may not know the condition, is never refused for it (the refusal would tell them).
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import type { ApiClient } from "../../test/api-client.ts";

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describeEachDatabase("assigning someone unwell needs an override", (kind) => {
  let t: TestApp;
  let manager1: ApiClient, manager2: ApiClient, crew3: ApiClient;
  let orderId: string;
  let crew3Id: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    let client: ApiClient;
    [manager1, manager2, client, crew3] = await Promise.all([
      t.as("manager1"),
      t.as("manager2"),
      t.as("client-a1"),
      t.as("crew3"),
    ]);
    crew3Id = crew3.user!.id;
    const order = await client.post("/work-orders", { title: "画像タグ付け", dueAt: inDays(3) });
    orderId = order.body.id;
    expect((await manager1.patch(`/work-orders/${orderId}`, { status: "accepted", version: 1 })).status).toBe(200);
    expect((await crew3.put("/check-ins/today", { condition: "unwell", note: "熱があります" })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  const overrides = (taskId: string) =>
    t.db.prisma.auditEvent.findMany({ where: { action: "task.assign_override", entityId: taskId } });

  it("split: refused without the override, naming the row's field; with it, created and audited", async () => {
    const refused = await manager1.post(`/work-orders/${orderId}/tasks`, {
      tasks: [{ title: "一", assigneeId: crew3Id }],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("task.assignee_needs_override");
    expect(refused.body.errors[0].path).toBe("body.tasks.0.assigneeId");
    expect(await t.db.prisma.task.count({ where: { workOrderId: orderId } })).toBe(0);

    const ok = await manager1.post(`/work-orders/${orderId}/tasks`, {
      tasks: [{ title: "一", assigneeId: crew3Id, assigneeOverride: true }],
    });
    expect(ok.status).toBe(201);
    const audit = await overrides(ok.body.items[0].id);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.metadata).toMatchObject({ assigneeId: crew3Id, reason: "unwell_today" });
  });

  it("assign: refused without the override; with it, assigned and audited; an unchanged assignee is not asked again", async () => {
    const split = await manager1.post(`/work-orders/${orderId}/tasks`, { tasks: [{ title: "二" }] });
    const task = split.body.items[0];
    const refused = await manager1.patch(`/tasks/${task.id}`, { version: task.version, assigneeId: crew3Id });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe("task.assignee_needs_override");
    expect(await overrides(task.id)).toHaveLength(0);

    const ok = await manager1.patch(`/tasks/${task.id}`, {
      version: task.version,
      assigneeId: crew3Id,
      assigneeOverride: true,
    });
    expect(ok.status).toBe(200);
    expect(ok.body.assignee.id).toBe(crew3Id);
    expect(await overrides(task.id)).toHaveLength(1);
    const again = await manager1.patch(`/tasks/${task.id}`, { version: ok.body.version, assigneeId: crew3Id });
    expect(again.status).toBe(200);
  });

  it("another team's manager, who may not see the condition, is not refused (that would tell them)", async () => {
    const split = await manager2.post(`/work-orders/${orderId}/tasks`, {
      tasks: [{ title: "三", assigneeId: crew3Id }],
    });
    expect(split.status).toBe(201);
    expect(await overrides(split.body.items[0].id)).toHaveLength(0);
  });
});
