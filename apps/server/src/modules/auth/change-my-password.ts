import { hashPassword, type PrismaClient } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { createSession, type SessionTimeouts } from "./sessions.ts";
import { passwordMatches } from "./check-password.ts";
import type { PasswordWork } from "./password-work.ts";

/**
 * Checks the current password and hashes the new one, before any transaction opens (two argon2
 * runs, in one turn of the instance's password work). A wrong current password is recorded in the
 * audit log and refused.
 */
export function prepareNewPassword(
  db: PrismaClient | Tx,
  options: { actor: Actor; currentPassword: string; newPassword: string; passwordWork: PasswordWork },
) {
  return options.passwordWork.run(() => checkAndHash(db, options));
}

async function checkAndHash(
  db: PrismaClient | Tx,
  options: { actor: Actor; currentPassword: string; newPassword: string },
) {
  const { actor } = options;
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.user.id } });
  if (!(await passwordMatches(user, options.currentPassword))) {
    await recordAudit(db, actor, { action: "user.change_password_failed", entityType: "user", entityId: user.id });
    throw new AppError("auth.current_password_wrong", {
      errors: [{ path: "body.currentPassword", message: "is not correct" }],
    });
  }
  // A one-time password typed as the "new" one in another spelling is still the same password.
  if (await passwordMatches(user, options.newPassword)) {
    throw new AppError("validation.failed", {
      errors: [{ path: "body.newPassword", message: "must differ from the current password" }],
    });
  }
  return { passwordHash: await hashPassword(options.newPassword), fromOneTimePassword: user.mustChangePassword };
}

/**
 * A user changes their own password (also the way out of a one-time password). The session is
 * rotated: every session of the user ends, this browser gets a new one, and their open
 * connections close (the web app reconnects with the new cookie). Other devices sign in again.
 */
export async function changeMyPassword(
  tx: Tx,
  options: {
    actor: Actor;
    prepared: Awaited<ReturnType<typeof prepareNewPassword>>;
    events: EventBatch;
    timeouts: SessionTimeouts;
  },
) {
  const { actor, prepared } = options;
  const userId = actor.user.id;
  const updated = await tx.user.update({
    where: { id: userId },
    data: { passwordHash: prepared.passwordHash, mustChangePassword: false },
  });
  await tx.session.deleteMany({ where: { userId } });
  const { token, session } = await createSession(tx, {
    userId,
    ip: actor.ip,
    userAgent: actor.userAgent,
    timeouts: options.timeouts,
  });
  await recordAudit(tx, actor, {
    action: "user.change_password",
    entityType: "user",
    entityId: userId,
    metadata: { fromOneTimePassword: prepared.fromOneTimePassword },
  });
  options.events.disconnectUser(userId);
  return { user: updated, token, session };
}
