import { rubyOf, textsToCompute } from "../../readings/readings.ts";
import type { WorkOrder as WorkOrderDto } from "@crewboard/contracts";
import { WORK_ORDER_TRANSITIONS, deriveWorkOrderProgress } from "@crewboard/domain";
import { Prisma } from "@crewboard/db";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";

/** The order and the people and company it names, without its tasks. */
export const workOrderBaseInclude = {
  clientCompany: { select: { id: true, name: true, nameEn: true } },
  createdBy: { select: personSelect },
  nominatedCrew: { select: personSelect },
  nominationAlternative: { select: personSelect },
} satisfies Prisma.WorkOrderInclude;

export const workOrderInclude = {
  ...workOrderBaseInclude,
  tasks: { select: { progress: true, estimateMinutes: true, status: true } },
} satisfies Prisma.WorkOrderInclude;

export type WorkOrderRow = Prisma.WorkOrderGetPayload<{ include: typeof workOrderInclude }>;

/** What the order's DTO derives from its tasks: progress (weighted as deriveWorkOrderProgress does) and counts. */
export interface WorkOrderTaskSummary {
  progress: number;
  total: number;
  done: number;
  blocked: number;
}

/** An order read with its task summary computed by the database (readWorkOrderWithSummary), not with every task. */
export type WorkOrderSummaryRow = Prisma.WorkOrderGetPayload<{ include: typeof workOrderBaseInclude }> & {
  taskSummary: WorkOrderTaskSummary;
};

function summaryOf(tasks: WorkOrderRow["tasks"]): WorkOrderTaskSummary {
  return {
    progress: deriveWorkOrderProgress(tasks),
    total: tasks.length,
    done: tasks.filter((t) => t.status === "done").length,
    blocked: tasks.filter((t) => t.status === "blocked").length,
  };
}

/** The sums a task summary is made of, as the database returns them (bigint on PostgreSQL, number on PGlite). */
export interface TaskSummarySums {
  weighted: bigint | number;
  weight: bigint | number;
  total: bigint | number;
  done: bigint | number;
  blocked: bigint | number;
}

/**
 * The select list of a task summary over rows with "status", "progress" and "estimateMinutes": the
 * same figures as deriveWorkOrderProgress. Weight: the estimate, 1 h when none is given; a done task
 * counts as 100 %, others clamped to 0–100 (PROGRESS_MIN–PROGRESS_MAX, written as literals: a
 * parameter in a CASE has no type in PGlite).
 */
export const taskSummaryColumns = Prisma.sql`
  COALESCE(SUM(
    (CASE WHEN "status" = 'done' THEN 100 ELSE LEAST(100, GREATEST(0, "progress")) END)::bigint
    * (CASE WHEN "estimateMinutes" > 0 THEN "estimateMinutes" ELSE 60 END)
  ), 0)::bigint AS weighted,
  COALESCE(SUM(CASE WHEN "estimateMinutes" > 0 THEN "estimateMinutes" ELSE 60 END), 0)::bigint AS weight,
  COUNT(*)::bigint AS total,
  COUNT(*) FILTER (WHERE "status" = 'done')::bigint AS done,
  COUNT(*) FILTER (WHERE "status" = 'blocked')::bigint AS blocked`;

export function taskSummaryOf(sums: TaskSummarySums | undefined): WorkOrderTaskSummary {
  const weight = Number(sums?.weight ?? 0);
  return {
    progress: weight === 0 ? 0 : Math.round(Number(sums!.weighted) / weight),
    total: Number(sums?.total ?? 0),
    done: Number(sums?.done ?? 0),
    blocked: Number(sums?.blocked ?? 0),
  };
}

/**
 * The order with its people and company (one statement) and its task summary computed in SQL (one
 * more, unless the caller computed it already in a statement of its own, as a progress write does):
 * the same figures as deriveWorkOrderProgress over every task, without loading the tasks — an
 * order's write path stays the same length however many tasks the order has.
 */
export async function readWorkOrderWithSummary(
  tx: Pick<Prisma.TransactionClient, "workOrder" | "$queryRaw">,
  workOrderId: string,
  known?: WorkOrderTaskSummary,
): Promise<WorkOrderSummaryRow> {
  const taskSummary =
    known ??
    taskSummaryOf(
      (
        await tx.$queryRaw<TaskSummarySums[]>`
          SELECT ${taskSummaryColumns} FROM "Task" WHERE "workOrderId" = ${workOrderId}`
      )[0],
    );
  const row = await tx.workOrder.findUniqueOrThrow({ where: { id: workOrderId }, include: workOrderBaseInclude });
  return { ...row, taskSummary };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The texts toWorkOrderDto computes furigana for (those without valid stored segments): primeRuby before a page. */
export function workOrderRubyTexts(w: WorkOrderRow | WorkOrderSummaryRow): string[] {
  return textsToCompute({ title: w.title, description: w.description }, w.ruby);
}

export function toWorkOrderDto(w: WorkOrderRow | WorkOrderSummaryRow): WorkOrderDto {
  return workOrderDto(w, true);
}

/** An order as a list sends it unless asked for furigana (`ruby=true`): no `ruby` key, no readings looked up. */
export function toWorkOrderDtoWithoutRuby(w: WorkOrderRow | WorkOrderSummaryRow): WorkOrderDto {
  return workOrderDto(w, false);
}

function workOrderDto(w: WorkOrderRow | WorkOrderSummaryRow, withRuby: boolean): WorkOrderDto {
  const summary = "taskSummary" in w ? w.taskSummary : summaryOf(w.tasks);
  const dto: WorkOrderDto = {
    id: w.id,
    number: w.number,
    clientCompany: w.clientCompany,
    createdBy: toPersonRef(w.createdBy),
    title: w.title,
    description: w.description,
    links: w.links,
    dueAt: w.dueAt.toISOString(),
    priority: w.priority,
    status: w.status,
    allowedTransitions: [...WORK_ORDER_TRANSITIONS[w.status]],
    nominatedCrew: w.nominatedCrew ? toPersonRef(w.nominatedCrew) : null,
    nominationNote: w.nominationNote,
    nominationAnswer:
      (w.nominationAnswer === "honoured" || w.nominationAnswer === "declined") && w.nominationAnsweredAt
        ? {
            answer: w.nominationAnswer,
            reason: w.nominationReason,
            alternative: w.nominationAlternative ? toPersonRef(w.nominationAlternative) : null,
            answeredAt: w.nominationAnsweredAt.toISOString(),
          }
        : null,
    declineReason: w.declineReason,
    progress: summary.progress,
    taskCounts: { total: summary.total, done: summary.done, blocked: summary.blocked },
    version: w.version,
    acceptedAt: iso(w.acceptedAt),
    deliveredAt: iso(w.deliveredAt),
    completedAt: iso(w.completedAt),
    declinedAt: iso(w.declinedAt),
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
  if (withRuby) dto.ruby = rubyOf({ title: w.title, description: w.description }, w.ruby);
  return dto;
}
