import type { Task as TaskDto } from "@crewboard/contracts";
import { findTaskPage, type PrismaClient } from "@crewboard/db";
import { taskScope, type Identity } from "@crewboard/domain";
import { toTaskDtoWithoutRuby } from "./task.mapper.ts";

/**
 * The newest tasks `who` may see, as the board's first page lists them (GET /tasks without
 * filters: the same statement and scope), without furigana: what the page the server sends for
 * the board draws as its preview (http/web-app.ts).
 */
export async function boardFirstCards(prisma: PrismaClient, who: Identity, take: number): Promise<TaskDto[]> {
  const { rows } = await findTaskPage(prisma, { scope: taskScope(who), take, ruby: false });
  return rows.map(toTaskDtoWithoutRuby);
}
