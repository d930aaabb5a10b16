import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { findVisibleWorkOrder } from "../work-orders/find-visible-work-order.ts";
import { personSelect } from "../users/user.mapper.ts";
import { toFeedbackDto } from "./feedback.mapper.ts";
import { giveFeedback } from "./give-feedback.ts";
import { oldestFirst } from "../../http/pagination.ts";

export function feedbackRoutes(deps: RouteDeps): Router {
  const router = Router();

  registerRoute(router, deps, routes.listFeedback, async ({ db, user, params }) => {
    const order = await findVisibleWorkOrder(db, user, params.id);
    const rows = await db.feedback.findMany({
      where: { workOrderId: order.id },
      include: { author: { select: personSelect }, followUp: { select: { id: true } } },
      orderBy: oldestFirst(), // a conversation with the client: read top to bottom
    });
    return { items: rows.map((f) => toFeedbackDto({ ...f, followUpOpened: f.followUp !== null })) };
  });

  registerRoute(router, deps, routes.createFeedback, async ({ db, actor, params, body, events }) =>
    toFeedbackDto(await giveFeedback(db, { actor, workOrderId: params.id, request: body, events })),
  );

  return router;
}
