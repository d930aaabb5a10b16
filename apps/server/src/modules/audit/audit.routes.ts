import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { newestFirstPage, pageOf } from "../../http/pagination.ts";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";
import { auditEventFilter } from "./audit-filter.ts";
import { exportAuditEvents } from "./export-audit-events.ts";

export function auditRoutes(deps: RouteDeps): Router {
  const router = Router();
  registerRoute(router, deps, routes.listAuditEvents, async ({ db, query }) => {
    const page = newestFirstPage(query);
    const rows = await db.auditEvent.findMany({
      where: {
        AND: [auditEventFilter(query), page.where],
      },
      include: { actor: { select: personSelect } },
      orderBy: page.orderBy,
      take: page.take,
    });
    return pageOf(rows, query.limit, (e) => ({
      id: e.id,
      actorId: e.actorId,
      actor: e.actor ? toPersonRef(e.actor) : null,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      ip: e.ip,
      userAgent: e.userAgent,
      metadata: (e.metadata ?? {}) as Record<string, unknown>,
      createdAt: e.createdAt.toISOString(),
    }));
  });

  registerRoute(router, deps, routes.exportAuditEvents, async ({ db, query, actor, res }) => {
    const me = await db.user.findUniqueOrThrow({ where: { id: actor.user.id }, select: { locale: true } });
    const csv = await exportAuditEvents(db, { actor, query, locale: me.locale === "en" ? "en" : "ja" });
    res.status(200);
    res.setHeader("Content-Type", "text/csv; charset=utf-8");
    // The name is ASCII by construction, so the plain quoted form is enough for every browser.
    res.setHeader("Content-Disposition", `attachment; filename="${csv.fileName}"`);
    res.setHeader("Cache-Control", "no-store");
    res.setHeader("X-Content-Type-Options", "nosniff");
    await csv.writeTo(res);
  });
  return router;
}
