// Follow-ups, praise and notifications (issue 11): who handles a complaint, who reads what of it,
// who hears praise, and whose notifications are whose.
import { isClient, isCrew, isStaff, type Identity } from "./identity.ts";
import type { WorkScope } from "./work.ts";

/** Managers and admins handle follow-ups: they record every step. */
export function mayHandleFollowUps(who: Identity): boolean {
  return isStaff(who);
}

/**
 * Which follow-ups a person sees: staff all of them, a client those on their company's orders
 * (only the steps that concern them), crew none (their side is heard privately, and the
 * prevention note reaches them without naming anyone).
 */
export function followUpScope(who: Identity): WorkScope {
  if (isStaff(who)) return { kind: "all" };
  if (isClient(who) && who.clientCompanyId) return { kind: "company", clientCompanyId: who.clientCompanyId };
  return { kind: "none" };
}

/** "full": every step with its internal notes; "client": received, the action taken, closed — what they were told. */
export function followUpView(who: Identity): "full" | "client" {
  return isStaff(who) ? "full" : "client";
}

/** Who owns a new follow-up: the manager who accepted the order while they are active staff, else an admin. */
export function mayOwnFollowUps(who: Identity & { active: boolean }): boolean {
  return who.active && isStaff(who);
}

/** The follow-ups dashboard (open, overdue, closed this month, time to close). */
export function mayReadFollowUpStats(who: Identity): boolean {
  return isStaff(who);
}

/** Praise on My Day: a crew member hears what clients said of the orders they worked on. */
export function mayReadOwnPraise(who: Identity): boolean {
  return isCrew(who);
}

/** A person's notifications are theirs alone. */
export function mayReadNotification(who: Identity, notification: { userId: string }): boolean {
  return notification.userId === who.id;
}
