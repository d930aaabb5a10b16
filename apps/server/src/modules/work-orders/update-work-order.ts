import { rubyToStore } from "../../readings/readings.ts";
import type { UpdateWorkOrderRequest } from "@crewboard/contracts";
import {
  WORK_ORDER_TRANSITIONS,
  canTransition,
  isOpenWorkOrder,
  isRevisionRequestOpen,
  mayEditOrder,
  type WorkOrderStatus,
} from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import { AppError, invalidField } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { notifyClientCompany } from "../notifications/notify.ts";
import { assertActiveCrew } from "./check-nominee.ts";
import { findVisibleWorkOrder } from "./find-visible-work-order.ts";
import { toWorkOrderDto, workOrderInclude } from "./work-order.mapper.ts";
import { recordWorkOrder } from "./work-order.events.ts";
import { releaseDeliverables } from "../deliverables/release-deliverables.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { recordOrderTasks } from "../tasks/task.events.ts";
import { endOffersOfClosedOrder } from "../urgent-offers/manager-choices.ts";

const STATUS_TIMESTAMP: Partial<Record<WorkOrderStatus, "acceptedAt" | "deliveredAt" | "completedAt" | "declinedAt">> =
  {
    accepted: "acceptedAt",
    delivered: "deliveredAt",
    completed: "completedAt",
    declined: "declinedAt",
  };

export async function updateWorkOrder(
  tx: Tx,
  options: { actor: Actor; workOrderId: string; request: UpdateWorkOrderRequest; events: EventBatch },
) {
  const { actor, request, events } = options;
  const current = await findVisibleWorkOrder(tx, actor.user, options.workOrderId);

  if (request.version !== undefined && request.version !== current.version) {
    throw new AppError("work_order.version_conflict", { extensions: { current: toWorkOrderDto(current) } });
  }
  const may = mayEditOrder(actor.user, current, Object.keys(request));
  if (!may.ok && may.reason === "fields") {
    throw new AppError("auth.forbidden", {
      detail: "clients accept a delivery or ask for a revision with POST /work-orders/{id}/feedback",
      errors: may.fields.map((k) => ({ path: `body.${k}`, message: "not changeable by a client" })),
    });
  }
  if (!may.ok)
    throw new AppError("work_order.not_editable", {
      detail: "an accepted order is changed by talking to the manager in its chat room",
    });
  if (!isOpenWorkOrder(current.status) && Object.keys(request).some((k) => k !== "version")) {
    throw new AppError("work_order.not_editable", { detail: `the order is ${current.status}` });
  }

  const data: Prisma.WorkOrderUncheckedUpdateManyInput = { version: { increment: 1 } };
  if (request.title !== undefined) data.title = request.title;
  if (request.description !== undefined) data.description = request.description;
  if (request.title !== undefined || request.description !== undefined) {
    // furigana for easy-read (issue 9 barrier 11); when not computable now, the read path fills in
    const ruby = rubyToStore({
      title: request.title ?? current.title,
      description: request.description ?? current.description,
    });
    if (ruby) data.ruby = ruby;
  }
  if (request.links !== undefined) data.links = request.links;
  if (request.priority !== undefined) data.priority = request.priority;
  if (request.dueAt !== undefined) data.dueAt = new Date(request.dueAt);
  if (request.nominatedCrewId !== undefined) {
    if (request.nominatedCrewId) await assertActiveCrew(tx, request.nominatedCrewId, "body.nominatedCrewId");
    data.nominatedCrewId = request.nominatedCrewId;
    // a new nomination waits for its own answer (issue 10)
    if (request.nominatedCrewId !== current.nominatedCrewId) {
      Object.assign(data, {
        nominationAnswer: null,
        nominationReason: null,
        nominationAlternativeId: null,
        nominationAnsweredAt: null,
      });
    }
  }
  if (request.status !== undefined && request.status !== current.status) {
    if (!canTransition(WORK_ORDER_TRANSITIONS, current.status, request.status)) {
      const allowed = WORK_ORDER_TRANSITIONS[current.status];
      throw new AppError("work_order.illegal_transition", {
        detail: `${current.status} → ${request.status} is not allowed; allowed from ${current.status}: ${allowed.join(", ") || "none (final)"}`,
        extensions: { allowed, from: current.status, to: request.status },
      });
    }
    if (request.status === "delivered" && current.tasks.some((t) => t.status !== "done")) {
      throw invalidField("body.status", "every task must be done before the order is delivered");
    }
    data.status = request.status;
    const stamp = STATUS_TIMESTAMP[request.status];
    if (stamp) data[stamp] = new Date();
    if (request.status === "declined") data.declineReason = request.declineReason!;
  }

  // Conditional on the version read above, so a concurrent writer on another connection cannot be overwritten.
  const { count } = await tx.workOrder.updateMany({ where: { id: current.id, version: current.version }, data });
  if (count === 0) {
    const fresh = await tx.workOrder.findUniqueOrThrow({ where: { id: current.id }, include: workOrderInclude });
    throw new AppError("work_order.version_conflict", { extensions: { current: toWorkOrderDto(fresh) } });
  }
  // Delivering is the manager's review: what the crew added is shown to the client now.
  const released =
    data.status === "delivered" ? await releaseDeliverables(tx, events, current, data.deliveredAt as Date) : 0;
  const updated = await recordWorkOrder(tx, events, current.id);
  const statusChanged = updated.status !== current.status;
  // a declined or completed order's urgent offers end with it (nobody takes, nobody is told)
  if (statusChanged && !isOpenWorkOrder(updated.status))
    await endOffersOfClosedOrder(tx, events, actor, current.id, new Date());
  if (statusChanged) {
    // Delivered again: the revision request its tasks carried no longer stands — tell their viewers.
    const latest = await tx.feedback.findFirst({
      where: { workOrderId: current.id, verdict: "request_revision" },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: { createdAt: true },
    });
    if (
      latest &&
      isRevisionRequestOpen(current, latest.createdAt) !== isRevisionRequestOpen(updated, latest.createdAt)
    ) {
      await recordOrderTasks(tx, events, current.id);
    }
  }
  await recordAudit(tx, actor, {
    action: statusChanged ? `work_order.${updated.status}` : "work_order.update",
    entityType: "work_order",
    entityId: current.id,
    metadata: { fields: Object.keys(request), from: current.status, to: updated.status },
  });
  if (statusChanged) {
    await notifyClientCompany(tx, events, updated.clientCompanyId, {
      kind: `work_order.${updated.status}`,
      data: {
        workOrderId: updated.id,
        number: updated.number,
        title: updated.title,
        declineReason: updated.declineReason,
        ...(updated.status === "delivered" ? { deliverables: released } : {}),
      },
    });
  }
  return updated;
}
