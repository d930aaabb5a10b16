// Dispatch (issue 10): work profiles and load. Thin: each route calls its use case.
import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { getWorkProfile, listWorkProfiles, putWorkProfile } from "./work-profile.ts";
import { suggestCrew, suggestCrewForOrder } from "./suggest-crew.ts";
import { answerNomination } from "./answer-nomination.ts";

export function dispatchRoutes(deps: RouteDeps): Router {
  const router = Router();
  registerRoute(router, deps, routes.listWorkProfiles, async ({ db }) => ({
    items: await listWorkProfiles(db, new Date()),
  }));
  registerRoute(router, deps, routes.getWorkProfile, async ({ db, user, params }) =>
    getWorkProfile(db, user, params.id, new Date()),
  );
  registerRoute(router, deps, routes.putWorkProfile, async ({ db, actor, params, body }) =>
    putWorkProfile(db, { actor, userId: params.id, request: body, now: new Date() }),
  );
  registerRoute(router, deps, routes.listTaskSuggestions, async ({ db, actor, params }) => ({
    items: await suggestCrew(db, { actor, taskId: params.id, now: new Date() }),
  }));
  registerRoute(router, deps, routes.listWorkOrderSuggestions, async ({ db, actor, params, query }) => ({
    items: await suggestCrewForOrder(db, {
      actor,
      workOrderId: params.id,
      skills: query.skills ?? [],
      now: new Date(),
    }),
  }));
  registerRoute(router, deps, routes.answerNomination, async ({ db, actor, params, body, events }) =>
    answerNomination(db, { actor, workOrderId: params.id, request: body, events }),
  );
  return router;
}
