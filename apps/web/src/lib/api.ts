// The Crewboard REST API (/api/v1), called by the operation's name in the catalogue
// (packages/contracts/src/operations):
//
//   call("updateTask", { params: { id }, body: { version, status } }, { idempotencyKey })
//   call("listTasks", { query: { assigneeId: "me", status: ["doing"] } }, { signal })
//
// Nothing here spells out a path, a method or a shape. The method and path come from the
// catalogue's plain table `HTTP_OPERATIONS` (`@crewboard/contracts/http`: data, no zod); params,
// query, body and answer types come from the catalogue's own schemas, as types only (no zod in the
// bundle). A query is given as the server parses it (lists as arrays, booleans as booleans) and
// sent as a query string.
//
// - Cookies carry the session (credentials: "same-origin").
// - Every non-GET request sends the CSRF token in `X-CSRF-Token`. The token is kept in memory
//   only. Every answer that carries a `csrfToken` (signing in, the start-up probe
//   GET /auth/session — null there when signed out —, a password change, GET /auth/csrf) is the
//   session's token from then on, so a reload needs no second request before the first write. A
//   write refused for its token is retried once with a fresh one.
// - Writes that must not happen twice take `{ idempotencyKey }` (sent as `Idempotency-Key`;
//   the server answers a retry with the first answer). The offline queue always sends one.
// - Accept-Language follows the UI language, so server messages match it.
// - A request sent while nobody is at the screen is marked background (it does not keep an idle
//   session alive), and every answer's X-Session-Expires feeds the idle warning (lib/session-clock.ts).
// - Errors are RFC 9457 problem+json, thrown as ApiError (a network failure is status 0).
import { learnFromResponse } from "../i18n/easy-read/ruby.ts";
import type * as z from "zod";
import type {
  Accommodation,
  AccessibilityPreferences,
  AuditEvent,
  CheckIn,
  ClientCompany,
  CreateUserResponse,
  Team,
  Deliverable,
  DemoAccountsResponse,
  Feedback,
  LoginResponse,
  Me,
  Problem as ContractProblem,
  ProgressUpdate,
  Role as RoleSchema,
  Task,
  TaskStatus as TaskStatusSchema,
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
  routes,
} from "@crewboard/contracts";
import {
  BACKGROUND_REQUEST_HEADER,
  HTTP_OPERATIONS,
  operationPath,
  type RestOperationName,
} from "@crewboard/contracts/http";
import { sessionDeadline, userIsPresent } from "./session-clock.ts";
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
/** issue 10: an urgent offer (the first yes wins) */
export type UrgentOffer = ResultOf<"getUrgentOffer">;
export type DemoInfo = DemoAccountsResponse;
export type DemoAccount = DemoAccountsResponse["accounts"][number];

// ---- the operations' types, from the catalogue -----------------------------------------------

type Routes = typeof routes;

