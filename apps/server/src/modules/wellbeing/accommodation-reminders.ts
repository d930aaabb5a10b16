// Reminders before an accommodation's review date (issue 12): 14 days and 1 day before, the person
// and their own team's managers are told, so the review is a conversation prepared together rather
// than a date that passes. Runs every morning; each threshold is sent once per review date
// (`reviewRemindedDays`), so a missed morning catches up and a second run sends nothing again.
// The notification carries no health text: only the review date and whose record it is.
import { ACCOMMODATION_REVIEW_REMINDER_DAYS, companyDay, reviewReminderDue } from "@crewboard/domain";
import type { JobHandler } from "../../jobs/runner.ts";
import { notifyTeamManagers, notifyUsers } from "../notifications/notify.ts";
import { nextDailyRun } from "../notifications/reminders.ts";

/** The hour of the morning the reminders go (company time). */
export const ACCOMMODATION_REVIEW_HOUR = 9;

const DAY_MS = 86_400_000;

export const accommodationReviewReminders: JobHandler = async ({ tx, events, now }) => {
  const today = companyDay(now);
  const todayDate = new Date(`${today}T00:00:00.000Z`);
  const horizon = new Date(todayDate.getTime() + Math.max(...ACCOMMODATION_REVIEW_REMINDER_DAYS) * DAY_MS);
  const due = await tx.accommodation.findMany({
    where: { reviewOn: { gte: todayDate, lte: horizon }, user: { active: true } },
    select: {
      id: true,
      reviewOn: true,
      reviewRemindedDays: true,
      user: { select: { id: true, name: true, teamId: true } },
    },
    orderBy: [{ reviewOn: "asc" }, { id: "asc" }],
    take: 500,
  });
  for (const a of due) {
    const daysLeft = Math.round((a.reviewOn!.getTime() - todayDate.getTime()) / DAY_MS);
    const days = reviewReminderDue(daysLeft, a.reviewRemindedDays);
    if (days === null) continue;
    const data = {
      accommodationId: a.id,
      userId: a.user.id,
      name: a.user.name,
      reviewOn: a.reviewOn!.toISOString().slice(0, 10),
      daysLeft,
    };
    // the person opens their own profile; their managers open the person's page
    await notifyUsers(tx, events, [a.user.id], { kind: "accommodation.review_due", data: { ...data, own: true } });
    await notifyTeamManagers(tx, events, a.user.teamId, {
      kind: "accommodation.review_due",
      data: { ...data, own: false },
    });
    await tx.accommodation.update({ where: { id: a.id }, data: { reviewRemindedDays: days } });
  }
  return nextDailyRun(now, ACCOMMODATION_REVIEW_HOUR);
};
