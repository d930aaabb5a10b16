import { Router } from "express";
import { rooms, routes } from "@crewboard/contracts";
import type { ClientCompany } from "@crewboard/db";
import { registerRoute, type RouteDeps } from "../../http/register-route.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { newestFirstPage, pageOf } from "../../http/pagination.ts";

const toDto = (c: ClientCompany) => ({ id: c.id, name: c.name, nameEn: c.nameEn, active: c.active, createdAt: c.createdAt.toISOString() });

export function clientCompanyRoutes(deps: RouteDeps): Router {
  const { prisma } = deps;
  const router = Router();

  registerRoute(router, deps, routes.listClientCompanies, async ({ query }) => {
    const page = newestFirstPage(query);
    const rows = await prisma.clientCompany.findMany({ where: page.where, orderBy: page.orderBy, take: page.take });
    return pageOf(rows, query.limit, toDto);
  });

  registerRoute(router, deps, routes.createClientCompany, ({ body, actor }) =>
    prisma.$transaction(async (tx) => {
      const created = await tx.clientCompany.create({ data: { name: body.name, nameEn: body.nameEn ?? null } });
      await recordAudit(tx, actor, { action: "client_company.create", entityType: "client_company", entityId: created.id });
      return toDto(created);
    }),
  );

  registerRoute(router, deps, routes.updateClientCompany, ({ params, body, actor, events }) =>
    prisma.$transaction(async (tx) => {
      const current = await tx.clientCompany.findUnique({ where: { id: params.id } });
      if (!current) throw new AppError("client_company.not_found");
      const updated = await tx.clientCompany.update({ where: { id: current.id }, data: body });
      // Deactivating a company signs out all of its users at once.
      if (body.active === false) {
        await tx.session.deleteMany({ where: { user: { clientCompanyId: current.id } } });
        events.disconnectRoom(rooms.company(current.id));
      }
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
