// Anything thrown by an operation becomes one RFC 9457 problem, for REST (problem+json) and for
// socket acknowledgements alike: the same codes (packages/contracts/src/errors.ts), the same members.
import * as z from "zod";
import { Prisma } from "@crewboard/db";
import { AppError, type FieldError } from "../errors.ts";

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: AppError["code"];
  instance?: string;
  errors?: FieldError[];
  requestId?: string;
  [extension: string]: unknown;
}

/** RFC 9457 members an extension must not overwrite (e.g. an extension `status` carrying an order's status). */
const STANDARD_MEMBERS = new Set(["type", "title", "status", "detail", "code", "instance", "errors", "requestId"]);

export function problemOf(error: AppError, where: { instance?: string; requestId?: string } = {}): ProblemBody {
  const extensions = Object.fromEntries(
    Object.entries(error.extensions).filter(([name]) => !STANDARD_MEMBERS.has(name)),
  );
  return {
    type: `https://crewboard.example/problems/${error.code.replace(/\./g, "/")}`,
    title: error.title,
    status: error.status,
    ...(error.detail ? { detail: error.detail } : {}),
    code: error.code,
    ...(where.instance ? { instance: where.instance } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...(where.requestId ? { requestId: where.requestId } : {}),
    ...extensions,
  };
}

export function zodIssuesToFieldErrors(error: z.ZodError, where: string): FieldError[] {
  return error.issues.flatMap((issue) => {
    // An unknown key is reported on the object; name the key itself, which is what is at fault.
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [undefined];
    return keys.map((key) => ({
      path: [where, ...issue.path.map(String), ...(key ? [key] : [])].join("."),
      message: issue.message,
      code: issue.code,
    }));
  });
}

/**
 * The database's own code for a failed statement: as Prisma's driver adapter reports it, or as
 * node-postgres does for a hand-written statement sent straight to a connection (`rawRows`).
 */
function databaseCode(error: unknown): { code?: string; originalMessage?: string } | undefined {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    const cause = (
      error.meta as
        | { driverAdapterError?: { cause?: { code?: string; originalCode?: string; originalMessage?: string } } }
        | undefined
    )?.driverAdapterError?.cause;
    if (!cause) return undefined;
    // a failed $queryRaw names it originalCode (e.g. a deadlock on a SELECT … FOR UPDATE: P2010, originalCode 40P01)
    return { code: cause.code ?? cause.originalCode, originalMessage: cause.originalMessage };
  }
  // pg's DatabaseError: an SQLSTATE and a severity
  const e = error as { code?: unknown; severity?: unknown; message?: unknown } | null;
  if (
    error instanceof Error &&
    typeof e?.code === "string" &&
    /^[0-9A-Z]{5}$/.test(e.code) &&
    typeof e.severity === "string"
  )
    return { code: e.code, originalMessage: error.message };
  return undefined;
}

/** A write that lost a race and may simply be run again: a unique key taken meanwhile, a deadlock, a serialization failure. */
export function isRetryableRace(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2002" || error.code === "P2034"))
    return true;
  const code = databaseCode(error)?.code;
  return code === "40001" || code === "40P01";
}

