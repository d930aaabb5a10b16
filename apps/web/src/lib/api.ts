// The Crewboard REST API (/api/v1): a fetch wrapper and one typed helper per route of
// packages/contracts/src/routes.ts that the screens use.
//
// - Cookies carry the session (credentials: "same-origin").
// - Every non-GET request sends the CSRF token in `X-CSRF-Token`. The token is kept in memory
//   only: it comes with the login answer, and after a reload with the start-up probe
//   GET /api/v1/auth/session (which also says "signed out" without a failed request). A write
//   refused for its token is retried once with a fresh one (GET /api/v1/auth/csrf).
// - Writes that must not happen twice take `{ idempotencyKey }` (sent as `Idempotency-Key`;
//   the server answers a retry with the first answer). The offline queue always sends one.
// - Accept-Language follows the UI language, so server messages match it.
// - Errors are RFC 9457 problem+json, thrown as ApiError (a network failure is status 0).
//
// Shapes come from the shared contracts as types only: no zod in the bundle.
import type * as z from "zod";
import type {
  Accommodation,
  AccessibilityPreferences,
  AuditEvent,
  CheckIn,
  ClientCompany,
  CreateAccommodationRequest,
  CreateClientCompanyRequest,
  CreateDeliverableRequest,
  CreateFeedbackRequest,
  CreateProgressUpdateRequest,
  CreateTasksRequest,
  CreateUserRequest,
  CreateUserResponse,
  CreateWorkOrderRequest,
  Team,
  Deliverable,
  DemoAccountsResponse,
  Feedback,
  LoginResponse,
  Me,
  SessionResponse,
  Problem as ContractProblem,
  ProgressUpdate,
  PutCheckInRequest,
  Role as RoleSchema,
  Task,
  TaskStatus as TaskStatusSchema,
  UpdateClientCompanyRequest,
  UpdateMeRequest,
  UpdateTaskRequest,
  UpdateUserRequest,
  UpdateWorkOrderRequest,
  User,
  WorkOrder,
  WorkOrderStatus as WorkOrderStatusSchema,
  Priority as PrioritySchema,
  Condition as ConditionSchema,
  Place as PlaceSchema,
  WorkStyle as WorkStyleSchema,
  PersonRef,
  Message,
  ChatRoomSummary,
  Presence,
  PresenceStatus,
} from "@crewboard/contracts";
import { getLocale } from "../i18n/index.ts";

export const API_BASE = "/api/v1";
export const API_DOCS_URL = "/api/docs";

export type {
  Me,
  Accommodation,
  AccessibilityPreferences,
  AuditEvent,
  ChatRoomSummary,
  CheckIn,
  ClientCompany,
  CreateUserResponse,
  Deliverable,
  Feedback,
  LoginResponse,
  Team,
  Message,
  PersonRef,
  Presence,
  PresenceStatus,
  ProgressUpdate,
  Task,
  User,
  WorkOrder,
};
export type Role = z.infer<typeof RoleSchema>;
export type WorkOrderStatus = z.infer<typeof WorkOrderStatusSchema>;
export type TaskStatus = z.infer<typeof TaskStatusSchema>;
export type Priority = z.infer<typeof PrioritySchema>;
export type Condition = z.infer<typeof ConditionSchema>;
export type Place = z.infer<typeof PlaceSchema>;
export type WorkStyle = z.infer<typeof WorkStyleSchema>;
export type DemoInfo = DemoAccountsResponse;
export type DemoAccount = DemoAccountsResponse["accounts"][number];
export type CrewMember = PersonRef & { workStyle: WorkStyle | null };

// What callers send: the schemas' input types (fields with defaults may be left out).
export type CreateWorkOrderInput = z.input<typeof CreateWorkOrderRequest>;
export type UpdateWorkOrderInput = z.input<typeof UpdateWorkOrderRequest>;
export type CreateTasksInput = z.input<typeof CreateTasksRequest>;
export type UpdateTaskInput = z.input<typeof UpdateTaskRequest>;
export type CreateProgressInput = z.input<typeof CreateProgressUpdateRequest>;
export type CreateDeliverableInput = z.input<typeof CreateDeliverableRequest>;
export type CreateFeedbackInput = z.input<typeof CreateFeedbackRequest>;
export type PutCheckInInput = z.input<typeof PutCheckInRequest>;
export type CreateAccommodationInput = z.input<typeof CreateAccommodationRequest>;
export type UpdateMeInput = z.input<typeof UpdateMeRequest>;
export type CreateUserInput = z.input<typeof CreateUserRequest>;
export type UpdateUserInput = z.input<typeof UpdateUserRequest>;
export type CreateClientCompanyInput = z.input<typeof CreateClientCompanyRequest>;
export type UpdateClientCompanyInput = z.input<typeof UpdateClientCompanyRequest>;

