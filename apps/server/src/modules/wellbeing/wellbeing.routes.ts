// Check-ins and accommodations are health information: visible to the crew member themself and to
// managers/admins only, and every read is written to the audit log.
import { Router } from "express";
import { CHECK_IN_HISTORY_MAX_DAYS, routes, type CheckIn as CheckInDto, type CheckInLive } from "@crewboard/contracts";
import {
  addCompanyDays,
  audience,
  companyDay,
  companyDaysBetween,
  dateOfDay,
  accommodationAccess,
  mayReadCheckInNote,
  personalAccess,
  type Identity,
} from "@crewboard/domain";
import type { CheckIn } from "@crewboard/db";
import type { Tx } from "../../operations/context.ts";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { AppError, invalidField } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { visiblePersonalData } from "../../access/visibility.ts";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";
import { oldestFirst } from "../../http/pagination.ts";
import { accommodationInclude, revisionInclude, toAccommodationDto, toRevisionDto } from "./accommodation.mapper.ts";
import { createAccommodation } from "./create-accommodation.ts";
import { findFullAccommodation, updateAccommodation } from "./update-accommodation.ts";
import { listRecordViews } from "./list-record-views.ts";

const checkInUserSelect = { ...personSelect, teamId: true } as const;

/** The crew member's page shows four weeks. */
const CHECK_IN_HISTORY_DEFAULT_DAYS = 28;

type CheckInRow = CheckIn & {
  user: {
    id: string;
    name: string;
    displayName: string | null;
    role: CheckInDto["user"]["role"];
    teamId: string | null;
  };
};

