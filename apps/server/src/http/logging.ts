// Logging: the production logger (with every secret redacted) and the access log, one short line
// per request: method, route pattern, status, duration, user id and request id. Never headers,
// never bodies, never the raw URL (its ids and query string say more than an operator needs).
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Request, RequestHandler, Response } from "express";
import { pino, stdSerializers, type DestinationStream, type Logger, type LoggerOptions } from "pino";
import { pinoHttp } from "pino-http";
import { API_BASE_PATH, CSRF_HEADER } from "@crewboard/contracts";

export const REQUEST_ID_HEADER = "X-Request-Id";

/**
 * Where a secret could sit in anything logged: request and response headers (a request or
 * response object logged by mistake, an error carrying its request), and bodies or options
 * holding a password or a token. pino replaces each with "[redacted]".
 */
export const REDACT_PATHS = [
  "req.headers.cookie",
  "req.headers.authorization",
  `req.headers["${CSRF_HEADER.toLowerCase()}"]`,
  "res.headers['set-cookie']",
  "headers.cookie",
  "headers.authorization",
  `headers["${CSRF_HEADER.toLowerCase()}"]`,
  "headers['set-cookie']",
  "*.headers.cookie",
  "*.headers.authorization",
  `*.headers["${CSRF_HEADER.toLowerCase()}"]`,
  "*.headers['set-cookie']",
  "cookie",
  "cookies",
  "*.cookie",
  "*.cookies",
  "password",
  "*.password",
  "*.*.password",
  "newPassword",
  "*.newPassword",
  "token",
  "*.token",
  "csrfToken",
  "*.csrfToken",
  "*.*.csrfToken",
  "sessionToken",
  "*.sessionToken",
  "tokenHash",
  "*.tokenHash",
];

/** Requests, responses and errors as a log may show them: no headers, no body. */
export const safeSerializers = {
  req: (req: IncomingMessage) => ({ method: req.method }),
  res: (res: ServerResponse) => ({ statusCode: res.statusCode }),
  err: stdSerializers.err,
};

/**
 * The id of the request (or socket event, or job pass) being handled, wherever the code that logs
 * runs: assignRequestId and the socket and job paths enter it, and every await after keeps it.
 */
const requestContext = new AsyncLocalStorage<{ requestId: string }>();

/** Runs `fn` as part of the request (or socket event) `requestId`: every log line written meanwhile carries it. */
export function withRequestId<T>(requestId: string, fn: () => T): T {
  return requestContext.run({ requestId }, fn);
}

export function currentRequestId(): string | undefined {
  return requestContext.getStore()?.requestId;
}

/** The server's logger: JSON lines, secrets redacted wherever they appear, the request id on every line written while handling one. */
export function createLogger(options: { level: LoggerOptions["level"]; destination?: DestinationStream }): Logger {
  const config: LoggerOptions = {
    level: options.level,
    redact: { paths: REDACT_PATHS, censor: "[redacted]" },
    serializers: safeSerializers,
    // The access log's child logger is bound to the id already: no second requestId member there.
    mixin: (_object, _level, logger) => {
      const requestId = currentRequestId();
      if (!requestId || "requestId" in logger.bindings()) return {};
      return { requestId };
    },
  };
  return options.destination ? pino(config, options.destination) : pino(config);
}

/** An incoming id is kept when it is short and plain (a load balancer's or a client's); anything else is replaced. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The incoming id when it is plain, else a new one. */
export function saneRequestId(incoming: string | undefined): string {
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** Gives every request an id, and says it in the X-Request-Id response header. */
export const assignRequestId: RequestHandler = (req, res, next) => {
  const id = saneRequestId(req.get(REQUEST_ID_HEADER));
  res.locals.requestId = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  withRequestId(id, next);
};

/** The request id given by assignRequestId (for problem+json bodies and logs). */
export function requestIdOf(res: Response): string | undefined {
  const id: unknown = res.locals?.requestId;
  return typeof id === "string" ? id : undefined;
}

/** The matched route pattern, e.g. /api/v1/tasks/:id; registerRoute records it, plain Express routes have req.route. */
export function routeOf(req: Request, res: Response): string {
  const recorded: unknown = res.locals?.route;
  if (typeof recorded === "string") return recorded;
  if (typeof req.route?.path === "string") return `${req.baseUrl}${req.route.path}`;
  const path = req.originalUrl ?? "";
  if (path === API_BASE_PATH || path.startsWith(`${API_BASE_PATH}/`) || path.startsWith(`${API_BASE_PATH}?`))
    return `${API_BASE_PATH}/(unmatched)`;
  if (path.startsWith("/api/docs")) return "/api/docs/(static)";
  if (path.startsWith("/socket.io")) return "/socket.io";
  return "/(web app)";
}

/** The signed-in user of the request: the session's, or the one a sign-in just created. */
function userIdOf(req: Request, res: Response): string | null {
  const fromLogin: unknown = res.locals?.userId;
  return req.auth?.user.id ?? (typeof fromLogin === "string" ? fromLogin : null);
}

/** The access log: one line per request, written when the response is finished. */
export function accessLog(
  logger: Logger,
  options: { ignore?: (req: IncomingMessage) => boolean } = {},
): RequestHandler {
  const line = (req: IncomingMessage, res: ServerResponse, responseTime: number) => {
    const request = req as Request;
    const response = res as Response;
    return {
      method: req.method,
      route: routeOf(request, response),
      status: res.statusCode,
      durationMs: responseTime,
      userId: userIdOf(request, response),
    };
  };
  const middleware = pinoHttp({
    // The line's members are named in `line` (method, route pattern, status, duration, user id)
    // and the request id: no header, body or token, nothing for redaction to find. Redaction walks
    // its 30 paths, some with wildcards, for every line (~30 µs; issue 14): the access log's own
    // child goes without it. Every other line keeps it (handlers log through the server's logger).
    logger: logger.child({}, { redact: [] }),
    // the request id is assigned before (assignRequestId); pino-http only reads it
    genReqId: (_req, res) => requestIdOf(res as Response) ?? randomUUID(),
    customAttributeKeys: { reqId: "requestId" },
    // no request or response object is bound to any log line: only the request id
    quietReqLogger: true,
    quietResLogger: true,
    wrapSerializers: false,
    serializers: safeSerializers,
    autoLogging: options.ignore ? { ignore: options.ignore } : true,
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? "error" : "info"),
    customSuccessObject: (req, res, val: { responseTime: number }) => line(req, res, val.responseTime),
    customErrorObject: (req, res, _err, val: { responseTime: number }) => line(req, res, val.responseTime),
    customSuccessMessage: (req, res, ms) =>
      `${req.method} ${routeOf(req as Request, res as Response)} ${res.statusCode} ${ms} ms`,
    customErrorMessage: (req, res) => `${req.method} ${routeOf(req as Request, res as Response)} ${res.statusCode}`,
  });
  return (req, res, next) => {
    // pino-http gives req.log and res.log its own (unredacted) child unless they are set: a handler
    // that logs through them gets the redacting logger (the request id comes from the mixin)
    req.log = logger;
    res.log = logger;
    middleware(req, res, next);
  };
}
