// The two timers of an urgent offer, stored as jobs so they survive restarts and run exactly once
// on whichever instance sees them first (jobs/runner.ts claims each with FOR UPDATE SKIP LOCKED):
// the deadline (the offer ends if it is still open) and the client's notice (told unless a manager
// acted meanwhile). Both lock the offer row and move it only from the state they expect.
import type { JobHandler } from "../../jobs/runner.ts";
import {
  EXPIRE_JOB,
  NOTICE_JOB,
  endUnstaffedOffer,
  lockOffer,
  tellClient,
  type UrgentOfferOptions,
} from "./lifecycle.ts";
import { awaitsManager, loadOffer, recordOffer } from "./urgent-offer.mapper.ts";

export function urgentOfferJobHandlers(config: UrgentOfferOptions): Record<string, JobHandler> {
  return {
    [EXPIRE_JOB]: async ({ tx, events, payload, now }) => {
      const offer = await lockOffer(tx, String(payload.offerId));
      if (!offer || offer.status !== "open" || offer.deadlineAt.getTime() > now.getTime()) return;
      await endUnstaffedOffer(tx, events, offer.id, "deadline", now, config);
    },
    [NOTICE_JOB]: async ({ tx, events, payload, now }) => {
      const offer = await lockOffer(tx, String(payload.offerId));
      if (!offer || !awaitsManager(offer) || offer.clientToldAt) return;
      if (await tellClient(tx, events, offer.id, { actor: null, now }))
        recordOffer(events, await loadOffer(tx, offer.id), "urgent_offer:updated");
    },
  };
}
