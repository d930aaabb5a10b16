import type { Prisma } from "@crewboard/db";
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
