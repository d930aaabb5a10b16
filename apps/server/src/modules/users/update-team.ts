import type { Team } from "@crewboard/contracts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { scheduleCheckInReminders } from "../notifications/check-in-reminders.ts";

/**
 * Issue 12: a team's "not checked in by" time ("HH:MM", Asia/Tokyo; null: no reminders). The
 * reminder job is moved to the new time when that comes before its next run.
 */
export async function updateTeam(
  tx: Tx,
  options: { actor: Actor; teamId: string; checkInBy: string | null; now?: Date },
): Promise<Team> {
  const { actor, teamId, checkInBy } = options;
  const before = await tx.team.findUniqueOrThrow({ where: { id: teamId }, select: { checkInBy: true } });
  const team = await tx.team.update({
    where: { id: teamId },
    data: { checkInBy },
    select: { id: true, name: true, checkInBy: true },
  });
  await recordAudit(tx, actor, {
    action: "team.update",
    entityType: "team",
    entityId: teamId,
    metadata: { checkInBy: { from: before.checkInBy, to: checkInBy } },
  });
  if (checkInBy) await scheduleCheckInReminders(tx, options.now ?? new Date());
  return team;
}
