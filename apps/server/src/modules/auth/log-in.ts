import type { PrismaClient } from "@crewboard/db";
import { displayNameOf } from "@crewboard/domain";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Tx } from "../../operations/context.ts";
import { passwordMatches } from "./check-password.ts";
import { createSession, type SessionTimeouts } from "./sessions.ts";
import type { LoginLimiter } from "../../http/login-limits.ts";
import type { PasswordWork } from "./password-work.ts";

interface Attempt {
  email: string;
  password: string;
  ip: string | null;
  userAgent: string | null;
}

/**
 * Checks the email and password (one argon2 verification, before any transaction opens). The login
 * limits come first: a blocked address or account is refused before the user is even looked up, so
 * a flood never reaches the hash. Each attempt is counted before its hash (so parallel guesses
 * cannot all get past the limit) and given back when it succeeds; the audit log gets one `auth.login_failed`
 * row per window and address/account, and one `auth.login_blocked` when a block starts (new rows,
 * never a counter that is updated). The same answer for an unknown email, a wrong password and a
 * deactivated account.
 *
 * The check takes a turn of the instance's password work (password-work.ts: a few argon2 runs at
 * once, a short queue, 503 auth.busy beyond it). When its turn comes, the address's count is read
 * again, and the turn is held until a failure is counted: attempts from one address sent together
 * are hashed at most `limit + concurrency - 1` times, not once each.
 */
export async function checkCredentials(
  db: PrismaClient | Tx,
  attempt: Attempt,
  limiter: LoginLimiter,
  passwordWork: PasswordWork,
) {
  const counted = await limiter.begin(attempt.ip, attempt.email);
  const { user, usable, notes } = await passwordWork
    .run(async () => {
      await counted.stillAllowed();
      const { user, ok } = await findAndVerify(db, attempt);
      const usable = Boolean(user && ok && user.active && (!user.clientCompany || user.clientCompany.active));
      return { user, usable, notes: usable ? [] : await counted.failed(user?.id ?? null) };
    })
    .catch(async (e: unknown) => {
      // refused (busy, or the address reached its limit meanwhile) or not decided: given back; the
      // limiter's own trouble must not hide the cause
      await counted.abandoned().catch(() => undefined);
      throw e;
    });
  if (!usable || !user) {
    const actor = { ip: attempt.ip, userAgent: attempt.userAgent };
    for (const note of notes) await recordAudit(db, null, note, actor);
    throw new AppError("auth.invalid_credentials");
  }
  await counted.succeeded();
  return user;
}

async function findAndVerify(db: PrismaClient | Tx, attempt: Attempt) {
  const user = await db.user.findUnique({ where: { email: attempt.email }, include: { clientCompany: true } });
  return { user, ok: await passwordMatches(user, attempt.password) };
}

/** Starts a session for a user whose credentials were just checked. */
export async function logIn(
  tx: Tx,
  options: {
    user: Awaited<ReturnType<typeof checkCredentials>>;
    ip: string | null;
    userAgent: string | null;
    timeouts: SessionTimeouts;
  },
) {
  const { user } = options;
  const { token, session } = await createSession(tx, {
    userId: user.id,
    ip: options.ip,
    userAgent: options.userAgent,
    timeouts: options.timeouts,
  });
  await recordAudit(
    tx,
    { user: { ...user, displayName: displayNameOf(user) }, ip: options.ip, userAgent: options.userAgent },
    { action: "auth.login", entityType: "user", entityId: user.id },
  );
  return { user, token, session };
}
