// The audit log's filters as the URL keeps them (dates are Japan days, as people think of them)
// and as the API takes them (instants: from inclusive, to exclusive, so the end day is included).
import type { QueryOf } from "../../lib/api.ts";
import { adminJa } from "./messages.ts";

/** Reads of health information (packages/contracts HEALTH_READ_ACTIONS, which the bundle cannot import). */
export const HEALTH_READ_ACTIONS = ["check_in.read", "accommodation.read"] as const;
export const HEALTH_PRESET = "health_reads";

/** The actions the log records that have a name on screen, in the catalogue's order. */
export const KNOWN_ACTIONS: readonly string[] = Object.keys(adminJa)
  .filter((key) => key.startsWith("admin.action."))
  .map((key) => key.slice("admin.action.".length));

export const ENTITY_TYPES = [
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

export interface AuditUrlFilters {
  actorId: string;
  /** "" (all), HEALTH_PRESET, or one action */
  action: string;
  entityType: string;
  entityId: string;
  /** YYYY-MM-DD (Japan) */
  from: string;
  to: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function auditFiltersOf(params: URLSearchParams): AuditUrlFilters {
  const get = (k: string) => params.get(k)?.trim() ?? "";
  return {
    actorId: get("actorId"),
    action: get("action"),
    entityType: get("entityType"),
    entityId: get("entityId"),
    from: DAY.test(get("from")) ? get("from") : "",
    to: DAY.test(get("to")) ? get("to") : "",
  };
}

/** The start of a Japan day as an instant. */
export function startOfTokyoDay(day: string): string {
  return new Date(`${day}T00:00:00+09:00`).toISOString();
}

export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Today in Japan, and the day `days` before it (YYYY-MM-DD). */
export function tokyoDay(offsetDays = 0, now = Date.now()): string {
  return new Date(now + 9 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export function toApiFilters(f: AuditUrlFilters): QueryOf<"exportAuditEvents"> {
  return {
    actorId: f.actorId || undefined,
    action: f.action === HEALTH_PRESET ? HEALTH_READ_ACTIONS : f.action ? [f.action] : undefined,
    entityType: f.entityType || undefined,
    entityId: f.entityId || undefined,
    from: f.from ? startOfTokyoDay(f.from) : undefined,
    to: f.to ? startOfTokyoDay(nextDay(f.to)) : undefined,
  };
}
