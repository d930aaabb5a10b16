import { audience } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { toWorkOrderDto, workOrderInclude } from "./work-order.mapper.ts";

/** Records the order's current state (its derived progress and counts included). */
export async function recordWorkOrder(
  tx: Prisma.TransactionClient,
  events: EventBatch,
  workOrderId: string,
  event: "work_order:created" | "work_order:updated" = "work_order:updated",
) {
  const row = await tx.workOrder.findUniqueOrThrow({ where: { id: workOrderId }, include: workOrderInclude });
  events.add(audience.workOrder(row), event, toWorkOrderDto(row));
  return row;
}
