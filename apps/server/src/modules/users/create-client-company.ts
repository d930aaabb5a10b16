import type { CreateClientCompanyRequest } from "@crewboard/contracts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Actor, Tx } from "../../operations/context.ts";

export async function createClientCompany(tx: Tx, options: { actor: Actor; request: CreateClientCompanyRequest }) {
  const created = await tx.clientCompany.create({
    data: { name: options.request.name, nameEn: options.request.nameEn ?? null },
  });
  await recordAudit(tx, options.actor, {
    action: "client_company.create",
    entityType: "client_company",
    entityId: created.id,
    metadata: { name: created.name },
  });
  return created;
}
