import type { CreateProgressUpdateRequest } from "@crewboard/contracts";
import { isOpenWorkOrder } from "@crewboard/domain";
import {
  Prisma,
  rawRows,
  workOrderWithPeopleOf,
  workOrderWithPeopleSql,
  type Task,
  type WorkOrderWithPeopleFlat,
} from "@crewboard/db";
import { AppError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { auditInsertSql, recordAudit } from "../../audit/record-audit.ts";
import { uuid7 } from "../../operations/uuid7.ts";
import { findVisibleTask } from "./find-visible-task.ts";
import { markWorkOrderInProgress, startsOnWork } from "./start-work-order.ts";
import { taskInclude, toProgressUpdateDto, toTaskDto, type ProgressRow } from "./task.mapper.ts";
import { taskAudience } from "./task.events.ts";
import { recordWorkOrder, recordWorkOrderRow } from "../work-orders/work-order.events.ts";
import {
  taskSummaryColumns,
  taskSummaryOf,
  type TaskSummarySums,
  type WorkOrderSummaryRow,
} from "../work-orders/work-order.mapper.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";

/**
 * Appends a progress update and derives the task from it: progress follows the percent, minutes
 * add up, a first update starts a task that was still to do, and a blocker blocks it with that reason.
 */
export async function logProgress(
  tx: Tx,
  options: { actor: Actor; taskId: string; request: CreateProgressUpdateRequest; events: EventBatch },
) {
  const { actor, request, events } = options;
  const task = await findVisibleTask(tx, actor.user, options.taskId);
  if (task.status === "done") {
    throw new AppError("task.illegal_transition", {
      detail: "the task is done; a manager reopens it before more progress is logged",
      extensions: { allowed: [] },
    });
  }
  if (!isOpenWorkOrder(task.workOrder.status)) {
    throw new AppError("work_order.not_editable", { detail: `the work order is ${task.workOrder.status}` });
  }
  const starts = task.status === "todo";
  const { progressUpdate, columns, order } = await writeProgress(tx, actor, task, request, {
    status: request.blocker ? "blocked" : starts ? "doing" : null,
    startsNow: !task.startedAt && (starts || Boolean(request.blocker)),
  });
  // A manager may have reassigned or moved the task between that read and this update (READ
  // COMMITTED): then its relations are read again, so the event never names the old assignee.
  const relationsMoved = columns.assigneeId !== task.assigneeId || columns.workOrderId !== task.workOrderId;
  const updated: typeof task = relationsMoved
    ? await tx.task.findUniqueOrThrow({ where: { id: task.id }, include: taskInclude })
    : { ...task, ...columns };
  // an order already in progress (the usual case, as read with the task) has nothing to move
  const orderMoved =
    (updated.status === "doing" || starts) &&
    startsOnWork(task.workOrder.status) &&
    (await markWorkOrderInProgress(tx, actor, task.workOrderId));
  if (updated.status !== task.status) {
    await recordAudit(tx, actor, {
      action: `task.${updated.status}`,
      entityType: "task",
      entityId: task.id,
      metadata: {
        from: task.status,
        to: updated.status,
        reason: "progress update",
        blockedReason: updated.blockedReason,
      },
    });
  }
  events.add(taskAudience(updated), "progress:created", {
    progressUpdate: toProgressUpdateDto(progressUpdate),
    task: toTaskDto(updated),
  });
  // the order as read with the write, unless it has just moved to in_progress (then read again)
  if (orderMoved) await recordWorkOrder(tx, events, task.workOrderId, "work_order:updated", order.taskSummary);
  else recordWorkOrderRow(events, order);
  return { progressUpdate, task: updated };
}

/**
 * The progress row, its audit row ("progress.create"), the task's update, its order with its people
 * and the order's task summary in one statement (issue 14: under load every statement costs the
 * server a round trip through its event loop, and Prisma's work per statement). The author is the
 * signed-in user as the session read them, so the progress row is not read back. The summary is that
 * of the order as read with the task, with the task as updated here (a statement does not see its own
 * CTEs' changes, hence the union).
 */
async function writeProgress(
  tx: Tx,
  actor: Actor,
  task: { id: string; workOrderId: string },
  request: CreateProgressUpdateRequest,
  change: { status: "blocked" | "doing" | null; startsNow: boolean },
): Promise<{ progressUpdate: ProgressRow; columns: Task; order: WorkOrderSummaryRow }> {
  const createdAt = new Date();
  const at = createdAt.toISOString();
  const row = {
    id: uuid7(createdAt.getTime()),
    taskId: task.id,
    authorId: actor.user.id,
    percent: request.percent,
    note: request.note,
    minutesSpent: request.minutesSpent,
    blocker: request.blocker ?? null,
    createdAt,
  };
  const audit = auditInsertSql(
    actor,
    {
      action: "progress.create",
      entityType: "task",
      entityId: task.id,
      metadata: { progressUpdateId: row.id, percent: request.percent, blocked: Boolean(request.blocker) },
    },
    { id: uuid7(createdAt.getTime()), at },
  );
  const [result] = await rawRows<Task & TaskSummarySums & WorkOrderWithPeopleFlat>(
    tx,
    Prisma.sql`
    WITH progress AS (
      INSERT INTO "ProgressUpdate" ("id", "taskId", "authorId", "percent", "note", "minutesSpent", "blocker", "createdAt")
      VALUES (${row.id}::uuid, ${task.id}::uuid, ${row.authorId}::uuid, ${row.percent}::int, ${row.note}::text,
        ${row.minutesSpent}::int, ${row.blocker}::text, (${at}::timestamptz AT TIME ZONE 'UTC'))
    ), audit AS (
      ${audit}
    ), updated AS (
      UPDATE "Task" SET
        "progress" = ${request.percent}::int,
        "minutesSpent" = "minutesSpent" + ${request.minutesSpent}::int,
        "version" = "version" + 1,
        "status" = COALESCE(${change.status}::text::"TaskStatus", "status"),
        "blockedReason" = COALESCE(${request.blocker ?? null}::text, "blockedReason"),
        "startedAt" = CASE WHEN ${change.startsNow}::boolean THEN (${at}::timestamptz AT TIME ZONE 'UTC') ELSE "startedAt" END,
        "updatedAt" = (${at}::timestamptz AT TIME ZONE 'UTC')
      WHERE "id" = ${task.id}::uuid
      RETURNING ${TASK_COLUMNS}
    ), summary AS (
      SELECT ${taskSummaryColumns} FROM (
        SELECT "status", "progress", "estimateMinutes" FROM "Task"
        WHERE "workOrderId" = ${task.workOrderId}::uuid AND "id" <> ${task.id}::uuid
        UNION ALL
        SELECT "status", "progress", "estimateMinutes" FROM updated WHERE "workOrderId" = ${task.workOrderId}::uuid
      ) AS t
    )
    SELECT updated.*, summary.*, o.* FROM updated, summary, (${workOrderWithPeopleSql(task.workOrderId)}) AS o`,
  );
  // the task was read in this transaction; only a concurrent delete could take it away
  if (!result) throw new AppError("task.not_found");
  const { weighted, weight, total, done, blocked, ...rest } = result;
  const columns = taskColumnsOf(rest);
  const { id, name, displayName, role } = actor.user;
  return {
    progressUpdate: { ...row, author: { id, name, displayName, role } },
    columns,
    order: {
      ...workOrderWithPeopleOf(result),
      taskSummary: taskSummaryOf({ weighted, weight, total, done, blocked }),
    },
  };
}

/**
 * The task's columns by name, not `*`: the statement is a named prepared statement (@crewboard/db
 * direct.ts), and a prepared statement's result must keep its shape when a migration adds a column.
 */
const TASK_COLUMNS = Prisma.raw(
  Object.values(Prisma.TaskScalarFieldEnum)
    .map((c) => `"${c}"`)
    .join(", "),
);

/** The task's own columns of the write's row (without the order's "wo_" ones). */
function taskColumnsOf(row: Task & WorkOrderWithPeopleFlat): Task {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith("wo_"))) as Task;
}
