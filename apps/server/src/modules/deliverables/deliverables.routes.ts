import { audience } from "@crewboard/domain";
import { Router, type RequestHandler } from "express";
import multer from "multer";
import { rooms, routes, DELIVERABLE_MAX_BYTES } from "@crewboard/contracts";
import { registerRoute, type RouteDeps } from "../../http/register-route.ts";
import { AppError, invalidField } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { visibleDeliverables } from "../../access/visibility.ts";
import { findVisibleWorkOrder } from "../work-orders/find-visible-work-order.ts";
import { deliverableSelect, toDeliverableDto } from "./deliverable.mapper.ts";
import { oldestFirst } from "../../http/pagination.ts";

/** While the work goes on; a delivered order awaits the client's review (changes come with a revision request). */
const OPEN_FOR_DELIVERABLES = ["in_progress", "revision_requested"];

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
    const rows = await prisma.deliverable.findMany({
      where: { AND: [{ workOrderId: order.id }, visibleDeliverables(user)] },
      select: deliverableSelect,
      orderBy: oldestFirst(),
    });
    return { items: rows.map(toDeliverableDto) };
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
        // crew: only orders they have a task in (any other is 404, like an id that does not exist)
        const order = await findVisibleWorkOrder(tx, actor.user, params.id);
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
              ? { fileName: file.originalname.slice(0, 255), contentType: file.mimetype || "application/octet-stream", sizeBytes: file.size, content: new Uint8Array(file.buffer) }
              : {}),
          },
          select: deliverableSelect,
        });
        await recordAudit(tx, actor, { action: "deliverable.create", entityType: "deliverable", entityId: created.id, metadata: { workOrderId: order.id, file: Boolean(file) } });
        const dto = toDeliverableDto(created);
        // Not the client yet: they see it, and are told, when a manager delivers the order
        // (release-deliverables.ts).
        await events.add(tx, audience.deliverable(order, false), "deliverable:created", dto);
        return dto;
      });
    },
    [upload],
  );

  registerRoute(router, deps, routes.downloadDeliverable, async ({ user, actor, params, res }) => {
    const found = await prisma.deliverable.findFirst({
      where: { AND: [{ id: params.id, fileName: { not: null } }, visibleDeliverables(user)] },
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
