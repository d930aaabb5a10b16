import type { TransitionTable } from "./state-machine.ts";

export const WORK_ORDER_STATUSES = [
  "requested",
  "accepted",
  "in_progress",
  "delivered",
  "revision_requested",
  "completed",
  "declined",
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

/**
 * requested → accepted → in_progress → delivered → completed,
 * delivered → revision_requested → in_progress, and declined (with a reason) while not yet started.
 */
export const WORK_ORDER_TRANSITIONS: TransitionTable<WorkOrderStatus> = {
  requested: ["accepted", "declined"],
  accepted: ["in_progress", "declined"],
  in_progress: ["delivered"],
  delivered: ["completed", "revision_requested"],
  revision_requested: ["in_progress"],
  completed: [],
  declined: [],
};

/** Statuses a client moves the order into (through accepting or asking for a revision). */
export const CLIENT_WORK_ORDER_TARGETS: readonly WorkOrderStatus[] = ["completed", "revision_requested"];

export function isOpenWorkOrder(status: WorkOrderStatus): boolean {
  return status !== "completed" && status !== "declined";
}

const ms = (v: Date | string) => (typeof v === "string" ? Date.parse(v) : v.getTime());

/**
 * Whether a client's revision request (made at `requestedAt`, the order's latest one) still
 * stands: from the request until the order is delivered again — while it waits for the crew
 * (revision_requested) and while they rework it (in_progress). The crew working on the order see
 * it, with the client's comment, for exactly that long.
 */
export function isRevisionRequestOpen(
  order: { status: WorkOrderStatus; deliveredAt: Date | string | null },
  requestedAt: Date | string,
): boolean {
  if (order.status !== "revision_requested" && order.status !== "in_progress") return false;
  return order.deliveredAt === null || ms(order.deliveredAt) <= ms(requestedAt);
}

// ---- nominations (issue 10) --------------------------------------------------------------------

/** A manager's answer to a client's nomination: honoured, or declined (the order itself goes on). */
export const NOMINATION_ANSWERS = ["honoured", "declined"] as const;
export type NominationAnswer = (typeof NOMINATION_ANSWERS)[number];

/**
 * A nomination is answered while the order is still being planned: it names someone and has been
 * neither finished nor declined. Answering again changes the answer (the client is told again).
 */
export function mayAnswerNominationOf(order: { status: WorkOrderStatus; nominatedCrewId: string | null }): boolean {
  return order.nominatedCrewId !== null && !["completed", "declined"].includes(order.status);
}
