import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { registerRoute, type RouteDeps } from "../../http/register-route.ts";
import { findVisibleWorkOrder } from "../work-orders/find-visible-work-order.ts";
import { personSelect } from "../users/user.mapper.ts";
import { toFeedbackDto } from "./feedback.mapper.ts";
import { giveFeedback } from "./give-feedback.ts";
import { oldestFirst } from "../../http/pagination.ts";

export function feedbackRoutes(deps: RouteDeps): Router {
  const { prisma } = deps;
  const router = Router();

  registerRoute(router, deps, routes.listFeedback, async ({ user, params }) => {
    const order = await findVisibleWorkOrder(prisma, user, params.id);
    const rows = await prisma.feedback.findMany({
      where: { workOrderId: order.id },
      include: { author: { select: personSelect }, followUp: { select: { id: true } } },
      orderBy: oldestFirst(), // a conversation with the client: read top to bottom
    });
    return { items: rows.map((f) => toFeedbackDto({ ...f, followUpOpened: f.followUp !== null })) };
  });

  registerRoute(router, deps, routes.createFeedback, async ({ actor, params, body, events }) =>
    toFeedbackDto(await giveFeedback(prisma, { actor, workOrderId: params.id, request: body, events })),
  );

  return router;
}
