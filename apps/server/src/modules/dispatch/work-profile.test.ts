// Issue 10, work profiles: a manager agrees a crew member's week, working days and skills on their
// page; the crew member reads their own; other crew and clients are told there is no such person.
// Load is the remaining estimate of open tasks against the agreed minutes left this week. The
// skills a task needs are set when an order is split and when the task is edited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minutesLeftThisWeek } from "@crewboard/domain";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import type { ApiClient } from "../../test/api-client.ts";

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describeEachDatabase("work profiles and load", (kind) => {
  let t: TestApp;
  let manager2: ApiClient, crew6: ApiClient, crew5: ApiClient, client: ApiClient, admin: ApiClient;
  let crew6Id: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    [manager2, crew6, crew5, client, admin] = await Promise.all([
      t.as("manager2"),
      t.as("crew6"),
      t.as("crew5"),
      t.as("client-b1"),
      t.as("admin"),
    ]);
    crew6Id = crew6.user!.id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it("the demo's short-hours crew member: 24 h over Monday, Wednesday and Friday, with their skills", async () => {
    const res = await manager2.get(`/users/${crew6Id}/work-profile`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { id: crew6Id },
      weeklyMinutes: 1440,
      workingDays: [1, 3, 5],
      skills: ["tagging", "ecommerce"],
    });
    expect(res.body.load.minutesLeftThisWeek).toBeLessThanOrEqual(1440);
  });

  it("a manager of another team changes it (work is not bound to teams); the change is audited", async () => {
    const manager1 = await t.as("manager1");
    const res = await manager1.put(`/users/${crew6Id}/work-profile`, {
      weeklyMinutes: 1200,
      workingDays: [5, 1, 3],
      skills: ["tagging", "survey"],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ weeklyMinutes: 1200, workingDays: [1, 3, 5], skills: ["tagging", "survey"] });
    const audit = await t.db.prisma.auditEvent.findFirst({
      where: { action: "work_profile.update", entityId: crew6Id },
    });
    expect(audit?.metadata).toMatchObject({ before: { weeklyMinutes: 1440 }, after: { weeklyMinutes: 1200 } });
  });

  it("the crew member reads their own, never changes it; another crew member and a client are told there is no such person", async () => {
    expect((await crew6.get(`/users/${crew6Id}/work-profile`)).status).toBe(200);
    expect(
      (await crew6.put(`/users/${crew6Id}/work-profile`, { weeklyMinutes: 3000, workingDays: [1], skills: [] })).status,
    ).toBe(403);
    expect((await crew5.get(`/users/${crew6Id}/work-profile`)).status).toBe(404);
    expect((await client.get(`/users/${crew6Id}/work-profile`)).status).toBe(403);
    expect((await client.get("/work-profiles")).status).toBe(403);
    expect((await crew5.get("/work-profiles")).status).toBe(403);
  });

  it("bad input names the field and changes nothing: a skill not in the list, a day twice, too many minutes", async () => {
    const before = (await manager2.get(`/users/${crew6Id}/work-profile`)).body;
    for (const [field, body] of [
      ["skills", { weeklyMinutes: 1200, workingDays: [1], skills: ["juggling"] }],
      ["workingDays", { weeklyMinutes: 1200, workingDays: [1, 1], skills: [] }],
      ["weeklyMinutes", { weeklyMinutes: 99_999, workingDays: [1], skills: [] }],
    ] as const) {
      const res = await admin.put(`/users/${crew6Id}/work-profile`, body);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect(JSON.stringify(res.body)).toContain(`body.${field}`);
    }
    expect((await manager2.get(`/users/${crew6Id}/work-profile`)).body).toEqual(before);
  });

  it("load: a split with estimates and required skills adds to the assignee's remaining minutes; logged minutes take off", async () => {
    const before = (await manager2.get(`/users/${crew6Id}/work-profile`)).body.load.remainingMinutes as number;
    const order = await client.post("/work-orders", { title: "商品画像のタグ付け", dueAt: inDays(3) });
    expect((await manager2.patch(`/work-orders/${order.body.id}`, { status: "accepted", version: 1 })).status).toBe(
      200,
    );
    const split = await manager2.post(`/work-orders/${order.body.id}/tasks`, {
      tasks: [
        { title: "タグ付け", assigneeId: crew6Id, estimateMinutes: 300, requiredSkills: ["tagging", "ecommerce"] },
      ],
    });
    expect(split.status).toBe(201);
    const task = split.body.items[0];
    expect(task.requiredSkills).toEqual(["tagging", "ecommerce"]);
    expect((await manager2.get(`/users/${crew6Id}/work-profile`)).body.load.remainingMinutes).toBe(before + 300);

    expect((await crew6.post(`/tasks/${task.id}/progress`, { percent: 30, minutesSpent: 120 })).status).toBe(201);
    const load = (await manager2.get(`/users/${crew6Id}/work-profile`)).body.load;
    expect(load.remainingMinutes).toBe(before + 180);
    expect(load.over).toBe(load.remainingMinutes > load.minutesLeftThisWeek);
    expect(
      Math.abs(
        load.minutesLeftThisWeek - minutesLeftThisWeek({ weeklyMinutes: 1200, workingDays: [1, 3, 5] }, new Date()),
      ),
    ).toBeLessThanOrEqual(2);

    const current = (await manager2.get(`/tasks/${task.id}`)).body;
    const edited = await manager2.patch(`/tasks/${task.id}`, { version: current.version, requiredSkills: ["tagging"] });
    expect(edited.status).toBe(200);
    expect(edited.body.requiredSkills).toEqual(["tagging"]);
    expect((await crew6.patch(`/tasks/${task.id}`, { version: edited.body.version, requiredSkills: [] })).status).toBe(
      403,
    );
  });

  describe("the list for choosing people", () => {
    it("has every active crew member with their load, for staff", async () => {
      const res = await manager2.get("/work-profiles");
      expect(res.status).toBe(200);
      const crew = await t.db.prisma.user.count({ where: { role: "crew", active: true } });
      expect(res.body.items).toHaveLength(crew);
      for (const p of res.body.items) expect(p.load).toHaveProperty("remainingMinutes");
    });
  });
});
