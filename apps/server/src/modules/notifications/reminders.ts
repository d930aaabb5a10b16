// Jobs that make people hear of things when they are not looking (issue 11):
//   - a follow-up step overdue reminds its owner (and shows on the dashboard);
//   - a mention still unread after 30 minutes is emailed (to those who chose email for mentions);
//   - every morning: tasks and orders due tomorrow, and overdue, to their assignee and manager;
//   - every morning: the daily digest for those who chose it.
import {
  AWAY_FOR_A_WHILE_MS,
  companyDay,
  companyTime,
  deliveryChoices,
  DIGEST_HOUR,
  DUE_REMINDER_HOUR,
  nextCompanyDay,
  nextFollowUpStep,
  notificationCategory,
  parseNotificationPreferences,
  type FollowUpStep,
} from "@crewboard/domain";
import type { JobHandler } from "../../jobs/runner.ts";
import type { Tx } from "../../operations/context.ts";
import { notifyUsers } from "./notify.ts";
import { scheduleJob } from "../../jobs/schedule.ts";
import { composeDigestEmail, composeNotificationEmail } from "./email/email-text.ts";
import { enqueueEmail } from "./email/outbox.ts";

/** The next time `hour`:00 comes on the company's calendar after `now`. */
export function nextDailyRun(now: Date, hour: number): Date {
  const today = companyTime(companyDay(now), hour);
  return today > now ? today : companyTime(nextCompanyDay(companyDay(now)), hour);
}

/** A follow-up's step is due: if it has not moved since, its owner is reminded (email by default). */
export const followUpDue: JobHandler = async ({ tx, events, payload, now }) => {
  const f = await tx.followUp.findUnique({
    where: { id: String(payload.followUpId) },
    select: {
      id: true,
      status: true,
      dueAt: true,
      ownerId: true,
      feedback: { select: { workOrder: { select: { id: true, number: true } } } },
    },
  });
  if (!f || f.status === "closed" || !f.dueAt || f.dueAt > now || !f.ownerId) return;
  const next = nextFollowUpStep(f.status as FollowUpStep);
  await notifyUsers(tx, events, [f.ownerId], {
    kind: "follow_up.overdue",
    data: {
      followUpId: f.id,
      workOrderId: f.feedback.workOrder.id,
      number: f.feedback.workOrder.number,
      step: next,
      dueAt: f.dueAt.toISOString(),
    },
  });
};

/** A mention 30 minutes on: still unread, it is emailed (the person chose email when it was made). */
export const mentionEmail: JobHandler = async ({ tx, payload, now }) => {
  const n = await tx.notification.findUnique({
    where: { id: String(payload.notificationId) },
    include: { user: true },
  });
  if (!n || n.readAt || !n.user.active) return;
  await enqueueEmail(
    tx,
    n.user,
    n.kind,
    composeNotificationEmail(n.kind, n.data as Record<string, unknown>, n.user),
    now,
  );
};

async function managersOf(tx: Tx, teamId: string | null): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { role: "manager", active: true, ...(teamId ? { teamId } : {}) },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

