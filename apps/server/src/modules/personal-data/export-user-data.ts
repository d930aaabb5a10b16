// All of one person's data (issue 15; APPI art. 33, the right to disclosure): who they are, how they
// were (check-ins with every note, the private ones included — it is their own diary), what was
// agreed with them (accommodations), what they did and wrote (progress, messages, deliverables,
// feedback), what they were told (notifications, emails) and what the audit log says about them.
// As one JSON document, or as CSV files (one per kind) in a zip for a spreadsheet.
import { stringify } from "csv-stringify/sync";
import { strToU8, zipSync } from "fflate";
import type { Tx } from "../../operations/context.ts";
import { AppError } from "../../errors.ts";
import { neutralizeFormula } from "../audit/export-audit-events.ts";

type Row = Record<string, unknown>;

export interface UserDataExport {
  exportedAt: string;
  person: Row;
  /** each kind of data: a list of rows (the CSV files are these lists) */
  kinds: Record<string, Row[]>;
}

export async function collectUserData(db: Tx, userId: string, now: Date): Promise<UserDataExport> {
  const person = await db.user.findUnique({
    where: { id: userId },
    include: { team: { select: { name: true } }, clientCompany: { select: { name: true } } },
  });
  if (!person) throw new AppError("user.not_found");
  const { passwordHash: _secret, ...profile } = person;
  const byMe = { where: { userId }, orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }] };
  const [
    checkIns,
    accommodations,
    progressUpdates,
    messages,
    notifications,
    emails,
    deliverables,
    feedback,
    tasks,
    sessions,
    audit,
  ] = await Promise.all([
    db.checkIn.findMany({ where: { userId }, orderBy: [{ day: "asc" }, { id: "asc" }] }),
    db.accommodation.findMany({ ...byMe, include: { writtenBy: { select: { name: true } } } }),
    db.progressUpdate.findMany({
      where: { authorId: userId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { task: { select: { title: true } } },
    }),
    db.message.findMany({
      where: { authorId: userId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { revisions: { select: { body: true, createdAt: true } } },
    }),
    db.notification.findMany(byMe),
    db.outboxEmail.findMany({
      ...byMe,
      select: { id: true, to: true, kind: true, subject: true, text: true, sentAt: true, createdAt: true },
    }),
    db.deliverable.findMany({
      where: { uploadedById: userId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      omit: { content: true },
    }),
    db.feedback.findMany({ where: { authorId: userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.task.findMany({
      where: { assigneeId: userId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        workOrderId: true,
        title: true,
        status: true,
        progress: true,
        minutesSpent: true,
        dueAt: true,
        completedAt: true,
        createdAt: true,
      },
    }),
    db.session.findMany({
      where: { userId },
      select: { id: true, ip: true, userAgent: true, createdAt: true, lastSeenAt: true, expiresAt: true },
    }),
    db.auditEvent.findMany({
      where: { OR: [{ actorId: userId }, { entityType: "user", entityId: userId }] },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    }),
  ]);
  return {
    exportedAt: now.toISOString(),
    person: { ...profile, team: person.team?.name ?? null, clientCompany: person.clientCompany?.name ?? null },
    kinds: {
      checkIns,
      accommodations: accommodations.map(({ writtenBy, ...a }) => ({ ...a, writtenBy: writtenBy.name })),
      progressUpdates: progressUpdates.map(({ task, ...u }) => ({ ...u, taskTitle: task.title })),
      messages: messages.map(({ revisions, ...m }) => ({ ...m, earlierVersions: revisions })),
      notifications,
      emails,
      deliverables,
      feedback,
      tasks,
      sessions,
      // the audit rows about the person: where someone else acted, their address and browser are that
      // person's data, not this one's
      auditEvents: audit.map((row) => (row.actorId === userId ? row : { ...row, ip: null, userAgent: null })),
    },
  };
}

/** The export as one JSON document (dates as ISO 8601). */
export const toJsonFile = (data: UserDataExport | object): string => JSON.stringify(data, null, 2);

const cell = (value: unknown): string => {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
};

/** One CSV (UTF-8 with BOM, so Excel in Japan reads it; formulas neutralized) of a list of rows. */
export function toCsv(rows: Row[]): string {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  return stringify(
    rows.map((r) => columns.map((c) => neutralizeFormula(cell(r[c])))),
    { bom: true, header: true, columns, record_delimiter: "\r\n" },
  );
}

/** The export as a zip of CSV files: person.csv and one file per kind (an empty kind: its header only). */
export function toCsvZip(data: UserDataExport): Uint8Array {
  const files: Record<string, Uint8Array> = { "person.csv": strToU8(toCsv([data.person])) };
  for (const [kind, rows] of Object.entries(data.kinds)) files[`${kind}.csv`] = strToU8(toCsv(rows));
  return zipSync(files, { mtime: new Date(data.exportedAt) });
}
