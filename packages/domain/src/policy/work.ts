// Work: orders, tasks, their progress, deliverables and feedback. Work is not bound to teams:
// every manager and admin sees and manages all of it. A client sees their own company's orders;
// a crew member sees the tasks assigned to them and the orders they have a task in.
//
// Visibility is given as a scope (plain data); the server turns each scope into a database filter
// in one place, so lists, details, guessed ids and socket rooms obey the same rule.
import type { TaskStatus } from "../task.ts";
import type { WorkOrderStatus } from "../work-order.ts";
import { isAdmin, isClient, isCrew, isStaff, type Identity } from "./identity.ts";

export type WorkScope =
  | { kind: "all" }
  | { kind: "none" }
  /** orders (or tasks of orders) of one client company */
  | { kind: "company"; clientCompanyId: string }
  /** tasks assigned to the user; for orders: the orders with such a task */
  | { kind: "assignee"; userId: string };

/** Which work orders the user may see. */
export function workOrderScope(who: Identity): WorkScope {
  if (isStaff(who)) return { kind: "all" };
  if (isClient(who))
    return who.clientCompanyId ? { kind: "company", clientCompanyId: who.clientCompanyId } : { kind: "none" };
  if (isCrew(who)) return { kind: "assignee", userId: who.id };
  return { kind: "none" };
}

/** Which tasks the user may see (crew: only their own, not the others' tasks in the same order). */
export function taskScope(who: Identity): WorkScope {
  return workOrderScope(who);
}

export function mayManageWork(who: Identity): boolean {
  return isStaff(who);
}

// ---- work orders ---------------------------------------------------------------------------

/** Fields a client may still change while their order waits to be accepted. */
export const CLIENT_EDITABLE_ORDER_FIELDS = [
  "title",
  "description",
  "links",
  "dueAt",
  "nominatedCrewId",
  "version",
] as const;

export type OrderEditDecision =
  { ok: true } | { ok: false; reason: "fields"; fields: string[] } | { ok: false; reason: "status" };

/** May this user change these fields of an order they can see? (Status moves are checked by the state machine.) */
export function mayEditOrder(
  who: Identity,
  order: { status: WorkOrderStatus },
  fields: readonly string[],
): OrderEditDecision {
  if (isStaff(who)) return { ok: true };
  if (!isClient(who)) return { ok: false, reason: "fields", fields: [...fields] };
  const notAllowed = fields.filter((f) => !(CLIENT_EDITABLE_ORDER_FIELDS as readonly string[]).includes(f));
  if (notAllowed.length) return { ok: false, reason: "fields", fields: notAllowed };
  return order.status === "requested" ? { ok: true } : { ok: false, reason: "status" };
}

/** Whose company an order is submitted for: a client's own, or (staff) the one they name. */
export function mayOrderFor(who: Identity, clientCompanyId: string | undefined): "own" | "named" | "refused" {
  if (isClient(who))
    return clientCompanyId === undefined || clientCompanyId === who.clientCompanyId ? "own" : "refused";
  return isStaff(who) ? "named" : "refused";
}

/** A client accepts a delivery, asks for a revision, or rates: their own company's orders. */
export function mayGiveFeedback(who: Identity): boolean {
  return isClient(who);
}

// ---- tasks ---------------------------------------------------------------------------------

/** What the assignee may change on their own task; the rest is the manager's. */
export const CREW_EDITABLE_TASK_FIELDS = ["version", "status", "blockedReason"] as const;

/** Crew start, pause, block and send their tasks to review; a manager marks them done. */
export function mayEditTask(
  who: Identity,
  change: { fields: readonly string[]; status?: TaskStatus | undefined },
): { ok: true } | { ok: false; fields: string[] } {
  if (isStaff(who)) return { ok: true };
  if (!isCrew(who)) return { ok: false, fields: [...change.fields] };
  const fields = change.fields.filter((f) => !(CREW_EDITABLE_TASK_FIELDS as readonly string[]).includes(f));
  if (change.status === "done") fields.push("status");
  return fields.length ? { ok: false, fields } : { ok: true };
}

/** Progress is logged by the task's assignee, or by staff on their behalf. */
export function mayLogProgress(who: Identity, task: { assigneeId: string | null }): boolean {
  return isStaff(who) || (isCrew(who) && task.assigneeId === who.id);
}

// ---- deliverables --------------------------------------------------------------------------

/**
 * Crew attach deliverables to orders they work on, staff to any. A client sees a deliverable only
 * once a manager has reviewed the work and marked the order delivered (`released`).
 */
export function mayAddDeliverable(who: Identity): boolean {
  return isStaff(who) || isCrew(who);
}

export function seesUnreleasedDeliverables(who: Identity): boolean {
  return !isClient(who);
}

// ---- the audit log -------------------------------------------------------------------------

export function mayReadAuditLog(who: Identity): boolean {
  return isAdmin(who);
}

// ---- nominations (issue 10) ----------------------------------------------------------------

/** Staff honour or decline a client's nomination; the client reads the answer on their order. */
export function mayAnswerNomination(who: Identity): boolean {
  return isStaff(who);
}

// ---- urgent offers (issue 10) --------------------------------------------------------------

/** Staff offer a task to several crew at once, and choose what happens when nobody takes it. */
export function mayOfferUrgently(who: Identity): boolean {
  return isStaff(who);
}

/** Only the crew members asked answer an offer (and only their own answer). */
export function mayAnswerOffer(who: Identity, recipientIds: readonly string[]): boolean {
  return isCrew(who) && recipientIds.includes(who.id);
}

/**
 * Which offers a user may see: staff all of them (work is not bound to teams); a crew member the
 * ones made to them; nobody else any.
 */
export function urgentOfferScope(who: Identity): WorkScope {
  if (isStaff(who)) return { kind: "all" };
  if (isCrew(who)) return { kind: "assignee", userId: who.id };
  return { kind: "none" };
}

/** Staff see everyone asked and each answer; a crew member sees only their own answer. */
export function seesEveryOfferAnswer(who: Identity): boolean {
  return isStaff(who);
}
