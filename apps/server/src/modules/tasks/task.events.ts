import { audience } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { syncCrewAccess } from "../chat/work-order-room.ts";
import { recordWorkOrder } from "../work-orders/work-order.events.ts";
import { taskInclude, toTaskDto, type TaskRow } from "./task.mapper.ts";

/** Who hears about a task: asked of the access policy with the facts it needs. */
export function taskAudience(
  task: Pick<TaskRow, "workOrderId" | "assigneeId"> & { workOrder: { clientCompanyId: string } },
): string[] {
  return audience.task({
    workOrderId: task.workOrderId,
    assigneeId: task.assigneeId,
    clientCompanyId: task.workOrder.clientCompanyId,
  });
}

/**
 * Records a task change and its consequences: the order's derived progress, and — when the
 * assignee changed — the old assignee losing the task (and, with their last task in the order,
 * the order's rooms) and the new one gaining them.
 */
export async function recordTaskChange(
  tx: Prisma.TransactionClient,
  events: EventBatch,
  task: TaskRow,
  options: {
    event: "task:created" | "task:updated";
    previousAssigneeId?: string | null;
    /**
     * false when the change moved nothing the order's event carries (its status, and the progress
     * and counts it derives from its tasks' status, progress and estimates): then no
     * `work_order:updated` goes out — a rename reaches every board as one event, not two.
     */
    orderChanged?: boolean;
  },
): Promise<void> {
  events.add(taskAudience(task), options.event, toTaskDto(task));
  const previous = options.previousAssigneeId;
  if (previous && previous !== task.assigneeId) {
    events.add(audience.taskRemoved(previous), "task:removed", { taskId: task.id, workOrderId: task.workOrderId });
  }
  const affected = [previous, task.assigneeId].filter((id): id is string => Boolean(id));
  if (options.event === "task:created" || previous !== undefined)
    await syncCrewAccess(tx, events, task.workOrderId, affected);
  if (options.orderChanged !== false) await recordWorkOrder(tx, events, task.workOrderId);
}

/**
 * Records every task of an order as updated: for changes of the order that its tasks carry (a
 * revision request standing or ended), so that boards, the client and each assignee's My Day
 * follow without a reload. Each task keeps its version (the task itself did not change).
 */
export async function recordOrderTasks(
  tx: Prisma.TransactionClient,
  events: EventBatch,
  workOrderId: string,
): Promise<TaskRow[]> {
  const tasks = await tx.task.findMany({
    where: { workOrderId },
    include: taskInclude,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  for (const task of tasks) events.add(taskAudience(task), "task:updated", toTaskDto(task));
  return tasks;
}
