import { Prisma } from "@crewboard/db";
import type { Actor } from "../operations/context.ts";

export interface AuditEntry {
  /** "<entity>.<verb>", e.g. "task.update", "user.read_profile" */
  action: string;
  entityType: string;
  entityId?: string | null;
  metadata?: Record<string, unknown>;
}

type Tx = Pick<Prisma.TransactionClient, "auditEvent">;

/** The audit row's columns: the one place that says what an audit event records of its actor. */
export function auditColumns(
  actor: Actor | null,
  entry: AuditEntry,
  origin?: { ip: string | null; userAgent: string | null },
) {
  return {
    actorId: actor?.user.id ?? null,
    ip: actor?.ip ?? origin?.ip ?? null,
    userAgent: actor?.userAgent ?? origin?.userAgent ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    metadata: (entry.metadata ?? {}) as Prisma.InputJsonValue,
  };
}

/** Written in the same transaction as the change it records, so neither exists without the other. */
export async function recordAudit(
  tx: Tx,
  actor: Actor | null,
  entry: AuditEntry,
  /** for an anonymous request (a failed sign-in): where it came from */
  origin?: { ip: string | null; userAgent: string | null },
): Promise<{ id: string; createdAt: Date }> {
  return tx.auditEvent.create({ select: { id: true, createdAt: true }, data: auditColumns(actor, entry, origin) });
}

/**
 * The audit row as an INSERT for a hand-written statement that writes a change and its audit row
 * at once (a progress write, issue 14): the columns of `auditColumns`, as `recordAudit` stores them.
 * `at` is the row's time as ISO 8601 (stored in UTC, as Prisma stores DateTime).
 */
export function auditInsertSql(actor: Actor, entry: AuditEntry, row: { id: string; at: string }): Prisma.Sql {
  const c = auditColumns(actor, entry);
  return Prisma.sql`INSERT INTO "AuditEvent" ("id", "actorId", "ip", "userAgent", "action", "entityType", "entityId", "metadata", "createdAt")
    VALUES (${row.id}::uuid, ${c.actorId}::uuid, ${c.ip}::text, ${c.userAgent}::text, ${c.action}::text,
      ${c.entityType}::text, ${c.entityId}::text, ${JSON.stringify(c.metadata)}::jsonb, (${row.at}::timestamptz AT TIME ZONE 'UTC'))`;
}
