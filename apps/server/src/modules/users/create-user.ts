import { belongsToTeam } from "@crewboard/domain";
import type { CreateUserRequest } from "@crewboard/contracts";
import { AppError, invalidField } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import type { OneTimePassword } from "./one-time-password.ts";

/**
 * An admin creates a user. The server makes a one-time password (the admin never invents one):
 * it is returned once, only its hash is stored, and the user must choose their own at the first
 * sign-in.
 */
export async function createUser(
  tx: Tx,
  options: { actor: Actor; request: CreateUserRequest; oneTimePassword: OneTimePassword },
) {
  const { actor, request } = options;
  const { oneTimePassword, passwordHash } = options.oneTimePassword;
  if (request.clientCompanyId) {
    const company = await tx.clientCompany.findUnique({ where: { id: request.clientCompanyId } });
    if (!company) throw invalidField("body.clientCompanyId", "no such client company");
    if (!company.active)
      throw invalidField("body.clientCompanyId", "the client company is deactivated; reactivate it first");
  }
  if (request.teamId) {
    if (!belongsToTeam(request.role)) throw invalidField("body.teamId", "client users do not belong to a team");
    if (!(await tx.team.findUnique({ where: { id: request.teamId } })))
      throw invalidField("body.teamId", "no such team");
  }
  if (await tx.user.findUnique({ where: { email: request.email } })) {
    throw new AppError("user.email_taken", { errors: [{ path: "body.email", message: "already in use" }] });
  }
  const created = await tx.user.create({
    data: {
      email: request.email,
      name: request.name,
      displayName: request.displayName ?? null,
      passwordHash,
      mustChangePassword: true,
      role: request.role,
      locale: request.locale,
      workStyle: request.workStyle ?? null,
      skills: request.skills,
      clientCompanyId: request.clientCompanyId ?? null,
      teamId: request.teamId ?? null,
    },
  });
  await recordAudit(tx, actor, {
    action: "user.create",
    entityType: "user",
    entityId: created.id,
    metadata: {
      role: created.role,
      clientCompanyId: created.clientCompanyId,
      teamId: created.teamId,
      oneTimePassword: true,
    },
  });
  return { user: created, oneTimePassword };
}
