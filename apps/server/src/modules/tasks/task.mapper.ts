import type { Task as TaskDto, ProgressUpdate as ProgressUpdateDto } from "@crewboard/contracts";
import { TASK_TRANSITIONS } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";

export const taskInclude = {
  workOrder: { select: { id: true, number: true, title: true, clientCompanyId: true, status: true } },
  assignee: { select: personSelect },
} satisfies Prisma.TaskInclude;

export type TaskRow = Prisma.TaskGetPayload<{ include: typeof taskInclude }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toTaskDto(t: TaskRow): TaskDto {
  const { status: _orderStatus, ...workOrder } = t.workOrder;
  return {
    id: t.id,
    workOrder,
    title: t.title,
    description: t.description,
    acceptanceCriteria: t.acceptanceCriteria,
    assignee: t.assignee ? toPersonRef(t.assignee) : null,
    estimateMinutes: t.estimateMinutes,
    dueAt: iso(t.dueAt),
    status: t.status,
    allowedTransitions: [...TASK_TRANSITIONS[t.status]],
    blockedReason: t.blockedReason,
    progress: t.progress,
    minutesSpent: t.minutesSpent,
    version: t.version,
    position: t.position,
    startedAt: iso(t.startedAt),
    completedAt: iso(t.completedAt),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
}

export const progressInclude = { author: { select: personSelect } } satisfies Prisma.ProgressUpdateInclude;
export type ProgressRow = Prisma.ProgressUpdateGetPayload<{ include: typeof progressInclude }>;

export function toProgressUpdateDto(p: ProgressRow): ProgressUpdateDto {
  return {
    id: p.id,
    taskId: p.taskId,
    author: toPersonRef(p.author),
    percent: p.percent,
    note: p.note,
    minutesSpent: p.minutesSpent,
    blocker: p.blocker,
    createdAt: p.createdAt.toISOString(),
  };
}
