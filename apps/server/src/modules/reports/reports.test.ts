// Issue 12: a client company's monthly report — its figures against the seeded data (computed by
// hand below), who may read it, its CSV, that clients never receive a full name in it, and the
// managers' improvement proposal (versioned, idempotent, audited).
//
// The demo is seeded again here with a fixed "now" (2026-11-24, as in the seed's own test), so that
// "last month" is October 2026 whatever the day the tests run: the rest of the demo data lies in
// the 14 days before now (November), so October holds only the report's rows
// (packages/db/src/seed/monthly-report.ts).
import { afterAll, beforeAll, expect, it } from "vitest";
import { REPORT_PROPOSAL_BODY, resetDatabase, seedDemoData } from "@crewboard/db";
import { displayNameOf } from "@crewboard/domain";
import type { ClientReport } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import type { ApiClient } from "../../test/api-client.ts";
import { clientReportCsv } from "./export-client-report.ts";

const NOW = new Date("2026-11-24T03:00:00Z");
const MONTH = "2026-10";

describeEachDatabase("monthly reports for clients", (kind) => {
  let t: TestApp;
  let companyA: string;
  let companyB: string;
  let as: Record<string, ApiClient>;
  let employees: { name: string; email: string; displayName: string | null; role: string }[];
  const path = (company: string, month = MONTH) => `/client-companies/${company}/reports/${month}`;

  beforeAll(async () => {
    t = await startTestApp(kind);
    await resetDatabase(t.db.prisma);
    await seedDemoData(t.db.prisma, { now: NOW });
    companyA = (await t.db.prisma.clientCompany.findFirstOrThrow({ where: { nameEn: "Sakura Trading Co." } })).id;
    companyB = (await t.db.prisma.clientCompany.findFirstOrThrow({ where: { nameEn: "Minato Logistics Inc." } })).id;
    employees = await t.db.prisma.user.findMany({
      where: { role: { not: "client" } },
      select: { name: true, email: true, displayName: true, role: true },
    });
    const names = ["client-a1", "client-a2", "client-b1", "manager1", "manager2", "admin", "crew1"];
    as = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await t.as(n)] as const)));
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  function leaksIn(text: string): string[] {
    return employees.flatMap((e) => [
      ...(text.includes(e.name) ? [`${e.role} full name ${e.name}`] : []),
      ...(text.includes(e.email) ? [`${e.role} email ${e.email}`] : []),
    ]);
  }

  it("company A's October: the figures computed by hand from the seeded rows", async () => {
    const r = await as.manager1!.get(path(companyA));
    expect(r.status).toBe(200);
    const report = r.body as ClientReport;
    // The month is Tokyo's: 2026-10-01 00:00 JST = 2026-09-30 15:00 UTC, to 2026-11-01 00:00 JST.
    expect([report.from, report.to]).toEqual(["2026-09-30T15:00:00.000Z", "2026-10-31T15:00:00.000Z"]);
    // Orders completed in October (completedAt) and on time (completedAt <= dueAt):
    //   名刺データの入力     completed 10-08 10:00, due 10-08 17:00 → on time
    //   商品画像のタグ付け   completed 10-16 11:00, due 10-15 17:00 → late
    //   顧客アンケートの集計 completed 10-22 14:00, due 10-24 17:00 → on time
    //   → 3 completed, 2 on time
    expect(report.ordersCompleted).toBe(3);
    expect(report.ordersOnTime).toBe(2);
    expect(report.orders.map((o) => [o.title, o.onTime, o.rating])).toEqual([
      ["名刺データの入力（300枚）", true, 5],
      ["商品画像のタグ付け（200点）", false, 3],
      ["顧客アンケートの集計（150件）", true, 2],
    ]);
    // Ratings given in October: 5, 3, 2 → 3 ratings, mean 10 / 3 = 3.33… → 3.3
    expect(report.ratingCount).toBe(3);
    expect(report.averageRating).toBe(3.3);
    // The rating of 2 (10-22) opened a follow-up, closed 10-25 → 1 opened, 1 closed
    expect([report.followUpsOpened, report.followUpsClosed]).toEqual([1, 1]);
    // Minutes logged in October (progress updates), by the task's skills:
    //   crew1 名刺入力 [data_entry]        120 + 180 + 60 = 360
    //   crew3 照合 [proofreading]           45 + 45       =  90
    //   crew2 タグ付け [tagging, ecommerce] 150 + 150     = 300 (counted under both skills)
    //   crew3 表記ゆれ [proofreading]       15 + 15       =  30
    //   crew1 集計 [survey]                 120 + 120     = 240
    //   crew3 自由記述 [data_entry]         30 + 30       =  60
    //   total 360 + 90 + 300 + 30 + 240 + 60 = 1080 (18.0 hours)
    //   data_entry 360 + 60 = 420; proofreading 90 + 30 = 120; tagging 300; ecommerce 300; survey 240
    expect(report.totalMinutes).toBe(1080);
    expect(report.hoursBySkill).toEqual([
      { skill: "data_entry", minutes: 420 },
      { skill: "proofreading", minutes: 120 },
      { skill: "tagging", minutes: 300 },
      { skill: "ecommerce", minutes: 300 },
      { skill: "survey", minutes: 240 },
    ]);
    expect(report.proposal).toMatchObject({ body: REPORT_PROPOSAL_BODY, version: 1 });
  });

  it("another company and another month: nothing of company A's October", async () => {
    const b = (await as["client-b1"]!.get(path(companyB))).body as ClientReport;
    expect(b).toMatchObject({
      ordersCompleted: 0,
      ordersOnTime: 0,
      ratingCount: 0,
      averageRating: null,
      followUpsOpened: 0,
      followUpsClosed: 0,
      totalMinutes: 0,
      hoursBySkill: [],
      orders: [],
      proposal: null,
    });
    // September: before any of the demo's work
    const september = (await as.manager1!.get(path(companyA, "2026-09"))).body as ClientReport;
    expect([september.ordersCompleted, september.totalMinutes, september.proposal]).toEqual([0, 0, null]);
  });

  it("is read by the company's clients, managers and admins; never by another company's clients or crew", async () => {
    for (const who of ["client-a1", "client-a2", "manager1", "manager2", "admin"]) {
      expect((await as[who]!.get(path(companyA))).status, who).toBe(200);
      expect((await as[who]!.get(`${path(companyA)}/csv`)).status, `${who} csv`).toBe(200);
    }
    // another company's client: as if it did not exist (its id tells them nothing)
    const b1 = await as["client-b1"]!.get(path(companyA));
    expect([b1.status, b1.body.code]).toEqual([404, "client_company.not_found"]);
    expect((await as["client-b1"]!.get(`${path(companyA)}/csv`)).status).toBe(404);
    // crew are not the report's audience
    expect((await as.crew1!.get(path(companyA))).status).toBe(403);
    expect((await as.crew1!.get(`${path(companyA)}/csv`)).status).toBe(403);
    expect((await t.anonymous().get(path(companyA))).status).toBe(401);
    // a month that is not one
    expect((await as.manager1!.get(path(companyA, "2026-13"))).status).toBe(400);
  });

  it("the CSV: UTF-8 with a byte order mark for Excel, CRLF, the figures, the orders and the proposal", async () => {
    const res = await fetch(`${t.baseUrl}/api/v1${path(companyA)}/csv`, {
      headers: { cookie: as["client-a1"]!.cookieHeader! },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="crewboard-report-2026-10.csv"');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    const lines = text.split("\r\n");
    // records end in CRLF; a bare LF is only inside the proposal's quoted cell (its own lines)
    expect(text.endsWith("\r\n")).toBe(true);
    expect(lines[0]).toBe("月次レポート,株式会社さくら商事");
    expect(lines[1]).toBe("対象月,2026-10");
    expect(lines).toContain("完了した依頼（件）,3");
    expect(lines).toContain("うち納期内（件）,2");
    expect(lines).toContain("平均評価（5段階）,3.3");
    expect(lines).toContain("作業時間の合計（時間）,18.0");
    expect(lines).toContain("データ入力,7.0,420");
    expect(lines).toContain("タグ付け,5.0,300");
    const crew1 = employees.find((e) => e.email.startsWith("crew1@"))!;
    const crew3 = employees.find((e) => e.email.startsWith("crew3@"))!;
    expect(lines.find((l) => l.includes("名刺データの入力"))).toMatch(
      new RegExp(
        `^#\\d+,名刺データの入力（300枚）,2026-10-08 17:00,2026-10-08 10:00,はい,5,${displayNameOf(crew1)} / ${displayNameOf(crew3)}$`,
      ),
    );
    expect(lines.find((l) => l.includes("商品画像"))).toContain(",いいえ,3,");
    expect(text).toContain("改善のご提案");
    expect(text).toContain(REPORT_PROPOSAL_BODY.split("\n")[0]);
  });

  it("the CSV in English; a cell that would be a formula is made text", () => {
    const report: ClientReport = {
      company: { id: companyA, name: "株式会社さくら商事", nameEn: "Sakura Trading Co." },
      month: MONTH,
      from: "2026-09-30T15:00:00.000Z",
      to: "2026-10-31T15:00:00.000Z",
      ordersCompleted: 1,
      ordersOnTime: 1,
      ratingCount: 0,
      averageRating: null,
      followUpsOpened: 0,
      followUpsClosed: 0,
      totalMinutes: 90,
      hoursBySkill: [{ skill: null, minutes: 90 }],
      orders: [],
      proposal: { body: "=HYPERLINK(1)", version: 1, updatedBy: null, updatedAt: "2026-11-01T01:00:00.000Z" },
    };
    const csv = clientReportCsv(report, "en");
    expect(csv.startsWith("\uFEFFMonthly report,Sakura Trading Co.\r\nMonth,2026-10\r\n")).toBe(true);
    expect(csv).toContain("Average rating (of 5),none\r\n");
    expect(csv).toContain("No skill named,1.5,90\r\n");
    expect(csv).toContain("'=HYPERLINK(1)");
  });

  it("clients never receive a full name in the report or its CSV; the check can fail", async () => {
    for (const who of ["client-a1", "client-a2"]) {
      const json = await as[who]!.get(path(companyA));
      const csv = await as[who]!.get(`${path(companyA)}/csv`);
      expect(leaksIn(json.text + csv.text), who).toEqual([]);
      // crew are there, by display name
      const crew = (json.body as ClientReport).orders.flatMap((o) => o.crew);
      expect(crew.length).toBeGreaterThan(0);
      for (const p of crew) expect(p.name).toBe(p.displayName);
      expect((json.body as ClientReport).proposal?.updatedBy?.name).toBe("高橋");
    }
    // the manager's screen names people in full; the CSV, a document for the client, never does
    const managerJson = await as.manager1!.get(path(companyA));
    expect(leaksIn(managerJson.text).length).toBeGreaterThan(0);
    expect(leaksIn((await as.manager1!.get(`${path(companyA)}/csv`)).text)).toEqual([]);
  });

  it("the improvement proposal: managers and admins write it, versioned, idempotent and audited; clients read it", async () => {
    const audits = () => t.db.prisma.auditEvent.count({ where: { action: "report_proposal.update" } });
    const before = await audits();
    const proposalPath = `${path(companyA)}/proposal`;
    const body = "スキャンPDFでのご入稿をお勧めします。";

    // clients and crew may not write it
    expect((await as["client-a1"]!.put(proposalPath, { body, version: 1 })).status).toBe(403);
    expect((await as.crew1!.put(proposalPath, { body, version: 1 })).status).toBe(403);

    // a change names the version it read; a retry with the same key is answered once
    const headers = { "Idempotency-Key": "proposal-2026-10-a" };
    const first = await as.manager1!.request("PUT", proposalPath, { body, version: 1 }, { headers });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ body, version: 2 });
    const retry = await as.manager1!.request("PUT", proposalPath, { body, version: 1 }, { headers });
    expect([retry.status, retry.headers.get("idempotent-replayed"), retry.body.version]).toEqual([200, "true", 2]);
    expect(await audits()).toBe(before + 1);

    // someone who read version 1 is not allowed to overwrite version 2
    const stale = await as.admin!.put(proposalPath, { body: "古い版からの変更", version: 1 });
    expect([stale.status, stale.body.code]).toEqual([409, "report.proposal_version_conflict"]);
    // the same text again changes nothing and records nothing
    const same = await as.admin!.put(proposalPath, { body, version: 2 });
    expect([same.status, same.body.version]).toEqual([200, 2]);
    expect(await audits()).toBe(before + 1);

    const event = await t.db.prisma.auditEvent.findFirstOrThrow({
      where: { action: "report_proposal.update" },
      orderBy: { createdAt: "desc" },
    });
    expect(event).toMatchObject({ actorId: as.manager1!.user!.id, entityType: "report_proposal" });
    expect(event.metadata).toMatchObject({ clientCompanyId: companyA, month: MONTH, version: 2 });

    // a month without one: version 0 creates it; another company's month is its own
    const november = await as.admin!.put(`${path(companyB, "2026-11")}/proposal`, { body: "Nov.", version: 0 });
    expect([november.status, november.body.version]).toEqual([200, 1]);
    expect(await audits()).toBe(before + 2);
    const empty = await as.manager1!.put(`${path(companyA, "2026-09")}/proposal`, { body: "  ", version: 0 });
    expect(empty.status).toBe(400);

    // the client reads it in the report, written by 高橋 (the manager's display name)
    const read = (await as["client-a1"]!.get(path(companyA))).body as ClientReport;
    expect(read.proposal).toMatchObject({ body, version: 2, updatedBy: { name: "高橋" } });
    expect(((await as["client-a1"]!.get(path(companyA, "2026-11"))).body as ClientReport).proposal).toBeNull();
  });
});
