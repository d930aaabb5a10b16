import { rubyToStore } from "../../readings/readings.ts";
import { audience, mayOrderFor } from "@crewboard/domain";
import type { CreateWorkOrderRequest } from "@crewboard/contracts";
import { invalidField } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { notifyManagers } from "../notifications/notify.ts";
import { assertActiveCrew } from "./check-nominee.ts";
import { ensureWorkOrderChatRoom } from "../chat/work-order-room.ts";
import { toWorkOrderDto } from "./work-order.mapper.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { workOrderInclude } from "./work-order.mapper.ts";

export async function createWorkOrder(
  tx: Tx,
  options: { actor: Actor; request: CreateWorkOrderRequest; events: EventBatch },
) {
  const { actor, request, events } = options;
  const user = actor.user;
  let clientCompanyId: string;
  const orderFor = mayOrderFor(user, request.clientCompanyId);
  if (orderFor === "refused")
    throw invalidField("body.clientCompanyId", "clients submit orders for their own company only; leave it out");
  if (orderFor === "own") {
    clientCompanyId = user.clientCompanyId!;
  } else {
    if (!request.clientCompanyId)
      throw invalidField("body.clientCompanyId", "name the client company this order is for");
    const company = await tx.clientCompany.findFirst({ where: { id: request.clientCompanyId, active: true } });
    if (!company) throw invalidField("body.clientCompanyId", "no such active client company");
    clientCompanyId = company.id;
  }
  if (new Date(request.dueAt).getTime() <= Date.now())
    throw invalidField("body.dueAt", "the due date must be in the future");
  if (request.nominatedCrewId) await assertActiveCrew(tx, request.nominatedCrewId, "body.nominatedCrewId");

  const created = await tx.workOrder.create({
    data: {
      clientCompanyId,
      createdById: user.id,
      title: request.title,
      description: request.description,
      // furigana for easy-read (issue 9 barrier 11); when not computable now, the read path fills in
      ruby: rubyToStore({ title: request.title, description: request.description }) ?? undefined,
      links: request.links,
      dueAt: new Date(request.dueAt),
      priority: request.priority,
      nominatedCrewId: request.nominatedCrewId ?? null,
      nominationNote: request.nominationNote ?? null,
    },
    include: workOrderInclude,
  });
  await recordAudit(tx, actor, {
    action: "work_order.create",
    entityType: "work_order",
    entityId: created.id,
    metadata: { clientCompanyId, priority: created.priority, nominatedCrewId: created.nominatedCrewId },
  });
  await ensureWorkOrderChatRoom(tx, events, created);
  events.add(audience.workOrder(created), "work_order:created", toWorkOrderDto(created));
  await notifyManagers(tx, events, {
    kind: "work_order.requested",
    data: { workOrderId: created.id, number: created.number, title: created.title },
  });
  return created;
}
