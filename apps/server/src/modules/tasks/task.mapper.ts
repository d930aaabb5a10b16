import { rubyOf, textsToCompute } from "../../readings/readings.ts";
import type { Task as TaskDto, ProgressUpdate as ProgressUpdateDto } from "@crewboard/contracts";
import { TASK_TRANSITIONS, isRevisionRequestOpen, isSkill } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";

/** The order's latest revision request: whether it still stands is decided in toTaskDto. */
const latestRevisionRequest = {
  where: { verdict: "request_revision" },
  orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  take: 1,
  select: { comment: true, createdAt: true, author: { select: { name: true } } },
} satisfies Prisma.WorkOrder$feedbackArgs;

export const taskInclude = {
  workOrder: {
    select: {
      id: true,
      number: true,
      title: true,
      ruby: true,
      clientCompanyId: true,
      status: true,
      deliveredAt: true,
      feedback: latestRevisionRequest,
    },
  },
  assignee: { select: personSelect },
} satisfies Prisma.TaskInclude;

export type TaskRow = Prisma.TaskGetPayload<{ include: typeof taskInclude }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

function revisionRequestOf(order: TaskRow["workOrder"]): TaskDto["revisionRequest"] {
  const latest = order.feedback[0];
  if (!latest || !isRevisionRequestOpen(order, latest.createdAt)) return null;
  return { comment: latest.comment, requestedAt: latest.createdAt.toISOString(), requestedBy: latest.author.name };
}

/** The order's stored title segments (its ruby also holds the description, which a task does not show). */
function pickTitle(stored: unknown): unknown {
  return stored && typeof stored === "object" ? { title: (stored as { title?: unknown }).title } : null;
}

/** The texts toTaskDto computes furigana for (those without valid stored segments): primeRuby before a page. */
export function taskRubyTexts(t: TaskRow): string[] {
  return [
    ...textsToCompute({ title: t.title, acceptanceCriteria: t.acceptanceCriteria }, t.ruby),
    ...textsToCompute({ title: t.workOrder.title }, pickTitle(t.workOrder.ruby)),
  ];
}

export function toTaskDto(t: TaskRow): TaskDto {
  return taskDto(t, true);
}

/**
 * A task as a list sends it unless asked for furigana (`ruby=true`): no `ruby` key at all, and no
 * readings looked up (issue 14: a third of a board page's bytes, shown only in easy-read mode).
 */
export function toTaskDtoWithoutRuby(t: TaskRow): TaskDto {
  return taskDto(t, false);
}

function taskDto(t: TaskRow, withRuby: boolean): TaskDto {
  const order = t.workOrder;
  // named one by one: an object rest that leaves keys out (`{ status, ...workOrder }`) takes V8's
  // slow path, ~0.7 µs a task against ~0.01 µs (issue 14: 100 of them per board page)
  const workOrder = { id: order.id, number: order.number, title: order.title, clientCompanyId: order.clientCompanyId };
  const dto: TaskDto = {
    id: t.id,
    workOrder,
    title: t.title,
    description: t.description,
    acceptanceCriteria: t.acceptanceCriteria,
    assignee: t.assignee ? toPersonRef(t.assignee) : null,
    estimateMinutes: t.estimateMinutes,
    requiredSkills: t.requiredSkills.filter(isSkill),
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
    revisionRequest: revisionRequestOf(t.workOrder),
    createdAt: t.createdAt.toISOString(),
    updatedAt: t.updatedAt.toISOString(),
  };
  if (!withRuby) return dto;
  const ruby = rubyOf({ title: t.title, acceptanceCriteria: t.acceptanceCriteria }, t.ruby);
  dto.ruby = ruby && {
    ...ruby,
    workOrderTitle: rubyOf({ title: workOrder.title }, pickTitle(order.ruby))?.title ?? null,
  };
  return dto;
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
