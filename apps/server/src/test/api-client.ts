// A small HTTP client for tests: keeps the session cookie and CSRF token like a browser would.
import { CSRF_HEADER, SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@crewboard/contracts";
import { DEMO_PASSWORD } from "@crewboard/db";
import type { Identity } from "@crewboard/domain";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** raw body sent as is (for malformed JSON tests) */
  raw?: string | FormData;
  /** skip the CSRF header */
  noCsrf?: boolean;
}

export class ApiClient {
  cookie: string | null = null;
  cookieName = SESSION_COOKIE;
  /** the Cookie header a browser would send, or null when signed out */
  get cookieHeader(): string | null {
    return this.cookie ? `${this.cookieName}=${this.cookie}` : null;
  }
  csrfToken: string | null = null;
  /** the signed-in user, as the login answered (an Identity: the room and access rules take it as it is) */
  user: (Identity & { email: string; mustChangePassword?: boolean }) | null = null;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookie) headers.cookie = this.cookieHeader!;
    if (this.csrfToken && method !== "GET" && !options.noCsrf) headers[CSRF_HEADER] = this.csrfToken;
    let payload: string | FormData | undefined;
    if (options.raw !== undefined) payload = options.raw;
    else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["content-type"] ??= "application/json";
    }
    const res = await fetch(`${this.baseUrl}/api/v1${path}`, { method, headers, body: payload });
    const setCookie = res.headers.get("set-cookie");
    // over HTTPS (COOKIE_SECURE) the cookie is named __Host-crewboard_session
    for (const name of [SESSION_COOKIE, SECURE_SESSION_COOKIE]) {
      if (setCookie?.startsWith(`${name}=`)) {
        const value = setCookie.slice(name.length + 1).split(";")[0]!;
        this.cookie = value || null;
        this.cookieName = name;
      }
    }
    const text = await res.text();
    let parsed: unknown = text;
    if ((res.headers.get("content-type") ?? "").includes("json") && text) parsed = JSON.parse(text);
    return { status: res.status, headers: res.headers, body: parsed as T, text };
  }

  get<T = any>(path: string, options?: RequestOptions) {
    return this.request<T>("GET", path, undefined, options);
  }
  post<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>("POST", path, body, options);
  }
  patch<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>("PATCH", path, body, options);
  }
  put<T = any>(path: string, body?: unknown, options?: RequestOptions) {
    return this.request<T>("PUT", path, body, options);
  }

  /** The first sign-in of an account an admin made: the one-time password, then a password of one's own. */
  async firstLogin(email: string, oneTimePassword: string, newPassword = "a-long-enough-password-1"): Promise<this> {
    await this.login(email, oneTimePassword);
    const res = await this.post("/me/password", { currentPassword: oneTimePassword, newPassword });
    if (res.status !== 200) throw new Error(`password change for ${email} failed: ${res.status} ${res.text}`);
    this.csrfToken = res.body.csrfToken;
    this.user = res.body.user;
    return this;
  }

  async login(email: string, password = DEMO_PASSWORD): Promise<this> {
    const res = await this.post("/auth/login", { email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${res.text}`);
    this.csrfToken = res.body.csrfToken;
    this.user = res.body.user;
    return this;
  }
}
