// A complaint (a rating of 2 or less, or the client's 「ご意見・ご不満」) opens a follow-up, owned by
// the manager who accepted the order (an admin when there is none, or when they left). The client
// is thanked at once and told who handles it and by when.
import { audience, displayNameOf, mayOwnFollowUps, nextFollowUpDueAt } from "@crewboard/domain";
import type { Tx } from "../../operations/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { scheduleJob } from "../../jobs/schedule.ts";
import { notifyUsers } from "../notifications/notify.ts";
import { followUpInclude, toFollowUpView } from "./follow-up.mapper.ts";

export const FOLLOW_UP_DUE_JOB = "follow-up.due";

/** Who owns a follow-up on this order: the manager who accepted it, while they are active staff; else the longest-serving active admin. */
export async function followUpOwnerOf(
  tx: Tx,
  workOrderId: string,
): Promise<{
  id: string;
  name: string;
  displayName: string | null;
} | null> {
  const accepted = await tx.auditEvent.findFirst({
    where: { entityType: "work_order", entityId: workOrderId, action: "work_order.accepted", actorId: { not: null } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      actor: {
        select: {
          id: true,
          name: true,
          displayName: true,
          role: true,
          active: true,
          clientCompanyId: true,
          teamId: true,
        },
      },
    },
  });
  if (accepted?.actor && mayOwnFollowUps(accepted.actor)) return accepted.actor;
  return tx.user.findFirst({
    where: { role: "admin", active: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, name: true, displayName: true },
  });
}

/** Schedules (or moves) the reminder of a follow-up's next due step; none once closed. */
export async function scheduleFollowUpReminder(
  tx: Tx,
  followUpId: string,
  dueAt: Date | null,
  now: Date,
): Promise<void> {
  const key = `${FOLLOW_UP_DUE_JOB}:${followUpId}`;
  if (!dueAt) {
    await tx.job.updateMany({ where: { key, doneAt: null }, data: { doneAt: now, lastError: "closed" } });
    return;
  }
  await scheduleJob(tx, { kind: FOLLOW_UP_DUE_JOB, key, runAt: dueAt, payload: { followUpId } });
}

export async function openFollowUp(
  tx: Tx,
  events: EventBatch,
  options: {
    feedbackId: string;
    clientId: string;
    workOrder: { id: string; number: number; title: string };
    reason: "rating" | "complaint";
    now?: Date;
  },
) {
  const now = options.now ?? new Date();
  const owner = await followUpOwnerOf(tx, options.workOrder.id);
  const dueAt = nextFollowUpDueAt("acknowledged", now);
  const created = await tx.followUp.create({
    data: {
      feedbackId: options.feedbackId,
      ownerId: owner?.id ?? null,
      status: "acknowledged",
      reason: options.reason,
      dueAt,
      createdAt: now,
      stepRows: { create: { step: "acknowledged", authorId: null, dueAt: now, createdAt: now } },
    },
    include: followUpInclude,
  });
  await scheduleFollowUpReminder(tx, created.id, dueAt, now);
  const ref = {
    followUpId: created.id,
    workOrderId: options.workOrder.id,
    number: options.workOrder.number,
    dueAt: dueAt?.toISOString() ?? null,
  };
  // thanked at once, and told who handles it and by when
  await notifyUsers(tx, events, [options.clientId], {
    kind: "follow_up.received",
    data: { ...ref, ownerName: owner ? displayNameOf(owner) : null }, // to a client: the display name
  });
  if (owner)
    await notifyUsers(tx, events, [owner.id], {
      kind: "follow_up.opened",
      data: { ...ref, title: options.workOrder.title },
    });
  events.add(audience.followUp(), "follow_up:updated", toFollowUpView(created, "full", now));
  return created;
}
