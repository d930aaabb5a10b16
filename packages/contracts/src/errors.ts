// Every error code the API answers, REST and Socket.IO alike, with its HTTP status. A REST error is
// RFC 9457 problem+json with this `code`; a socket acknowledgement carries the same problem in
// `{ ok: false, error }`. The web app words each code in the reader's language.
export const ERROR_STATUS = {
  "validation.failed": 400,
  "request.malformed_json": 400,
  "request.unsupported_media_type": 415,
  "request.too_large": 413,
  "auth.required": 401,
  "auth.invalid_credentials": 401,
  "auth.csrf_invalid": 403,
  "auth.forbidden": 403,
  "auth.password_change_required": 403,
  "auth.current_password_wrong": 400,
  "auth.rate_limited": 429,
  rate_limited: 429,
  /** issue 14: too many password checks waiting on this instance (a flood); nothing was checked, try again after Retry-After */
  "auth.busy": 503,
  "route.not_found": 404,
  /** readiness: the instance cannot serve yet (or any more); `notReady` names what */
  "service.not_ready": 503,
  /** the database does not answer (stopped, restarting, unreachable): nothing was done; try again after Retry-After */
  "database.unavailable": 503,
  /** a record that went away between two reads (deleted meanwhile) */
  "resource.not_found": 404,
  "user.not_found": 404,
  "client_company.not_found": 404,
  "work_order.not_found": 404,
  "task.not_found": 404,
  "deliverable.not_found": 404,
  "user.email_taken": 409,
  /** issue 15: a person's data is erased only once they left: deactivate the account first */
  "user.still_active": 409,
  "audit.export_too_large": 422,
  "work_order.illegal_transition": 409,
  "work_order.version_conflict": 409,
  "work_order.not_splittable": 409,
  "work_order.not_editable": 409,
  /** issue 10: the order names nobody, or is finished or declined */
  "work_order.no_nomination": 409,
  /** issue 10: the client changed the nominee after the manager read it; read the order again */
  "work_order.nomination_changed": 409,
  // ---- issue 10: urgent offers ----
  /** no such offer, or it was not made to this crew member */
  "offer.not_found": 404,
  /** someone else said yes first */
  "offer.taken": 409,
  /** past its deadline, or ended (everyone said no, the task was assigned otherwise) */
  "offer.expired": 409,
  /** this crew member said no to it already */
  "offer.declined": 409,
  /** the task has an open offer already */
  "offer.already_open": 409,
  /** the task cannot be offered: it has started, is done, or is being reviewed */
  "offer.task_not_offerable": 409,
  /** someone asked is not eligible (`errors` names each with the reason as its code) */
  "offer.crew_ineligible": 422,
  /** the offer is not one that waits for a manager's choice (still open, taken, or already handled) */
  "offer.not_awaiting_manager": 409,
  "task.illegal_transition": 409,
  "task.version_conflict": 409,
  /** issue 10: the assignee said "unwell" today; send assigneeOverride: true to assign them anyway */
  "task.assignee_needs_override": 409,
  "feedback.not_allowed": 409,
  "chat_room.taken": 409,
  "chat_room.no_manager_available": 409,
  "message.deleted": 409,
  "message.changed": 409,
  "message.client_key_reused": 409,
  // ---- issue 11 ----
  "follow_up.not_found": 404,
  "follow_up.illegal_step": 409,
  "notification.not_found": 404,
  // ---- issue 12: monthly reports for clients ----
  /** the month's improvement proposal was changed by someone else since it was read: reload, then save again */
  "report.proposal_version_conflict": 409,
  // ---- issue 12: accommodations ----
  "accommodation.not_found": 404,
  "accommodation.version_conflict": 409,
  "idempotency.key_reused": 422,
  "idempotency.in_progress": 409,
  conflict: 409,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * What any operation may answer besides its own errors: bad input, no or a stale session, a
 * password to change first, limits, retries in flight, a write that lost a race, and our own failures.
 */
export const GENERIC_ERRORS = [
  "validation.failed",
  "request.malformed_json",
  "request.unsupported_media_type",
  "request.too_large",
  "auth.required",
  "auth.csrf_invalid",
  "auth.forbidden",
  "auth.password_change_required",
  "resource.not_found",
  "rate_limited",
  "idempotency.key_reused",
  "idempotency.in_progress",
  "conflict",
  "database.unavailable",
  "internal",
] as const satisfies readonly ErrorCode[];

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(ERROR_STATUS, code);
}
