import type { ExportAuditEventsQuery } from "@crewboard/contracts";
import type { Prisma } from "@crewboard/db";

/** The audit log's filters as a Prisma `where`, shared by the list and the CSV export. */
export function auditEventFilter(query: ExportAuditEventsQuery): Prisma.AuditEventWhereInput {
  return {
    entityType: query.entityType,
    entityId: query.entityId,
    actorId: query.actorId,
    ...(query.action ? { action: { in: query.action } } : {}),
    ...(query.from || query.to
      ? {
          createdAt: {
            ...(query.from ? { gte: new Date(query.from) } : {}),
            ...(query.to ? { lt: new Date(query.to) } : {}),
          },
        }
      : {}),
  };
}
