// What the matrix expects, derived from the catalogue and the access policy, never written per case:
//   the session (none, or a deactivated account's, counts as nobody) → the operation's gate in the
//   catalogue (checkGate: 401 / 403) → the operation's resource rule, which asks the policy about
//   the target's facts (which company, which assignee, which team, who is in the chat room).
// The policy is passed in, so a test can give the server a different policy than the oracle (the
// flip test) and see the matrix catch the difference.
import { GENERIC_ERRORS, type ErrorCode, type OperationDef } from "@crewboard/contracts";
import type * as Domain from "@crewboard/domain";
import type { Identity, WorkScope } from "@crewboard/domain";
import type { OrderFacts, TaskFacts } from "./world.ts";

/** The access policy as the oracle asks it: the domain package's exports. */
export type Policy = typeof Domain;

/** What a call answers: success, or an error code of the catalogue. */
export type Outcome = "ok" | ErrorCode;
export const OK = "ok" as const;
/**
 * What a rule answers for something the caller may not see: the operation's "not found" answer
 * (hiddenCode), which must read exactly like the answer for an id that does not exist.
 */
export const HIDDEN = "hidden" as const;
export type Expectation = Outcome | typeof HIDDEN;

/** A scope (plain data from the policy) read as a predicate over an order's facts. */
export function admitsOrder(scope: WorkScope, order: OrderFacts): boolean {
  if (!order.exists) return false;
  switch (scope.kind) {
    case "all":
      return true;
    case "none":
      return false;
    case "company":
      return order.clientCompanyId === scope.clientCompanyId;
    case "assignee":
      return order.assigneeIds.includes(scope.userId);
  }
}

export function admitsTask(scope: WorkScope, task: TaskFacts): boolean {
  if (!task.exists) return false;
  switch (scope.kind) {
    case "all":
      return true;
    case "none":
      return false;
    case "company":
      return task.clientCompanyId === scope.clientCompanyId;
    case "assignee":
      return task.assigneeId === scope.userId;
  }
}

/**
 * How an operation says "not for you" about something the caller may not see: the same answer as
 * for an id that does not exist — its `*.not_found` code from the catalogue, or, for an operation
 * that declares none (the chat events), `auth.forbidden`, which they answer for unknown ids too.
 */
export function hiddenCode(def: OperationDef): ErrorCode {
  const notFound = (def.errors ?? []).filter((e) => e.endsWith(".not_found"));
  if (notFound.length > 1)
    throw new Error(`${def.operationId} declares more than one not-found code: ${notFound.join(", ")}`);
  return notFound[0] ?? "auth.forbidden";
}

/** The codes an operation may answer: its own (catalogue) and the generic ones. */
export function declaredCodes(def: OperationDef): Set<string> {
  return new Set<string>([...(def.errors ?? []), ...GENERIC_ERRORS]);
}

/** The first two layers, the same for every operation: the session, then the catalogue's gate. */
export function gateOutcome(policy: Policy, def: OperationDef, who: Identity | null): Outcome | null {
  const decision = policy.checkGate(def.gate, who);
  if (decision === "unauthenticated") return "auth.required";
  if (decision === "forbidden") return "auth.forbidden";
  return null;
}
