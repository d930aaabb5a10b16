// The jobs every instance runs: each kind is a handler of a feature, registered here (like the
// routes in app.ts and the socket modules in realtime/modules.ts).
import { pruneRoomEvents } from "../realtime/sync.ts";
import type { JobHandler } from "./runner.ts";
import {
  chatUnread,
  dailyDigest,
  dueReminders,
  followUpDue,
  mentionEmail,
  nextDailyRun,
} from "../modules/notifications/reminders.ts";
import { DIGEST_HOUR, DUE_REMINDER_HOUR } from "@crewboard/domain";
import { RETENTION_HOUR, RETENTION_JOB } from "../modules/personal-data/personal-data.jobs.ts";
import {
  accommodationReviewReminders,
  ACCOMMODATION_REVIEW_HOUR,
} from "../modules/wellbeing/accommodation-reminders.ts";
import { CHECK_IN_REMINDER_JOB, checkInReminders } from "../modules/notifications/check-in-reminders.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

export const defaultJobHandlers: Record<string, JobHandler> = {
  /** Room events are kept a week for clients catching up after a reconnect; older ones go (daily). */
  "room-events.prune": async ({ tx, now }) => {
    await pruneRoomEvents(tx, now.getTime());
    return new Date(now.getTime() + DAY_MS);
  },
  // ---- issue 11: follow-through ----
  /** a follow-up step's due time: its owner is reminded if it has not moved */
  "follow-up.due": followUpDue,
  /** a mention still unread 30 minutes on is emailed */
  "notification.mention-email": mentionEmail,
  /** every morning: due tomorrow and overdue, to assignee and manager */
  "reminders.due": dueReminders,
  /** every morning: the daily digest */
  "notifications.digest": dailyDigest,
  /** 30 minutes after a chat message: members who have not read it hear of it */
  "chat.unread": chatUnread,
  // ---- issue 12 ----
  /** every morning: accommodations whose review is 14 days or 1 day away, to the person and their managers */
  "accommodations.review-reminders": accommodationReviewReminders,
  // ---- issue 12: check-ins ----
  /** at each team's "not checked in by" time: its managers hear who has not, each of them a gentle reminder */
  [CHECK_IN_REMINDER_JOB]: checkInReminders,
};

/** Recurring jobs that must exist once (created at start if missing; each reschedules itself). */
export const RECURRING_JOBS = [
  { kind: "room-events.prune", key: "room-events.prune" },
  // issue 11
  { kind: "reminders.due", key: "reminders.due", firstRunAt: (now: Date) => nextDailyRun(now, DUE_REMINDER_HOUR) },
  {
    kind: "notifications.digest",
    key: "notifications.digest",
    firstRunAt: (now: Date) => nextDailyRun(now, DIGEST_HOUR),
  },
  // issue 15: personal data past its retention period (its handler is given the settings: app.ts)
  { kind: RETENTION_JOB, key: RETENTION_JOB, firstRunAt: (now: Date) => nextDailyRun(now, RETENTION_HOUR) },
  // issue 12
  {
    kind: "accommodations.review-reminders",
    key: "accommodations.review-reminders",
    firstRunAt: (now: Date) => nextDailyRun(now, ACCOMMODATION_REVIEW_HOUR),
  },
  // issue 12: runs now, finds the next team time and waits for it
  { kind: CHECK_IN_REMINDER_JOB, key: CHECK_IN_REMINDER_JOB },
] as const;
