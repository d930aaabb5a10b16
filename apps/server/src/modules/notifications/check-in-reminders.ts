// Issue 12: "not checked in by" a time set per team. When a team's time comes (Asia/Tokyo), the
// crew members who work that day and have not checked in get a gentle reminder each, and the team's
// managers get ONE notification naming them (internal: full names). Once per team and day: a run
// that comes again (a retry, a second instance, the time moved) finds what it sent and sends nothing.
//
// One recurring job serves every team: it runs at the next team's time, and a changed time moves it
// earlier when needed (scheduleCheckInReminders, called by updateTeam).
import {
  checkInByHasCome,
  companyDay,
  dateOfDay,
  nextCheckInByRun,
  nextCompanyDay,
  companyTime,
  worksOn,
} from "@crewboard/domain";
import type { JobHandler } from "../../jobs/runner.ts";
import type { Tx } from "../../operations/context.ts";
import { scheduleJob } from "../../jobs/schedule.ts";
import { notifyUsers } from "./notify.ts";

export const CHECK_IN_REMINDER_JOB = "check-ins.not-checked-in";
/** the manager's notification: who has not checked in (data: teamId, day, people) */
export const NOT_CHECKED_IN_KIND = "check_in.not_checked_in";
/** the crew member's gentle reminder (data: day) */
export const CHECK_IN_REMINDER_KIND = "check_in.reminder";

/** When the job next has something to do: the next team time after `now` (no team has one: tomorrow). */
async function nextRun(tx: Tx, now: Date): Promise<Date> {
  const teams = await tx.team.findMany({ where: { checkInBy: { not: null } }, select: { checkInBy: true } });
  return (
    nextCheckInByRun(
      now,
      teams.map((t) => t.checkInBy!),
    ) ?? companyTime(nextCompanyDay(companyDay(now)), 0)
  );
}

/** A team's time changed: the job runs at the next time that now comes first (never later than it was). */
export async function scheduleCheckInReminders(tx: Tx, now: Date): Promise<void> {
  const at = await nextRun(tx, now);
  const current = await tx.job.findUnique({
    where: { key: CHECK_IN_REMINDER_JOB },
    select: { runAt: true, doneAt: true },
  });
  if (current && !current.doneAt && current.runAt <= at) return;
  await scheduleJob(tx, { kind: CHECK_IN_REMINDER_JOB, key: CHECK_IN_REMINDER_JOB, runAt: at });
}

const sentFor = (kind: string, day: string, teamId?: string) => ({
  kind,
  AND: [{ data: { path: ["day"], equals: day } }, ...(teamId ? [{ data: { path: ["teamId"], equals: teamId } }] : [])],
});

export const checkInReminders: JobHandler = async ({ tx, events, now }) => {
  const day = companyDay(now);
  const teams = await tx.team.findMany({
    where: { checkInBy: { not: null } },
    select: { id: true, name: true, checkInBy: true },
    orderBy: { id: "asc" },
  });
  for (const team of teams) {
    if (!checkInByHasCome(team.checkInBy!, now)) continue;
    const crew = await tx.user.findMany({
      where: { teamId: team.id, role: "crew", active: true },
      select: {
        id: true,
        name: true,
        workingDays: true,
        checkIns: { where: { day: dateOfDay(day) }, select: { id: true } },
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    });
    // only those who work today (their own working days: a part-timer's day off is nobody's business)
    const missing = crew.filter((c) => worksOn(c, now) && c.checkIns.length === 0);
    if (missing.length === 0) continue;
    for (const person of missing) {
      const reminded = await tx.notification.findFirst({
        where: { userId: person.id, ...sentFor(CHECK_IN_REMINDER_KIND, day) },
        select: { id: true },
      });
      if (!reminded)
        await notifyUsers(tx, events, [person.id], {
          kind: CHECK_IN_REMINDER_KIND,
          data: { day, time: team.checkInBy },
        });
    }
    const told = await tx.notification.findFirst({
      where: sentFor(NOT_CHECKED_IN_KIND, day, team.id),
      select: { id: true },
    });
    if (told) continue;
    const managers = await tx.user.findMany({
      where: { teamId: team.id, role: "manager", active: true },
      select: { id: true },
    });
    await notifyUsers(
      tx,
      events,
      managers.map((m) => m.id),
      {
        kind: NOT_CHECKED_IN_KIND,
        data: {
          teamId: team.id,
          teamName: team.name,
          day,
          time: team.checkInBy,
          people: missing.map((p) => ({ id: p.id, name: p.name })),
        },
      },
    );
  }
  return nextRun(tx, now);
};
