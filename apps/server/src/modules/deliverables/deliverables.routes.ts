import { Router, type RequestHandler } from "express";
import multer from "multer";
import { routes } from "@crewboard/contracts";
import { DELIVERABLE_MAX_BYTES } from "@crewboard/domain";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { AppError, invalidField } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { visibleDeliverables } from "../../access/visibility.ts";
import { findVisibleWorkOrder } from "../work-orders/find-visible-work-order.ts";
import { addDeliverable } from "./add-deliverable.ts";
import { deliverableSelect, toDeliverableDto } from "./deliverable.mapper.ts";
import { oldestFirst } from "../../http/pagination.ts";

/** Parses multipart uploads (in memory, size-limited); JSON bodies pass through untouched. */
const upload: RequestHandler = (req, res, next) => {
  if (!req.is("multipart/form-data")) return next();
  multer({ storage: multer.memoryStorage(), limits: { fileSize: DELIVERABLE_MAX_BYTES, files: 1, fields: 10 } }).single(
    "file",
  )(req, res, next);
};

export function deliverableRoutes(deps: RouteDeps): Router {
  const router = Router();

  registerRoute(router, deps, routes.listDeliverables, async ({ db, user, params }) => {
    const order = await findVisibleWorkOrder(db, user, params.id);
    const rows = await db.deliverable.findMany({
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
    async ({ db, actor, params, body, req, events }) => {
      const file = req.file;
      if (!file && !body.url) throw invalidField("body.url", "give a link, or upload a file in the field `file`");
      if (file && body.url) throw invalidField("body.url", "give either a link or a file, not both");
      return addDeliverable(db, { actor, workOrderId: params.id, request: body, file, events });
    },
    { middleware: [upload] },
  );

  registerRoute(router, deps, routes.downloadDeliverable, async ({ db, user, actor, params, res }) => {
    const found = await db.deliverable.findFirst({
      where: { AND: [{ id: params.id, fileName: { not: null } }, visibleDeliverables(user)] },
    });
    if (!found || !found.content) throw new AppError("deliverable.not_found");
    // Client material leaving the system: a sensitive read.
    await recordAudit(db, actor, { action: "deliverable.download", entityType: "deliverable", entityId: found.id });
    res.setHeader("Content-Type", found.contentType ?? "application/octet-stream");
    res.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(found.fileName!)}`);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.status(200).end(Buffer.from(found.content));
  });

  return router;
}
