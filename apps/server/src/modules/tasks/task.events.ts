import { rooms } from "@crewboard/contracts";
import type { Prisma } from "@crewboard/db";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { syncCrewAccess } from "../chat/work-order-room.ts";
import { recordWorkOrder } from "../work-orders/work-order.events.ts";
import { toTaskDto, type TaskRow } from "./task.mapper.ts";

/**
 * Who hears about a task: the board, the order's client company, and its assignee. Not the order's
 * room: the other crew members there see only their own tasks.
 */
export function taskRooms(task: Pick<TaskRow, "assigneeId"> & { workOrder: { clientCompanyId: string } }): string[] {
  return [rooms.board(), rooms.company(task.workOrder.clientCompanyId), ...(task.assigneeId ? [rooms.user(task.assigneeId)] : [])];
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
  options: { event: "task:created" | "task:updated"; previousAssigneeId?: string | null },
): Promise<void> {
  await events.add(tx, taskRooms(task), options.event, toTaskDto(task));
  const previous = options.previousAssigneeId;
  if (previous && previous !== task.assigneeId) {
    await events.add(tx, [rooms.user(previous)], "task:removed", { taskId: task.id, workOrderId: task.workOrderId });
  }
  const affected = [previous, task.assigneeId].filter((id): id is string => Boolean(id));
  if (options.event === "task:created" || previous !== undefined) await syncCrewAccess(tx, events, task.workOrderId, affected);
  await recordWorkOrder(tx, events, task.workOrderId);
}
