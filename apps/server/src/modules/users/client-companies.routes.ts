import { Router } from "express";
import { routes } from "@crewboard/contracts";
import type { ClientCompany, PrismaClient } from "@crewboard/db";
import { registerRoute } from "../../http/register-route.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { pageOf } from "../../http/pagination.ts";

const toDto = (c: ClientCompany) => ({ id: c.id, name: c.name, nameEn: c.nameEn, active: c.active, createdAt: c.createdAt.toISOString() });

export function clientCompanyRoutes(prisma: PrismaClient): Router {
  const router = Router();

  registerRoute(router, prisma, routes.listClientCompanies, async ({ query }) => {
    const rows = await prisma.clientCompany.findMany({
      where: query.cursor ? { id: { lt: query.cursor } } : {},
      orderBy: { id: "desc" },
      take: query.limit + 1,
    });
    return pageOf(rows, query.limit, toDto);
  });

  registerRoute(router, prisma, routes.createClientCompany, ({ body, actor }) =>
    prisma.$transaction(async (tx) => {
      const created = await tx.clientCompany.create({ data: { name: body.name, nameEn: body.nameEn ?? null } });
      await recordAudit(tx, actor, { action: "client_company.create", entityType: "client_company", entityId: created.id });
      return toDto(created);
    }),
  );

  registerRoute(router, prisma, routes.updateClientCompany, ({ params, body, actor }) =>
    prisma.$transaction(async (tx) => {
      const current = await tx.clientCompany.findUnique({ where: { id: params.id } });
      if (!current) throw new AppError("client_company.not_found");
      const updated = await tx.clientCompany.update({ where: { id: current.id }, data: body });
      // Deactivating a company signs out all of its users at once.
      if (body.active === false) await tx.session.deleteMany({ where: { user: { clientCompanyId: current.id } } });
      await recordAudit(tx, actor, {
        action: body.active === false ? "client_company.deactivate" : "client_company.update",
        entityType: "client_company",
        entityId: current.id,
        metadata: { fields: Object.keys(body) },
      });
      return toDto(updated);
    }),
  );

  return router;
}
