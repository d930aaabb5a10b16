import { Router } from "express";
import { routes } from "@crewboard/contracts";
import type { PrismaClient } from "@crewboard/db";
import { registerRoute } from "../../http/register-route.ts";
import { pageOf } from "../../http/pagination.ts";
import { visibleWorkOrders } from "../../access/visibility.ts";
import { createWorkOrder } from "./create-work-order.ts";
import { updateWorkOrder } from "./update-work-order.ts";
import { findVisibleWorkOrder } from "./find-visible-work-order.ts";
import { toWorkOrderDto, workOrderInclude } from "./work-order.mapper.ts";

export function workOrderRoutes(prisma: PrismaClient): Router {
  const router = Router();

  registerRoute(router, prisma, routes.listWorkOrders, async ({ user, query }) => {
    const rows = await prisma.workOrder.findMany({
      where: {
        AND: [
          visibleWorkOrders(user),
          {
            status: query.status ? { in: query.status } : undefined,
            clientCompanyId: query.clientCompanyId,
            priority: query.priority,
            title: query.q ? { contains: query.q, mode: "insensitive" } : undefined,
            id: query.cursor ? { lt: query.cursor } : undefined,
          },
        ],
      },
      include: workOrderInclude,
      orderBy: { id: "desc" },
      take: query.limit + 1,
    });
    return pageOf(rows, query.limit, toWorkOrderDto);
  });

  registerRoute(router, prisma, routes.getWorkOrder, async ({ user, params }) =>
    toWorkOrderDto(await findVisibleWorkOrder(prisma, user, params.id)),
  );

  registerRoute(router, prisma, routes.createWorkOrder, async ({ actor, body }) =>
    toWorkOrderDto(await createWorkOrder(prisma, { actor, request: body })),
  );

  registerRoute(router, prisma, routes.updateWorkOrder, async ({ actor, params, body }) =>
    toWorkOrderDto(await updateWorkOrder(prisma, { actor, workOrderId: params.id, request: body })),
  );

  return router;
}
