import { followUpScope, type Identity } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import type { Db } from "../../operations/context.ts";
import { followUpInclude } from "./follow-up.mapper.ts";

const NOTHING = "00000000-0000-0000-0000-000000000000";

/** The policy's follow-up scope as a filter: staff all, a client their company's orders', crew none. */
export function visibleFollowUps(who: Identity): Prisma.FollowUpWhereInput {
  const scope = followUpScope(who);
  switch (scope.kind) {
    case "all":
      return {};
    case "company":
      return { feedback: { workOrder: { clientCompanyId: scope.clientCompanyId } } };
    default:
      return { id: NOTHING };
  }
}

/** A follow-up the caller may see, or follow_up.not_found (the same for one that does not exist). */
export async function findVisibleFollowUp(db: Db, who: Identity, id: string) {
  const row = await db.followUp.findFirst({
    where: { AND: [{ id }, visibleFollowUps(who)] },
    include: followUpInclude,
  });
  if (!row) throw new AppError("follow_up.not_found");
  return row;
}