/** A problem+json answer; a network failure makes one up on the client, so every member is optional. */
export type Problem = Partial<ContractProblem>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An HTTP error answer (or, with status 0, a network failure). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  /** Seconds from a Retry-After header, when the server sent one. */
  readonly retryAfter: number | undefined;

  constructor(status: number, problem: Problem, retryAfter?: number) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }

  /** The stable error code, e.g. "task.version_conflict", "validation.failed". */
  get code(): string {
    return this.problem.code ?? (this.status === 0 ? "network_error" : `http_${this.status}`);
  }

  get isNetworkError(): boolean {
    return this.status === 0;
  }

  /** 409: an illegal status change (`allowed`) or a stale version (`current`). */
  get isConflict(): boolean {
    return this.status === 409;
  }

  /** Worth sending again later (offline, server restarting, rate limited); anything else will fail again. */
  get isRetryable(): boolean {
    return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
  }

  /** For a stale version: the resource as it is now on the server. */
  current<T>(): T | undefined {
    return this.problem.current as T | undefined;
  }

  /** For an illegal transition: the statuses allowed from here. */
  get allowed(): string[] {
    return this.problem.allowed ?? [];
  }

  /** Field errors keyed by the path under the body ("email", "tasks.0.title" …); the first message per field. */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) {
      const path = Array.isArray(error.path) ? error.path.join(".") : String(error.path);
      const field = path.replace(/^(body|query|params)\.?/, "");
      const first = field.split(".")[0] ?? "";
      if (field && !(field in out)) out[field] = error.message;
      if (first && !(first in out)) out[first] = error.message;
    }
    return out;
  }
}

/** This session's CSRF token; null: known to be signed out (send none); undefined: not known yet. */
let csrfToken: string | null | undefined;

export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token;
}

async function ensureCsrfToken(refresh = false): Promise<string | null> {
  if (csrfToken !== undefined && !refresh) return csrfToken;
  const { csrfToken: token } = await request<{ csrfToken: string }>("GET", "/auth/csrf");
  csrfToken = token;
  return token;
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

async function readProblem(response: Response): Promise<Problem> {
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    try {
      return (await response.json()) as Problem;
    } catch {
      // fall through
    }
  }
  return { title: response.statusText || `HTTP ${response.status}`, status: response.status };
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** sent as Idempotency-Key: a retry with the same key gets the first answer back */
  idempotencyKey?: string;
}

async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: "application/json, application/problem+json",
    "Accept-Language": getLocale(),
  };
  const isForm = typeof FormData !== "undefined" && body instanceof FormData;
  if (body !== undefined && !isForm) headers["Content-Type"] = "application/json";
  if (method !== "GET" && method !== "HEAD") {
    // If no token can be had (e.g. before sign-in), send without one and let the server decide.
    const token = await ensureCsrfToken().catch(() => undefined);
    if (token) headers["X-CSRF-Token"] = token;
    if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  }

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : isForm ? (body as FormData) : JSON.stringify(body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(0, { title: "Network error", code: "network_error" });
  }

  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response), parseRetryAfter(response.headers.get("retry-after")));
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  return (type.includes("json") ? await response.json() : undefined) as T;
}

/** Sends a request; a write rejected for its CSRF token is retried once with a fresh token. */
async function send<T>(method: string, path: string, body?: unknown, options?: RequestOptions): Promise<T> {
  try {
    return await request<T>(method, path, body, options);
  } catch (error) {
    const csrfRejected =
      error instanceof ApiError && error.status === 403 && /csrf/i.test(error.problem.code ?? "") && method !== "GET";
    if (!csrfRejected) throw error;
    await ensureCsrfToken(true);
    return request<T>(method, path, body, options);
  }
}

