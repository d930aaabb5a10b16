import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import type { OneTimePassword } from "./one-time-password.ts";

/**
 * An admin gives a user a new one-time password (until email exists, this is "forgot my
 * password"). The old password stops working, every session and connection of the user ends at
 * once, and the user must choose their own password at the next sign-in.
 */
export async function resetUserPassword(
  tx: Tx,
  options: { actor: Actor; userId: string; events: EventBatch; oneTimePassword: OneTimePassword },
) {
  const { actor, userId, events } = options;
  const { oneTimePassword, passwordHash } = options.oneTimePassword;
  const current = await tx.user.findUnique({ where: { id: userId } });
  if (!current) throw new AppError("user.not_found");
  const updated = await tx.user.update({ where: { id: current.id }, data: { passwordHash, mustChangePassword: true } });
  await tx.session.deleteMany({ where: { userId: current.id } });
  await recordAudit(tx, actor, { action: "user.reset_password", entityType: "user", entityId: current.id });
  events.disconnectUser(current.id);
  return { user: updated, oneTimePassword };
}
