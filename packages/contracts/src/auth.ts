import * as z from "zod";
import { PASSWORD_MAX_LENGTH, TEXT_LIMITS } from "@crewboard/domain";
import { Me, Role, WorkStyle } from "./users.ts";

export const LoginRequest = z
  .strictObject({
    email: z
      .email()
      .max(TEXT_LIMITS.email)
      .transform((e) => e.toLowerCase()),
    password: z.string().min(1).max(PASSWORD_MAX_LENGTH),
  })
  .meta({ id: "LoginRequest" });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({ user: Me, csrfToken: z.string() }).meta({ id: "LoginResponse" });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const CsrfResponse = z.object({ csrfToken: z.string() });
export type CsrfResponse = z.infer<typeof CsrfResponse>;

/** When the session now ends unless the user does something (idle timeout), at most its absolute end. */
export const ExtendSessionResponse = z
  .object({ expiresAt: z.iso.datetime(), absoluteExpiresAt: z.iso.datetime() })
  .meta({ id: "ExtendSessionResponse" });
export type ExtendSessionResponse = z.infer<typeof ExtendSessionResponse>;

/**
 * Who is signed in, for a page that starts up: the user and the CSRF token of this session, or
 * nulls for a visitor who is not signed in (an answer, not a 401: being signed out is not an error).
 */
export const SessionResponse = z
  .object({ user: Me.nullable(), csrfToken: z.string().nullable() })
  .meta({ id: "SessionResponse" });
export type SessionResponse = z.infer<typeof SessionResponse>;

/**
 * The demo logins, listed on the sign-in page only in embedded demo mode. Facts, not sentences:
 * the page describes each account in the viewer's language from them.
 */
export const DemoAccountsResponse = z.object({
  enabled: z.boolean(),
  password: z.string().nullable(),
  accounts: z.array(
    z.object({
      email: z.string(),
      role: Role,
      name: z.string(),
      /** the team's name ("A"), for managers and crew */
      team: z.string().nullable(),
      workStyle: WorkStyle.nullable(),
      /** a client's company as a letter ("A"): the list is public, so it names no company */
      company: z.string().nullable(),
      /** what the account shows off: its display settings, a screen reader, the English UI */
      traits: z.array(
        z.enum(["screenReader", "largeText", "highContrast", "reducedMotion", "simpleLayout", "englishUi"]),
      ),
    }),
  ),
});
export type DemoAccountsResponse = z.infer<typeof DemoAccountsResponse>;

export const HealthResponse = z.object({ status: z.literal("ok"), database: z.enum(["embedded", "postgresql"]) });
export type HealthResponse = z.infer<typeof HealthResponse>;

/** What readiness looks at: the database answers, every migration this version knows is applied, Redis answers (when configured), and the instance is not shutting down. */
export const READINESS_CHECKS = ["database", "migrations", "redis", "shutdown"] as const;
export type ReadinessCheck = (typeof READINESS_CHECKS)[number];
/** ok; not_configured (no REDIS_URL: a single instance needs none); anything else is not ready */
export const ReadinessState = z.enum(["ok", "not_configured", "unavailable", "pending", "unknown", "draining"]);
export const ReadinessResponse = z.object({
  status: z.literal("ready"),
  checks: z.object({
    database: ReadinessState,
    migrations: ReadinessState,
    redis: ReadinessState,
    shutdown: ReadinessState,
  }),
});
export type ReadinessResponse = z.infer<typeof ReadinessResponse>;

export const CSRF_HEADER = "X-CSRF-Token";
export const SESSION_COOKIE = "crewboard_session";
/** The session cookie's name over HTTPS: `__Host-` makes the browser refuse it unless Secure, host-only and Path=/ */
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const sessionCookieName = (secure: boolean) => (secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE);
export { BACKGROUND_REQUEST_HEADER, SESSION_ABSOLUTE_END_HEADER, SESSION_EXPIRES_HEADER } from "./operations/http.ts";
export const IDEMPOTENCY_HEADER = "Idempotency-Key";
