import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { WORK_ORDER_LIST_FILTERS } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { newestFirstPage, pageOf } from "../../http/pagination.ts";
import { listFilterWhere } from "../../http/list-filters.ts";
import { visibleWorkOrders } from "../../access/visibility.ts";
import { createWorkOrder } from "./create-work-order.ts";
import { updateWorkOrder } from "./update-work-order.ts";
import { findVisibleWorkOrder } from "./find-visible-work-order.ts";
import { primeRuby } from "../../readings/readings.ts";
import {
  toWorkOrderDto,
  toWorkOrderDtoWithoutRuby,
  workOrderInclude,
  workOrderRubyTexts,
} from "./work-order.mapper.ts";

export function workOrderRoutes(deps: RouteDeps): Router {
  const router = Router();

  registerRoute(router, deps, routes.listWorkOrders, async ({ db, user, query }) => {
    const page = newestFirstPage(query);
    const filters = listFilterWhere<typeof WORK_ORDER_LIST_FILTERS, Prisma.WorkOrderWhereInput>(
      WORK_ORDER_LIST_FILTERS,
      query,
      user,
      {},
    );
    const rows = await db.workOrder.findMany({
      where: { AND: [visibleWorkOrders(user), ...filters, page.where] },
      include: workOrderInclude,
      orderBy: page.orderBy,
      take: page.take,
    });
    // furigana only when asked (easy-read readers): then the page's readings in one request to the reading worker
    if (query.ruby) await primeRuby(rows.flatMap(workOrderRubyTexts));
    return pageOf(rows, query.limit, query.ruby ? toWorkOrderDto : toWorkOrderDtoWithoutRuby);
  });

  registerRoute(router, deps, routes.getWorkOrder, async ({ db, user, params }) =>
    toWorkOrderDto(await findVisibleWorkOrder(db, user, params.id)),
  );

  registerRoute(router, deps, routes.createWorkOrder, async ({ db, actor, body, events }) =>
    toWorkOrderDto(await createWorkOrder(db, { actor, request: body, events })),
  );

  registerRoute(router, deps, routes.updateWorkOrder, async ({ db, actor, params, body, events }) =>
    toWorkOrderDto(await updateWorkOrder(db, { actor, workOrderId: params.id, request: body, events })),
  );

  return router;
}
