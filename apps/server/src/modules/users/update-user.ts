import { belongsToTeam, hasWorkStyle, roleChange } from "@crewboard/domain";
import type { UpdateUserRequest } from "@crewboard/contracts";
import type { Prisma } from "@crewboard/db";
import { AppError, invalidField } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";

/**
 * An admin changes a user: name, language, role (between staff roles), team, work style, skills,
 * or deactivates / reactivates them.
 * - Deactivating ends every session and connection of the user at once.
 * - A change of role or team changes which rooms they may be in: their connections close and
 *   the web app reconnects into the new rooms (REST reads the role afresh on every request).
 * - Admins cannot deactivate themselves or change their own role, so there is always an admin.
 */
export async function updateUser(
  tx: Tx,
  options: { actor: Actor; userId: string; request: UpdateUserRequest; events: EventBatch },
) {
  const { actor, userId, request, events } = options;
  const current = await tx.user.findUnique({ where: { id: userId } });
  if (!current) throw new AppError("user.not_found");
  const self = current.id === actor.user.id;
  if (request.active === false && self) throw invalidField("body.active", "you cannot deactivate yourself");
  const role = request.role ?? current.role;
  const change = roleChange(current.role, role, self);
  if (change === "own_role") throw invalidField("body.role", "you cannot change your own role");
  if (change === "client_stays_client")
    throw invalidField("body.role", "a client user stays a client user; create a staff account instead");
  // Only crew have a work style: it goes when someone stops being crew.
  const workStyle = request.workStyle !== undefined ? request.workStyle : hasWorkStyle(role) ? current.workStyle : null;
  if (workStyle && !hasWorkStyle(role)) throw invalidField("body.workStyle", "only crew members have a work style");
  if (request.teamId) {
    if (!belongsToTeam(role)) throw invalidField("body.teamId", "client users do not belong to a team");
    if (!(await tx.team.findUnique({ where: { id: request.teamId } })))
      throw invalidField("body.teamId", "no such team");
  }
  const data: Prisma.UserUpdateInput = {
    name: request.name,
    displayName: request.displayName,
    locale: request.locale,
    role,
    workStyle,
    skills: request.skills,
    ...(request.teamId !== undefined
      ? { team: request.teamId ? { connect: { id: request.teamId } } : { disconnect: true } }
      : {}),
    ...(request.active !== undefined && request.active !== current.active
      ? { active: request.active, deactivatedAt: request.active ? null : new Date() }
      : {}),
  };
  const teamId = request.teamId !== undefined ? request.teamId : current.teamId;
  const roomsChanged = role !== current.role || teamId !== current.teamId;
  // new rights: each of their sessions gets a new token on its next request (sessions.ts)
  if (roomsChanged) data.privilegesChangedAt = new Date();
  const updated = await tx.user.update({ where: { id: current.id }, data });

  const deactivated = current.active && !updated.active;
  if (deactivated) await tx.session.deleteMany({ where: { userId: current.id } });
  if (deactivated || roomsChanged) events.disconnectUser(current.id);

  const changed = (Object.keys(request) as (keyof UpdateUserRequest)[]).filter((key) => key !== "active");
  const action = deactivated
    ? "user.deactivate"
    : !current.active && updated.active
      ? "user.reactivate"
      : updated.role !== current.role
        ? "user.change_role"
        : "user.update";
  await recordAudit(tx, actor, {
    action,
    entityType: "user",
    entityId: current.id,
    metadata: {
      fields: changed,
      ...(updated.role !== current.role ? { from: current.role, to: updated.role } : {}),
      ...(updated.teamId !== current.teamId ? { teamFrom: current.teamId, teamTo: updated.teamId } : {}),
    },
  });
  return updated;
}
