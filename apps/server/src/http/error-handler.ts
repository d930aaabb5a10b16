import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "pino";
import { AppError } from "../errors.ts";
import { toAppError } from "../operations/problem.ts";
import { sendProblem } from "./problem.ts";
import { requestIdOf, routeOf } from "./logging.ts";

/** Turns anything thrown into problem+json. Unknown errors are logged and answered 500. */
export function errorHandler(logger: Logger, onDatabaseUnavailable?: () => void): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const appError = toAppError(error);
    // the database not answering is an outage the operator sees once in readiness, not an error per
    // request; the live connections are told (realtime/server-status.ts)
    if (appError.code === "database.unavailable") onDatabaseUnavailable?.();
    if (appError.code === "database.unavailable")
      logger.warn({ err: error, route: routeOf(req, res), requestId: requestIdOf(res) }, "database unavailable");
    else if (appError.status >= 500)
      logger.error({ err: error, route: routeOf(req, res), requestId: requestIdOf(res) }, "unhandled error");
    if (res.headersSent) {
      res.end();
      return;
    }
    sendProblem(res, appError, req.originalUrl);
  };
}

export const notFoundHandler: RequestHandler = (req) => {
  throw new AppError("route.not_found", { detail: `${req.method} ${req.originalUrl} does not exist` });
};