/** An operation's path parameters (`{ id }`), or undefined when its path has none. */
export type ParamsOf<N extends RestOperationName> = Routes[N] extends { params: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;
/**
 * An operation's query, every member optional, undefined when it takes none. Lists, booleans and
 * numbers as the server parses them (`status: ["doing"]`, `blocked: true`); text as it is sent (a
 * cursor stays the opaque string the server gave).
 */
export type QueryOf<N extends RestOperationName> = Routes[N] extends { query: infer S extends z.ZodType }
  ? { [K in keyof z.output<S>]?: QueryField<K extends keyof z.input<S> ? z.input<S>[K] : never, z.output<S>[K]> }
  : undefined;
type QueryField<In, Out> = Out extends readonly (infer E)[]
  ? readonly E[]
  : Out extends boolean | number | undefined
    ? Out
    : Exclude<In, undefined>;
/** What a caller sends as the body (the schema's input: fields with defaults may be left out); FormData for an upload. */
export type BodyOf<N extends RestOperationName> = Routes[N] extends { body: infer S extends z.ZodType }
  ? z.input<S> | (Routes[N] extends { multipart: true } ? FormData : never)
  : undefined;
/** An operation's answer (undefined for 204 and file downloads). */
export type ResultOf<N extends RestOperationName> = Routes[N]["response"] extends infer S extends z.ZodType
  ? z.output<S>
  : undefined;

/** What an operation's URL is made of: the params and query it has. */
export type UrlInput<N extends RestOperationName> = (ParamsOf<N> extends undefined
  ? { params?: never }
  : { params: ParamsOf<N> }) &
  (QueryOf<N> extends undefined ? { query?: never } : { query?: QueryOf<N> });
/** What `call` takes besides the name: the params, query and body the operation has. */
export type CallInput<N extends RestOperationName> = UrlInput<N> &
  (BodyOf<N> extends undefined ? { body?: never } : { body: BodyOf<N> });

/** The crew list's items: names (and, for colleagues, the work style). */
export type CrewMember = ResultOf<"listCrew">["items"][number];

/** A problem+json answer; a network failure makes one up on the client, so every member is optional. */
export type Problem = Partial<ContractProblem>;

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
  /** the rooms' sequences as of the read (the board's task list; lib/live.ts followReads) */
  seqs?: Record<string, number>;
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
  await call("getCsrfToken"); // its answer sets the token
  return csrfToken ?? null;
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

/** The one request index.html preloads (the session check): only its first asking gets the preloaded answer. */
const PRELOADED_URL = `${API_BASE}${HTTP_OPERATIONS.getSession.path}`;
let preloadTaken = false;

/**
 * When the answer to `url` arrived, for the session clock. Usually now; but the first session check
 * gets the answer index.html preloaded, which may have arrived seconds before a slow device ran the
 * app's scripts: counting from now would put the session's end that much too late.
 */
function answeredAt(url: string): number {
  const now = Date.now();
  if (preloadTaken || url !== PRELOADED_URL) return now;
  preloadTaken = true;
  if (typeof location === "undefined" || typeof performance?.getEntriesByName !== "function") return now;
  const absolute = new URL(url, location.href).href;
  const preload = performance
    .getEntriesByName(absolute, "resource")
    .find((entry) => (entry as PerformanceResourceTiming).initiatorType === "link") as
    PerformanceResourceTiming | undefined;
  return preload && preload.responseStart > 0 ? Math.min(now, performance.timeOrigin + preload.responseStart) : now;
}

async function request(method: string, url: string, body: unknown, options: RequestOptions): Promise<unknown> {
  const headers: Record<string, string> = {
    Accept: "application/json, application/problem+json",
    "Accept-Language": getLocale(),
  };
  // sent while nobody is at the screen (a poll, a refetch): it does not keep an idle session alive
  if (!userIsPresent()) headers[BACKGROUND_REQUEST_HEADER] = "1";
  const isForm = typeof FormData !== "undefined" && body instanceof FormData;
  if (body !== undefined && !isForm) headers["Content-Type"] = "application/json";
  if (method !== "GET") {
    // If no token can be had (e.g. before sign-in), send without one and let the server decide.
    const token = await ensureCsrfToken().catch(() => undefined);
    if (token) headers["X-CSRF-Token"] = token;
    if (options.idempotencyKey) headers["Idempotency-Key"] = options.idempotencyKey;
  }

  let response: Response;
  try {
    response = await fetch(url, {
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
  sessionDeadline.fromResponse(response.headers, answeredAt(url));

  if (!response.ok) {
    throw new ApiError(
      response.status,
      await readProblem(response),
      parseRetryAfter(response.headers.get("retry-after")),
    );
  }
  if (response.status === 204) return undefined;
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return undefined;
  const answer: unknown = await response.json();
  learnFromResponse(answer); // the readings of texts people wrote, for easy-read furigana
  return answer;
}

/**
 * The URL of an operation: its path with the params filled in, and the query (built by
 * @crewboard/contracts/http, as the server builds the URL it preloads). Also for plain links (downloads).
 */
export function operationUrl<N extends RestOperationName>(name: N, ...args: UrlArgs<N>): string {
  const input = (args[0] ?? {}) as UrlInput<N>;
  return `${API_BASE}${operationPath(name, { params: input.params as Record<string, string> | undefined, query: input.query })}`;
}

/** Nothing given: the input may be left out when every part of it is optional. */
type NoInput = Record<never, never>;
type UrlArgs<N extends RestOperationName> = NoInput extends UrlInput<N> ? [input?: UrlInput<N>] : [input: UrlInput<N>];

type CallArgs<N extends RestOperationName> =
  NoInput extends CallInput<N>
    ? [input?: CallInput<N>, options?: RequestOptions]
    : [input: CallInput<N>, options?: RequestOptions];

/** Calls one operation of the catalogue; a write refused for its CSRF token is retried once with a fresh token. */
export async function call<N extends RestOperationName>(
  name: N,
  ...[input = {} as CallInput<N>, options = {}]: CallArgs<N>
): Promise<ResultOf<N>> {
  const method = HTTP_OPERATIONS[name].method.toUpperCase();
  const url = operationUrl<N>(name, ...([input] as UrlArgs<N>));
  let result: unknown;
  try {
    result = await request(method, url, input.body, options);
  } catch (error) {
    const csrfRejected =
      error instanceof ApiError && error.status === 403 && /csrf/i.test(error.problem.code ?? "") && method !== "GET";
    if (!csrfRejected) throw error;
    await ensureCsrfToken(true);
    result = await request(method, url, input.body, options);
  }
  if (typeof result === "object" && result !== null && "csrfToken" in result)
    setCsrfToken(result.csrfToken as string | null);
  return result as ResultOf<N>;
}
