import { Router, type RequestHandler } from "express";
import multer from "multer";
import { routes, DELIVERABLE_MAX_BYTES, type Deliverable as DeliverableDto } from "@crewboard/contracts";
import type { Prisma } from "@crewboard/db";
import { registerRoute, type RouteDeps } from "../../http/register-route.ts";
import { AppError, invalidField } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { visibleWorkOrders } from "../../access/visibility.ts";
import { findVisibleWorkOrder } from "../work-orders/find-visible-work-order.ts";
import { notifyClientCompany } from "../notifications/notify.ts";
import { workOrderRooms } from "../work-orders/work-order.events.ts";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";
import { oldestFirst } from "../../http/pagination.ts";

// Everything but the file bytes: lists never load uploaded content.
const deliverableSelect = {
  id: true,
  workOrderId: true,
  title: true,
  note: true,
  url: true,
  fileName: true,
  contentType: true,
  sizeBytes: true,
  createdAt: true,
  uploadedBy: { select: personSelect },
} satisfies Prisma.DeliverableSelect;
type DeliverableRow = Prisma.DeliverableGetPayload<{ select: typeof deliverableSelect }>;

function toDto(d: DeliverableRow): DeliverableDto {
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
  };
}

/** Parses multipart uploads (in memory, size-limited); JSON bodies pass through untouched. */
const upload: RequestHandler = (req, res, next) => {
  if (!req.is("multipart/form-data")) return next();
  multer({ storage: multer.memoryStorage(), limits: { fileSize: DELIVERABLE_MAX_BYTES, files: 1, fields: 10 } }).single("file")(req, res, next);
};

export function deliverableRoutes(deps: RouteDeps): Router {
  const { prisma } = deps;
  const router = Router();

  registerRoute(router, deps, routes.listDeliverables, async ({ user, params }) => {
    const order = await findVisibleWorkOrder(prisma, user, params.id);
    const rows = await prisma.deliverable.findMany({ where: { workOrderId: order.id }, select: deliverableSelect, orderBy: oldestFirst() });
    return { items: rows.map(toDto) };
  });

  registerRoute(
    router,
    deps,
    routes.createDeliverable,
    async ({ actor, params, body, req, events }) => {
      const file = req.file;
      if (!file && !body.url) throw invalidField("body.url", "give a link, or upload a file in the field `file`");
      if (file && body.url) throw invalidField("body.url", "give either a link or a file, not both");
      return prisma.$transaction(async (tx) => {
        const order = await findVisibleWorkOrder(tx, actor.user, params.id);
        if (!["in_progress", "revision_requested", "delivered"].includes(order.status)) {
          throw new AppError("work_order.not_editable", { detail: `deliverables are added while the order is in progress; it is ${order.status}` });
        }
        const created = await tx.deliverable.create({
          data: {
            workOrderId: order.id,
            uploadedById: actor.user.id,
            title: body.title,
            note: body.note,
            url: body.url ?? null,
            ...(file
              ? { fileName: file.originalname.slice(0, 255), contentType: file.mimetype || "application/octet-stream", sizeBytes: file.size, content: new Uint8Array(file.buffer) }
              : {}),
          },
          select: deliverableSelect,
        });
        await recordAudit(tx, actor, { action: "deliverable.create", entityType: "deliverable", entityId: created.id, metadata: { workOrderId: order.id, file: Boolean(file) } });
        const dto = toDto(created);
        await events.add(tx, workOrderRooms(order), "deliverable:created", dto);
        await notifyClientCompany(tx, events, order.clientCompanyId, { kind: "deliverable.created", data: { workOrderId: order.id, number: order.number, title: created.title } });
        return dto;
      });
    },
    [upload],
  );

  registerRoute(router, deps, routes.downloadDeliverable, async ({ user, actor, params, res }) => {
    const found = await prisma.deliverable.findFirst({
      where: { id: params.id, fileName: { not: null }, workOrder: visibleWorkOrders(user) },
    });
    if (!found || !found.content) throw new AppError("deliverable.not_found");
    // Client material leaving the system: a sensitive read.
    await recordAudit(prisma, actor, { action: "deliverable.download", entityType: "deliverable", entityId: found.id });
    res.setHeader("Content-Type", found.contentType ?? "application/octet-stream");
    res.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(found.fileName!)}`);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.status(200).end(Buffer.from(found.content));
  });

  return router;
}