/** Seconds a client is asked to wait when the database does not answer (it comes back by itself). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// How a lost database shows itself, through Prisma, its driver adapters (pg, PGlite) and Node:
// PostgreSQL's connection exceptions (class 08), shutdown and "cannot connect now" (57P01-57P03),
// too many connections (53300); Prisma's "can't reach"/"closed"/"pool timeout" codes; the adapter's
// error kinds; the socket errors of a server that is gone.
const UNAVAILABLE_SQLSTATE = /^(08|57P0[123]|53300)/;
const UNAVAILABLE_PRISMA = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNAVAILABLE_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
  "DatabaseAccessDenied",
]);
const UNAVAILABLE_ERRNO = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "ECONNABORTED",
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection error|Can't reach database server|Server has closed the connection|terminating connection due to administrator command|the database system is (shutting down|starting up)|Timed out fetching a new connection|connect ECONNREFUSED/i;

/** Whether an error means "the database does not answer" (not "the statement was wrong"). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && !seen.has(current) && depth < 8; depth++) {
    seen.add(current);
    const e = current as {
      name?: string;
      code?: unknown;
      kind?: unknown;
      message?: unknown;
      errno?: unknown;
      meta?: { driverAdapterError?: { cause?: unknown } };
      cause?: unknown;
    };
    if (e.name === "PrismaClientInitializationError") return true;
    if (
      typeof e.code === "string" &&
      (UNAVAILABLE_PRISMA.has(e.code) || UNAVAILABLE_ERRNO.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code))
    )
      return true;
    if (typeof e.kind === "string" && UNAVAILABLE_KINDS.has(e.kind)) return true;
    if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true;
    if (
      Array.isArray((e as { errors?: unknown }).errors) &&
      (e as { errors: unknown[] }).errors.some(isDatabaseUnavailable)
    )
      return true;
    current = e.meta?.driverAdapterError?.cause ?? e.cause;
  }
  return false;
}

export function databaseUnavailable(cause?: unknown): AppError {
  return new AppError("database.unavailable", {
    detail: "the database is not answering just now; nothing was done",
    headers: { "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS) },
    extensions: { retryAfterSeconds: DATABASE_RETRY_AFTER_SECONDS },
    cause,
  });
}

/** Whatever was thrown, as the coded error it stands for (unknown errors are `internal`). */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) return databaseUnavailable(error);
  const e = error as { type?: string; status?: number; code?: string; message?: string; expose?: boolean };
  // body-parser (express.json) errors
  if (e?.type === "entity.parse.failed") return new AppError("request.malformed_json", { detail: e.message });
  if (e?.type === "entity.too.large") return new AppError("request.too_large", { detail: e.message });
  if (e?.type === "encoding.unsupported" || e?.type === "charset.unsupported") {
    return new AppError("request.unsupported_media_type", { detail: e.message });
  }
  // multer errors
  if (e?.code === "LIMIT_FILE_SIZE")
    return new AppError("request.too_large", { detail: "the file is larger than the limit" });
  if (typeof e?.code === "string" && e.code.startsWith("LIMIT_")) {
    return new AppError("validation.failed", {
      detail: e.message,
      errors: [{ path: "body", message: e.message ?? "" }],
    });
  }
  // A path parameter that is not valid percent-encoding (router's decodeParam throws URIError, status 400).
  if (error instanceof URIError) {
    return new AppError("validation.failed", {
      detail: e.message,
      errors: [{ path: "params", message: "the URL is not valid percent-encoding" }],
    });
  }
  // Other client errors raised while reading the body (e.g. a Content-Encoding that does not inflate).
  if (e?.expose === true && e?.status === 400) return new AppError("request.malformed_json", { detail: e.message });
  // PostgreSQL class 22 (data exception): a value the database cannot store (a NUL character,
  // a date out of range...). Nothing was written (the transaction rolled back): the input is at fault.
  const db = databaseCode(error);
  if (typeof db?.code === "string" && db.code.startsWith("22")) {
    const message = `a value cannot be stored: ${db.originalMessage ?? db.code}`;
    return new AppError("validation.failed", { detail: message, errors: [{ path: "body", message }], cause: error });
  }
  if (isRetryableRace(error))
    return new AppError("conflict", {
      detail: "the change collided with another one at the same moment; try again",
      cause: error,
    });
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === "P2025")
      return new AppError("resource.not_found", { detail: "the record does not exist (any more)", cause: error });
  }
  if (error instanceof z.ZodError)
    return new AppError("validation.failed", { errors: zodIssuesToFieldErrors(error, "body") });
  return new AppError("internal", { cause: error });
}
