// Retried writes are idempotent: a write sent with an Idempotency-Key header is answered once
// and its answer stored; a retry with the same key (say, after a dropped connection) gets the
// stored answer back instead of writing twice.
import { createHash } from "node:crypto";
import type { RequestHandler, Response } from "express";
import { IDEMPOTENCY_HEADER } from "@crewboard/contracts";
import type { Prisma, PrismaClient } from "@crewboard/db";
import { AppError, invalidField } from "../errors.ts";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export function idempotency(prisma: PrismaClient): RequestHandler {
  return async (req, res, next) => {
    const key = req.get(IDEMPOTENCY_HEADER);
    if (key === undefined || !WRITE_METHODS.has(req.method) || !req.auth) return next();
    if (key.length === 0 || key.length > 200) throw invalidField(`header.${IDEMPOTENCY_HEADER}`, "1 to 200 characters");
    const userId = req.auth.user.id;
    const requestHash = createHash("sha256")
      .update(`${req.method} ${req.originalUrl}\n${JSON.stringify(req.body ?? null)}`)
      .digest("hex");

    const stored = await prisma.idempotencyKey.findUnique({ where: { userId_key: { userId, key } } });
    if (stored) {
      if (stored.requestHash !== requestHash) {
        throw new AppError("idempotency.key_reused", { detail: `first used for ${stored.method} ${stored.path}` });
      }
      res.setHeader("Idempotent-Replayed", "true");
      res.status(stored.status).json(stored.responseBody);
      return;
    }

    // Store successful answers before they are sent, so a retry that races the response finds them.
    const send = res.json.bind(res) as Response["json"];
    res.json = ((body: unknown) => {
      if (res.statusCode >= 400) return send(body);
      prisma.idempotencyKey
        .create({
          data: { userId, key, method: req.method, path: req.originalUrl, requestHash, status: res.statusCode, responseBody: (body ?? null) as Prisma.InputJsonValue },
        })
        .catch(() => undefined) // a concurrent twin stored it first: its answer stands
        .finally(() => send(body));
      return res;
    }) as Response["json"];
    next();
  };
}
