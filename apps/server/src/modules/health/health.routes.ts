import { Router } from "express";
import { routes } from "@crewboard/contracts";
import type { Database } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { checkReadiness, type ReadinessDeps } from "./readiness.ts";

export function healthRoutes(deps: RouteDeps, database: Database, readiness: Omit<ReadinessDeps, "prisma">): Router {
  const router = Router();
  // liveness: the process answers. It never touches the database: a database outage is not a
  // reason to restart the process (it answers 503 database.unavailable meanwhile and recovers by
  // itself); readiness below says what is not ready.
  registerRoute(router, deps, routes.getHealth, () =>
    Promise.resolve({ status: "ok" as const, database: database.kind }),
  );
  registerRoute(router, deps, routes.getReadiness, async () => {
    const { ready, checks, notReady } = await checkReadiness({ ...readiness, prisma: deps.prisma });
    if (!ready) {
      throw new AppError("service.not_ready", {
        detail: `not ready: ${notReady.join(", ")}`,
        extensions: { notReady, checks },
        headers: { "Retry-After": "5" },
      });
    }
    return { status: "ready" as const, checks };
  });
  return router;
}
