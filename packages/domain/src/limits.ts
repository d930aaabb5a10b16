// Limits the server enforces and the web app checks before it sends: declared once, here. The
// contracts' schemas are built from them, and the web's forms check against them (and say them in
// their messages), so a form never lets through what the server refuses, nor refuses what it takes.

/** Uploads above this are refused with 413 (deliverable files); bigger files go by link. */
export const DELIVERABLE_MAX_BYTES = 5 * 1024 * 1024;

/** The longest text people may write in each kind of field, in characters. */
export const TEXT_LIMITS = {
  /** a work order's, task's, deliverable's or accommodation's title */
  title: 200,
  /** a work order's or task's description */
  description: 10_000,
  acceptanceCriteria: 5_000,
  /** a deliverable's or accommodation's note */
  note: 5_000,
  /** a link (a work order's, a deliverable's) */
  url: 2_000,
  /** why a client would like this crew member */
  nominationNote: 500,
  declineReason: 2_000,
  /** what stops the work (a blocked task, a progress update's blocker) */
  blockedReason: 1_000,
  progressNote: 2_000,
  checkInNote: 1_000,
  /** one agreed part of an accommodation (hours, breaks, communication, the person to consult, tools) */
  accommodationPart: 1_000,
  feedbackComment: 4_000,
  chatMessage: 4_000,
  /** a person's or a company's name */
  name: 100,
  email: 254,
  /** a search in the admin's lists of users and companies */
  adminSearch: 100,
  /** a search in the work orders' titles */
  workOrderSearch: 200,
  /** the audit log's entity id filter */
  auditEntityId: 64,
} as const;

/** Links on one work order. */
export const MAX_LINKS_PER_ORDER = 20;

/** A chosen password's length (a one-time password is longer). */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

/** A task's estimate: at most 100 hours. */
export const TASK_ESTIMATE_MAX_MINUTES = 100 * 60;

/** Minutes one progress update may count: one day. */
export const PROGRESS_MINUTES_MAX = 24 * 60;
