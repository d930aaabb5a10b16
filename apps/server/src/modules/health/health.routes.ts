import { Router } from "express";
import { routes } from "@crewboard/contracts";
import type { Database } from "@crewboard/db";
import { registerRoute, type RouteDeps } from "../../http/register-route.ts";

export function healthRoutes(deps: RouteDeps, db: Database): Router {
  const router = Router();
  registerRoute(router, deps, routes.health, async () => {
    await db.prisma.$queryRaw`SELECT 1`;
    return { status: "ok" as const, database: db.kind };
  });
  return router;
}
