// Thin fetch wrapper for the Crewboard REST API (/api/v1).
//
// - Cookies carry the session (credentials: "same-origin").
// - Every non-GET request sends the CSRF token in `X-CSRF-Token`. The token is
//   kept in memory only: it comes with the login answer, and after a reload it
//   is fetched from GET /api/v1/auth/csrf before the first non-GET request.
// - Accept-Language follows the language chosen in the UI, so server messages match it.
// - Errors are RFC 9457 `application/problem+json`; they are thrown as ApiError.

import { getLocale } from "../i18n/index.ts";

export const API_BASE = "/api/v1";
export const API_DOCS_URL = "/api/docs";

// The shapes come from the shared contracts (type-only imports: no zod in the bundle).
import type {
  DemoAccountsResponse,
  LoginResponse,
  Problem as ContractProblem,
  Role,
  User,
  WorkOrder,
  WorkOrderStatus,
} from "@crewboard/contracts";
import type * as z from "zod";

export type { LoginResponse, User };
/** A problem+json answer; a network failure makes one up on the client, so every member is optional. */
export type Problem = Partial<ContractProblem>;
export type Role = z.infer<typeof Role>;
export type WorkOrderStatus = z.infer<typeof WorkOrderStatus>;
export type DemoInfo = DemoAccountsResponse;
export type DemoAccount = DemoAccountsResponse["accounts"][number];
export type WorkOrderSummary = WorkOrder;

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

  get isNetworkError(): boolean {
    return this.status === 0;
  }

  /** Field errors keyed by the first path segment ("email", "password" …). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const error of this.problem.errors ?? []) {
      const path = Array.isArray(error.path) ? error.path.join(".") : String(error.path);
      const field = path.replace(/^(body|\/)\.?/, "").split(/[./]/)[0] ?? "";
      if (field && !(field in out)) out[field] = error.message;
    }
    return out;
  }
}

let csrfToken: string | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

async function ensureCsrfToken(refresh = false): Promise<string> {
  if (csrfToken && !refresh) return csrfToken;
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

async function request<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  const headers: Record<string, string> = {
    Accept: "application/json, application/problem+json",
    "Accept-Language": getLocale(),
  };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && method !== "HEAD") {
    // If no token can be had (e.g. before sign-in), send without one and let the server decide.
    const token = await ensureCsrfToken().catch(() => undefined);
    if (token) headers["X-CSRF-Token"] = token;
  }

  let response: Response;
  try {
    response = await fetch(`${API_BASE}${path}`, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, { title: "Network error", code: "network_error" });
  }

  if (!response.ok) {
    throw new ApiError(response.status, await readProblem(response), parseRetryAfter(response.headers.get("retry-after")));
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get("content-type") ?? "";
  return (type.includes("json") ? await response.json() : undefined) as T;
}

/** Sends a request; a non-GET request rejected for its CSRF token is retried once with a fresh token. */
async function send<T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
  try {
    return await request<T>(method, path, body, signal);
  } catch (error) {
    const csrfRejected =
      error instanceof ApiError && error.status === 403 && /csrf/i.test(error.problem.code ?? "") && method !== "GET";
    if (!csrfRejected) throw error;
    await ensureCsrfToken(true);
    return request<T>(method, path, body, signal);
  }
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => send<T>("GET", path, undefined, signal),
  post: <T>(path: string, body?: unknown) => send<T>("POST", path, body),
  patch: <T>(path: string, body?: unknown) => send<T>("PATCH", path, body),
  put: <T>(path: string, body?: unknown) => send<T>("PUT", path, body),
  delete: <T>(path: string) => send<T>("DELETE", path),
};

// Endpoints used by the shell.

export async function getMe(signal?: AbortSignal): Promise<User> {
  // Accept both `{ user: {...} }` and a bare user object.
  const body = await api.get<User | { user: User }>("/me", signal);
  return "user" in body && body.user && typeof body.user === "object" ? (body.user as User) : (body as User);
}

export async function login(email: string, password: string): Promise<LoginResponse> {
  const result = await api.post<LoginResponse>("/auth/login", { email, password });
  setCsrfToken(result.csrfToken); // the session changed: use the token that came with it
  return result;
}

export async function logout(): Promise<void> {
  try {
    await api.post<void>("/auth/logout");
  } finally {
    setCsrfToken(undefined);
  }
}

export async function getDemoInfo(signal?: AbortSignal): Promise<DemoInfo | undefined> {
  try {
    const info = await api.get<DemoInfo>("/auth/demo", signal);
    return info && info.enabled && Array.isArray(info.accounts) ? info : undefined;
  } catch (error) {
    if (error instanceof ApiError) return undefined; // 404 / disabled: no demo panel
    throw error;
  }
}

export function listWorkOrders(cursor?: string | null, signal?: AbortSignal): Promise<Page<WorkOrderSummary>> {
  const params = new URLSearchParams({ limit: "20" });
  if (cursor) params.set("cursor", cursor);
  return api.get<Page<WorkOrderSummary>>(`/work-orders?${params.toString()}`, signal);
}
