import type { Prisma } from "@crewboard/db";
import type { Actor } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";

type Tx = Pick<Prisma.TransactionClient, "workOrder" | "auditEvent">;

/** The order statuses that move to in_progress when work starts on one of its tasks. */
export const STARTS_ON_WORK = ["accepted", "revision_requested"] as const;

/** Whether markWorkOrderInProgress can change an order in `status` (as read earlier in the transaction). */
export const startsOnWork = (status: string) => (STARTS_ON_WORK as readonly string[]).includes(status);

/**
 * When work starts on a task, its order is in progress: an accepted order (or one sent back for a
 * revision) moves to in_progress by itself, so nobody has to remember to flip it. True if it moved.
 */
export async function markWorkOrderInProgress(tx: Tx, actor: Actor, workOrderId: string): Promise<boolean> {
  const { count } = await tx.workOrder.updateMany({
    where: { id: workOrderId, status: { in: [...STARTS_ON_WORK] } },
    data: { status: "in_progress", version: { increment: 1 } },
  });
  if (count > 0) {
    await recordAudit(tx, actor, {
      action: "work_order.in_progress",
      entityType: "work_order",
      entityId: workOrderId,
      metadata: { reason: "a task was started" },
    });
  }
  return count > 0;
}
