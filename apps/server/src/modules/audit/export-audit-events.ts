// The audit log as CSV, for an auditor's spreadsheet. Excel in Japan reads a CSV as Shift_JIS
// unless it starts with a UTF-8 byte order mark, so it does; and a cell that starts with = + - @
// (or a tab or carriage return) would be run as a formula there, so such cells get a leading
// apostrophe (OWASP "CSV injection"). The export itself is written to the audit log first.
import { Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";
import { AUDIT_EXPORT_MAX_ROWS, type ExportAuditEventsQuery } from "@crewboard/contracts";
import { COMPANY_TIME_ZONE } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import type { Tx } from "../../operations/context.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Actor } from "../../operations/context.ts";
import { auditEventFilter } from "./audit-filter.ts";

const BATCH = 500;

const COLUMNS = {
  ja: [
    "日時（日本時間）",
    "日時（UTC）",
    "操作した人",
    "操作した人のID",
    "操作",
    "対象の種類",
    "対象のID",
    "IPアドレス",
    "ブラウザ",
    "詳細",
  ],
  en: [
    "Time (Japan)",
    "Time (UTC)",
    "Actor",
    "Actor ID",
    "Action",
    "Entity type",
    "Entity ID",
    "IP address",
    "User agent",
    "Details",
  ],
} as const;

const tokyoTime = new Intl.DateTimeFormat("sv-SE", {
  timeZone: COMPANY_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
});

/** A cell a spreadsheet would run as a formula is made plain text. */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** "crewboard-audit-log-20261124-0905.csv" (Tokyo time of the export). */
export function exportFileName(at: Date): string {
  const stamp = tokyoTime.format(at).replace(/[-:]/g, "").replace(" ", "-").slice(0, 13);
  return `crewboard-audit-log-${stamp}.csv`;
}

type Row = Prisma.AuditEventGetPayload<{ include: { actor: { select: { name: true } } } }>;

async function* rowsOf(prisma: Tx, where: Prisma.AuditEventWhereInput): AsyncGenerator<Row> {
  // Keyset over (createdAt, id), newest first: each batch starts after the last row of the one before.
  let after: { createdAt: Date; id: string } | undefined;
  for (;;) {
    const batch: Row[] = await prisma.auditEvent.findMany({
      where: after
        ? {
            AND: [
              where,
              { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] },
            ],
          }
        : where,
      include: { actor: { select: { name: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: BATCH,
    });
    yield* batch;
    if (batch.length < BATCH) return;
    const last = batch[batch.length - 1]!;
    after = { createdAt: last.createdAt, id: last.id };
  }
}

export interface AuditExport {
  fileName: string;
  rows: number;
  /** writes the CSV to `out` (ends it) */
  writeTo(out: Writable): Promise<void>;
}

export async function exportAuditEvents(
  prisma: Tx,
  options: { actor: Actor; query: ExportAuditEventsQuery; locale: "ja" | "en"; maxRows?: number },
): Promise<AuditExport> {
  const { actor, query } = options;
  const maxRows = options.maxRows ?? AUDIT_EXPORT_MAX_ROWS;
  const filter = auditEventFilter(query);
  const rows = await prisma.auditEvent.count({ where: filter });
  if (rows > maxRows) {
    throw new AppError("audit.export_too_large", {
      detail: `${rows} events match; an export holds at most ${maxRows}. Narrow the time range or the filters.`,
      errors: [{ path: "query", message: `at most ${maxRows} events per export` }],
    });
  }
  const at = new Date();
  // Written before the rows are read, and left out of them: the export records what it exported.
  const record = await recordAudit(prisma, actor, {
    action: "audit_log.export",
    entityType: "audit_log",
    metadata: { filter: { ...query }, rows },
  });
  const where: Prisma.AuditEventWhereInput = {
    AND: [filter, { id: { not: record.id } }, { createdAt: { lte: record.createdAt } }],
  };

  return {
    fileName: exportFileName(at),
    rows,
    async writeTo(out) {
      const csv = stringify({
        bom: true,
        header: true,
        columns: [...COLUMNS[options.locale]],
        record_delimiter: "\r\n",
        cast: { string: neutralizeFormula },
      });
      const records = Readable.from(
        (async function* () {
          for await (const e of rowsOf(prisma, where)) {
            yield [
              tokyoTime.format(e.createdAt),
              e.createdAt.toISOString(),
              e.actor?.name ?? "",
              e.actorId ?? "",
              e.action,
              e.entityType,
              e.entityId ?? "",
              e.ip ?? "",
              e.userAgent ?? "",
              JSON.stringify(e.metadata ?? {}),
            ];
          }
        })(),
      );
      await pipeline(records, csv, out);
    },
  };
}
