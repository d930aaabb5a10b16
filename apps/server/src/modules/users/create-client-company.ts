import type { CreateClientCompanyRequest } from "@crewboard/contracts";
import type { PrismaClient } from "@crewboard/db";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Actor } from "../../http/context.ts";

export function createClientCompany(prisma: PrismaClient, options: { actor: Actor; request: CreateClientCompanyRequest }) {
  return prisma.$transaction(async (tx) => {
    const created = await tx.clientCompany.create({ data: { name: options.request.name, nameEn: options.request.nameEn ?? null } });
    await recordAudit(tx, options.actor, { action: "client_company.create", entityType: "client_company", entityId: created.id, metadata: { name: created.name } });
    return created;
  });
}
