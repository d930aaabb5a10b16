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
    // the uploader's type is not trusted: only types no browser runs as a page are kept
    res.setHeader("Content-Type", safeDownloadType(found.contentType));
    res.setHeader("Content-Disposition", `attachment; filename*=UTF-8''${encodeURIComponent(found.fileName!)}`);
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.status(200).end(Buffer.from(found.content));
  });

  return router;
}

/**
 * Types a download keeps as the uploader gave them: documents and images that a browser never
 * runs as a page (no HTML, SVG, XML or JavaScript). Anything else is served as
 * application/octet-stream; every download is an attachment with nosniff as well.
 */
const SAFE_DOWNLOAD_TYPES = new Set([
  "application/pdf",
  "application/zip",
  "application/msword",
  "application/vnd.ms-excel",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "text/plain",
  "text/csv",
]);

export function safeDownloadType(contentType: string | null | undefined): string {
  const essence = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (!SAFE_DOWNLOAD_TYPES.has(essence)) return "application/octet-stream";
  // text keeps one charset of our choosing (UTF-8), never the uploader's parameters
  return essence.startsWith("text/") ? `${essence}; charset=utf-8` : essence;
}
