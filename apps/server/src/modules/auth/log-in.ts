import type { PrismaClient } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Tx } from "../../operations/context.ts";
import { passwordMatches } from "./check-password.ts";
import { createSession } from "./sessions.ts";

interface Attempt {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Checks the email and password (one argon2 verification, before any transaction opens). A failed
 * attempt is recorded in the audit log and refused; the same answer for an unknown email, a wrong
 * password and a deactivated account.
 */
export async function checkCredentials(db: PrismaClient | Tx, attempt: Attempt) {
  const user = await db.user.findUnique({ where: { email: attempt.email }, include: { clientCompany: true } });
  const ok = await passwordMatches(user, attempt.password);
  const usable = user && ok && user.active && (!user.clientCompany || user.clientCompany.active);
  if (!usable) {
    await recordAudit(db, null, {
      action: "auth.login_failed",
      entityType: "user",
      entityId: user?.id ?? null,
      metadata: { email: attempt.email, ip: attempt.ip },
    });
    throw new AppError("auth.invalid_credentials");
  }
  return user;
}

/** Starts a session for a user whose credentials were just checked. */
export async function logIn(
  tx: Tx,
  options: { user: Awaited<ReturnType<typeof checkCredentials>>; ip: string | null; userAgent: string | null },
) {
  const { user } = options;
  const { token, session } = await createSession(tx, { userId: user.id, ip: options.ip, userAgent: options.userAgent });
  await recordAudit(
    tx,
    { user: { ...user }, ip: options.ip, userAgent: options.userAgent },
    { action: "auth.login", entityType: "user", entityId: user.id },
  );
  return { user, token, session };
}
