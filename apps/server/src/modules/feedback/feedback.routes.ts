import { Router } from "express";
import { routes, type Feedback as FeedbackDto } from "@crewboard/contracts";
import type { Feedback, PrismaClient } from "@crewboard/db";
import { registerRoute } from "../../http/register-route.ts";
import { findVisibleWorkOrder } from "../work-orders/find-visible-work-order.ts";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";
import { giveFeedback } from "./give-feedback.ts";

type Row = Feedback & { author: { id: string; name: string; role: FeedbackDto["author"]["role"] }; followUpOpened: boolean };

const toDto = (f: Row): FeedbackDto => ({
  id: f.id,
  workOrderId: f.workOrderId,
  deliverableId: f.deliverableId,
  author: toPersonRef(f.author),
  verdict: f.verdict,
  rating: f.rating,
  comment: f.comment,
  followUpOpened: f.followUpOpened,
  createdAt: f.createdAt.toISOString(),
});

export function feedbackRoutes(prisma: PrismaClient): Router {
  const router = Router();

  registerRoute(router, prisma, routes.listFeedback, async ({ user, params }) => {
    const order = await findVisibleWorkOrder(prisma, user, params.id);
    const rows = await prisma.feedback.findMany({
      where: { workOrderId: order.id },
      include: { author: { select: personSelect }, followUp: { select: { id: true } } },
      orderBy: { id: "asc" },
    });
    return { items: rows.map((f) => toDto({ ...f, followUpOpened: f.followUp !== null })) };
  });

  registerRoute(router, prisma, routes.createFeedback, async ({ actor, params, body }) =>
    toDto(await giveFeedback(prisma, { actor, workOrderId: params.id, request: body })),
  );

  return router;
}
