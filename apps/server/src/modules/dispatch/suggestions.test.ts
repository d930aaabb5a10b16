// Issue 10, suggestions with reasons: GET /tasks/:id/suggestions ranks the crew for a task and says
// why in the manager's words. A nominee who checked in unwell is never first and needs an override;
// another team's manager learns only "not available today"; a list that showed conditions is audited.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import type { ApiClient } from "../../test/api-client.ts";

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describeEachDatabase("suggestions with reasons", (kind) => {
  let t: TestApp;
  let manager1: ApiClient, manager2: ApiClient, client: ApiClient, crew3: ApiClient;
  let taskId: string;
  let orderId: string;
  let crew3Id: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    [manager1, manager2, client, crew3] = await Promise.all([
      t.as("manager1"),
      t.as("manager2"),
      t.as("client-a1"),
      t.as("crew3"),
    ]);
    crew3Id = crew3.user!.id;
    const order = await client.post("/work-orders", {
      title: "パンフレットの校正",
      dueAt: inDays(3),
      nominatedCrewId: crew3Id,
    });
    expect(order.status).toBe(201);
    expect((await manager1.patch(`/work-orders/${order.body.id}`, { status: "accepted", version: 1 })).status).toBe(
      200,
    );
    const split = await manager1.post(`/work-orders/${order.body.id}/tasks`, {
      tasks: [{ title: "校正", estimateMinutes: 120, requiredSkills: ["proofreading"] }],
    });
    expect(split.status).toBe(201);
    taskId = split.body.items[0].id;
    orderId = order.body.id;
    expect((await crew3.put("/check-ins/today", { condition: "unwell", note: "熱があります" })).status).toBe(200);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("ranks every active crew member with reasons; the nominee who is unwell today is not first, is warned about and needs an override", async () => {
    const res = await manager1.get(`/tasks/${taskId}/suggestions`);
    expect(res.status).toBe(200);
    const items = res.body.items as {
      user: { id: string };
      rank: number;
      reasons: { code: string; text: string }[];
      warnings: { code: string; text: string }[];
      needsOverride: boolean;
    }[];
    expect(items.length).toBe(await t.db.prisma.user.count({ where: { role: "crew", active: true } }));
    expect(items.map((i) => i.rank)).toEqual(items.map((_, i) => i + 1));
    const nominee = items.find((i) => i.user.id === crew3Id)!;
    expect(nominee.rank).toBeGreaterThan(1);
    expect(nominee.reasons.map((r) => r.code)).toEqual(
      expect.arrayContaining(["nominated", "skills.all", "today.condition"]),
    );
    expect(nominee.warnings.map((w) => w.code)).toContain("unwell");
    expect(nominee.needsOverride).toBe(true);
    // manager1 reads Japanese: the reasons are plain words
    expect(nominee.reasons.find((r) => r.code === "nominated")!.text).toBe("お客さまのご指名です");
    // the first is not unwell and needs no override; everyone who needs one comes after everyone who
    // does not (another team's people who are not available today need it too, and rank with the
    // unwell, so that neither the flag nor the order tells this manager more than "not today")
    expect(items[0]!.warnings.map((w) => w.code)).not.toContain("unwell");
    expect(items[0]!.needsOverride).toBe(false);
    const firstOverride = items.findIndex((i) => i.needsOverride);
    expect(items.slice(firstOverride).every((i) => i.needsOverride)).toBe(true);
    for (const i of items) for (const r of i.reasons) expect(r.text.length).toBeGreaterThan(0);
    const audit = await t.db.prisma.auditEvent.findMany({ where: { action: "check_in.read", entityId: taskId } });
    expect(audit.length).toBeGreaterThan(0);
  });

  it("another team's manager sees crew3 only as not available today, never the condition", async () => {
    const res = await manager2.get(`/tasks/${taskId}/suggestions`);
    expect(res.status).toBe(200);
    const nominee = res.body.items.find((i: { user: { id: string } }) => i.user.id === crew3Id);
    expect(nominee.reasons.map((r: { code: string }) => r.code)).toContain("today.not_available");
    expect(nominee.warnings.map((w: { code: string }) => w.code)).toEqual(expect.arrayContaining(["not_available"]));
    expect(JSON.stringify(nominee)).not.toMatch(/unwell|体調/);
  });

  it("is for staff only; an unknown task is 404", async () => {
    expect((await client.get(`/tasks/${taskId}/suggestions`)).status).toBe(403);
    expect((await crew3.get(`/tasks/${taskId}/suggestions`)).status).toBe(403);
    expect((await manager1.get(`/tasks/0190d6c8-7a4e-7b7a-9c51-2f5e0b7d2a11/suggestions`)).status).toBe(404);
  });

  it("an order's suggestions (splitting it) rank the same way for the skills asked; a bad skill is 400", async () => {
    const forTask = await manager1.get(`/tasks/${taskId}/suggestions`);
    const forOrder = await manager1.get(`/work-orders/${orderId}/suggestions?skills=proofreading`);
    expect(forOrder.status).toBe(200);
    expect(forOrder.body.items.map((i: { user: { id: string } }) => i.user.id)).toEqual(
      forTask.body.items.map((i: { user: { id: string } }) => i.user.id),
    );
    const nominee = forOrder.body.items.find((i: { user: { id: string } }) => i.user.id === crew3Id);
    expect(nominee.needsOverride).toBe(true);
    expect(typeof nominee.load.remainingMinutes).toBe("number");
    const noSkills = await manager1.get(`/work-orders/${orderId}/suggestions`);
    expect(noSkills.body.items[0].reasons.map((r: { code: string }) => r.code)).toContain("skills.none_required");
    const bad = await manager1.get(`/work-orders/${orderId}/suggestions?skills=juggling`);
    expect(bad.status).toBe(400);
    expect((await client.get(`/work-orders/${orderId}/suggestions`)).status).toBe(403);
  });
});