/** Every morning at 09:00: what is due tomorrow, and what is overdue, to its assignee and manager. Recurring. */
export const dueReminders: JobHandler = async ({ tx, events, now }) => {
  const today = companyDay(now);
  const tomorrowStart = companyTime(nextCompanyDay(today), 0);
  const dayAfterStart = companyTime(nextCompanyDay(nextCompanyDay(today)), 0);
  const tasks = await tx.task.findMany({
    where: {
      status: { not: "done" },
      assigneeId: { not: null },
      dueAt: { lt: dayAfterStart },
      workOrder: { status: { in: ["accepted", "in_progress", "revision_requested"] } },
    },
    select: {
      id: true,
      title: true,
      dueAt: true,
      assignee: { select: { id: true, teamId: true } },
      workOrder: { select: { id: true, number: true } },
    },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  for (const task of tasks) {
    const overdue = task.dueAt! < now;
    if (!overdue && task.dueAt! < tomorrowStart) continue; // due later today: My Day shows it already
    const people = [task.assignee!.id, ...(await managersOf(tx, task.assignee!.teamId))];
    await notifyUsers(tx, events, people, {
      kind: overdue ? "task.overdue" : "task.due_tomorrow",
      data: {
        taskId: task.id,
        title: task.title,
        dueAt: task.dueAt!.toISOString(),
        workOrderId: task.workOrder.id,
        workOrderNumber: task.workOrder.number,
      },
    });
  }
  const orders = await tx.workOrder.findMany({
    where: {
      status: { in: ["requested", "accepted", "in_progress", "revision_requested"] },
      dueAt: { lt: dayAfterStart },
    },
    select: { id: true, number: true, title: true, dueAt: true },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: 500,
  });
  for (const order of orders) {
    const overdue = order.dueAt < now;
    if (!overdue && order.dueAt < tomorrowStart) continue;
    const accepted = await tx.auditEvent.findFirst({
      where: { entityType: "work_order", entityId: order.id, action: "work_order.accepted" },
      select: { actorId: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    const people = accepted?.actorId ? [accepted.actorId] : await managersOf(tx, null);
    await notifyUsers(tx, events, people, {
      kind: overdue ? "work_order_due.overdue" : "work_order_due.tomorrow",
      data: { workOrderId: order.id, number: order.number, title: order.title, dueAt: order.dueAt.toISOString() },
    });
  }
  return nextDailyRun(now, DUE_REMINDER_HOUR);
};

/** Every morning at 08:00: one email per person with what they chose to get as a digest, from the last day. Recurring. */
export const dailyDigest: JobHandler = async ({ tx, now }) => {
  const since = new Date(now.getTime() - 24 * 60 * 60_000);
  const people = await tx.user.findMany({
    where: { active: true },
    select: { id: true, email: true, name: true, locale: true, role: true, notificationPrefs: true },
  });
  for (const person of people) {
    const choices = deliveryChoices(person.role, parseNotificationPreferences(person.notificationPrefs));
    if (!Object.values(choices).includes("digest")) continue;
    const rows = await tx.notification.findMany({
      where: { userId: person.id, readAt: null, createdAt: { gte: since, lt: now } },
      select: { kind: true, data: true },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: 200,
    });
    const items = rows.filter((r) => {
      const c = notificationCategory(r.kind);
      return c !== null && choices[c] === "digest";
    });
    if (items.length === 0) continue;
    await enqueueEmail(
      tx,
      person,
      "digest",
      composeDigestEmail(
        items.map((i) => ({ kind: i.kind, data: i.data as Record<string, unknown> })),
        person,
      ),
      now,
    );
  }
  return nextDailyRun(now, DIGEST_HOUR);
};

export const CHAT_UNREAD_JOB = "chat.unread";

/**
 * A message was posted: in 30 minutes, look at who in the room has not read it (one pending check
 * per room; later messages do not push it back, so a busy room is still looked at).
 */
export async function scheduleUnreadCheck(tx: Tx, roomId: string, at: Date): Promise<void> {
  const key = `${CHAT_UNREAD_JOB}:${roomId}`;
  const pending = await tx.job.findFirst({ where: { key, doneAt: null }, select: { id: true } });
  if (pending) return;
  await scheduleJob(tx, {
    kind: CHAT_UNREAD_JOB,
    key,
    runAt: new Date(at.getTime() + AWAY_FOR_A_WHILE_MS),
    payload: { roomId, since: at.toISOString() },
  });
}

/** Members who have not read a room's messages of the last while (they were away) get one notification per room until they read it. */
export const chatUnread: JobHandler = async ({ tx, events, payload }) => {
  const roomId = String(payload.roomId);
  const since = new Date(String(payload.since));
  const members = await tx.chatMember.findMany({
    where: { roomId, user: { active: true } },
    select: { userId: true, lastReadAt: true },
  });
  for (const m of members) {
    const unread = await tx.message.count({
      where: {
        roomId,
        deletedAt: null,
        authorId: { not: m.userId },
        createdAt: { gte: since, ...(m.lastReadAt ? { gt: m.lastReadAt } : {}) },
      },
    });
    if (unread === 0) continue;
    // one unread reminder per room at a time
    const already = await tx.notification.findFirst({
      where: {
        userId: m.userId,
        kind: "chat.unread_messages",
        readAt: null,
        data: { path: ["roomId"], equals: roomId },
      },
      select: { id: true },
    });
    if (already) continue;
    await notifyUsers(tx, events, [m.userId], { kind: "chat.unread_messages", data: { roomId, count: unread } });
  }
};
