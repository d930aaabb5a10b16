import * as z from "zod";
import { TEXT_LIMITS } from "@crewboard/domain";
import { Id, PageQuery, PersonRef, Timestamp, page } from "./common.ts";

export const AuditEvent = z
  .object({
    id: Id,
    actorId: Id.nullable(),
    /** who did it, by name (null for the system or a failed sign-in) */
    actor: PersonRef.nullable(),
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

/**
 * Reads of health information (check-ins and accommodations): the actions an admin reviews most.
 * Kept here so that the server's writers and the audit log's filter name them alike.
 */
export const HEALTH_READ_ACTIONS = ["check_in.read", "accommodation.read"] as const;

/** The entity types the audit log records, for the filter's choices (any string is accepted). */
export const AUDIT_ENTITY_TYPES = [
  "user",
  "client_company",
  "work_order",
  "task",
  "deliverable",
  "check_in",
  "chat_room",
  "message",
  "room",
  "audit_log",
] as const;

const ActionName = z
  .string()
  .trim()
  .regex(/^[a-z_]+(\.[a-z_]+)+$/, "an action such as task.update");

/**
 * The audit log's filters, shared by the list and the CSV export. `action` takes one action or
 * several separated by commas ("check_in.read,accommodation.read"); `from`/`to` bound createdAt
 * (from inclusive, to exclusive).
 */
export const AuditFilterQuery = z.strictObject({
  entityType: z.string().trim().min(1).max(50).optional(),
  entityId: z.string().trim().min(1).max(TEXT_LIMITS.auditEntityId).optional(),
  actorId: Id.optional(),
  action: z
    .string()
    .max(500)
    .transform((s) =>
      s
        .split(",")
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(ActionName).min(1).max(20))
    .optional()
    .meta({ description: "one action, or several separated by commas", example: "check_in.read,accommodation.read" }),
  from: Timestamp.optional(),
  to: Timestamp.optional(),
});

function checkRange(v: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (v.from && v.to && Date.parse(v.from) >= Date.parse(v.to)) {
    ctx.addIssue({ code: "custom", path: ["to"], message: "must be after `from`" });
  }
}

export const ListAuditEventsQuery = PageQuery.extend(AuditFilterQuery.shape).superRefine(checkRange);
export type ListAuditEventsQuery = z.infer<typeof ListAuditEventsQuery>;
export const AuditEventPage = page(AuditEvent);

export const ExportAuditEventsQuery = AuditFilterQuery.superRefine(checkRange);
export type ExportAuditEventsQuery = z.infer<typeof ExportAuditEventsQuery>;

/** A CSV export of more rows than this is refused (422 audit.export_too_large): narrow the filter. */
export const AUDIT_EXPORT_MAX_ROWS = 100_000;
