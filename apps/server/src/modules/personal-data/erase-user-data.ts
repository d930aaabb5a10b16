// Erasing a departed crew member's personal data (issue 15; APPI art. 22 and 35: data no longer
// needed is erased, and a person may ask for it). The work they did stays — tasks, progress,
// orders, deliverables, feedback — under a placeholder name, so the company's records still add up;
// everything that says who they were, how they felt or what they wrote privately goes.
//
// Two lists do it, each rule one line, so a new table holding someone's data is one more line:
// - RULES: the person's own rows, deleted or overwritten by their user id;
// - SCRUBBED: free-text and JSON columns of OTHER rows (audit metadata, room-event payloads, other
//   people's notifications and emails) where the person's name, email or private texts were copied;
//   each occurrence is replaced by the placeholder.
// It runs in one transaction and records one audit row: who erased whom, when, and how many rows of
// each kind — never the erased values.
import { Prisma } from "@crewboard/db";
import { ERASED_PERSON_NAME, type ErasureCounts } from "@crewboard/contracts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";

/** The placeholder every erased value becomes (the name work records keep showing). */
export const ERASED = ERASED_PERSON_NAME.ja;
/** A unique address that can never be delivered (RFC 2606 reserves .invalid). */
export const erasedEmail = (userId: string) => `erased-${userId}@erased.invalid`;
/** Private texts shorter than this say nothing about a person and would clobber others' words. */
const MIN_TEXT_NEEDLE = 4;

interface Person {
  id: string;
  email: string;
}

type Rule = (tx: Tx, p: Person) => Promise<{ count: number }>;

/** The text columns of an accommodation and of each of its revisions: what the person said or agreed. */
const ACCOMMODATION_TEXT_COLUMNS = [
  "title",
  "note",
  "requestText",
  "hours",
  "breaks",
  "communication",
  "consult",
  "tools",
] as const;
const ACCOMMODATION_TEXTS = Object.fromEntries(ACCOMMODATION_TEXT_COLUMNS.map((c) => [c, true])) as Record<
  (typeof ACCOMMODATION_TEXT_COLUMNS)[number],
  true
>;

// Order matters only where one table refers to another (revisions before the rows they revise).
// An accommodation's revisions (AccommodationRevision) go with it: their relation cascades.
const RULES: Record<string, Rule> = {
  sessions: (tx, p) => tx.session.deleteMany({ where: { userId: p.id } }),
  idempotencyKeys: (tx, p) => tx.idempotencyKey.deleteMany({ where: { userId: p.id } }),
  checkIns: (tx, p) => tx.checkIn.deleteMany({ where: { userId: p.id } }),
  accommodations: (tx, p) => tx.accommodation.deleteMany({ where: { userId: p.id } }),
  notifications: (tx, p) => tx.notification.deleteMany({ where: { userId: p.id } }),
  outboxEmails: (tx, p) => tx.outboxEmail.deleteMany({ where: { OR: [{ userId: p.id }, { to: p.email }] } }),
  messageRevisions: (tx, p) => tx.messageRevision.deleteMany({ where: { message: { authorId: p.id } } }),
  messageBodies: (tx, p) => tx.message.updateMany({ where: { authorId: p.id }, data: { body: ERASED } }),
  auditOrigins: (tx, p) => tx.auditEvent.updateMany({ where: { actorId: p.id }, data: { ip: null, userAgent: null } }),
};

/** Columns of other rows where the person's values may have been copied: [table, column, kind]. */
const SCRUBBED: readonly (readonly [table: string, column: string, kind: "text" | "json"])[] = [
  ["AuditEvent", "metadata", "json"],
  ["RoomEvent", "payload", "json"],
  ["Notification", "data", "json"],
  ["FollowUp", "steps", "json"],
  ["Job", "payload", "json"],
  ["IdempotencyKey", "responseBody", "json"],
  ["OutboxEmail", "to", "text"],
  ["OutboxEmail", "subject", "text"],
  ["OutboxEmail", "text", "text"],
  ["OutboxEmail", "html", "text"],
  ["Message", "body", "text"],
  ["MessageRevision", "body", "text"],
  ["ProgressUpdate", "note", "text"],
  ["FollowUpStep", "note", "text"],
  ["FollowUpStep", "clientMessage", "text"],
  ["Feedback", "comment", "text"],
  ["WorkOrder", "description", "text"],
  ["WorkOrder", "nominationNote", "text"],
  ["WorkOrder", "nominationReason", "text"],
  ["Task", "description", "text"],
  ["ReportProposal", "body", "text"],
];

/**
 * Replaces every needle in one column; returns how many rows changed. One search per column (LIKE
 * ANY of all needles, however many messages the person wrote), then each matching row is rewritten
 * by its physical row id (ctid: stable inside this transaction), whatever the table's key is.
 */
