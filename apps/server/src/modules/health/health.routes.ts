import { Router } from "express";
import { routes } from "@crewboard/contracts";
import type { Database } from "@crewboard/db";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";

export function healthRoutes(deps: RouteDeps, database: Database): Router {
  const router = Router();
  registerRoute(router, deps, routes.getHealth, async ({ db }) => {
    await db.$queryRaw`SELECT 1`;
    return { status: "ok" as const, database: database.kind };
  });
  return router;
}