/** A check-in as `viewer` reads it: a private note only for the person (mayReadCheckInNote). */
const toCheckInDto = (viewer: Identity, c: CheckInRow): CheckInDto => ({
  id: c.id,
  user: toPersonRef(c.user),
  day: c.day.toISOString().slice(0, 10),
  condition: c.condition,
  note: mayReadCheckInNote(viewer, { id: c.userId, teamId: c.user.teamId }, c.noteShared) ? c.note : "",
  noteShared: c.noteShared,
  place: c.place,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

/** What the team's managers' room hears of a check-in: never a note's text, only whether there is one. */
const toCheckInLive = (c: CheckInRow, teamId: string): CheckInLive => ({
  id: c.id,
  user: toPersonRef(c.user),
  teamId,
  day: c.day.toISOString().slice(0, 10),
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
      include: { user: { select: checkInUserSelect } },
      orderBy: oldestFirst(),
    });
    await recordAudit(db, actor, {
      action: "check_in.read",
      entityType: "check_in",
      // whose check-ins were shown, so that each person's "who looked at my record" lists this read
      metadata: { day, userId: query.userId ?? null, count: rows.length, userIds: rows.map((c) => c.userId) },
    });
    return { items: rows.map((c) => toCheckInDto(user, c)) };
  });

  // Issue 12: a crew member's check-ins over time (by default the last 28 days), for their page:
  // the person, their own team's managers and admins; every read audited ("who looked at my record").
  registerRoute(router, deps, routes.listUserCheckIns, async ({ db, user, actor, params, query }) => {
    await assertCanSeeWellbeing(db, user, params.id);
    const to = query.to ?? companyDay();
    const from = query.from ?? addCompanyDays(to, -(CHECK_IN_HISTORY_DEFAULT_DAYS - 1));
    if (from > to) throw invalidField("query.from", "must not be after to");
    if (companyDaysBetween(from, to) > CHECK_IN_HISTORY_MAX_DAYS)
      throw invalidField("query.from", `at most ${CHECK_IN_HISTORY_MAX_DAYS} days at a time`);
    const rows = await db.checkIn.findMany({
      where: { userId: params.id, day: { gte: dateOfDay(from), lte: dateOfDay(to) } },
      include: { user: { select: checkInUserSelect } },
      orderBy: [{ day: "asc" }, { id: "asc" }],
    });
    await recordAudit(db, actor, {
      action: "check_in.read",
      entityType: "user",
      entityId: params.id,
      metadata: { from, to, count: rows.length, viewerRole: user.role },
    });
    return { from, to, items: rows.map((c) => toCheckInDto(user, c)) };
  });

  registerRoute(router, deps, routes.putMyCheckIn, async ({ db, user, actor, body, events }) => {
    const day = dateOfDay(companyDay());
    // what is left out keeps its saved value: a private note stays private
    const given = {
      condition: body.condition,
      ...(body.note !== undefined ? { note: body.note } : {}),
      ...(body.noteShared !== undefined ? { noteShared: body.noteShared } : {}),
      ...(body.place !== undefined ? { place: body.place } : {}),
    };
    const saved = await db.checkIn.upsert({
      where: { userId_day: { userId: user.id, day } },
      create: { userId: user.id, day, startedAt: new Date(), note: "", noteShared: true, place: null, ...given },
      update: given,
      include: { user: { select: checkInUserSelect } },
    });
    await recordAudit(db, actor, { action: "check_in.put", entityType: "check_in", entityId: saved.id });
    // issue 12: the crew overview is live — the team's managers and admins, never the team room
    if (saved.user.teamId)
      events.add(audience.checkIn(saved.user.teamId), "check_in:updated", toCheckInLive(saved, saved.user.teamId));
    return toCheckInDto(user, saved);
  });

  // Issue 12: the person, their own team's managers and admins read all of it; another team's
  // manager reads only the agreed parts the person shared; every read is audited.
  registerRoute(router, deps, routes.listAccommodations, async ({ db, user, actor, params }) => {
    const subject = await db.user.findUnique({ where: { id: params.id }, select: { id: true, teamId: true } });
    const access = subject ? accommodationAccess(user, subject) : "none";
    if (!subject || access === "none") throw new AppError("user.not_found");
    const rows = await db.accommodation.findMany({
      where: { userId: params.id, ...(access === "shared" ? { NOT: { sharedParts: { isEmpty: true } } } : {}) },
      include: accommodationInclude,
      orderBy: oldestFirst(),
    });
    // another team's manager sees an accommodation only where a shared part says something
    const items = rows
      .map((a) => toAccommodationDto(a, access))
      .filter((a) => access !== "shared" || Object.values(a.agreement).some((text) => text.trim() !== ""));
    await recordAudit(db, actor, {
      action: "accommodation.read",
      entityType: "user",
      entityId: params.id,
      metadata: { what: "accommodations", view: access, viewerRole: user.role, count: items.length },
    });
    return { access, items };
  });

  registerRoute(router, deps, routes.createAccommodation, ({ db, events, actor, params, body }) =>
    createAccommodation(db, events, { actor, userId: params.id, request: body }),
  );

  registerRoute(router, deps, routes.updateAccommodation, ({ db, events, actor, params, body }) =>
    updateAccommodation(db, events, { actor, accommodationId: params.id, request: body }),
  );

  registerRoute(router, deps, routes.listAccommodationRevisions, async ({ db, user, actor, params }) => {
    const a = await findFullAccommodation(db, actor, params.id);
    const rows = await db.accommodationRevision.findMany({
      where: { accommodationId: a.id },
      include: revisionInclude,
      orderBy: [{ changedAt: "desc" }, { id: "desc" }],
    });
    const agreedIds = [...new Set(rows.map((r) => r.agreedById).filter((x): x is string => !!x))];
    const agreedBy = new Map(
      (await db.user.findMany({ where: { id: { in: agreedIds } }, select: personSelect })).map((u) => [u.id, u]),
    );
    await recordAudit(db, actor, {
      action: "accommodation.read",
      entityType: "user",
      entityId: a.userId,
      metadata: { what: "history", view: "full", viewerRole: user.role, accommodationId: a.id, count: rows.length },
    });
    return { items: rows.map((r) => toRevisionDto(r, agreedBy)) };
  });

  registerRoute(router, deps, routes.listMyRecordViews, async ({ db, user }) => ({
    items: await listRecordViews(db, user.id),
  }));

  return router;
}
