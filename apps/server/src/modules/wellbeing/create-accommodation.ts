// Record an accommodation (issue 12). The dialogue starts with a request: the crew member asks
// themself (their words, and which parts they will share), or their own team's manager or an admin
// records it as the person asked, with what was agreed and the review date.
import type { CreateAccommodationRequest } from "@crewboard/contracts";
import {
  dateOfDay,
  mayRequestAccommodation,
  mayShareAccommodationParts,
  mayWriteAccommodation,
} from "@crewboard/domain";
import type { Actor, Tx } from "../../operations/context.ts";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { notifyTeamManagers, notifyUsers } from "../notifications/notify.ts";
import { accommodationInclude, toAccommodationDto } from "./accommodation.mapper.ts";

export async function createAccommodation(
  tx: Tx,
  events: EventBatch,
  options: { actor: Actor; userId: string; request: CreateAccommodationRequest },
) {
  const { actor, request } = options;
  const me = actor.user;
  const subject = await tx.user.findFirst({
    where: { id: options.userId, role: "crew" },
    select: { id: true, name: true, teamId: true },
  });
  const asManager = !!subject && mayWriteAccommodation(me, subject);
  const asPerson = !!subject && mayRequestAccommodation(me, subject);
  // another team's manager or another crew member is told the person is not found (as for no such id)
  if (!subject || (!asManager && !asPerson))
    throw new AppError("user.not_found", { detail: "accommodations are recorded for crew members" });
  if (asPerson && (request.agreement || request.reviewOn !== undefined || request.agreed || request.note))
    throw new AppError("auth.forbidden", {
      detail: "what is agreed is recorded by your team's manager; you make the request and choose what to share",
      errors: (["agreement", "reviewOn", "agreed", "note"] as const)
        .filter((k) => (k === "note" ? !!request.note : request[k] !== undefined))
        .map((k) => ({ path: `body.${k}`, message: "recorded by your team's manager" })),
    });
  if (request.sharedParts && !mayShareAccommodationParts(me, subject))
    throw new AppError("auth.forbidden", {
      detail: "only the person chooses what other managers may see",
      errors: [{ path: "body.sharedParts", message: "only the person chooses this" }],
    });
  const now = new Date();
  const a = await tx.accommodation.create({
    data: {
      userId: subject.id,
      writtenById: me.id,
      title: request.title,
      note: request.note,
      requestText: request.requestText ?? "",
      // a manager records what the person asked for
      requestedById: subject.id,
      requestedAt: now,
      ...request.agreement,
      reviewOn: request.reviewOn ? dateOfDay(request.reviewOn) : null,
      ...(asManager && request.agreed ? { agreedById: me.id, agreedAt: now } : {}),
      sharedParts: request.sharedParts ?? [],
    },
    include: accommodationInclude,
  });
  await recordAudit(tx, actor, {
    action: asPerson ? "accommodation.request" : "accommodation.create",
    entityType: "user",
    entityId: subject.id,
    metadata: { accommodationId: a.id },
  });
  // The dialogue reaches the other side: the person's request their own team's managers, a record
  // made for the person the person. Whose record and which one only, never its text (health data).
  const whose = { accommodationId: a.id, userId: subject.id, name: subject.name };
  if (asPerson) await notifyTeamManagers(tx, events, subject.teamId, { kind: "accommodation.requested", data: whose });
  else
    await notifyUsers(tx, events, [subject.id], {
      kind: "accommodation.recorded",
      data: { ...whose, own: true, agreed: a.agreedAt !== null },
    });
  return toAccommodationDto(a);
}
