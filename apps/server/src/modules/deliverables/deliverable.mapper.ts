import type { Deliverable as DeliverableDto } from "@crewboard/contracts";
import type { Prisma } from "@crewboard/db";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";

// Everything but the file bytes: lists never load uploaded content.
export const deliverableSelect = {
  id: true,
  workOrderId: true,
  title: true,
  note: true,
  url: true,
  fileName: true,
  contentType: true,
  sizeBytes: true,
  createdAt: true,
  releasedAt: true,
  uploadedBy: { select: personSelect },
} satisfies Prisma.DeliverableSelect;
export type DeliverableRow = Prisma.DeliverableGetPayload<{ select: typeof deliverableSelect }>;

export function toDeliverableDto(d: DeliverableRow): DeliverableDto {
  return {
    id: d.id,
    workOrderId: d.workOrderId,
    title: d.title,
    note: d.note,
    url: d.url,
    fileName: d.fileName,
    contentType: d.contentType,
    sizeBytes: d.sizeBytes,
    downloadUrl: d.fileName ? `/api/v1/deliverables/${d.id}/file` : null,
    uploadedBy: toPersonRef(d.uploadedBy),
    createdAt: d.createdAt.toISOString(),
    releasedAt: d.releasedAt?.toISOString() ?? null,
  };
}
