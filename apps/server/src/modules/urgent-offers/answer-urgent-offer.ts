// A crew member answers an offer made to them (issue 10). The first yes wins, atomically: every
// answer locks the offer row (SELECT … FOR UPDATE) in its own transaction, so answers to one offer
// run one after another whatever instance they reach; the domain's acceptDecision then reads the
// committed state. The winner gets the task, with the task's usual events; everyone else asked
// hears at once that it is taken (their copy of the offer changes). Later yeses get 409 offer.taken.
import type { AcceptUrgentOfferResponse, UrgentOffer } from "@crewboard/contracts";
import { acceptDecision, mayAnswerOffer, offerEndsNow, type UrgentOfferStatus } from "@crewboard/domain";
import { AppError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { cancelJob } from "../../jobs/schedule.ts";
import { notifyUsers } from "../notifications/notify.ts";
import { taskInclude, toTaskDto } from "../tasks/task.mapper.ts";
import { recordTaskChange } from "../tasks/task.events.ts";
import { endUnstaffedOffer, expireJobKey, lockOffer, type UrgentOfferOptions } from "./lifecycle.ts";
import { loadOffer, recordOffer, toUrgentOfferDto } from "./urgent-offer.mapper.ts";

type Response = "accepted" | "declined" | null;
const responseOf = (r: string | null): Response => (r === "accepted" || r === "declined" ? r : null);

/** The offer locked, and this person's place in it; 404 when it is not theirs to answer. */
async function lockForAnswer(tx: Tx, actor: Actor, offerId: string) {
  const offer = await lockOffer(tx, offerId);
  const recipient = offer
    ? await tx.urgentOfferRecipient.findUnique({ where: { offerId_userId: { offerId, userId: actor.user.id } } })
    : null;
  if (!offer || !recipient || !mayAnswerOffer(actor.user, [recipient.userId])) throw new AppError("offer.not_found");
  return { offer: { ...offer, status: offer.status as UrgentOfferStatus }, recipient };
}

export async function acceptUrgentOffer(
  tx: Tx,
  options: { actor: Actor; offerId: string; events: EventBatch; now: Date; config: UrgentOfferOptions },
): Promise<AcceptUrgentOfferResponse> {
  const { actor, events, now } = options;
  await options.config.hooks?.acceptOpened?.(options.offerId);
  const { offer, recipient } = await lockForAnswer(tx, actor, options.offerId);
  const decision = acceptDecision(offer, { response: responseOf(recipient.response) }, now);
  if (!decision.ok) throw new AppError(decision.code);

  const row = await loadOffer(tx, offer.id);
  const task = await tx.task.findUniqueOrThrow({ where: { id: row.taskId } });
  // an open offer's task is unassigned and not started (assigning it otherwise ends the offer)
  const { count } = await tx.task.updateMany({
    where: { id: task.id, version: task.version, assigneeId: null, status: "todo" },
    data: { assigneeId: actor.user.id, version: { increment: 1 } },
  });
  if (count === 0) throw new AppError("offer.expired", { detail: "the task was assigned or started meanwhile" });
  await tx.urgentOffer.update({
    where: { id: offer.id },
    data: {
      status: "taken",
      takenById: actor.user.id,
      takenAt: now,
      endedAt: now,
      endReason: "taken",
      version: { increment: 1 },
    },
  });
  await tx.urgentOfferRecipient.update({
    where: { offerId_userId: { offerId: offer.id, userId: actor.user.id } },
    data: { response: "accepted", respondedAt: now },
  });
  await cancelJob(tx, expireJobKey(offer.id), now);

  const updatedTask = await tx.task.findUniqueOrThrow({ where: { id: task.id }, include: taskInclude });
  await recordTaskChange(tx, events, updatedTask, { event: "task:updated", previousAssigneeId: null });
  const taken = await loadOffer(tx, offer.id);
  recordOffer(events, taken, "urgent_offer:updated");
  await recordAudit(tx, actor, {
    action: "urgent_offer.accept",
    entityType: "urgent_offer",
    entityId: offer.id,
    metadata: { taskId: task.id },
  });
  await recordAudit(tx, actor, {
    action: "task.assign",
    entityType: "task",
    entityId: task.id,
    metadata: { assigneeId: actor.user.id, via: "urgent_offer", offerId: offer.id },
  });
  // the manager who asked hears who took it
  await notifyUsers(tx, events, [taken.createdById], {
    kind: "urgent_offer.taken",
    data: {
      offerId: offer.id,
      taskId: task.id,
      taskTitle: taken.task.title,
      workOrderNumber: taken.task.workOrder.number,
      takenBy: actor.user.name,
    },
  });
  return {
    offer: toUrgentOfferDto(taken, { kind: "recipient", userId: actor.user.id }),
    task: toTaskDto(updatedTask),
  };
}

export async function declineUrgentOffer(
  tx: Tx,
  options: { actor: Actor; offerId: string; events: EventBatch; now: Date; config: UrgentOfferOptions },
): Promise<UrgentOffer> {
  const { actor, events, now } = options;
  const { offer, recipient } = await lockForAnswer(tx, actor, options.offerId);
  const viewer = { kind: "recipient", userId: actor.user.id } as const;
  if (responseOf(recipient.response) === "declined") return toUrgentOfferDto(await loadOffer(tx, offer.id), viewer); // said no already: the same answer again
  if (offer.status === "taken") throw new AppError("offer.taken");
  if (offer.status !== "open" || now.getTime() >= offer.deadlineAt.getTime()) throw new AppError("offer.expired");

  await tx.urgentOfferRecipient.update({
    where: { offerId_userId: { offerId: offer.id, userId: actor.user.id } },
    data: { response: "declined", respondedAt: now },
  });
  await tx.urgentOffer.update({ where: { id: offer.id }, data: { version: { increment: 1 } } });
  await recordAudit(tx, actor, { action: "urgent_offer.decline", entityType: "urgent_offer", entityId: offer.id });
  const responses = (await tx.urgentOfferRecipient.findMany({ where: { offerId: offer.id } })).map((r) =>
    responseOf(r.response),
  );
  if (offerEndsNow({ status: "open", deadlineAt: offer.deadlineAt }, responses, now)) {
    // everyone said no: the offer ends now, not at its deadline
    const ended = await endUnstaffedOffer(tx, events, offer.id, "all_declined", now, options.config);
    return toUrgentOfferDto(ended, viewer);
  }
  const row = await loadOffer(tx, offer.id);
  recordOffer(events, row, "urgent_offer:updated");
  return toUrgentOfferDto(row, viewer);
}
