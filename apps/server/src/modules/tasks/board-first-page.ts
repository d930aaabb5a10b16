import type { Task as TaskDto } from "@crewboard/contracts";
import { findTaskPage, type PrismaClient } from "@crewboard/db";
import { taskScope, type Identity } from "@crewboard/domain";
import { toTaskDtoWithoutRuby } from "./task.mapper.ts";

/**
 * The board's first page of tasks for `who`, as GET /tasks answers it without filters (the same
 * statement and scope, newest first), without furigana: what the page the server sends for the
 * board draws as its preview (http/web-app.ts).
 */
export async function boardFirstPage(prisma: PrismaClient, who: Identity, limit: number): Promise<TaskDto[]> {
  const { rows } = await findTaskPage(prisma, { scope: taskScope(who), take: limit, ruby: false });
  return rows.map(toTaskDtoWithoutRuby);
}
