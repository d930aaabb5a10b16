import type { PrismaClient } from "@crewboard/db";
import { hashPassword } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Actor } from "../../http/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { createSession } from "./sessions.ts";
import { passwordMatches } from "./check-password.ts";

/**
 * A user changes their own password (also the way out of a one-time password). The session is
 * rotated: every session of the user ends, this browser gets a new one, and their open
 * connections close (the web app reconnects with the new cookie). Other devices sign in again.
 */
export async function changeMyPassword(
  prisma: PrismaClient,
  options: { actor: Actor; currentPassword: string; newPassword: string; events: EventBatch },
) {
  const { actor } = options;
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.user.id } });
  if (!(await passwordMatches(user, options.currentPassword))) {
    await recordAudit(prisma, actor, { action: "user.change_password_failed", entityType: "user", entityId: user.id });
    throw new AppError("auth.current_password_wrong", { errors: [{ path: "body.currentPassword", message: "is not correct" }] });
  }
  // A one-time password typed as the "new" one in another spelling is still the same password.
  if (await passwordMatches(user, options.newPassword)) {
    throw new AppError("validation.failed", { errors: [{ path: "body.newPassword", message: "must differ from the current password" }] });
  }
  const passwordHash = await hashPassword(options.newPassword);
  return prisma.$transaction(async (tx) => {
    const updated = await tx.user.update({ where: { id: user.id }, data: { passwordHash, mustChangePassword: false } });
    await tx.session.deleteMany({ where: { userId: user.id } });
    const { token, session } = await createSession(tx, { userId: user.id, ip: actor.ip, userAgent: actor.userAgent });
    await recordAudit(tx, actor, {
      action: "user.change_password",
      entityType: "user",
      entityId: user.id,
      metadata: { fromOneTimePassword: user.mustChangePassword },
    });
    options.events.disconnectUser(user.id);
    return { user: updated, token, session };
  });
}
