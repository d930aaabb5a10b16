// "Who looked at my record" (issue 12): the audited reads of a person's check-ins and
// accommodations by anyone else — who, in which role, when, what — for the person only. It is
// read from the audit log itself, so it lists exactly what was audited: reads of the person's own
// page (entityId), and reads of lists that showed their data (metadata.userIds).
import { HEALTH_READ_ACTIONS, type RecordView, type RecordViewWhat } from "@crewboard/contracts";
import type { Tx } from "../../operations/context.ts";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";

/** The most recent reads shown (a year of a manager's weekly look is about fifty). */
export const RECORD_VIEWS_LIMIT = 200;

type Role = RecordView["role"];
const ROLES: readonly Role[] = ["admin", "manager", "crew", "client"];

export async function listRecordViews(db: Tx, userId: string): Promise<RecordView[]> {
  const rows = await db.auditEvent.findMany({
    where: {
      action: { in: [...HEALTH_READ_ACTIONS] },
      actorId: { not: userId },
      OR: [{ entityType: "user", entityId: userId }, { metadata: { path: ["userIds"], array_contains: [userId] } }],
    },
    include: { actor: { select: personSelect } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: RECORD_VIEWS_LIMIT,
  });
  return rows.map((r) => {
    const m = (r.metadata ?? {}) as Record<string, unknown>;
    const what: RecordViewWhat =
      r.action === "check_in.read" ? "check_ins" : m.what === "history" ? "accommodation_history" : "accommodations";
    const role = ROLES.find((x) => x === m.viewerRole) ?? r.actor?.role ?? "admin";
    return {
      id: r.id,
      at: r.createdAt.toISOString(),
      viewer: r.actor ? toPersonRef(r.actor) : null,
      role,
      what,
      view: m.view === "shared" ? "shared" : "full",
    };
  });
}
