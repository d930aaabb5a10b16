import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { registerRoute, type RouteDeps } from "../../http/register-route.ts";
import { newestFirstPage, pageOf } from "../../http/pagination.ts";

export function auditRoutes(deps: RouteDeps): Router {
  const { prisma } = deps;
  const router = Router();
  registerRoute(router, deps, routes.listAuditEvents, async ({ query }) => {
    const page = newestFirstPage(query);
    const rows = await prisma.auditEvent.findMany({
      where: {
        AND: [{ entityType: query.entityType, entityId: query.entityId, actorId: query.actorId, action: query.action }, page.where],
      },
      orderBy: page.orderBy,
      take: page.take,
    });
    return pageOf(rows, query.limit, (e) => ({
      id: e.id,
      actorId: e.actorId,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      ip: e.ip,
      userAgent: e.userAgent,
      metadata: (e.metadata ?? {}) as Record<string, unknown>,
      createdAt: e.createdAt.toISOString(),
    }));
  });
  return router;
}
