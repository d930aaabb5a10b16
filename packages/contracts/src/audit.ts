import * as z from "zod";
import { Id, PageQuery, Timestamp, page } from "./common.ts";

export const AuditEvent = z
  .object({
    id: Id,
    actorId: Id.nullable(),
    action: z.string().meta({ example: "task.update" }),
    entityType: z.string(),
    entityId: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    metadata: z.record(z.string(), z.unknown()),
    createdAt: Timestamp,
  })
  .meta({ id: "AuditEvent" });
export type AuditEvent = z.infer<typeof AuditEvent>;

export const ListAuditEventsQuery = PageQuery.extend({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(64).optional(),
  actorId: Id.optional(),
  action: z.string().max(100).optional(),
});
export type ListAuditEventsQuery = z.infer<typeof ListAuditEventsQuery>;
export const AuditEventPage = page(AuditEvent);
