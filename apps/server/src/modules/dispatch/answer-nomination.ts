// Nominations (issue 10): a manager honours the client's nomination, or declines it — not the order —
// saying why in plain words the client reads, maybe offering someone else. The client's company
// hears at once (work_order:nomination_answered on the order's rooms, and a notification each).
import type { AnswerNominationRequest, WorkOrder } from "@crewboard/contracts";
import { audience, displayNameOf, mayAnswerNomination, mayAnswerNominationOf } from "@crewboard/domain";
import { AppError, invalidField } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { notifyClientCompany } from "../notifications/notify.ts";
import { assertActiveCrew } from "../work-orders/check-nominee.ts";
import { findVisibleWorkOrder } from "../work-orders/find-visible-work-order.ts";
import { toWorkOrderDto, workOrderInclude } from "../work-orders/work-order.mapper.ts";

const nominationChanged = () =>
  new AppError("work_order.nomination_changed", {
    detail: "the client changed the nominee since you read the order; read it again and answer for the new one",
  });

export async function answerNomination(
  tx: Tx,
  options: { actor: Actor; workOrderId: string; request: AnswerNominationRequest; events: EventBatch; now?: Date },
): Promise<WorkOrder> {
  const { actor, request, events } = options;
  const order = await findVisibleWorkOrder(tx, actor.user, options.workOrderId);
  if (!mayAnswerNomination(actor.user)) throw new AppError("auth.forbidden");
  if (!mayAnswerNominationOf(order)) {
    throw new AppError("work_order.no_nomination", {
      detail: order.nominatedCrewId ? `the order is ${order.status}` : "the client nominated nobody",
    });
  }
  if (request.alternativeCrewId) {
    if (request.alternativeCrewId === order.nominatedCrewId) {
      throw invalidField("body.alternativeCrewId", "someone other than the nominee");
    }
    await assertActiveCrew(tx, request.alternativeCrewId, "body.alternativeCrewId");
  }
  if (request.nomineeId && request.nomineeId !== order.nominatedCrewId) throw nominationChanged();
  const declined = request.answer === "declined";
  // conditional on the nominee read above: a client changing the nominee at the same moment makes
  // this answer (about someone they no longer ask for) fail instead of landing on the new nominee
  const { count } = await tx.workOrder.updateMany({
    where: { id: order.id, nominatedCrewId: order.nominatedCrewId },
    data: {
      nominationAnswer: request.answer,
      nominationReason: declined ? request.reason! : (request.reason ?? null),
      nominationAlternativeId: declined ? (request.alternativeCrewId ?? null) : null,
      nominationAnsweredAt: options.now ?? new Date(),
      version: { increment: 1 },
    },
  });
  if (count === 0) throw nominationChanged();
  const saved = await tx.workOrder.findUniqueOrThrow({ where: { id: order.id }, include: workOrderInclude });
  const dto = toWorkOrderDto(saved);
  events.add(audience.workOrder(saved), "work_order:nomination_answered", dto);
  await notifyClientCompany(tx, events, saved.clientCompanyId, {
    kind: declined ? "nomination.declined" : "nomination.honoured",
    data: {
      workOrderId: saved.id,
      number: saved.number,
      title: saved.title,
      nominee: saved.nominatedCrew ? displayNameOf(saved.nominatedCrew) : null, // to clients: display names
      reason: dto.nominationAnswer?.reason ?? null,
      alternative: saved.nominationAlternative ? displayNameOf(saved.nominationAlternative) : null,
    },
  });
  await recordAudit(tx, actor, {
    action: `nomination.${request.answer === "declined" ? "decline" : "honour"}`,
    entityType: "work_order",
    entityId: saved.id,
    metadata: {
      nomineeId: saved.nominatedCrewId,
      alternativeId: saved.nominationAlternativeId,
      reason: saved.nominationReason,
    },
  });
  return dto;
}
