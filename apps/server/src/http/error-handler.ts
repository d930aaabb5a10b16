import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import * as z from "zod";
import { AppError, type FieldError } from "../errors.ts";
import { sendProblem } from "./problem.ts";
import { requestIdOf, routeOf } from "./logging.ts";
import { Prisma } from "@crewboard/db";

export function zodIssuesToFieldErrors(error: z.ZodError, where: string): FieldError[] {
  return error.issues.map((issue) => {
    // An unknown key is reported on the object; name the key itself, which is what is at fault.
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
    return keys.map((key) => ({
      path: [where, ...issue.path.map(String), ...(key ? [key] : [])].join("."),
      message: issue.message,
      code: issue.code,
    }));
  }).flat();
}

/** Turns anything thrown into problem+json. Unknown errors are logged and answered 500. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const appError = toAppError(error);
    if (appError.status >= 500) logger.error({ err: error, route: routeOf(req, res), requestId: requestIdOf(res) }, "unhandled error");
    if (res.headersSent) {
      res.end();
      return;
    }
    sendProblem(res, appError, req.originalUrl);
  };
}

function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const e = error as { type?: string; status?: number; code?: string; message?: string };
  // body-parser (express.json) errors
  if (e?.type === "entity.parse.failed") return new AppError("request.malformed_json", { detail: e.message });
  if (e?.type === "entity.too.large") return new AppError("request.too_large", { detail: e.message });
  if (e?.type === "encoding.unsupported" || e?.type === "charset.unsupported") {
    return new AppError("request.unsupported_media_type", { detail: e.message });
  }
  // multer errors
  if (e?.code === "LIMIT_FILE_SIZE") return new AppError("request.too_large", { detail: "the file is larger than the limit" });
  if (typeof e?.code === "string" && e.code.startsWith("LIMIT_")) {
    return new AppError("validation.failed", { detail: e.message, errors: [{ path: "body", message: e.message ?? "" }] });
  }
  // A path parameter that is not valid percent-encoding (router's decodeParam throws URIError, status 400).
  if (error instanceof URIError) {
    return new AppError("validation.failed", { detail: e.message, errors: [{ path: "params", message: "the URL is not valid percent-encoding" }] });
  }
  // Other client errors raised while reading the body (e.g. a Content-Encoding that does not inflate).
  if ((e as { expose?: boolean })?.expose === true && e?.status === 400) {
    return new AppError("request.malformed_json", { detail: e.message });
  }
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    // PostgreSQL class 22 (data exception): a value the database cannot store (a NUL character,
    // a date out of range...). Nothing was written (the transaction rolled back): the input is at fault.
    const dbCode = (error.meta as { driverAdapterError?: { cause?: { code?: string; originalMessage?: string } } } | undefined)
      ?.driverAdapterError?.cause;
    if (typeof dbCode?.code === "string" && dbCode.code.startsWith("22")) {
      const message = `a value cannot be stored: ${dbCode.originalMessage ?? dbCode.code}`;
      return new AppError("validation.failed", { detail: message, errors: [{ path: "body", message }], cause: error });
    }
    if (error.code === "P2002") return new AppError("conflict", { detail: "a record with these values exists already", cause: error });
    if (error.code === "P2025") return new AppError("route.not_found", { detail: "the record does not exist", cause: error });
  }
  if (error instanceof z.ZodError) {
    return new AppError("validation.failed", { errors: zodIssuesToFieldErrors(error, "body") });
  }
  return new AppError("internal", { cause: error });
}

export const notFoundHandler: RequestHandler = (req) => {
  throw new AppError("route.not_found", { detail: `${req.method} ${req.originalUrl} does not exist` });
};
