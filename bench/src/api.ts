// The bench's REST client for the server under test: signs in like a browser (session cookie +
// CSRF token) and sends JSON. Sessions live in the database, so one sign-in per account serves
// every server start of a run: the bench stays far below the sign-in rate limit.
import { CSRF_HEADER, SESSION_COOKIE } from "@crewboard/contracts";
import type { Role } from "@crewboard/domain";
import { DEMO_PASSWORD } from "./config.ts";

export interface Session {
  email: string;
  /** "crewboard_session=…" */
  cookie: string;
  /** the bare token value (for a browser context's cookie) */
  token: string;
  csrfToken: string;
  user: { id: string; role: Role; teamId: string | null; clientCompanyId: string | null };
}

export interface Answer<T = any> {
  status: number;
  body: T;
}

export async function signIn(baseUrl: string, email: string): Promise<Session> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  const text = await res.text();
  if (res.status === 429)
    throw new Error(`sign-in of ${email} was refused by the sign-in rate limit (429): the bench does not bypass it`);
  if (res.status !== 200) throw new Error(`sign-in of ${email} failed: ${res.status} ${text}`);
  const token = res.headers
    .getSetCookie()
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`))
    ?.slice(SESSION_COOKIE.length + 1)
    .split(";")[0];
  if (!token) throw new Error(`sign-in of ${email} set no session cookie`);
  const body = JSON.parse(text) as { csrfToken: string; user: Session["user"] };
  return { email, cookie: `${SESSION_COOKIE}=${token}`, token, csrfToken: body.csrfToken, user: body.user };
}

export function authHeaders(session: Session, write: boolean): Record<string, string> {
  return {
    cookie: session.cookie,
    ...(write ? { [CSRF_HEADER]: session.csrfToken, "content-type": "application/json" } : {}),
  };
}

export async function call<T = any>(
  baseUrl: string,
  session: Session,
  method: string,
  path: string,
  body?: unknown,
  options: { timeoutMs?: number } = {},
): Promise<Answer<T>> {
  const write = method !== "GET";
  const res = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: authHeaders(session, write),
    body: body === undefined ? undefined : JSON.stringify(body),
    ...(options.timeoutMs ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
  });
  const text = await res.text();
  return {
    status: res.status,
    body: text && (res.headers.get("content-type") ?? "").includes("json") ? JSON.parse(text) : text,
  };
}

export async function expectOk<T = any>(answer: Promise<Answer<T>>, what: string): Promise<T> {
  const a = await answer;
  if (a.status < 200 || a.status > 299) throw new Error(`${what}: ${a.status} ${JSON.stringify(a.body).slice(0, 300)}`);
  return a.body;
}

export { SESSION_COOKIE };
