// Personal data kept only as long as needed (issue 15; APPI art. 22: personal data no longer needed
// is erased without delay). One daily job applies every period below in one transaction and records
// one audit row with how many rows of each kind went — never what they said. The periods come from
// the environment (env.ts, RETENTION_*); README "Personal data and retention" gives the reasoning.
import type { Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { pruneAuditEvents } from "../../audit/retention.ts";

/** How long each kind of personal data is kept, in days. */
export interface RetentionSettings {
  /** a check-in's free-text note (health information): emptied after this; the condition stays */
  checkInNoteDays: number;
  /** the check-in itself (condition, place, start and end of the working day) */
  checkInDays: number;
  /** accommodations (合理的配慮) of a person who left: counted from their deactivation */
  accommodationDaysAfterLeaving: number;
  /** chat messages and their earlier versions */
  chatDays: number;
  /** the audit log */
  auditDays: number;
  /** in-app notifications, read or not */
  notificationDays: number;
  /** emails already sent or given up on (address, subject, text) */
  emailOutboxDays: number;
  /** sessions (IP address, browser), counted from when they expired */
  sessionDaysAfterExpiry: number;
  /** stored answers of retried writes (they can hold anything the answer held) */
  idempotencyKeyDays: number;
}

export const DEFAULT_RETENTION: RetentionSettings = {
  checkInNoteDays: 180,
  checkInDays: 1095,
  accommodationDaysAfterLeaving: 1095,
  chatDays: 730,
  auditDays: 1095,
  notificationDays: 180,
  emailOutboxDays: 30,
  sessionDaysAfterExpiry: 30,
  idempotencyKeyDays: 7,
};

const DAY_MS = 24 * 60 * 60 * 1000;

export type RetentionCounts = Record<
  | "checkInNotesEmptied"
  | "checkInsDeleted"
  | "accommodationsDeleted"
  | "messagesDeleted"
  | "messageRevisionsDeleted"
  | "auditEventsDeleted"
  | "notificationsDeleted"
  | "outboxEmailsDeleted"
  | "sessionsDeleted"
  | "idempotencyKeysDeleted",
  number
>;

/** Applies every retention period at `now`; returns how many rows of each kind went. */
export async function applyRetention(
  tx: Tx,
  options: { now: Date; settings: RetentionSettings },
): Promise<RetentionCounts> {
  const { now, settings: s } = options;
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);

  const checkInNotesEmptied = (
    await tx.checkIn.updateMany({
      where: { day: { lt: before(s.checkInNoteDays) }, note: { not: "" } },
      data: { note: "" },
    })
  ).count;
  const checkInsDeleted = (await tx.checkIn.deleteMany({ where: { day: { lt: before(s.checkInDays) } } })).count;
  const accommodationsDeleted = (
    await tx.accommodation.deleteMany({
      where: { user: { active: false, deactivatedAt: { lt: before(s.accommodationDaysAfterLeaving) } } },
    })
  ).count;
  const oldMessages = { createdAt: { lt: before(s.chatDays) } };
  const messageRevisionsDeleted = (await tx.messageRevision.deleteMany({ where: { message: oldMessages } })).count;
  const messagesDeleted = (await tx.message.deleteMany({ where: oldMessages })).count;
  const notificationsDeleted = (
    await tx.notification.deleteMany({ where: { createdAt: { lt: before(s.notificationDays) } } })
  ).count;
  const outboxEmailsDeleted = (
    await tx.outboxEmail.deleteMany({
      where: {
        createdAt: { lt: before(s.emailOutboxDays) },
        OR: [{ sentAt: { not: null } }, { failedAt: { not: null } }],
      },
    })
  ).count;
  const sessionsDeleted = (
    await tx.session.deleteMany({ where: { expiresAt: { lt: before(s.sessionDaysAfterExpiry) } } })
  ).count;
  const idempotencyKeysDeleted = (
    await tx.idempotencyKey.deleteMany({ where: { createdAt: { lt: before(s.idempotencyKeyDays) } } })
  ).count;
  // last, and without a row of its own: the one row below records the whole run
  const auditEventsDeleted = await pruneAuditEvents(tx, { before: before(s.auditDays), actor: null, record: false });

  const counts: RetentionCounts = {
    checkInNotesEmptied,
    checkInsDeleted,
    accommodationsDeleted,
    messagesDeleted,
    messageRevisionsDeleted,
    auditEventsDeleted,
    notificationsDeleted,
    outboxEmailsDeleted,
    sessionsDeleted,
    idempotencyKeysDeleted,
  };
  await recordAudit(tx, null, {
    action: "retention.applied",
    entityType: "retention",
    metadata: { at: now.toISOString(), settings: { ...s }, counts },
  });
  return counts;
}
