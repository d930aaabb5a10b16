// Change an accommodation (issue 12): the values it replaces are kept as a revision (who, when,
// what it was), in the same transaction. Managers of the person's own team and admins change the
// record; only the person changes which parts other managers may see. Versioned: a change made on
// a stale version is refused with the current record.
import type { UpdateAccommodationRequest } from "@crewboard/contracts";
import {
  accommodationAccess,
  ACCOMMODATION_PARTS,
  dateOfDay,
  mayShareAccommodationParts,
  mayWriteAccommodation,
} from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import type { Actor, Tx } from "../../operations/context.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { notifyUsers } from "../notifications/notify.ts";
import { accommodationInclude, toAccommodationDto, type AccommodationRow } from "./accommodation.mapper.ts";

/** The accommodation, if the viewer may read it in full; otherwise "not found", as for no such id. */
export async function findFullAccommodation(
  tx: Tx,
  actor: Actor,
  id: string,
): Promise<AccommodationRow & { user: { id: string; teamId: string | null } }> {
  const a = await tx.accommodation.findUnique({
    where: { id },
    include: { ...accommodationInclude, user: { select: { id: true, teamId: true } } },
  });
  if (!a || accommodationAccess(actor.user, a.user) !== "full") throw new AppError("accommodation.not_found");
  return a;
}

const sameDay = (a: Date | null, b: string | null) => (a ? a.toISOString().slice(0, 10) : null) === b;
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

export async function updateAccommodation(
  tx: Tx,
  events: EventBatch,
  options: { actor: Actor; accommodationId: string; request: UpdateAccommodationRequest },
) {
  const { actor, request } = options;
  const me = actor.user;
  const current = await findFullAccommodation(tx, actor, options.accommodationId);
  if (request.version !== current.version)
    throw new AppError("accommodation.version_conflict", { extensions: { current: toAccommodationDto(current) } });

  const { version: _version, sharedParts, ...recordChanges } = request;
  const changesRecord = Object.keys(recordChanges).length > 0;
  if (changesRecord && !mayWriteAccommodation(me, current.user))
    throw new AppError("auth.forbidden", {
      detail: "what is agreed is changed by your team's manager; you choose what other managers may see",
      errors: Object.keys(recordChanges).map((k) => ({ path: `body.${k}`, message: "changed by your team's manager" })),
    });
  if (sharedParts && !mayShareAccommodationParts(me, current.user))
    throw new AppError("auth.forbidden", {
      detail: "only the person chooses what other managers may see",
      errors: [{ path: "body.sharedParts", message: "only the person chooses this" }],
    });

  const now = new Date();
  const data: Prisma.AccommodationUncheckedUpdateManyInput = { version: { increment: 1 } };
  const changed: string[] = [];
  const set = <K extends keyof Prisma.AccommodationUncheckedUpdateManyInput>(
    field: K,
    value: Prisma.AccommodationUncheckedUpdateManyInput[K],
    differs: boolean,
  ) => {
    if (!differs) return;
    data[field] = value;
    changed.push(field);
  };
  if (request.title !== undefined) set("title", request.title, request.title !== current.title);
  if (request.note !== undefined) set("note", request.note, request.note !== current.note);
  if (request.requestText !== undefined)
    set("requestText", request.requestText, request.requestText !== current.requestText);
  for (const part of ACCOMMODATION_PARTS) {
    const value = request.agreement?.[part];
    if (value !== undefined) set(part, value, value !== current[part]);
  }
  if (request.reviewOn !== undefined && !sameDay(current.reviewOn, request.reviewOn)) {
    set("reviewOn", request.reviewOn ? dateOfDay(request.reviewOn) : null, true);
    // a new review date is reminded of afresh
    data.reviewRemindedDays = null;
  }
  if (request.agreed) {
    data.agreedById = me.id;
    data.agreedAt = now;
    changed.push("agreedBy");
  }
  if (sharedParts) set("sharedParts", sharedParts, !sameSet(sharedParts, current.sharedParts));

  if (changed.length > 0) {
    // Conditional on the version read above, so a concurrent writer cannot be overwritten.
    const { count } = await tx.accommodation.updateMany({ where: { id: current.id, version: current.version }, data });
    if (count === 0) {
      const fresh = await tx.accommodation.findUniqueOrThrow({
        where: { id: current.id },
        include: accommodationInclude,
      });
      throw new AppError("accommodation.version_conflict", { extensions: { current: toAccommodationDto(fresh) } });
    }
    await tx.accommodationRevision.create({
      data: {
        accommodationId: current.id,
        version: current.version,
        changedById: me.id,
        changedAt: now,
        changedFields: changed,
        title: current.title,
        note: current.note,
        requestText: current.requestText,
        hours: current.hours,
        breaks: current.breaks,
        communication: current.communication,
        consult: current.consult,
        tools: current.tools,
        reviewOn: current.reviewOn,
        agreedById: current.agreedById,
        agreedAt: current.agreedAt,
        sharedParts: current.sharedParts,
      },
    });
    await recordAudit(tx, actor, {
      action: "accommodation.update",
      entityType: "user",
      entityId: current.userId,
      metadata: { accommodationId: current.id, fields: changed, version: current.version + 1 },
    });
    // The person hears that what was agreed changed (their sharing choices are theirs: nothing to
    // tell). Which record only, never its text.
    if (changed.some((f) => f !== "sharedParts") && me.id !== current.userId)
      await notifyUsers(tx, events, [current.userId], {
        kind: "accommodation.updated",
        data: { accommodationId: current.id, userId: current.userId, own: true, agreed: !!request.agreed },
      });
  }
  const saved = await tx.accommodation.findUniqueOrThrow({ where: { id: current.id }, include: accommodationInclude });
  return toAccommodationDto(saved);
}
