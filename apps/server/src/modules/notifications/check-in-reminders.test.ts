// Issue 12: "not checked in by" a time set per team, with a fake clock. Before the team's time
// nothing; at it, one notification to the team's managers naming exactly who has not checked in,
// and one gentle reminder to each of them; who checked in, who does not work that day, inactive
// accounts and a team with the setting off get nothing; running again sends nothing. And the
// setting itself: admins and the team's own managers may change it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addCompanyDays, companyDay, companyTime, companyWeekday, dateOfDay } from "@crewboard/domain";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import type { ApiClient } from "../../test/api-client.ts";
import { runWrite } from "../../operations/write.ts";
import { scheduleJob } from "../../jobs/schedule.ts";
import { CHECK_IN_REMINDER_JOB, CHECK_IN_REMINDER_KIND, NOT_CHECKED_IN_KIND } from "./check-in-reminders.ts";

/** A Monday at least a week ahead (no seeded check-ins on it). */
function aMondayAhead(): string {
  let day = addCompanyDays(companyDay(), 7);
  while (companyWeekday(companyTime(day, 12)) !== 1) day = addCompanyDays(day, 1);
  return day;
}

describeEachDatabase("check-in reminders at the team's time", (kind) => {
  let t: TestApp;
  let admin: ApiClient, manager1: ApiClient, manager2: ApiClient, crew1: ApiClient;
  let teamA: string, teamB: string;
  const monday = aMondayAhead();
  const saturday = addCompanyDays(monday, 5);

  beforeAll(async () => {
    t = await startTestApp(kind);
    [admin, manager1, manager2, crew1] = await Promise.all([
      t.as("admin"),
      t.as("manager1"),
      t.as("manager2"),
      t.as("crew1"),
    ]);
    const teamOf = async (api: ApiClient) =>
      (await t.db.prisma.user.findUniqueOrThrow({ where: { id: api.user!.id }, select: { teamId: true } })).teamId!;
    [teamA, teamB] = [await teamOf(manager1), await teamOf(manager2)];
  });
  afterAll(async () => {
    await t?.close();
  });

  const schedule = (runAt: Date) =>
    runWrite({ prisma: t.db.prisma, publish: () => undefined }, ({ tx }) =>
      scheduleJob(tx, { kind: CHECK_IN_REMINDER_JOB, key: CHECK_IN_REMINDER_JOB, runAt }),
    );
  const sent = (kind: string, day: string) =>
    t.db.prisma.notification.findMany({
      where: { kind, data: { path: ["day"], equals: day } },
      orderBy: { createdAt: "asc" },
    });

  describe("the setting", () => {
    it("is 10:00 for every team to start with, and listed with the teams", async () => {
      const res = await manager1.get("/teams");
      expect(res.status, res.text).toBe(200);
      for (const team of res.body.items) expect(team.checkInBy).toBe("10:00");
    });

    it("is changed by the team's own managers and admins; another team's manager, crew and clients may not", async () => {
      const own = await manager1.patch(`/teams/${teamA}`, { checkInBy: "09:30" });
      expect(own.status, own.text).toBe(200);
      expect(own.body).toMatchObject({ id: teamA, checkInBy: "09:30" });
      expect((await manager2.patch(`/teams/${teamA}`, { checkInBy: "11:00" })).status).toBe(403);
      expect((await crew1.patch(`/teams/${teamA}`, { checkInBy: "11:00" })).status).toBe(403);
      expect((await (await t.as("client-a1")).patch(`/teams/${teamA}`, { checkInBy: "11:00" })).status).toBe(403);
      expect((await admin.patch(`/teams/${teamA}`, { checkInBy: "25:00" })).status).toBe(400);
      expect((await admin.patch(`/teams/${crypto.randomUUID()}`, { checkInBy: "10:00" })).status).toBe(404);
      const off = await admin.patch(`/teams/${teamB}`, { checkInBy: null });
      expect(off.status, off.text).toBe(200);
      expect(off.body.checkInBy).toBeNull();
      const back = await admin.patch(`/teams/${teamA}`, { checkInBy: "10:00" });
      expect(back.body.checkInBy).toBe("10:00");
      // the change is audited, and the reminder job waits for the next team time
      expect(await t.db.prisma.auditEvent.count({ where: { action: "team.update", entityId: teamA } })).toBe(2);
      const job = await t.db.prisma.job.findUniqueOrThrow({ where: { key: CHECK_IN_REMINDER_JOB } });
      expect(job.doneAt).toBeNull();
      expect(job.runAt.getTime()).toBeGreaterThan(Date.now());
    });
  });

  describe("the reminders (fake clock)", () => {
    let expectedMissing: { id: string; name: string }[];
    let crew4: string;

    beforeAll(async () => {
      const p = t.db.prisma;
      crew4 = (await p.user.findFirstOrThrow({ where: { email: "crew4@crewboard.example" } })).id;
      // crew1 checked in that Monday; crew4 does not work on Mondays; one of team A is inactive
      await p.checkIn.create({ data: { userId: crew1.user!.id, day: dateOfDay(monday), condition: "good" } });
      await p.user.update({ where: { id: crew4 }, data: { workingDays: [2, 3, 4, 5] } });
      await p.user.create({
        data: {
          email: "left-team-a@crewboard.example",
          passwordHash: "x",
          name: "退職 済子",
          role: "crew",
          teamId: teamA,
          active: false,
        },
      });
      const crewA = await p.user.findMany({
        where: { teamId: teamA, role: "crew", active: true },
        select: { id: true, name: true, workingDays: true },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      });
      expectedMissing = crewA
        .filter((c) => c.id !== crew1.user!.id && c.workingDays.includes(1))
        .map((c) => ({ id: c.id, name: c.name }));
      expect(expectedMissing.length).toBeGreaterThanOrEqual(1);
      expect(expectedMissing.map((c) => c.id)).not.toContain(crew4);
    });

    it("before the team's time: nothing, and the job waits for it", async () => {
      await schedule(companyTime(monday, 9));
      // (jobs the seed left due run too)
      expect(await t.jobs.runDue(companyTime(monday, 9, 59))).toBeGreaterThanOrEqual(1);
      expect(await sent(NOT_CHECKED_IN_KIND, monday)).toEqual([]);
      expect(await sent(CHECK_IN_REMINDER_KIND, monday)).toEqual([]);
      const job = await t.db.prisma.job.findUniqueOrThrow({ where: { key: CHECK_IN_REMINDER_JOB } });
      expect(job.runAt).toEqual(companyTime(monday, 10));
    });

    it("at 10:00: one notice to team A's manager naming exactly who has not checked in, one reminder each", async () => {
      expect(await t.jobs.runDue(companyTime(monday, 10))).toBe(1);
      const notices = await sent(NOT_CHECKED_IN_KIND, monday);
      expect(notices.map((n) => n.userId)).toEqual([manager1.user!.id]);
      expect(notices[0]!.data).toMatchObject({ teamId: teamA, day: monday, time: "10:00", people: expectedMissing });
      const reminders = await sent(CHECK_IN_REMINDER_KIND, monday);
      expect(reminders.map((n) => n.userId).sort()).toEqual(expectedMissing.map((c) => c.id).sort());
      // crew1 (checked in), crew4 (not a working day for her), the inactive account, team B (off): nothing
      const nobody = [crew1.user!.id, crew4, manager2.user!.id];
      expect(reminders.some((n) => nobody.includes(n.userId))).toBe(false);
      const teamBCrew = await t.db.prisma.user.findMany({ where: { teamId: teamB }, select: { id: true } });
      expect(reminders.some((n) => teamBCrew.some((c) => c.id === n.userId))).toBe(false);
      // the next run is the next day's time
      const job = await t.db.prisma.job.findUniqueOrThrow({ where: { key: CHECK_IN_REMINDER_JOB } });
      expect(job.runAt).toEqual(companyTime(addCompanyDays(monday, 1), 10));
    });

    it("a second run the same day sends nothing more", async () => {
      const before = await t.db.prisma.notification.count();
      await schedule(companyTime(monday, 10));
      expect(await t.jobs.runDue(companyTime(monday, 10))).toBe(1);
      await schedule(companyTime(monday, 10, 30));
      expect(await t.jobs.runDue(companyTime(monday, 10, 30))).toBe(1);
      expect(await t.db.prisma.notification.count()).toBe(before);
    });

    it("on a day nobody works (Saturday): nothing", async () => {
      await schedule(companyTime(saturday, 10));
      expect(await t.jobs.runDue(companyTime(saturday, 10))).toBe(1);
      expect(await sent(NOT_CHECKED_IN_KIND, saturday)).toEqual([]);
      expect(await sent(CHECK_IN_REMINDER_KIND, saturday)).toEqual([]);
    });

    it("a team with the setting off: nothing, even on a working day", async () => {
      await admin.patch(`/teams/${teamA}`, { checkInBy: null });
      const tuesday = addCompanyDays(monday, 1);
      await schedule(companyTime(tuesday, 10));
      expect(await t.jobs.runDue(companyTime(tuesday, 12))).toBe(1);
      expect(await sent(NOT_CHECKED_IN_KIND, tuesday)).toEqual([]);
      expect(await sent(CHECK_IN_REMINDER_KIND, tuesday)).toEqual([]);
      await admin.patch(`/teams/${teamA}`, { checkInBy: "10:00" });
    });
  });
});
