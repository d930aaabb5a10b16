import { rubyOf } from "../../readings/readings.ts";
import type { WorkOrder as WorkOrderDto } from "@crewboard/contracts";
import { WORK_ORDER_TRANSITIONS, deriveWorkOrderProgress } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";

export const workOrderInclude = {
  clientCompany: { select: { id: true, name: true, nameEn: true } },
  createdBy: { select: personSelect },
  nominatedCrew: { select: personSelect },
  nominationAlternative: { select: personSelect },
  tasks: { select: { progress: true, estimateMinutes: true, status: true } },
} satisfies Prisma.WorkOrderInclude;

export type WorkOrderRow = Prisma.WorkOrderGetPayload<{ include: typeof workOrderInclude }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toWorkOrderDto(w: WorkOrderRow): WorkOrderDto {
  return {
    id: w.id,
    number: w.number,
    clientCompany: w.clientCompany,
    createdBy: toPersonRef(w.createdBy),
    title: w.title,
    description: w.description,
    links: w.links,
    dueAt: w.dueAt.toISOString(),
    priority: w.priority,
    status: w.status,
    allowedTransitions: [...WORK_ORDER_TRANSITIONS[w.status]],
    nominatedCrew: w.nominatedCrew ? toPersonRef(w.nominatedCrew) : null,
    nominationNote: w.nominationNote,
    nominationAnswer:
      (w.nominationAnswer === "honoured" || w.nominationAnswer === "declined") && w.nominationAnsweredAt
        ? {
            answer: w.nominationAnswer,
            reason: w.nominationReason,
            alternative: w.nominationAlternative ? toPersonRef(w.nominationAlternative) : null,
            answeredAt: w.nominationAnsweredAt.toISOString(),
          }
        : null,
    declineReason: w.declineReason,
    progress: deriveWorkOrderProgress(w.tasks),
    taskCounts: {
      total: w.tasks.length,
      done: w.tasks.filter((t) => t.status === "done").length,
      blocked: w.tasks.filter((t) => t.status === "blocked").length,
    },
    version: w.version,
    acceptedAt: iso(w.acceptedAt),
    deliveredAt: iso(w.deliveredAt),
    completedAt: iso(w.completedAt),
    declinedAt: iso(w.declinedAt),
    ruby: rubyOf({ title: w.title, description: w.description }, w.ruby),
    createdAt: w.createdAt.toISOString(),
    updatedAt: w.updatedAt.toISOString(),
  };
}
