// Complaint handling after ISO 10002:2018: a follow-up goes through its steps in order, each
// time-stamped, with its author and a due date. The client sees the steps that concern them.
import { addWorkingDays } from "./calendar.ts";
import { allowedTransitions, canTransition, type TransitionTable } from "./state-machine.ts";

/**
 * The steps in order. "acknowledged" is the first: the client is thanked and told who handles it
 * and by when (Crewboard does this at once, when the follow-up opens).
 */
export const FOLLOW_UP_STEPS = [
  "acknowledged",
  "listened",
  "reported",
  "crew_heard",
  "corrective_action",
  "prevention_note",
  "closed",
] as const;
export type FollowUpStep = (typeof FOLLOW_UP_STEPS)[number];
/** A follow-up's status is the last step it went through. */
export type FollowUpStatus = FollowUpStep;
export const FOLLOW_UP_STATUSES = FOLLOW_UP_STEPS;

/** One step after another; none is skipped, none goes back, and closed is the end. */
export const FOLLOW_UP_TRANSITIONS: TransitionTable<FollowUpStep> = {
  acknowledged: ["listened"],
  listened: ["reported"],
  reported: ["crew_heard"],
  crew_heard: ["corrective_action"],
  corrective_action: ["prevention_note"],
  prevention_note: ["closed"],
  closed: [],
};

export function nextFollowUpStep(status: FollowUpStep): FollowUpStep | null {
  return allowedTransitions(FOLLOW_UP_TRANSITIONS, status)[0] ?? null;
}

export function canRecordFollowUpStep(status: FollowUpStep, step: FollowUpStep): boolean {
  return canTransition(FOLLOW_UP_TRANSITIONS, status, step);
}

/** How many working days each step may take after the one before it. */
export const FOLLOW_UP_STEP_WORKING_DAYS: Readonly<Record<Exclude<FollowUpStep, "acknowledged">, number>> = {
  listened: 1,
  reported: 1,
  crew_heard: 1,
  corrective_action: 2,
  prevention_note: 2,
  closed: 1,
};

/** When `step` is due, counted from when the step before it was done. */
export function followUpStepDueAt(step: Exclude<FollowUpStep, "acknowledged">, previousDoneAt: Date): Date {
  return addWorkingDays(previousDoneAt, FOLLOW_UP_STEP_WORKING_DAYS[step]);
}

/** The due date of the step after `status`, done at `doneAt`; null once closed. */
export function nextFollowUpDueAt(status: FollowUpStep, doneAt: Date): Date | null {
  const next = nextFollowUpStep(status);
  return next && next !== "acknowledged" ? followUpStepDueAt(next, doneAt) : null;
}

/** The steps the client sees: received (and thanked), the action taken, closed. */
export const CLIENT_FOLLOW_UP_STEPS: readonly FollowUpStep[] = ["acknowledged", "corrective_action", "closed"];
export const isClientFollowUpStep = (step: FollowUpStep): boolean => CLIENT_FOLLOW_UP_STEPS.includes(step);

/** Steps that must say something to the client (what was done); the others are internal notes. */
export const FOLLOW_UP_STEPS_TELLING_THE_CLIENT: readonly FollowUpStep[] = ["corrective_action", "closed"];

export function isFollowUpOverdue(
  f: { status: FollowUpStep; dueAt: Date | string | null },
  now: Date | number = Date.now(),
): boolean {
  if (f.status === "closed" || f.dueAt == null) return false;
  return new Date(f.dueAt).getTime() < (now instanceof Date ? now.getTime() : now);
}

export interface FollowUpStepRecord {
  step: FollowUpStep;
  createdAt: Date | string;
}

/** Time from opening to closing, in hours (null while open). */
export function hoursToClose(f: { createdAt: Date | string; closedAt: Date | string | null }): number | null {
  if (f.closedAt == null) return null;
  return (new Date(f.closedAt).getTime() - new Date(f.createdAt).getTime()) / 3_600_000;
}
