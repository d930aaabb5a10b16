export const FEEDBACK_VERDICTS = ["accept", "request_revision", "comment"] as const;
export type FeedbackVerdict = (typeof FEEDBACK_VERDICTS)[number];

export const RATING_MIN = 1;
export const RATING_MAX = 5;

/** A rating of 2 or lower is a complaint: it opens a follow-up owned by a manager. */
export function isNegativeRating(rating: number | null | undefined): boolean {
  return rating != null && rating <= 2;
}

export const FOLLOW_UP_STATUSES = ["acknowledged", "crew_heard", "corrective_action", "prevention_note", "closed"] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
