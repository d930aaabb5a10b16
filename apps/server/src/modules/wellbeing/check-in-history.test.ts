// Issue 12: a crew member's check-ins over time — who may read them, the span, the audit rows.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addCompanyDays, companyDay } from "@crewboard/domain";
import type { CheckInHistory } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";

describeEachDatabase("check-in history", (kind) => {
  let t: TestApp;
  let crew4Id: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    crew4Id = (await t.db.prisma.user.findUniqueOrThrow({ where: { email: "crew4@crewboard.example" } })).id;
  });
  afterAll(() => t?.close());

  const auditRows = () =>
    t.db.prisma.auditEvent.findMany({ where: { action: "check_in.read", entityType: "user", entityId: crew4Id } });

  it("the last four weeks by default, oldest first, for the person, their team's manager and an admin; each read audited", async () => {
    const today = companyDay();
    const before = (await auditRows()).length;
    for (const who of ["crew4", "manager1", "admin"]) {
      const api = await t.as(who);
      const res = await api.get(`/users/${crew4Id}/check-ins`);
      expect(res.status, who).toBe(200);
      const body = res.body as CheckInHistory;
      expect(body.to).toBe(today);
      expect(body.from).toBe(addCompanyDays(today, -27));
      // the seed: four weeks of working days, today included
      expect(body.items.length).toBeGreaterThanOrEqual(19);
      expect(body.items.every((c) => c.user.id === crew4Id && c.day >= body.from && c.day <= body.to)).toBe(true);
      const days = body.items.map((c) => c.day);
      expect([...days].sort()).toEqual(days);
      expect(body.items.at(-1)).toMatchObject({ day: today, condition: "unwell" });
    }
    const rows = await auditRows();
    expect(rows.length - before).toBe(3);
  });

  it("another team's manager, another crew member and a client are told the person is not found, like an id nobody has", async () => {
    for (const who of ["manager2", "crew3", "client-a1"]) {
      const res = await (await t.as(who)).get(`/users/${crew4Id}/check-ins`);
      expect(res.status, who).toBe(who === "client-a1" ? 403 : 404);
      expect(JSON.stringify(res.body)).not.toContain("unwell");
    }
    const ghost = await (await t.as("admin")).get(`/users/${randomUUID()}/check-ins`);
    expect(ghost.status).toBe(404);
    expect(ghost.body.code).toBe("user.not_found");
  });

  it("a span of days: both ends included; a backwards or too long span names the field", async () => {
    const manager = await t.as("manager1");
    const today = companyDay();
    const one = await manager.get(`/users/${crew4Id}/check-ins?from=${today}&to=${today}`);
    expect(one.body.items).toHaveLength(1);
    const backwards = await manager.get(`/users/${crew4Id}/check-ins?from=${today}&to=${addCompanyDays(today, -1)}`);
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body.errors)).toContain("query.from");
    const long = await manager.get(`/users/${crew4Id}/check-ins?from=${addCompanyDays(today, -200)}&to=${today}`);
    expect(long.status).toBe(400);
    expect(JSON.stringify(long.body.errors)).toContain("query.from");
    const bad = await manager.get(`/users/${crew4Id}/check-ins?from=yesterday`);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain("query.from");
  });
});
