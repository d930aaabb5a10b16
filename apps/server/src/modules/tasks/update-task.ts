import { rubyToStore } from "../../readings/readings.ts";
import type { UpdateTaskRequest } from "@crewboard/contracts";
import { TASK_TRANSITIONS, canTransition, isOpenWorkOrder, mayEditTask } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { notifyUsers } from "../notifications/notify.ts";
import { assertActiveCrew } from "../work-orders/check-nominee.ts";
import { auditAssigneeOverride, checkAssigneeToday } from "../dispatch/assignee-override.ts";
import { findVisibleTask } from "./find-visible-task.ts";
import { markWorkOrderInProgress } from "./start-work-order.ts";
import { taskInclude, toTaskDto, type TaskRow } from "./task.mapper.ts";
import { recordTaskChange } from "./task.events.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { settleOffersOfTask } from "../urgent-offers/manager-choices.ts";
import { lockOffersOfTask } from "../urgent-offers/lifecycle.ts";

export async function updateTask(
  tx: Tx,
  options: { actor: Actor; taskId: string; request: UpdateTaskRequest; events: EventBatch },
) {
  const { actor, request, events } = options;
  const current = await findVisibleTask(tx, actor.user, options.taskId);
  if (request.version !== current.version) {
    throw new AppError("task.version_conflict", {
      detail: `you sent version ${request.version}; the task is at version ${current.version}`,
      extensions: { current: toTaskDto(current) },
    });
  }
  const may = mayEditTask(actor.user, { fields: Object.keys(request), status: request.status });
  if (!may.ok) {
    throw new AppError("auth.forbidden", {
      detail: "crew members start, pause, block and send their tasks to review; a manager does the rest",
      errors: may.fields.map((k) => ({ path: `body.${k}`, message: "changed by a manager" })),
    });
  }
  if (!isOpenWorkOrder(current.workOrder.status)) {
    throw new AppError("work_order.not_editable", { detail: `the work order is ${current.workOrder.status}` });
  }

  const data: Prisma.TaskUncheckedUpdateManyInput = { version: { increment: 1 } };
  if (request.title !== undefined) data.title = request.title;
  if (request.description !== undefined) data.description = request.description;
  if (request.acceptanceCriteria !== undefined) data.acceptanceCriteria = request.acceptanceCriteria;
  if (request.title !== undefined || request.acceptanceCriteria !== undefined) {
    // furigana for easy-read (issue 9 barrier 11); when not computable now, the read path fills in
    const ruby = rubyToStore({
      title: request.title ?? current.title,
      acceptanceCriteria: request.acceptanceCriteria ?? current.acceptanceCriteria,
    });
    if (ruby) data.ruby = ruby;
  }
  if (request.estimateMinutes !== undefined) data.estimateMinutes = request.estimateMinutes;
  if (request.requiredSkills !== undefined) data.requiredSkills = request.requiredSkills;
  if (request.dueAt !== undefined) data.dueAt = request.dueAt ? new Date(request.dueAt) : null;
  if (request.position !== undefined) data.position = request.position;
  let overridden = false;
  if (request.assigneeId !== undefined) {
    if (request.assigneeId) {
      await assertActiveCrew(tx, request.assigneeId, "body.assigneeId");
      if (request.assigneeId !== current.assigneeId) {
        ({ overridden } = await checkAssigneeToday(tx, actor, {
          assigneeId: request.assigneeId,
          override: request.assigneeOverride,
          path: "body.assigneeId",
        }));
      }
    }
    data.assigneeId = request.assigneeId;
  }
  const statusChanges = request.status !== undefined && request.status !== current.status;
  if (statusChanges) {
    const to = request.status!;
    if (!canTransition(TASK_TRANSITIONS, current.status, to)) {
      const allowed = TASK_TRANSITIONS[current.status];
      throw new AppError("task.illegal_transition", {
        detail: `${current.status} → ${to} is not allowed; allowed from ${current.status}: ${allowed.join(", ")}`,
        extensions: { allowed, from: current.status, to },
      });
    }
    data.status = to;
    data.blockedReason = to === "blocked" ? request.blockedReason! : null;
    if (to === "doing" && !current.startedAt) data.startedAt = new Date();
    if (to === "done") {
      data.completedAt = new Date();
      data.progress = 100;
    } else if (current.status === "done") {
      data.completedAt = null;
    }
  } else if (request.status === "blocked" && request.blockedReason) {
    data.blockedReason = request.blockedReason; // a new reason for a task that stays blocked
  }

  // the lock order is offer, then task (urgent-offers/lifecycle.ts): an edit that may settle the
  // task's urgent offers locks them before it writes the task, as accepting one does
  if (request.assigneeId !== undefined || statusChanges) await lockOffersOfTask(tx, current.id);
  const { count } = await tx.task.updateMany({ where: { id: current.id, version: current.version }, data });
  if (count === 0) {
    const fresh = await tx.task.findUniqueOrThrow({ where: { id: current.id }, include: taskInclude });
    throw new AppError("task.version_conflict", { extensions: { current: toTaskDto(fresh) } });
  }
  if (statusChanges && request.status === "doing") await markWorkOrderInProgress(tx, actor, current.workOrderId);
  const updated: TaskRow = await tx.task.findUniqueOrThrow({ where: { id: current.id }, include: taskInclude });
  await recordTaskChange(tx, events, updated, {
    event: "task:updated",
    ...(request.assigneeId !== undefined ? { previousAssigneeId: current.assigneeId } : {}),
    // the order derives its progress and counts from its tasks' status, progress and estimates (a
    // status change also moves the order itself to in progress), and a new assignee is sent the
    // order they now see; a rename, a due date or a move within a column changes nothing there
    orderChanged:
      statusChanges ||
      data.progress !== undefined ||
      request.estimateMinutes !== undefined ||
      (request.assigneeId !== undefined && request.assigneeId !== current.assigneeId),
  });

  await recordAudit(tx, actor, {
    action: statusChanges ? `task.${updated.status}` : request.assigneeId !== undefined ? "task.assign" : "task.update",
    entityType: "task",
    entityId: current.id,
    metadata: {
      fields: Object.keys(request),
      from: current.status,
      to: updated.status,
      assigneeId: updated.assigneeId,
    },
  });
  if (overridden) await auditAssigneeOverride(tx, actor, current.id, request.assigneeId!);
  // issue 10: assigning the task (or moving it on) settles its urgent offers: an open one ends, an
  // expired one waiting for the manager's choice is marked acted on
  if ((request.assigneeId !== undefined && request.assigneeId !== current.assigneeId) || statusChanges)
    await settleOffersOfTask(tx, events, actor, updated, new Date());
  if (request.assigneeId && request.assigneeId !== current.assigneeId) {
    await notifyUsers(tx, events, [request.assigneeId], {
      kind: "task.assigned",
      data: { taskId: updated.id, title: updated.title, workOrderNumber: updated.workOrder.number },
    });
  }
  return updated;
}
