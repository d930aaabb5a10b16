// Urgent offers (issue 10): a manager offers a task to several eligible crew at once with a
// deadline; the first yes gets it. These are the rules the server applies inside the accept
// transaction and the expiry job; pure, so they are unit-tested here.
import type { Condition } from "./roles.ts";
import { isSkill } from "./work-profile.ts";

export const URGENT_OFFER_STATUSES = ["open", "taken", "expired", "cancelled"] as const;
export type UrgentOfferStatus = (typeof URGENT_OFFER_STATUSES)[number];

/** How long the manager has to act on an offer nobody took before the client is told (minutes). */
export const DEFAULT_UNSTAFFED_NOTICE_MINUTES = 15;

export interface OfferCandidate {
  active: boolean;
  isCrew: boolean;
  skills: readonly string[];
  worksToday: boolean;
  condition: Condition | null;
  /** already the task's assignee */
  assigned: boolean;
}

export type IneligibleReason = "not_crew" | "inactive" | "assigned" | "not_working_today" | "unwell" | "missing_skills";

/**
 * Eligible for an urgent offer (as When I Work's open shifts: qualified, not already scheduled, not
 * on leave): an active crew member with the task's skills, working today, not already on the task.
 * Someone unwell today is eligible only with the manager's explicit (audited) override.
 */
export function offerIneligibility(
  c: OfferCandidate,
  requiredSkills: readonly string[],
  override = false,
): IneligibleReason | null {
  if (!c.isCrew) return "not_crew";
  if (!c.active) return "inactive";
  if (c.assigned) return "assigned";
  if (!c.worksToday) return "not_working_today";
  if (c.condition === "unwell" && !override) return "unwell";
  if (requiredSkills.filter(isSkill).some((s) => !c.skills.includes(s))) return "missing_skills";
  return null;
}

export type AcceptDecision =
  { ok: true } | { ok: false; code: "offer.not_found" | "offer.taken" | "offer.expired" | "offer.declined" };

/**
 * What a crew member's accept gets, read inside the accept transaction with the offer row locked:
 * not offered to them → not found; someone else took it → taken; past its deadline (or expired,
 * cancelled) → expired; they said no before → declined; otherwise theirs.
 */
export function acceptDecision(
  offer: { status: UrgentOfferStatus; deadlineAt: Date },
  recipient: { response: "accepted" | "declined" | null } | null,
  now: Date,
): AcceptDecision {
  if (!recipient) return { ok: false, code: "offer.not_found" };
  if (offer.status === "taken") return { ok: false, code: "offer.taken" };
  if (offer.status !== "open" || now.getTime() >= offer.deadlineAt.getTime())
    return { ok: false, code: "offer.expired" };
  if (recipient.response === "declined") return { ok: false, code: "offer.declined" };
  return { ok: true };
}

/** An open offer ends when its deadline passes, or when everyone asked has said no. */
export function offerEndsNow(
  offer: { status: UrgentOfferStatus; deadlineAt: Date },
  responses: readonly ("accepted" | "declined" | null)[],
  now: Date,
): boolean {
  if (offer.status !== "open") return false;
  return (
    now.getTime() >= offer.deadlineAt.getTime() || (responses.length > 0 && responses.every((r) => r === "declined"))
  );
}

/** When the client is told nobody could be found, unless the manager acts first. */
export function unstaffedNoticeAt(endedAt: Date, minutes = DEFAULT_UNSTAFFED_NOTICE_MINUTES): Date {
  return new Date(endedAt.getTime() + minutes * 60_000);
}