async function scrub(
  tx: Tx,
  [table, column, kind]: (typeof SCRUBBED)[number],
  needles: readonly string[],
): Promise<number> {
  if (needles.length === 0) return 0;
  const t = Prisma.raw(`"${table}"`);
  const c = Prisma.raw(`"${column}"`);
  // inside JSON a string is escaped: look for (and replace) the escaped form, so the document stays valid JSON
  const asStored = (s: string) => (kind === "json" ? JSON.stringify(s).slice(1, -1) : s);
  const forms = needles.map(asStored);
  const placeholder = asStored(ERASED);
  const patterns = forms.map((f) => `%${f.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  const rows = await tx.$queryRaw<{ row: string; value: string }[]>`
    SELECT ctid::text AS "row", ${c}::text AS "value" FROM ${t} WHERE ${c}::text LIKE ANY(${patterns}::text[])`;
  for (const { row, value } of rows) {
    const scrubbed = forms.reduce((text, form) => text.split(form).join(placeholder), value);
    if (kind === "json") await tx.$executeRaw`UPDATE ${t} SET ${c} = ${scrubbed}::jsonb WHERE ctid = ${row}::tid`;
    else await tx.$executeRaw`UPDATE ${t} SET ${c} = ${scrubbed} WHERE ctid = ${row}::tid`;
  }
  return rows.length;
}

export async function eraseUserData(
  tx: Tx,
  options: { actor: Actor; userId: string; events: EventBatch; now?: Date },
): Promise<{ user: Prisma.UserGetPayload<object>; counts: ErasureCounts }> {
  const { actor, userId } = options;
  const person = await tx.user.findUnique({ where: { id: userId } });
  if (!person) throw new AppError("user.not_found");
  if (person.active)
    throw new AppError("user.still_active", {
      detail: "Deactivate the account first: a person's data is erased only once they have left.",
    });

  // What was copied elsewhere: read before the rules delete the originals.
  const [checkIns, accommodations, messages, revisions] = await Promise.all([
    tx.checkIn.findMany({ where: { userId }, select: { note: true } }),
    tx.accommodation.findMany({
      where: { userId },
      select: { ...ACCOMMODATION_TEXTS, revisions: { select: ACCOMMODATION_TEXTS } },
    }),
    tx.message.findMany({ where: { authorId: userId }, select: { body: true } }),
    tx.messageRevision.findMany({ where: { message: { authorId: userId } }, select: { body: true } }),
  ]);
  const texts = [
    ...checkIns.map((c) => c.note),
    ...accommodations.flatMap(({ revisions: earlier, ...a }) =>
      [a, ...earlier].flatMap((v) => ACCOMMODATION_TEXT_COLUMNS.map((column) => v[column])),
    ),
    ...messages.map((m) => m.body),
    ...revisions.map((r) => r.body),
  ].filter((t) => t.trim().length >= MIN_TEXT_NEEDLE && t !== ERASED);
  const identity = [person.name, person.email, person.displayName ?? ""].filter((t) => t.trim().length > 0);
  // longest first: a name that contains the display name is replaced whole
  const needles = [...new Set([...identity, ...texts])].sort((a, b) => b.length - a.length);

  const counts: ErasureCounts = {};
  await tx.$queryRaw`SELECT set_config('crewboard.audit_erasure', 'on', true)`;
  for (const [kind, rule] of Object.entries(RULES)) counts[kind] = (await rule(tx, person)).count;
  for (const target of SCRUBBED) {
    const changed = await scrub(tx, target, needles);
    if (changed > 0) counts[`scrubbed.${target[0]}.${target[1]}`] = changed;
  }
  // The furigana kept beside order and task texts (easy-read) repeat those texts cut into words, so
  // a name split across pieces escapes the search above: where a text was scrubbed they go too (they
  // are computed again from the scrubbed text when next read).
  const scrubbedText = `%${ERASED}%`;
  counts["scrubbed.WorkOrder.ruby"] = await tx.$executeRaw`
    UPDATE "WorkOrder" SET "ruby" = NULL
    WHERE "ruby" IS NOT NULL AND ("title" LIKE ${scrubbedText} OR "description" LIKE ${scrubbedText})`;
  counts["scrubbed.Task.ruby"] = await tx.$executeRaw`
    UPDATE "Task" SET "ruby" = NULL
    WHERE "ruby" IS NOT NULL AND ("title" LIKE ${scrubbedText} OR "description" LIKE ${scrubbedText}
      OR "acceptanceCriteria" LIKE ${scrubbedText})`;
  await tx.$queryRaw`SELECT set_config('crewboard.audit_erasure', 'off', true)`;

  const user = await tx.user.update({
    where: { id: userId },
    data: {
      name: ERASED,
      displayName: ERASED,
      email: erasedEmail(userId),
      passwordHash: "!erased",
      accessibility: {},
      notificationPrefs: {},
      skills: [],
      todayPlace: null,
      todayPlaceDay: null,
      mustChangePassword: false,
      erasedAt: options.now ?? new Date(),
    },
  });
  options.events.disconnectUser(userId);
  await recordAudit(tx, actor, {
    action: "user.erase_personal_data",
    entityType: "user",
    entityId: userId,
    metadata: { counts },
  });
  return { user, counts };
}
