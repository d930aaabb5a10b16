import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { registerRoute, type RouteDeps } from "../../http/register-route.ts";
import { newestFirstPage, pageOf } from "../../http/pagination.ts";
import { visibleWorkOrders } from "../../access/visibility.ts";
import { createWorkOrder } from "./create-work-order.ts";
import { updateWorkOrder } from "./update-work-order.ts";
import { findVisibleWorkOrder } from "./find-visible-work-order.ts";
import { toWorkOrderDto, workOrderInclude } from "./work-order.mapper.ts";

export function workOrderRoutes(deps: RouteDeps): Router {
  const { prisma } = deps;
  const router = Router();

  registerRoute(router, deps, routes.listWorkOrders, async ({ user, query }) => {
    const page = newestFirstPage(query);
    const rows = await prisma.workOrder.findMany({
      where: {
        AND: [
          visibleWorkOrders(user),
          {
            status: query.status ? { in: query.status } : undefined,
            clientCompanyId: query.clientCompanyId,
            priority: query.priority,
            title: query.q ? { contains: query.q, mode: "insensitive" } : undefined,
          },
          page.where,
        ],
      },
      include: workOrderInclude,
      orderBy: page.orderBy,
      take: page.take,
    });
    return pageOf(rows, query.limit, toWorkOrderDto);
  });

  registerRoute(router, deps, routes.getWorkOrder, async ({ user, params }) =>
    toWorkOrderDto(await findVisibleWorkOrder(prisma, user, params.id)),
  );

  registerRoute(router, deps, routes.createWorkOrder, async ({ actor, body, events }) =>
    toWorkOrderDto(await createWorkOrder(prisma, { actor, request: body, events })),
  );

  registerRoute(router, deps, routes.updateWorkOrder, async ({ actor, params, body, events }) =>
    toWorkOrderDto(await updateWorkOrder(prisma, { actor, workOrderId: params.id, request: body, events })),
  );

  return router;
}
