import type { ListUsersQuery } from "@crewboard/contracts";
import type { Prisma } from "@crewboard/db";
import { literalContains } from "../../http/list-filters.ts";

/** The admin's user list filters: role, company, team, active, and a search over name and email. */
export function userFilter(query: Omit<ListUsersQuery, "cursor" | "limit">): Prisma.UserWhereInput {
  return {
    role: query.role,
    clientCompanyId: query.clientCompanyId,
    teamId: query.teamId,
    active: query.active,
    ...(query.q ? { OR: [{ name: literalContains(query.q) }, { email: literalContains(query.q) }] } : {}),
  };
}
