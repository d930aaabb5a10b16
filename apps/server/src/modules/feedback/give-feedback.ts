import type { CreateFeedbackRequest } from "@crewboard/contracts";
import { audience, isComplaint, isPraise } from "@crewboard/domain";
import { personSelect } from "../users/user.mapper.ts";
import { AppError, invalidField } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { notifyManagers, notifyUsers } from "../notifications/notify.ts";
import { findVisibleWorkOrder } from "../work-orders/find-visible-work-order.ts";
import { recordWorkOrder } from "../work-orders/work-order.events.ts";
import { recordOrderTasks } from "../tasks/task.events.ts";
import { toFeedbackDto } from "./feedback.mapper.ts";
import { openFollowUp } from "../follow-ups/open-follow-up.ts";
import { visibleDeliverables } from "../../access/visibility.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";

/**
 * A client's word on an order: accepting a delivery completes it, a revision request sends it
 * back to the crew, and a low rating opens a follow-up for the managers.
 *
 * A revision request reaches the crew working on the order in the same transaction: every task of
 * the order now carries it (`revisionRequest`, with the comment; task:updated to the board, the
 * client and each assignee), and each assignee gets a `work_order.revision_requested` notification
 * with the comment. A complaint (a rating of 2 or less, or words marked as one) opens a follow-up
 * (follow-ups/open-follow-up.ts); praise reaches the crew who did the work, by name.
 */
export async function giveFeedback(
  tx: Tx,
  options: { actor: Actor; workOrderId: string; request: CreateFeedbackRequest; events: EventBatch },
) {
  const { actor, request, events } = options;
  const order = await findVisibleWorkOrder(tx, actor.user, options.workOrderId);
  if ((request.verdict === "accept" || request.verdict === "request_revision") && order.status !== "delivered") {
    throw new AppError("feedback.not_allowed", {
      detail: `an order can be accepted or sent back for revision once it is delivered; it is ${order.status}`,
      extensions: { workOrderStatus: order.status },
    });
  }
  // a complaint (「ご意見・ご不満」) may be about any order, also one not started or declined
  if (
    request.verdict === "comment" &&
    request.tone !== "complaint" &&
    ["requested", "declined"].includes(order.status)
  ) {
    throw new AppError("feedback.not_allowed", {
      detail: `there is no work to rate yet; the order is ${order.status}`,
    });
  }
  if (request.deliverableId) {
    // a client may point at what they can see: a released deliverable
    const d = await tx.deliverable.findFirst({
      where: { AND: [{ id: request.deliverableId, workOrderId: order.id }, visibleDeliverables(actor.user)] },
    });
    if (!d) throw invalidField("body.deliverableId", "not a deliverable of this order");
  }
  const feedback = await tx.feedback.create({
    data: {
      workOrderId: order.id,
      deliverableId: request.deliverableId ?? null,
      authorId: actor.user.id,
      verdict: request.verdict,
      rating: request.rating ?? null,
      comment: request.comment,
      tone: request.tone ?? null,
    },
    include: { author: { select: personSelect } },
  });
  if (request.verdict !== "comment") {
    const status = request.verdict === "accept" ? "completed" : "revision_requested";
    await tx.workOrder.update({
      where: { id: order.id },
      data: { status, version: { increment: 1 }, ...(status === "completed" ? { completedAt: new Date() } : {}) },
    });
    await recordAudit(tx, actor, {
      action: `work_order.${status}`,
      entityType: "work_order",
      entityId: order.id,
      metadata: { feedbackId: feedback.id },
    });
  }
  let followUpOpened = false;
  if (isComplaint({ rating: request.rating, tone: request.tone })) {
    await openFollowUp(tx, events, {
      feedbackId: feedback.id,
      clientId: actor.user.id,
      workOrder: order,
      reason: request.tone === "complaint" ? "complaint" : "rating",
    });
    followUpOpened = true;
  }
  await recordAudit(tx, actor, {
    action: "feedback.create",
    entityType: "work_order",
    entityId: order.id,
    metadata: { feedbackId: feedback.id, verdict: request.verdict, rating: request.rating ?? null, followUpOpened },
  });
  const note = {
    kind: `feedback.${request.verdict}`,
    data: { workOrderId: order.id, number: order.number, rating: request.rating ?? null, followUpOpened },
  };
  events.add(audience.feedback(order), "feedback:created", toFeedbackDto({ ...feedback, followUpOpened }));
  if (request.verdict !== "comment") await recordWorkOrder(tx, events, order.id);
  await notifyManagers(tx, events, note);
  // The crew who did the work hear the client's words too (praise and revisions alike).
  if (request.verdict === "request_revision") {
    const tasks = await recordOrderTasks(tx, events, order.id);
    await notifyUsers(
      tx,
      events,
      tasks.flatMap((t) => (t.assigneeId ? [t.assigneeId] : [])),
      {
        kind: "work_order.revision_requested",
        data: {
          workOrderId: order.id,
          number: order.number,
          title: order.title,
          feedbackId: feedback.id,
          comment: feedback.comment,
          requestedBy: feedback.author.name,
          requestedAt: feedback.createdAt.toISOString(),
        },
      },
    );
  } else {
    const crew = await tx.task.findMany({
      where: { workOrderId: order.id, assigneeId: { not: null } },
      select: { assigneeId: true },
    });
    // praise reaches each crew member who worked on the order by name (and shows on their My Day)
    const praise = isPraise({ rating: request.rating, tone: request.tone })
      ? {
          kind: "feedback.praise",
          data: {
            workOrderId: order.id,
            number: order.number,
            title: order.title,
            feedbackId: feedback.id,
            rating: request.rating ?? null,
            comment: feedback.comment,
            fromName: feedback.author.name,
          },
        }
      : null;
    await notifyUsers(
      tx,
      events,
      crew.map((t) => t.assigneeId!),
      praise ?? note,
    );
  }
  return { ...feedback, followUpOpened };
}
