import type { CreateDeliverableRequest } from "@crewboard/contracts";
import { audience } from "@crewboard/domain";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { findVisibleWorkOrder } from "../work-orders/find-visible-work-order.ts";
import { deliverableSelect, toDeliverableDto } from "./deliverable.mapper.ts";

/** While the work goes on; a delivered order awaits the client's review (changes come with a revision request). */
const OPEN_FOR_DELIVERABLES = ["in_progress", "revision_requested"];

/** An uploaded file as multer hands it over. */
export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/**
 * Staff, or crew on an order they work on, add a deliverable: a link or a small file. The client
 * sees it only once a manager delivers the order (release-deliverables.ts).
 */
export async function addDeliverable(
  tx: Tx,
  options: {
    actor: Actor;
    workOrderId: string;
    request: CreateDeliverableRequest;
    file: UploadedFile | undefined;
    events: EventBatch;
  },
) {
  const { actor, request: body, file, events } = options;
  // crew: only orders they have a task in (any other is 404, like an id that does not exist)
  const order = await findVisibleWorkOrder(tx, actor.user, options.workOrderId);
  if (!OPEN_FOR_DELIVERABLES.includes(order.status)) {
    throw new AppError("work_order.not_editable", {
      detail: `deliverables are added while the work is in progress or being revised; the order is ${order.status}`,
    });
  }
  const created = await tx.deliverable.create({
    data: {
      workOrderId: order.id,
      uploadedById: actor.user.id,
      title: body.title,
      note: body.note,
      url: body.url ?? null,
      ...(file
        ? {
            fileName: file.originalname.slice(0, 255),
            contentType: file.mimetype || "application/octet-stream",
            sizeBytes: file.size,
            content: new Uint8Array(file.buffer),
          }
        : {}),
    },
    select: deliverableSelect,
  });
  await recordAudit(tx, actor, {
    action: "deliverable.create",
    entityType: "deliverable",
    entityId: created.id,
    metadata: { workOrderId: order.id, file: Boolean(file) },
  });
  const dto = toDeliverableDto(created);
  // Not the client yet: they see it, and are told, when a manager delivers the order
  // (release-deliverables.ts).
  events.add(audience.deliverable(order, false), "deliverable:created", dto);
  return dto;
}
