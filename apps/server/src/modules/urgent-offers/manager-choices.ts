// The manager's choices on an offer nobody took (the second, offering again, is in
// create-urgent-offer.ts): tell the client now, or assign someone directly — the task's ordinary
// assignment, which marks the offer acted on (and ends an offer still open for the task).
import type { UrgentOffer } from "@crewboard/contracts";
import { mayOfferUrgently } from "@crewboard/domain";
import { AppError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { cancelJob } from "../../jobs/schedule.ts";
import { expireJobKey, lockOffer, noticeJobKey, tellClient } from "./lifecycle.ts";
import { awaitsManager, loadOffer, recordOffer, toUrgentOfferDto } from "./urgent-offer.mapper.ts";

export async function tellClientNow(
  tx: Tx,
  options: { actor: Actor; offerId: string; events: EventBatch; now: Date },
): Promise<UrgentOffer> {
  const { actor, events, now } = options;
  if (!mayOfferUrgently(actor.user)) throw new AppError("auth.forbidden");
  const locked = await lockOffer(tx, options.offerId);
  if (!locked) throw new AppError("offer.not_found");
  if (!awaitsManager(locked) || locked.clientToldAt)
    throw new AppError("offer.not_awaiting_manager", {
      detail: locked.clientToldAt ? "the client was told already" : `the offer is ${locked.status}`,
    });
  await tellClient(tx, events, locked.id, { actor, now });
  const row = await loadOffer(tx, locked.id);
  recordOffer(events, row, "urgent_offer:updated");
  return toUrgentOfferDto(row, { kind: "staff" });
}

/**
 * A task was assigned (or changed so that it can no longer be offered) by a manager's ordinary
 * edit: an offer still open for it ends (`assigned` / `task_changed`), and an expired one waiting
 * for the manager's choice is marked acted on (`assigned`), so the client is not told. Runs in the
 * task edit's transaction; returns whether any offer changed.
 */
export async function settleOffersOfTask(
  tx: Tx,
  events: EventBatch,
  actor: Actor,
  task: { id: string; assigneeId: string | null; status: string },
  now: Date,
): Promise<boolean> {
  const offers = await tx.urgentOffer.findMany({
    where: { taskId: task.id, OR: [{ status: "open" }, { status: "expired", managerAction: null }] },
    select: { id: true },
  });
  let changed = false;
  for (const { id } of offers) {
    const locked = await lockOffer(tx, id);
    if (!locked) continue;
    if (locked.status === "open" && (task.assigneeId || task.status !== "todo")) {
      await tx.urgentOffer.updateMany({
        where: { id, status: "open" },
        data: {
          status: "cancelled",
          endedAt: now,
          endReason: task.assigneeId ? "assigned" : "task_changed",
          version: { increment: 1 },
        },
      });
      await cancelJob(tx, expireJobKey(id), now);
    } else if (awaitsManager(locked) && task.assigneeId) {
      await tx.urgentOffer.update({
        where: { id },
        data: { managerAction: "assigned", managerActedAt: now, version: { increment: 1 } },
      });
      await cancelJob(tx, noticeJobKey(id), now);
    } else {
      continue;
    }
    changed = true;
    await recordAudit(tx, actor, {
      action: "urgent_offer.settle",
      entityType: "urgent_offer",
      entityId: id,
      metadata: { taskId: task.id, assigneeId: task.assigneeId, status: task.status },
    });
    recordOffer(events, await loadOffer(tx, id), "urgent_offer:updated");
  }
  return changed;
}

/**
 * The order was declined or completed: its tasks' offers end with it. An open one is cancelled (a
 * late yes is told it has ended), one that nobody took is no longer waiting for the manager, and
 * neither will tell the client that nobody could be found for work that no longer stands.
 */
export async function endOffersOfClosedOrder(
  tx: Tx,
  events: EventBatch,
  actor: Actor,
  workOrderId: string,
  now: Date,
): Promise<void> {
  const offers = await tx.urgentOffer.findMany({
    where: {
      task: { workOrderId },
      OR: [{ status: "open" }, { status: "expired", managerAction: null, clientToldAt: null }],
    },
    select: { id: true },
  });
  for (const { id } of offers) {
    const locked = await lockOffer(tx, id);
    if (!locked || !(locked.status === "open" || awaitsManager(locked))) continue;
    await tx.urgentOffer.update({
      where: { id },
      data: {
        status: "cancelled",
        ...(locked.status === "open" ? { endedAt: now, endReason: "task_changed" } : {}),
        version: { increment: 1 },
      },
    });
    await cancelJob(tx, expireJobKey(id), now);
    await cancelJob(tx, noticeJobKey(id), now);
    await recordAudit(tx, actor, {
      action: "urgent_offer.settle",
      entityType: "urgent_offer",
      entityId: id,
      metadata: { workOrderId, orderClosed: true },
    });
    recordOffer(events, await loadOffer(tx, id), "urgent_offer:updated");
  }
}
