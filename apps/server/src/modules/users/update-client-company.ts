import { rooms, type UpdateClientCompanyRequest } from "@crewboard/contracts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";

/**
 * Renames a client company, or deactivates / reactivates it. Deactivating signs out all of its
 * users at once (sessions and connections); they cannot sign in until it is reactivated.
 */
export async function updateClientCompany(
  tx: Tx,
  options: { actor: Actor; companyId: string; request: UpdateClientCompanyRequest; events: EventBatch },
) {
  const { actor, companyId, request, events } = options;
  const current = await tx.clientCompany.findUnique({ where: { id: companyId } });
  if (!current) throw new AppError("client_company.not_found");
  const updated = await tx.clientCompany.update({ where: { id: current.id }, data: request });
  const deactivated = current.active && !updated.active;
  if (deactivated) {
    await tx.session.deleteMany({ where: { user: { clientCompanyId: current.id } } });
    events.disconnectRoom(rooms.company(current.id));
  }
  const action = deactivated
    ? "client_company.deactivate"
    : !current.active && updated.active
      ? "client_company.reactivate"
      : "client_company.update";
  await recordAudit(tx, actor, {
    action,
    entityType: "client_company",
    entityId: current.id,
    metadata: {
      fields: Object.keys(request).filter((k) => k !== "active"),
      ...(request.name && request.name !== current.name ? { from: current.name, to: request.name } : {}),
    },
  });
  return updated;
}
