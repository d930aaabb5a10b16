export const FEEDBACK_VERDICTS = ["accept", "request_revision", "comment"] as const;
export type FeedbackVerdict = (typeof FEEDBACK_VERDICTS)[number];

export const RATING_MIN = 1;
export const RATING_MAX = 5;

/** A rating of 2 or lower is a complaint: it opens a follow-up owned by a manager. */
export function isNegativeRating(rating: number | null | undefined): boolean {
  return rating != null && rating <= 2;
}

/** What a client marked their words as: praise, or a complaint (the 「ご意見・ご不満」 form). */
export const FEEDBACK_TONES = ["praise", "complaint"] as const;
export type FeedbackTone = (typeof FEEDBACK_TONES)[number];

/** A complaint opens a follow-up: a rating of 2 or less, or words the client marked as a complaint. */
export function isComplaint(f: {
  rating?: number | null | undefined;
  tone?: FeedbackTone | null | undefined;
}): boolean {
  return f.tone === "complaint" || isNegativeRating(f.rating);
}

/** Praise reaches the crew who did the work: a rating of 4 or more, or words marked as praise (never a complaint). */
export function isPraise(f: { rating?: number | null | undefined; tone?: FeedbackTone | null | undefined }): boolean {
  if (isComplaint(f)) return false;
  return f.tone === "praise" || (f.rating != null && f.rating >= 4);
}
