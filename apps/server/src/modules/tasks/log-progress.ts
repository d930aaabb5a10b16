import type { CreateProgressUpdateRequest } from "@crewboard/contracts";
import { isOpenWorkOrder } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { auditColumns, recordAudit } from "../../audit/record-audit.ts";
import { uuid7 } from "../../operations/uuid7.ts";
import { findVisibleTask } from "./find-visible-task.ts";
import { markWorkOrderInProgress, startsOnWork } from "./start-work-order.ts";
import { taskInclude, toProgressUpdateDto, toTaskDto, type ProgressRow } from "./task.mapper.ts";
import { taskAudience } from "./task.events.ts";
import { recordWorkOrder } from "../work-orders/work-order.events.ts";
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
  const progressUpdate = await insertProgressWithAudit(tx, actor, task.id, request);
  const data: Prisma.TaskUpdateInput = {
    progress: request.percent,
    minutesSpent: { increment: request.minutesSpent },
    version: { increment: 1 },
  };
  const starts = task.status === "todo";
  if (request.blocker) {
    data.status = "blocked";
    data.blockedReason = request.blocker;
  } else if (starts) {
    data.status = "doing";
  }
  if (!task.startedAt && (starts || request.blocker)) data.startedAt = new Date();
  // The task's order and assignee were read with it above and this update changes neither: it
  // returns the task's own columns only (one statement, not an update and a read of the relations).
  // The order is as read before it may move to in_progress below, as it always was here.
  const columns = await tx.task.update({ where: { id: task.id }, data });
  // A manager may have reassigned or moved the task between that read and this update (READ
  // COMMITTED): then its relations are read again, so the event never names the old assignee.
  const relationsMoved = columns.assigneeId !== task.assigneeId || columns.workOrderId !== task.workOrderId;
  const updated: typeof task = relationsMoved
    ? await tx.task.findUniqueOrThrow({ where: { id: task.id }, include: taskInclude })
    : { ...task, ...columns };
  // an order already in progress (the usual case, as read with the task) has nothing to move
  if ((updated.status === "doing" || starts) && startsOnWork(task.workOrder.status))
    await markWorkOrderInProgress(tx, actor, task.workOrderId);
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
  await recordWorkOrder(tx, events, task.workOrderId);
  return { progressUpdate, task: updated };
}

/**
 * The progress row and its audit row ("progress.create") in one statement (issue 14: under load
 * every statement costs the server a round trip through its event loop). The author is the signed-in
 * user as the session read them, so the row is not read back with its author.
 */
async function insertProgressWithAudit(
  tx: Tx,
  actor: Actor,
  taskId: string,
  request: CreateProgressUpdateRequest,
): Promise<ProgressRow> {
  const createdAt = new Date();
  const row = {
    id: uuid7(createdAt.getTime()),
    taskId,
    authorId: actor.user.id,
    percent: request.percent,
    note: request.note,
    minutesSpent: request.minutesSpent,
    blocker: request.blocker ?? null,
    createdAt,
  };
  const audit = auditColumns(actor, {
    action: "progress.create",
    entityType: "task",
    entityId: taskId,
    metadata: { progressUpdateId: row.id, percent: request.percent, blocked: Boolean(request.blocker) },
  });
  const at = createdAt.toISOString();
  await tx.$executeRaw`
    WITH progress AS (
      INSERT INTO "ProgressUpdate" ("id", "taskId", "authorId", "percent", "note", "minutesSpent", "blocker", "createdAt")
      VALUES (${row.id}::uuid, ${taskId}::uuid, ${row.authorId}::uuid, ${row.percent}::int, ${row.note}::text,
        ${row.minutesSpent}::int, ${row.blocker}::text, (${at}::timestamptz AT TIME ZONE 'UTC'))
    )
    INSERT INTO "AuditEvent" ("id", "actorId", "ip", "userAgent", "action", "entityType", "entityId", "metadata", "createdAt")
    VALUES (${uuid7(createdAt.getTime())}::uuid, ${audit.actorId}::uuid, ${audit.ip}::text, ${audit.userAgent}::text,
      ${audit.action}::text, ${audit.entityType}::text, ${audit.entityId}::text, ${JSON.stringify(audit.metadata)}::jsonb,
      (${at}::timestamptz AT TIME ZONE 'UTC'))`;
  const { id, name, displayName, role } = actor.user;
  return { ...row, author: { id, name, displayName, role } };
}
