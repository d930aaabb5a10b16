import { Router } from "express";
import { routes } from "@crewboard/contracts";
import type { ClientCompany } from "@crewboard/db";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { AppError } from "../../errors.ts";
import { newestFirstPage, pageOf } from "../../http/pagination.ts";
import { literalContains } from "../../http/list-filters.ts";
import { createClientCompany } from "./create-client-company.ts";
import { updateClientCompany } from "./update-client-company.ts";

const toDto = (c: ClientCompany) => ({
  id: c.id,
  name: c.name,
  nameEn: c.nameEn,
  active: c.active,
  createdAt: c.createdAt.toISOString(),
});

export function clientCompanyRoutes(deps: RouteDeps): Router {
  const router = Router();

  registerRoute(router, deps, routes.listClientCompanies, async ({ db, query }) => {
    const page = newestFirstPage(query);
    const rows = await db.clientCompany.findMany({
      where: {
        AND: [
          {
            active: query.active,
            ...(query.q ? { OR: [{ name: literalContains(query.q) }, { nameEn: literalContains(query.q) }] } : {}),
          },
          page.where,
        ],
      },
      orderBy: page.orderBy,
      take: page.take,
    });
    return pageOf(rows, query.limit, toDto);
  });

  registerRoute(router, deps, routes.getClientCompany, async ({ db, params }) => {
    const found = await db.clientCompany.findUnique({ where: { id: params.id } });
    if (!found) throw new AppError("client_company.not_found");
    return toDto(found);
  });

  registerRoute(router, deps, routes.createClientCompany, async ({ db, body, actor }) =>
    toDto(await createClientCompany(db, { actor, request: body })),
  );

  registerRoute(router, deps, routes.updateClientCompany, async ({ db, params, body, actor, events }) =>
    toDto(await updateClientCompany(db, { actor, companyId: params.id, request: body, events })),
  );

  return router;
}
