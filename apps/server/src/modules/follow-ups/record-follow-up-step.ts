// The next step of a follow-up, by a manager or admin: in order, time-stamped, with its author and
// the due date it had. The client hears of the steps that concern them (the action taken, closed);
// the prevention note reaches all crew, naming no one; the next step's reminder moves.
import type { RecordFollowUpStepRequest } from "@crewboard/contracts";
import {
  audience,
  canRecordFollowUpStep,
  nextFollowUpDueAt,
  nextFollowUpStep,
  type FollowUpStep,
} from "@crewboard/domain";
import { AppError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { notifyUsers } from "../notifications/notify.ts";
import { findVisibleFollowUp } from "./find-visible-follow-up.ts";
import { followUpInclude, toFollowUpView } from "./follow-up.mapper.ts";
import { scheduleFollowUpReminder } from "./open-follow-up.ts";

export async function recordFollowUpStep(
  tx: Tx,
  options: { actor: Actor; followUpId: string; request: RecordFollowUpStepRequest; events: EventBatch; now?: Date },
) {
  const { actor, request, events } = options;
  const now = options.now ?? new Date();
  const current = await findVisibleFollowUp(tx, actor.user, options.followUpId);
  const status = current.status as FollowUpStep;
  if (!canRecordFollowUpStep(status, request.step)) {
    throw new AppError("follow_up.illegal_step", {
      detail: `the follow-up is at "${status}"; the next step is ${nextFollowUpStep(status) ?? "none (it is closed)"}`,
      extensions: { allowed: nextFollowUpStep(status) ? [nextFollowUpStep(status)] : [] },
    });
  }
  const dueAt = nextFollowUpDueAt(request.step, now);
  // conditional on the step read: a second manager recording the same step at once loses (P2025 → conflict)
  const moved = await tx.followUp.updateMany({
    where: { id: current.id, status },
    data: { status: request.step, dueAt, ...(request.step === "closed" ? { closedAt: now } : {}) },
  });
  if (moved.count !== 1) throw new AppError("conflict", { detail: "someone recorded this step meanwhile; reload" });
  await tx.followUpStep.create({
    data: {
      followUpId: current.id,
      step: request.step,
      note: request.note,
      clientMessage: request.clientMessage ?? null,
      authorId: actor.user.id,
      dueAt: current.dueAt,
      createdAt: now,
    },
  });
  await scheduleFollowUpReminder(tx, current.id, dueAt, now);
  await recordAudit(tx, actor, {
    action: `follow_up.${request.step}`,
    entityType: "follow_up",
    entityId: current.id,
    metadata: { workOrderId: current.feedback.workOrder.id, overdue: current.dueAt ? current.dueAt < now : false },
  });

  const order = current.feedback.workOrder;
  const ref = { followUpId: current.id, workOrderId: order.id, number: order.number };
  if (request.step === "corrective_action" || request.step === "closed") {
    await notifyUsers(tx, events, [current.feedback.author.id], {
      kind: request.step === "closed" ? "follow_up.closed" : "follow_up.action_taken",
      data: { ...ref, clientMessage: request.clientMessage ?? "" },
    });
  }
  if (request.step === "prevention_note") {
    // to all crew, as written, without the order, the client or anyone's name
    const crew = await tx.user.findMany({ where: { role: "crew", active: true }, select: { id: true } });
    await notifyUsers(
      tx,
      events,
      crew.map((c) => c.id),
      { kind: "crew.prevention_note", data: { note: request.note, at: now.toISOString() } },
    );
  }
  const updated = await tx.followUp.findUniqueOrThrow({ where: { id: current.id }, include: followUpInclude });
  events.add(audience.followUp(), "follow_up:updated", toFollowUpView(updated, "full", now));
  return updated;
}
