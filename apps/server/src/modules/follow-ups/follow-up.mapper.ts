import type { FollowUp as FollowUpDto } from "@crewboard/contracts";
import {
  followUpView,
  isClientFollowUpStep,
  isFollowUpOverdue,
  nextFollowUpStep,
  type FollowUpStep,
  type Identity,
} from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";

export const followUpInclude = {
  owner: { select: personSelect },
  feedback: {
    select: {
      id: true,
      rating: true,
      comment: true,
      createdAt: true,
      author: { select: personSelect },
      workOrder: { select: { id: true, number: true, title: true, clientCompanyId: true } },
    },
  },
  stepRows: { include: { author: { select: personSelect } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] },
} as const satisfies Prisma.FollowUpInclude;

export type FollowUpRow = Prisma.FollowUpGetPayload<{ include: typeof followUpInclude }>;

/** A follow-up as `viewer` may read it: staff whole; a client only the steps that concern them, without internal notes. */
export function toFollowUpDto(f: FollowUpRow, viewer: Identity, now: Date = new Date()): FollowUpDto {
  return toFollowUpView(f, followUpView(viewer), now);
}

export function toFollowUpView(f: FollowUpRow, view: "full" | "client", now: Date = new Date()): FollowUpDto {
  const status = f.status as FollowUpStep;
  const steps = f.stepRows
    .filter((s) => view === "full" || isClientFollowUpStep(s.step as FollowUpStep))
    .map((s) => ({
      step: s.step as FollowUpStep,
      author: s.author ? toPersonRef(s.author) : null,
      ...(view === "full" ? { note: s.note } : {}),
      clientMessage: s.clientMessage,
      dueAt: s.dueAt?.toISOString() ?? null,
      at: s.createdAt.toISOString(),
    }));
  return {
    id: f.id,
    view,
    reason: f.reason === "complaint" ? "complaint" : "rating",
    // a client sees how far it got in their terms: the last step that concerns them
    status: view === "full" ? status : ((steps.at(-1)?.step ?? "acknowledged") as FollowUpStep),
    nextStep: view === "full" ? nextFollowUpStep(status) : null,
    dueAt: f.dueAt?.toISOString() ?? null,
    overdue: view === "full" ? isFollowUpOverdue({ status, dueAt: f.dueAt }, now) : false,
    owner: f.owner ? toPersonRef(f.owner) : null,
    workOrder: f.feedback.workOrder,
    feedback: {
      id: f.feedback.id,
      rating: f.feedback.rating,
      comment: f.feedback.comment,
      author: toPersonRef(f.feedback.author),
      createdAt: f.feedback.createdAt.toISOString(),
    },
    steps,
    createdAt: f.createdAt.toISOString(),
    closedAt: f.closedAt?.toISOString() ?? null,
  };
}
