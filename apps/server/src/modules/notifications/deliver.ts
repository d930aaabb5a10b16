// How a notification reaches a person beyond the live event, as they chose for its kind: an email
// now (queued in the outbox, in the same transaction), an email after 30 minutes if a mention is
// still unread, or a line in tomorrow morning's digest (jobs: reminders.ts).
import {
  deliveryChoices,
  MENTION_EMAIL_DELAY_MS,
  notificationCategory,
  parseNotificationPreferences,
} from "@crewboard/domain";
import type { Tx } from "../../operations/context.ts";
import { scheduleJob } from "../../jobs/schedule.ts";
import { composeNotificationEmail } from "./email/email-text.ts";
import { enqueueEmail } from "./email/outbox.ts";

export const MENTION_EMAIL_JOB = "notification.mention-email";

export async function deliverByChoice(
  tx: Tx,
  created: readonly { id: string; userId: string; createdAt: Date }[],
  n: { kind: string; data: Record<string, unknown> },
): Promise<void> {
  const category = notificationCategory(n.kind);
  if (!category || created.length === 0) return;
  const people = await tx.user.findMany({
    where: { id: { in: created.map((c) => c.userId) }, active: true },
    select: { id: true, email: true, name: true, locale: true, role: true, notificationPrefs: true },
  });
  for (const person of people) {
    if (deliveryChoices(person.role, parseNotificationPreferences(person.notificationPrefs))[category] !== "email")
      continue;
    const notification = created.find((c) => c.userId === person.id)!;
    if (category === "mention") {
      // an answered (read) mention needs no email: look again in 30 minutes
      await scheduleJob(tx, {
        kind: MENTION_EMAIL_JOB,
        key: `${MENTION_EMAIL_JOB}:${notification.id}`,
        runAt: new Date(notification.createdAt.getTime() + MENTION_EMAIL_DELAY_MS),
        payload: { notificationId: notification.id },
      });
      continue;
    }
    await enqueueEmail(tx, person, n.kind, composeNotificationEmail(n.kind, n.data, person), notification.createdAt);
  }
}
