// The one way audit rows are ever deleted (issue 13): the database refuses every UPDATE and every
// other DELETE of "AuditEvent" (trigger AuditEvent_append_only). This path opens the door for its
// own transaction only (SET LOCAL), deletes rows older than the cut-off, and records what it did as
// a new audit row in the same transaction (or, with `record: false`, leaves that to its caller: the
// daily retention job records one row for its whole run, modules/personal-data/retention.ts).
import type { Tx } from "../operations/context.ts";
import { recordAudit } from "./record-audit.ts";
import type { Actor } from "../operations/context.ts";

export async function pruneAuditEvents(
  tx: Tx,
  options: { before: Date; actor: Actor | null; record?: boolean },
): Promise<number> {
  await tx.$queryRaw`SELECT set_config('crewboard.audit_retention', 'on', true)`;
  const { count } = await tx.auditEvent.deleteMany({ where: { createdAt: { lt: options.before } } });
  await tx.$queryRaw`SELECT set_config('crewboard.audit_retention', 'off', true)`;
  if (options.record === false) return count;
  await recordAudit(tx, options.actor, {
    action: "audit.pruned",
    entityType: "audit_event",
    metadata: { before: options.before.toISOString(), deleted: count },
  });
  return count;
}
