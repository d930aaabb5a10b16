// Reading urgent offers: staff see every offer; a crew member the ones made to them (their own
// answer only); a guessed id of someone else's offer reads as one that does not exist.
import type { ListUrgentOffersQuery, UrgentOffer } from "@crewboard/contracts";
import type { Prisma } from "@crewboard/db";
import type { Identity } from "@crewboard/domain";
import { AppError } from "../../errors.ts";
import type { Db } from "../../operations/context.ts";
import { visibleUrgentOffers } from "../../access/visibility.ts";
import { primeRuby } from "../../readings/readings.ts";
import { urgentOfferInclude, toUrgentOfferDto, viewerOf } from "./urgent-offer.mapper.ts";

/** At most this many offers in one list (newest first): offers are few, and old ones stay in the audit log. */
const LIST_LIMIT = 200;

export async function listUrgentOffers(db: Db, user: Identity, query: ListUrgentOffersQuery): Promise<UrgentOffer[]> {
  const where: Prisma.UrgentOfferWhereInput = {
    AND: [
      visibleUrgentOffers(user),
      query.status ? { status: { in: query.status } } : {},
      query.taskId ? { taskId: query.taskId } : {},
      query.awaitingManager === undefined
        ? {}
        : query.awaitingManager
          ? { status: "expired", managerAction: null }
          : { NOT: { status: "expired", managerAction: null } },
    ],
  };
  const rows = await db.urgentOffer.findMany({
    where,
    include: urgentOfferInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: LIST_LIMIT,
  });
  const next = await db.urgentOffer.findMany({
    where: { previousOfferId: { in: rows.map((r) => r.id) } },
    select: { id: true, previousOfferId: true },
  });
  const nextOf = new Map(next.map((n) => [n.previousOfferId, n.id]));
  const viewer = viewerOf(user);
  // the list's furigana in one request to the reading worker (the order titles have none stored here)
  await primeRuby(rows.flatMap((r) => [r.task.title, r.task.workOrder.title]));
  return rows.map((r) => toUrgentOfferDto({ ...r, nextOfferId: nextOf.get(r.id) ?? null }, viewer));
}

export async function getUrgentOffer(db: Db, user: Identity, id: string): Promise<UrgentOffer> {
  const row = await db.urgentOffer.findFirst({
    where: { AND: [{ id }, visibleUrgentOffers(user)] },
    include: urgentOfferInclude,
  });
  if (!row) throw new AppError("offer.not_found");
  const next = await db.urgentOffer.findFirst({ where: { previousOfferId: id }, select: { id: true } });
  return toUrgentOfferDto({ ...row, nextOfferId: next?.id ?? null }, viewerOf(user));
}
