import { audience } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { deliverableSelect, toDeliverableDto } from "./deliverable.mapper.ts";

/**
 * The manager's delivery is their review: every deliverable of the order not yet shown to the
 * client is released with it, in the delivery's own transaction. Each one is announced to the
 * order's rooms, the client's company included, as `deliverable:released` (the client's first
 * word of it; staff and crew see it marked as shown). Run before the order's own event, so that
 * a client's page has the files when it hears the order is delivered.
 */
export async function releaseDeliverables(
  tx: Prisma.TransactionClient,
  events: EventBatch,
  order: { id: string; clientCompanyId: string },
  at: Date,
): Promise<number> {
  const pending = await tx.deliverable.findMany({
    where: { workOrderId: order.id, releasedAt: null },
    select: { id: true },
  });
  if (pending.length === 0) return 0;
  await tx.deliverable.updateMany({ where: { id: { in: pending.map((d) => d.id) } }, data: { releasedAt: at } });
  const released = await tx.deliverable.findMany({
    where: { id: { in: pending.map((d) => d.id) } },
    select: deliverableSelect,
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  for (const d of released) events.add(audience.deliverable(order, true), "deliverable:released", toDeliverableDto(d));
  return released.length;
}
