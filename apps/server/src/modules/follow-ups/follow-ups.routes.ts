import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { mayHandleFollowUps, mayReadFollowUpStats, mayReadOwnPraise } from "@crewboard/domain";
import { AppError } from "../../errors.ts";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { newestFirstPage, pageOf } from "../../http/pagination.ts";
import { findVisibleFollowUp, visibleFollowUps } from "./find-visible-follow-up.ts";
import { followUpInclude, toFollowUpDto } from "./follow-up.mapper.ts";
import { followUpStats } from "./follow-up-stats.ts";
import { recordFollowUpStep } from "./record-follow-up-step.ts";
import { listMyPraise } from "./list-my-praise.ts";
import type { Prisma } from "@crewboard/db";

export function followUpRoutes(deps: RouteDeps): Router {
  const router = Router();

  // before /follow-ups/:id, which would take "stats" for an id
  registerRoute(router, deps, routes.getFollowUpStats, async ({ db, user }) => {
    if (!mayReadFollowUpStats(user)) throw new AppError("auth.forbidden");
    return followUpStats(db);
  });

  registerRoute(router, deps, routes.listFollowUps, async ({ db, user, query }) => {
    const now = new Date();
    const state: Prisma.FollowUpWhereInput =
      query.state === "open"
        ? { status: { not: "closed" } }
        : query.state === "closed"
          ? { status: "closed" }
          : query.state === "overdue"
            ? { status: { not: "closed" }, dueAt: { lt: now } }
            : {};
    const page = newestFirstPage(query);
    const rows = await db.followUp.findMany({
      where: {
        AND: [
          visibleFollowUps(user),
          state,
          query.workOrderId ? { feedback: { workOrderId: query.workOrderId } } : {},
          page.where,
        ],
      },
      include: followUpInclude,
      orderBy: page.orderBy,
      take: page.take,
    });
    return pageOf(rows, query.limit, (r) => toFollowUpDto(r, user, now));
  });

  registerRoute(router, deps, routes.getFollowUp, async ({ db, user, params }) =>
    toFollowUpDto(await findVisibleFollowUp(db, user, params.id), user),
  );

  registerRoute(router, deps, routes.recordFollowUpStep, async ({ db, actor, user, params, body, events }) => {
    // hidden first (not found for what the caller may not see), then the rule
    await findVisibleFollowUp(db, user, params.id);
    if (!mayHandleFollowUps(user)) throw new AppError("auth.forbidden");
    return toFollowUpDto(await recordFollowUpStep(db, { actor, followUpId: params.id, request: body, events }), user);
  });

  registerRoute(router, deps, routes.listMyPraise, async ({ db, user }) => {
    if (!mayReadOwnPraise(user)) throw new AppError("auth.forbidden");
    return { items: await listMyPraise(db, user.id) };
  });

  return router;
}
