// Check-ins and accommodations are health information: visible to the crew member themself and to
// managers/admins only, and every read is written to the audit log.
import { Router } from "express";
import { routes, type Accommodation, type CheckIn as CheckInDto } from "@crewboard/contracts";
import { companyDay, dateOfDay, mayWriteAccommodation, personalAccess, type Identity } from "@crewboard/domain";
import type { CheckIn, Prisma } from "@crewboard/db";
import type { Tx } from "../../operations/context.ts";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { visiblePersonalData } from "../../access/visibility.ts";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";
import { oldestFirst } from "../../http/pagination.ts";

type CheckInRow = CheckIn & {
  user: { id: string; name: string; displayName: string | null; role: CheckInDto["user"]["role"] };
};

const toCheckInDto = (c: CheckInRow): CheckInDto => ({
  id: c.id,
  user: toPersonRef(c.user),
  day: c.day.toISOString().slice(0, 10),
  condition: c.condition,
  note: c.note,
  place: c.place,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/**
 * A person's own data is read in full by the person, their own team's managers and admins. Anyone
 * else is told the person is not found, the same answer as for an id that does not exist.
 */
async function assertCanSeeWellbeing(db: Tx, user: Identity, subjectId: string): Promise<void> {
  const subject = await db.user.findUnique({ where: { id: subjectId }, select: { id: true, teamId: true } });
  if (!subject || personalAccess(user, subject) !== "full") throw new AppError("user.not_found");
}

export function wellbeingRoutes(deps: RouteDeps): Router {
  const router = Router();

  registerRoute(router, deps, routes.listCheckIns, async ({ db, user, actor, query }) => {
    const day = query.day ?? companyDay();
    if (query.userId) await assertCanSeeWellbeing(db, user, query.userId);
    const rows = await db.checkIn.findMany({
      where: {
        day: dateOfDay(day),
        user: visiblePersonalData(user),
        ...(query.userId ? { userId: query.userId } : {}),
      },
      include: { user: { select: personSelect } },
      orderBy: oldestFirst(),
    });
    await recordAudit(db, actor, {
      action: "check_in.read",
      entityType: "check_in",
      metadata: { day, userId: query.userId ?? null, count: rows.length },
    });
    return { items: rows.map(toCheckInDto) };
  });

  registerRoute(router, deps, routes.putMyCheckIn, async ({ db, user, actor, body }) => {
    const day = dateOfDay(companyDay());
    const fields = { condition: body.condition, note: body.note, place: body.place ?? null };
    const saved = await db.checkIn.upsert({
      where: { userId_day: { userId: user.id, day } },
      create: { userId: user.id, day, startedAt: new Date(), ...fields },
      update: fields,
      include: { user: { select: personSelect } },
    });
    await recordAudit(db, actor, { action: "check_in.put", entityType: "check_in", entityId: saved.id });
    return toCheckInDto(saved);
  });

  registerRoute(router, deps, routes.listAccommodations, async ({ db, user, actor, params }) => {
    await assertCanSeeWellbeing(db, user, params.id);
    const rows = await db.accommodation.findMany({
      where: { userId: params.id },
      include: { writtenBy: { select: personSelect } },
      orderBy: oldestFirst(),
    });
    await recordAudit(db, actor, {
      action: "accommodation.read",
      entityType: "user",
      entityId: params.id,
      metadata: { count: rows.length },
    });
    return {
      items: rows.map(toAccommodationDto),
    };
  });

  registerRoute(router, deps, routes.createAccommodation, async ({ db, actor, params, body }) => {
    const subject = await db.user.findFirst({ where: { id: params.id, role: "crew" } });
    // agreed with the person's own team's managers or an admin; another team's manager cannot read it, so cannot write it either
    if (!subject || !mayWriteAccommodation(actor.user, subject))
      throw new AppError("user.not_found", { detail: "accommodations are recorded for crew members" });
    const a = await db.accommodation.create({
      data: { userId: subject.id, writtenById: actor.user.id, title: body.title, note: body.note },
      include: { writtenBy: { select: personSelect } },
    });
    await recordAudit(db, actor, {
      action: "accommodation.create",
      entityType: "user",
      entityId: subject.id,
      metadata: { accommodationId: a.id },
    });
    return toAccommodationDto(a);
  });

  return router;
}

type AccommodationRow = Prisma.AccommodationGetPayload<{ include: { writtenBy: { select: typeof personSelect } } }>;

function toAccommodationDto(a: AccommodationRow): Accommodation {
  return {
    id: a.id,
    userId: a.userId,
    title: a.title,
    note: a.note,
    writtenBy: toPersonRef(a.writtenBy),
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}
