import { rubyToStore } from "../../readings/readings.ts";
import type { CreateTasksRequest } from "@crewboard/contracts";
import { AppError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { notifyUsers } from "../notifications/notify.ts";
import { assertActiveCrew } from "../work-orders/check-nominee.ts";
import { auditAssigneeOverride, checkAssigneeToday } from "../dispatch/assignee-override.ts";
import { findVisibleWorkOrder } from "../work-orders/find-visible-work-order.ts";
import { taskInclude } from "./task.mapper.ts";
import { recordTaskChange } from "./task.events.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";

const SPLITTABLE = new Set(["accepted", "in_progress", "revision_requested"]);

/** Splits a work order into tasks: all are created, or none. */
export async function createTasks(
  tx: Tx,
  options: { actor: Actor; workOrderId: string; request: CreateTasksRequest; events: EventBatch },
) {
  const { actor, request, events } = options;
  const order = await findVisibleWorkOrder(tx, actor.user, options.workOrderId);
  if (!SPLITTABLE.has(order.status)) {
    throw new AppError("work_order.not_splittable", {
      detail: `the order is ${order.status}; accept it first`,
      extensions: { workOrderStatus: order.status },
    });
  }
  const overridden: boolean[] = [];
  for (const [i, t] of request.tasks.entries()) {
    if (!t.assigneeId) continue;
    const path = `body.tasks.${i}.assigneeId`;
    await assertActiveCrew(tx, t.assigneeId, path);
    overridden[i] = (
      await checkAssigneeToday(tx, actor, { assigneeId: t.assigneeId, override: t.assigneeOverride, path })
    ).overridden;
  }
  const last = await tx.task.aggregate({ where: { workOrderId: order.id }, _max: { position: true } });
  let position = (last._max.position ?? -1) + 1;
  const created = [];
  for (const [i, t] of request.tasks.entries()) {
    const task = await tx.task.create({
      data: {
        workOrderId: order.id,
        title: t.title,
        description: t.description,
        acceptanceCriteria: t.acceptanceCriteria,
        // furigana for easy-read (issue 9 barrier 11); when not computable now, the read path fills in
        ruby: rubyToStore({ title: t.title, acceptanceCriteria: t.acceptanceCriteria }) ?? undefined,
        assigneeId: t.assigneeId ?? null,
        estimateMinutes: t.estimateMinutes ?? null,
        requiredSkills: t.requiredSkills,
        dueAt: t.dueAt ? new Date(t.dueAt) : order.dueAt,
        position: position++,
      },
      include: taskInclude,
    });
    created.push(task);
    await recordTaskChange(tx, events, task, { event: "task:created" });
    await recordAudit(tx, actor, {
      action: "task.create",
      entityType: "task",
      entityId: task.id,
      metadata: { workOrderId: order.id, assigneeId: task.assigneeId },
    });
    if (overridden[i]) await auditAssigneeOverride(tx, actor, task.id, task.assigneeId!);
  }
  for (const task of created) {
    if (task.assigneeId) {
      await notifyUsers(tx, events, [task.assigneeId], {
        kind: "task.assigned",
        data: { taskId: task.id, title: task.title, workOrderNumber: order.number },
      });
    }
  }
  return created;
}
