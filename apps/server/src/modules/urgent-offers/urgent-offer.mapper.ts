// Urgent offers as the API shows them: staff see everyone asked and each answer; a crew member
// sees only their own answer, and who took it only when it was them. Every change is recorded once
// per view: the board hears the staff view, each person asked hears their own in their own room.
import type { OfferEndReason, OfferManagerAction, UrgentOffer as UrgentOfferDto } from "@crewboard/contracts";
import { audience, isSkill, type Identity, seesEveryOfferAnswer } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";
import { rubyOf } from "../../readings/readings.ts";

/** The task's stored title segments with no order title: rubyOf computes the order title's (the stored ones stay valid). */
function storedTitle(stored: unknown): unknown {
  return stored && typeof stored === "object" ? { title: (stored as { title?: unknown }).title } : null;
}

export const urgentOfferInclude = {
  task: {
    select: {
      id: true,
      title: true,
      ruby: true,
      workOrderId: true,
      requiredSkills: true,
      estimateMinutes: true,
      dueAt: true,
      workOrder: { select: { number: true, title: true, dueAt: true, clientCompanyId: true } },
    },
  },
  createdBy: { select: personSelect },
  takenBy: { select: personSelect },
  recipients: { include: { user: { select: personSelect } }, orderBy: { userId: "asc" } },
} satisfies Prisma.UrgentOfferInclude;

export type UrgentOfferRow = Prisma.UrgentOfferGetPayload<{ include: typeof urgentOfferInclude }> & {
  nextOfferId?: string | null;
};

/** Waiting for the manager's choice: nobody took it, and no manager has chosen yet. */
export const awaitsManager = (o: { status: string; managerAction: string | null }) =>
  o.status === "expired" && o.managerAction === null;

export type OfferViewer = { kind: "staff" } | { kind: "recipient"; userId: string };

export function viewerOf(who: Identity): OfferViewer {
  return seesEveryOfferAnswer(who) ? { kind: "staff" } : { kind: "recipient", userId: who.id };
}

export function toUrgentOfferDto(o: UrgentOfferRow, viewer: OfferViewer): UrgentOfferDto {
  const staff = viewer.kind === "staff";
  const mine = (userId: string) => viewer.kind === "recipient" && viewer.userId === userId;
  const recipients = o.recipients.filter((r) => staff || mine(r.userId));
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: o.id,
    view: staff ? "staff" : "recipient",
    status: o.status,
    task: {
      id: o.task.id,
      title: o.task.title,
      workOrderId: o.task.workOrderId,
      workOrderNumber: o.task.workOrder.number,
      workOrderTitle: o.task.workOrder.title,
      ruby: rubyOf({ title: o.task.title, workOrderTitle: o.task.workOrder.title }, storedTitle(o.task.ruby)),
      requiredSkills: o.task.requiredSkills.filter(isSkill),
      estimateMinutes: o.task.estimateMinutes,
      dueAt: iso(o.task.dueAt),
      workOrderDueAt: o.task.workOrder.dueAt.toISOString(),
    },
    createdBy: toPersonRef(o.createdBy),
    deadlineAt: o.deadlineAt.toISOString(),
    expiresAt: o.deadlineAt.toISOString(),
    recipients: recipients.map((r) => ({
      user: toPersonRef(r.user),
      response: r.response === "accepted" || r.response === "declined" ? r.response : null,
      respondedAt: iso(r.respondedAt),
    })),
    takenBy: o.takenBy && (staff || mine(o.takenBy.id)) ? toPersonRef(o.takenBy) : null,
    takenAt: iso(o.takenAt),
    takenByMe: Boolean(o.takenById && mine(o.takenById)),
    endedAt: iso(o.endedAt),
    endReason: o.endReason as OfferEndReason | null,
    clientNoticeDueAt: staff ? iso(o.clientNoticeDueAt) : null,
    clientToldAt: staff ? iso(o.clientToldAt) : null,
    managerAction: staff ? (o.managerAction as OfferManagerAction | null) : null,
    managerActedAt: staff ? iso(o.managerActedAt) : null,
    awaitingManager: staff && awaitsManager(o),
    previousOfferId: staff ? o.previousOfferId : null,
    nextOfferId: staff ? (o.nextOfferId ?? null) : null,
    version: o.version,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

/** The offer with what its DTO needs (the offer made again from it). */
export async function loadOffer(tx: Prisma.TransactionClient, id: string): Promise<UrgentOfferRow> {
  const row = await tx.urgentOffer.findUniqueOrThrow({ where: { id }, include: urgentOfferInclude });
  const next = await tx.urgentOffer.findFirst({ where: { previousOfferId: id }, select: { id: true } });
  return { ...row, nextOfferId: next?.id ?? null };
}

/** Records an offer's event for the board (staff view) and for each person asked (their own view). */
export function recordOffer(
  events: EventBatch,
  o: UrgentOfferRow,
  event: "urgent_offer:created" | "urgent_offer:updated",
): void {
  events.add(audience.urgentOfferStaff(), event, toUrgentOfferDto(o, { kind: "staff" }));
  for (const r of o.recipients)
    events.add(
      audience.urgentOfferRecipient(r.userId),
      event,
      toUrgentOfferDto(o, { kind: "recipient", userId: r.userId }),
    );
}
