// Urgent offers (issue 10): thin routes; each calls its use case. The deadlines and the client's
// notice are jobs (urgent-offers.jobs.ts).
import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { createUrgentOffer, reofferUrgentOffer } from "./create-urgent-offer.ts";
import { acceptUrgentOffer, declineUrgentOffer } from "./answer-urgent-offer.ts";
import { getUrgentOffer, listUrgentOffers } from "./read-urgent-offers.ts";
import { tellClientNow } from "./manager-choices.ts";
import type { UrgentOfferOptions } from "./lifecycle.ts";

export function urgentOfferRoutes(deps: RouteDeps, config: UrgentOfferOptions): Router {
  const router = Router();
  registerRoute(router, deps, routes.createUrgentOffer, async ({ db, actor, body, events }) =>
    createUrgentOffer(db, { actor, request: body, events, now: new Date() }),
  );
  registerRoute(router, deps, routes.listUrgentOffers, async ({ db, user, query }) => ({
    items: await listUrgentOffers(db, user, query),
  }));
  registerRoute(router, deps, routes.getUrgentOffer, async ({ db, user, params }) =>
    getUrgentOffer(db, user, params.id),
  );
  registerRoute(router, deps, routes.acceptUrgentOffer, async ({ db, actor, params, events }) =>
    acceptUrgentOffer(db, { actor, offerId: params.id, events, now: new Date(), config }),
  );
  registerRoute(router, deps, routes.declineUrgentOffer, async ({ db, actor, params, events }) =>
    declineUrgentOffer(db, { actor, offerId: params.id, events, now: new Date(), config }),
  );
  registerRoute(router, deps, routes.reofferUrgentOffer, async ({ db, actor, params, body, events }) =>
    reofferUrgentOffer(db, { actor, offerId: params.id, request: body, events, now: new Date() }),
  );
  registerRoute(router, deps, routes.tellClientUrgentOffer, async ({ db, actor, params, events }) =>
    tellClientNow(db, { actor, offerId: params.id, events, now: new Date() }),
  );
  return router;
}
