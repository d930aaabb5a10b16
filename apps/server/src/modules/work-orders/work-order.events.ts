import { audience } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import type { EventBatch } from "../../realtime/event-batch.ts";
import {
  readWorkOrderWithSummary,
  toWorkOrderDto,
  type WorkOrderSummaryRow,
  type WorkOrderTaskSummary,
} from "./work-order.mapper.ts";

/** Records the order's current state (its derived progress and counts included, computed in SQL: the tasks are not loaded). */
export async function recordWorkOrder(
  tx: Prisma.TransactionClient,
  events: EventBatch,
  workOrderId: string,
  event: "work_order:created" | "work_order:updated" = "work_order:updated",
  /** its task summary, when the caller computed it in a statement of its own */
  taskSummary?: WorkOrderTaskSummary,
) {
  const row = await readWorkOrderWithSummary(tx, workOrderId, taskSummary);
  recordWorkOrderRow(events, row, event);
  return row;
}

/** Records the order as the caller read it with its summary in a statement of its own (a progress write). */
export function recordWorkOrderRow(
  events: EventBatch,
  row: WorkOrderSummaryRow,
  event: "work_order:created" | "work_order:updated" = "work_order:updated",
) {
  events.add(audience.workOrder(row), event, toWorkOrderDto(row));
}
