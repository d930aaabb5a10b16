import type { Prisma } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import type { SignedInUser } from "@crewboard/contracts";
import { visibleWorkOrders } from "../../access/visibility.ts";
import { workOrderInclude } from "./work-order.mapper.ts";

type Tx = Pick<Prisma.TransactionClient, "workOrder">;

/** The order if this user may see it; otherwise 404, the same answer as for an id that does not exist. */
export async function findVisibleWorkOrder(tx: Tx, user: SignedInUser, id: string) {
  const found = await tx.workOrder.findFirst({
    where: { AND: [{ id }, visibleWorkOrders(user)] },
    include: workOrderInclude,
  });
  if (!found) throw new AppError("work_order.not_found");
  return found;
}