/** Low-level access for a route without a helper below (prefer adding a helper). */
export const api = {
  get: <T>(path: string, options?: RequestOptions) => send<T>("GET", path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => send<T>("POST", path, body, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => send<T>("PATCH", path, body, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => send<T>("PUT", path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => send<T>("DELETE", path, undefined, options),
};

type QueryValue = string | number | boolean | readonly string[] | null | undefined;

/** `?a=1&status=x,y` from an object; empty values are left out, lists are comma-separated. */
export function queryString(params: Readonly<Record<string, QueryValue>> | undefined): string {
  if (!params) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length) search.set(key, value.join(","));
    } else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

const id = (value: string) => encodeURIComponent(value);

// ---- Auth and me ---------------------------------------------------------------

export async function login(email: string, password: string): Promise<LoginResponse> {
  const result = await api.post<LoginResponse>("/auth/login", { email, password });
  setCsrfToken(result.csrfToken); // the session changed: use the token that came with it
  return result;
}

export async function logout(): Promise<void> {
  try {
    await api.post<void>("/auth/logout");
  } finally {
    setCsrfToken(null);
  }
}

/**
 * Who is signed in (null: nobody), asked once when the app starts. It also brings this session's
 * CSRF token, so a reload needs no second request before the first write.
 */
export async function getSession(signal?: AbortSignal): Promise<Me | null> {
  const session = await api.get<SessionResponse>("/auth/session", { signal });
  setCsrfToken(session.csrfToken);
  return session.user;
}

export async function getDemoInfo(signal?: AbortSignal): Promise<DemoInfo | undefined> {
  try {
    const info = await api.get<DemoInfo>("/auth/demo", { signal });
    return info && info.enabled && Array.isArray(info.accounts) ? info : undefined;
  } catch (error) {
    if (error instanceof ApiError) return undefined; // 404 / disabled: no demo panel
    throw error;
  }
}

export async function updateMe(body: UpdateMeInput): Promise<Me> {
  return (await api.patch<{ user: Me }>("/me", body)).user;
}

// ---- Users, crew, client companies ----------------------------------------------

/** Choose a new password (also the way out of a one-time password); the session is renewed. */
export async function changeMyPassword(currentPassword: string, newPassword: string): Promise<LoginResponse> {
  const result = await api.post<LoginResponse>("/me/password", { currentPassword, newPassword });
  setCsrfToken(result.csrfToken); // a new session: its own token
  return result;
}

export interface ListUsersParams {
  role?: Role;
  clientCompanyId?: string;
  teamId?: string;
  active?: boolean;
  /** part of the name or email */
  q?: string;
  cursor?: string;
  limit?: number;
}
export const listUsers = (params?: ListUsersParams, signal?: AbortSignal) =>
  api.get<Page<User>>(`/users${queryString({ ...params })}`, { signal });
export const getUser = (userId: string, signal?: AbortSignal) => api.get<User>(`/users/${id(userId)}`, { signal });
/** The answer carries the new user's one-time password: show it once, never keep it. */
export const createUser = (body: CreateUserInput, options?: RequestOptions) => api.post<CreateUserResponse>("/users", body, options);
export const updateUser = (userId: string, body: UpdateUserInput) => api.patch<User>(`/users/${id(userId)}`, body);
/** A new one-time password for the user (their sessions end). */
export const resetUserPassword = (userId: string) => api.post<CreateUserResponse>(`/users/${id(userId)}/password-reset`);
export const listTeams = (signal?: AbortSignal) => api.get<{ items: Team[] }>("/teams", { signal });
/** Active crew members (names only): for nominating and assigning. */
export const listCrew = (signal?: AbortSignal) => api.get<{ items: CrewMember[] }>("/crew", { signal });

export const listClientCompanies = (params?: { active?: boolean; q?: string; cursor?: string; limit?: number }, signal?: AbortSignal) =>
  api.get<Page<ClientCompany>>(`/client-companies${queryString({ ...params })}`, { signal });
export const getClientCompany = (companyId: string, signal?: AbortSignal) =>
  api.get<ClientCompany>(`/client-companies/${id(companyId)}`, { signal });
export const createClientCompany = (body: CreateClientCompanyInput) => api.post<ClientCompany>("/client-companies", body);
export const updateClientCompany = (companyId: string, body: UpdateClientCompanyInput) =>
  api.patch<ClientCompany>(`/client-companies/${id(companyId)}`, body);

// ---- Work orders ---------------------------------------------------------------

export interface ListWorkOrdersParams {
  status?: readonly WorkOrderStatus[];
  clientCompanyId?: string;
  priority?: Priority;
  q?: string;
  cursor?: string;
  limit?: number;
}
export const listWorkOrders = (params?: ListWorkOrdersParams, signal?: AbortSignal) =>
  api.get<Page<WorkOrder>>(`/work-orders${queryString({ ...params })}`, { signal });
export const getWorkOrder = (workOrderId: string, signal?: AbortSignal) =>
  api.get<WorkOrder>(`/work-orders/${id(workOrderId)}`, { signal });
export const createWorkOrder = (body: CreateWorkOrderInput, options?: RequestOptions) =>
  api.post<WorkOrder>("/work-orders", body, options);
export const updateWorkOrder = (workOrderId: string, body: UpdateWorkOrderInput, options?: RequestOptions) =>
  api.patch<WorkOrder>(`/work-orders/${id(workOrderId)}`, body, options);

// ---- Tasks and progress --------------------------------------------------------

export interface ListTasksParams {
  workOrderId?: string;
  /** a user id, or "me" */
  assigneeId?: string;
  status?: readonly TaskStatus[];
  blocked?: boolean;
  dueBefore?: string;
  /** only tasks whose order has a standing revision request (true), or none (false) */
  revisionRequested?: boolean;
  cursor?: string;
  limit?: number;
}
export const listTasks = (params?: ListTasksParams, signal?: AbortSignal) =>
  api.get<Page<Task>>(`/tasks${queryString({ ...params })}`, { signal });
export const getTask = (taskId: string, signal?: AbortSignal) => api.get<Task>(`/tasks/${id(taskId)}`, { signal });
/** Split a work order into tasks (all or none are created). */
export const createTasks = (workOrderId: string, body: CreateTasksInput, options?: RequestOptions) =>
  api.post<{ items: Task[] }>(`/work-orders/${id(workOrderId)}/tasks`, body, options);
/** Send the `version` you read; a stale one is ApiError 409 `task.version_conflict` with `current<Task>()`. */
export const updateTask = (taskId: string, body: UpdateTaskInput, options?: RequestOptions) =>
  api.patch<Task>(`/tasks/${id(taskId)}`, body, options);
export const listProgress = (taskId: string, params?: { cursor?: string; limit?: number }, signal?: AbortSignal) =>
  api.get<Page<ProgressUpdate>>(`/tasks/${id(taskId)}/progress${queryString({ ...params })}`, { signal });
export const createProgress = (taskId: string, body: CreateProgressInput, options?: RequestOptions) =>
  api.post<{ progressUpdate: ProgressUpdate; task: Task }>(`/tasks/${id(taskId)}/progress`, body, options);

// ---- Deliverables and feedback -------------------------------------------------

export const listDeliverables = (workOrderId: string, signal?: AbortSignal) =>
  api.get<{ items: Deliverable[] }>(`/work-orders/${id(workOrderId)}/deliverables`, { signal });
/** A link (JSON) or, with `file`, an upload (multipart, at most DELIVERABLE_MAX_BYTES). */
export function createDeliverable(workOrderId: string, body: CreateDeliverableInput, file?: Blob & { name?: string }, options?: RequestOptions) {
  if (!file) return api.post<Deliverable>(`/work-orders/${id(workOrderId)}/deliverables`, body, options);
  const form = new FormData();
  form.set("title", body.title);
  if (body.note) form.set("note", body.note);
  if (body.url) form.set("url", body.url);
  form.set("file", file, file.name ?? "file");
  return api.post<Deliverable>(`/work-orders/${id(workOrderId)}/deliverables`, form, options);
}
export const deliverableDownloadUrl = (deliverableId: string) => `${API_BASE}/deliverables/${id(deliverableId)}/file`;
/** Uploads above this are refused with 413 (packages/contracts DELIVERABLE_MAX_BYTES). */
export const DELIVERABLE_MAX_BYTES = 5 * 1024 * 1024;
export const listFeedback = (workOrderId: string, signal?: AbortSignal) =>
  api.get<{ items: Feedback[] }>(`/work-orders/${id(workOrderId)}/feedback`, { signal });
/** accept → completed; request_revision (comment required) → back to the crew; comment → rating/comment only. */
export const createFeedback = (workOrderId: string, body: CreateFeedbackInput, options?: RequestOptions) =>
  api.post<Feedback>(`/work-orders/${id(workOrderId)}/feedback`, body, options);

// ---- Wellbeing -----------------------------------------------------------------

/** `day` is YYYY-MM-DD in Asia/Tokyo (today when left out). */
export const listCheckIns = (params?: { day?: string; userId?: string }, signal?: AbortSignal) =>
  api.get<{ items: CheckIn[] }>(`/check-ins${queryString({ ...params })}`, { signal });
export const putMyCheckIn = (body: PutCheckInInput, options?: RequestOptions) => api.put<CheckIn>("/check-ins/today", body, options);
export const listAccommodations = (userId: string, signal?: AbortSignal) =>
  api.get<{ items: Accommodation[] }>(`/users/${id(userId)}/accommodations`, { signal });
export const createAccommodation = (userId: string, body: CreateAccommodationInput) =>
  api.post<Accommodation>(`/users/${id(userId)}/accommodations`, body);

// ---- Audit ---------------------------------------------------------------------

export interface AuditFilterParams {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  /** one action or several */
  action?: readonly string[];
  /** ISO instants: from inclusive, to exclusive */
  from?: string;
  to?: string;
}
export interface ListAuditEventsParams extends AuditFilterParams {
  cursor?: string;
  limit?: number;
}
export const listAuditEvents = (params?: ListAuditEventsParams, signal?: AbortSignal) =>
  api.get<Page<AuditEvent>>(`/audit-events${queryString({ ...params })}`, { signal });
/** The CSV download of the filtered audit log (a plain link: the cookie authenticates it). */
export const auditExportUrl = (params: AuditFilterParams) => `${API_BASE}/audit-events/export${queryString({ ...params })}`;
