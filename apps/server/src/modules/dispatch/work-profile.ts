// Work profiles and load (issue 10): a crew member's agreed week, working days and skills, and the
// remaining estimate of their open tasks set against the agreed minutes left this week.
import type { PutWorkProfileRequest, WorkProfile } from "@crewboard/contracts";
import {
  isSkill,
  mayEditWorkProfile,
  mayReadWorkProfile,
  OPEN_TASK_STATUSES,
  workLoad,
  type Identity,
  type Weekday,
} from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";

export const workProfileSelect = {
  ...personSelect,
  weeklyMinutes: true,
  workingDays: true,
  skills: true,
  assignedTasks: {
    where: { status: { in: [...OPEN_TASK_STATUSES] } },
    select: { status: true, estimateMinutes: true, minutesSpent: true },
  },
} satisfies Prisma.UserSelect;

export type WorkProfileRow = Prisma.UserGetPayload<{ select: typeof workProfileSelect }>;

const isWeekday = (d: number): d is Weekday => Number.isInteger(d) && d >= 1 && d <= 7;

export function toWorkProfileDto(u: WorkProfileRow, now: Date): WorkProfile {
  const terms = { weeklyMinutes: u.weeklyMinutes, workingDays: u.workingDays.filter(isWeekday) };
  return {
    user: toPersonRef(u),
    weeklyMinutes: terms.weeklyMinutes,
    workingDays: terms.workingDays,
    skills: u.skills.filter(isSkill),
    load: workLoad(terms, u.assignedTasks, now),
  };
}

/** Active crew members' profiles, for staff choosing people. */
export async function listWorkProfiles(tx: Tx, now: Date): Promise<WorkProfile[]> {
  const rows = await tx.user.findMany({
    where: { role: "crew", active: true },
    select: workProfileSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => toWorkProfileDto(r, now));
}

/** A crew member's profile, for staff and the person; anyone else is told the person is not found. */
async function findReadableProfile(tx: Tx, viewer: Identity, userId: string): Promise<WorkProfileRow> {
  const row = await tx.user.findFirst({ where: { id: userId, role: "crew" }, select: workProfileSelect });
  if (!row || !mayReadWorkProfile(viewer, row))
    throw new AppError("user.not_found", { detail: "work profiles are kept for crew members" });
  return row;
}

export async function getWorkProfile(tx: Tx, viewer: Identity, userId: string, now: Date): Promise<WorkProfile> {
  return toWorkProfileDto(await findReadableProfile(tx, viewer, userId), now);
}

export async function putWorkProfile(
  tx: Tx,
  options: { actor: Actor; userId: string; request: PutWorkProfileRequest; now: Date },
): Promise<WorkProfile> {
  const { actor, userId, request, now } = options;
  const current = await findReadableProfile(tx, actor.user, userId);
  if (!mayEditWorkProfile(actor.user)) throw new AppError("user.not_found");
  const workingDays = [...request.workingDays].sort((a, b) => a - b);
  const saved = await tx.user.update({
    where: { id: current.id },
    data: { weeklyMinutes: request.weeklyMinutes, workingDays, skills: request.skills },
    select: workProfileSelect,
  });
  await recordAudit(tx, actor, {
    action: "work_profile.update",
    entityType: "user",
    entityId: userId,
    metadata: {
      before: { weeklyMinutes: current.weeklyMinutes, workingDays: current.workingDays, skills: current.skills },
      after: { weeklyMinutes: saved.weeklyMinutes, workingDays: saved.workingDays, skills: saved.skills },
    },
  });
  return toWorkProfileDto(saved, now);
}
