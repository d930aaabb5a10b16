import * as z from "zod";
import { Me, Role } from "./users.ts";

export const LoginRequest = z
  .strictObject({
    email: z.email().max(254).transform((e) => e.toLowerCase()),
    password: z.string().min(1).max(256),
  })
  .meta({ id: "LoginRequest" });
export type LoginRequest = z.infer<typeof LoginRequest>;

export const LoginResponse = z.object({ user: Me, csrfToken: z.string() }).meta({ id: "LoginResponse" });
export type LoginResponse = z.infer<typeof LoginResponse>;

export const CsrfResponse = z.object({ csrfToken: z.string() });
export type CsrfResponse = z.infer<typeof CsrfResponse>;

/** The demo logins, listed on the sign-in page only in embedded demo mode. */
export const DemoAccountsResponse = z.object({
  enabled: z.boolean(),
  password: z.string().nullable(),
  accounts: z.array(z.object({ email: z.string(), role: Role, name: z.string(), description: z.string() })),
});
export type DemoAccountsResponse = z.infer<typeof DemoAccountsResponse>;

export const HealthResponse = z.object({ status: z.literal("ok"), database: z.enum(["embedded", "postgresql"]) });
export type HealthResponse = z.infer<typeof HealthResponse>;

export const CSRF_HEADER = "X-CSRF-Token";
export const SESSION_COOKIE = "crewboard_session";
export const IDEMPOTENCY_HEADER = "Idempotency-Key";
