import { findTaskRow, type PrismaClient } from "@crewboard/db";
import { taskScope } from "@crewboard/domain";
import { AppError } from "../../errors.ts";
import type { SignedInUser } from "@crewboard/contracts";

type Tx = Pick<PrismaClient, "$queryRaw">;

/**
 * The task if this user may see it; otherwise 404, the same answer as for an id that does not exist.
 * One hand-written statement under the board page's scope SQL (packages/db task-page.ts
 * `taskScopeSql`, visibility.ts `visibleTasks` as SQL): every task write reads it first, and
 * Prisma's include of the same cost ~1 ms of server CPU per write (issue 14).
 */
export async function findVisibleTask(tx: Tx, user: SignedInUser, id: string) {
  const found = await findTaskRow(tx, { scope: taskScope(user), id });
  if (!found) throw new AppError("task.not_found");
  return found;
}
