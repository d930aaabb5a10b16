// Assigning someone who said "unwell" today (issue 10): refused unless the manager overrides on
// purpose, and the override is audited. Asked only of those who may see the condition
// (assignmentNeedsOverride of the policy), so a refusal tells nobody else that someone is unwell.
import { assignmentNeedsOverride, companyDay, dateOfDay } from "@crewboard/domain";
import { AppError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";

export async function checkAssigneeToday(
  tx: Tx,
  actor: Actor,
  options: { assigneeId: string; override: boolean | undefined; path: string; taskId?: string; now?: Date },
): Promise<{ overridden: boolean }> {
  const now = options.now ?? new Date();
  const person = await tx.user.findUniqueOrThrow({
    where: { id: options.assigneeId },
    select: { id: true, teamId: true },
  });
  const checkIn = await tx.checkIn.findFirst({
    where: { userId: person.id, day: dateOfDay(companyDay(now)) },
    select: { condition: true },
  });
  if (!assignmentNeedsOverride(actor.user, person, checkIn?.condition ?? null)) return { overridden: false };
  if (!options.override) {
    throw new AppError("task.assignee_needs_override", {
      detail: "they said they are unwell today; send assigneeOverride: true to assign them anyway",
      errors: [{ path: options.path, message: "unwell today: needs an explicit override" }],
    });
  }
  return { overridden: true };
}

/** The audit of an override, once the task exists. */
export async function auditAssigneeOverride(tx: Tx, actor: Actor, taskId: string, assigneeId: string): Promise<void> {
  await recordAudit(tx, actor, {
    action: "task.assign_override",
    entityType: "task",
    entityId: taskId,
    metadata: { assigneeId, reason: "unwell_today" },
  });
}
