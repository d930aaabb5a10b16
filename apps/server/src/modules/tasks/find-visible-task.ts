import type { Prisma } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import type { SignedInUser } from "@crewboard/contracts";
import { visibleTasks } from "../../access/visibility.ts";
import { taskInclude } from "./task.mapper.ts";

type Tx = Pick<Prisma.TransactionClient, "task">;

/** The task if this user may see it; otherwise 404, the same answer as for an id that does not exist. */
export async function findVisibleTask(tx: Tx, user: SignedInUser, id: string) {
  const found = await tx.task.findFirst({ where: { AND: [{ id }, visibleTasks(user)] }, include: taskInclude });
  if (!found) throw new AppError("task.not_found");
  return found;
}
