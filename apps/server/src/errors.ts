// Coded errors. Throw `new AppError("task.not_found")`; the error middleware (REST) and the socket
// acknowledgement both turn it into an RFC 9457 problem with the status from the one table of
// codes in packages/contracts/src/errors.ts. The titles here are English, for API clients; the web
// app words each code in its user's language.

import { ERROR_STATUS, type ErrorCode } from "@crewboard/contracts";

export { ERROR_STATUS, type ErrorCode };

/** Plain-language titles; `detail` carries the specific case. */
const TITLES: Record<ErrorCode, string> = {
  "validation.failed": "Some fields are not valid",
  "request.malformed_json": "The request body is not valid JSON",
  "request.unsupported_media_type": "Send the body as application/json",
  "request.too_large": "The request is too large",
  "auth.required": "Please sign in",
  "auth.invalid_credentials": "The email or password is not correct",
  "auth.csrf_invalid": "The security token is missing or out of date; reload and try again",
  "auth.forbidden": "You are not allowed to do this",
  "auth.password_change_required": "Choose a new password first (POST /api/v1/me/password)",
  "auth.current_password_wrong": "The current password is not correct",
  "auth.rate_limited": "Too many attempts; wait a little and try again",
  rate_limited: "Too many requests; wait a little and try again",
  "auth.busy": "Too many sign-ins at once; try again in a moment",
  "route.not_found": "There is no such API endpoint",
  "service.not_ready": "This instance is not ready to serve requests",
  "resource.not_found": "It is not there any more; reload and try again",
  "user.not_found": "User not found",
  "client_company.not_found": "Client company not found",
  "work_order.not_found": "Work order not found",
  "task.not_found": "Task not found",
  "deliverable.not_found": "Deliverable not found",
  "user.email_taken": "A user with this email already exists",
  "user.still_active": "This person is still active: deactivate the account before erasing their data",
  "audit.export_too_large": "Too many audit events for one export; narrow the filter",
  "work_order.illegal_transition": "The work order cannot move to that status from its current one",
  "work_order.version_conflict": "Someone else changed this work order; the current version is attached",
  "work_order.not_splittable": "Tasks can be added only to an accepted order that is not finished",
  "work_order.not_editable": "This work order can no longer be changed",
  "work_order.no_nomination": "This work order has no nomination to answer",
  "work_order.nomination_changed": "The client changed the nominee since you read the order; read it again and answer",
  "offer.not_found": "Urgent offer not found",
  "offer.taken": "Someone else took this offer first",
  "offer.expired": "This offer has ended (past its deadline, or nobody is asked any more)",
  "offer.declined": "You declined this offer already",
  "offer.already_open": "This task has an open urgent offer already",
  "offer.task_not_offerable": "Only a task that has not started can be offered",
  "offer.crew_ineligible": "Some of the people named cannot be asked; `errors` says who and why",
  "offer.not_awaiting_manager": "This offer is not waiting for a manager's choice",
  "task.illegal_transition": "The task cannot move to that status from its current one",
  "task.version_conflict": "Someone else changed this task; the current version is attached",
  "task.assignee_needs_override":
    "This person said they are unwell today; assign them only on purpose (assigneeOverride: true), which is recorded",
  "feedback.not_allowed": "This feedback does not fit the order's status",
  "chat_room.taken": "Another manager has already taken this conversation",
  "chat_room.no_manager_available": "No manager is available right now; please try again later",
  "message.deleted": "This message was deleted",
  "message.changed": "The message changed meanwhile; reload it and try again",
  "message.client_key_reused": "This clientKey was already used for a message in another room; generate a new one",
  "follow_up.not_found": "Follow-up not found",
  "follow_up.illegal_step": "Follow-up steps are recorded in order; this is not the next one",
  "report.proposal_version_conflict": "The improvement proposal was changed meanwhile; reload it and save again",
  "notification.not_found": "Notification not found",
  "accommodation.not_found": "Accommodation not found",
  "accommodation.version_conflict": "Someone else changed this accommodation; the current version is attached",
  "idempotency.key_reused": "This Idempotency-Key was already used for a different request",
  "idempotency.in_progress": "The first request with this Idempotency-Key is still being handled; retry in a moment",
  conflict: "The change conflicts with the current data",
  internal: "Something went wrong on our side; nothing was saved",
  "database.unavailable": "The database is not answering just now; nothing was done. Try again in a few seconds",
};

export interface FieldError {
  /** where: "body.dueAt", "query.limit", "params.id" */
  path: string;
  message: string;
  code?: string;
}

export interface AppErrorOptions {
  detail?: string;
  errors?: FieldError[];
  /** extra members of the problem document (e.g. `allowed`, `current`) */
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly detail: string | undefined;
  readonly errors: FieldError[] | undefined;
  readonly extensions: Record<string, unknown>;
  readonly headers: Record<string, string>;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    super(options.detail ?? TITLES[code], { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.detail = options.detail;
    this.errors = options.errors;
    this.extensions = options.extensions ?? {};
    this.headers = options.headers ?? {};
  }

  get title(): string {
    return TITLES[this.code];
  }
}

/** A 400 naming one field, for rules zod cannot see (e.g. "the assignee must be active crew"). */
export function invalidField(path: string, message: string): AppError {
  return new AppError("validation.failed", { detail: `${path}: ${message}`, errors: [{ path, message }] });
}
