import { isRevisionRequestOpen } from "@crewboard/domain";
import type { Prisma, PrismaClient } from "@crewboard/db";

/**
 * Ids of the orders whose latest revision request still stands (packages/domain
 * isRevisionRequestOpen): a list filter for "tasks with a revision request". Few orders are ever
 * in these two statuses at once, so reading them is cheap.
 */
export async function findOrdersWithRevision(db: PrismaClient | Prisma.TransactionClient): Promise<string[]> {
  const orders = await db.workOrder.findMany({
    where: {
      status: { in: ["revision_requested", "in_progress"] },
      feedback: { some: { verdict: "request_revision" } },
    },
    select: {
      id: true,
      status: true,
      deliveredAt: true,
      feedback: {
        where: { verdict: "request_revision" },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        take: 1,
        select: { createdAt: true },
      },
    },
  });
  return orders.filter((o) => o.feedback[0] && isRevisionRequestOpen(o, o.feedback[0].createdAt)).map((o) => o.id);
}
