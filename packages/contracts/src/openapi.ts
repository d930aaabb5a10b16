import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from "zod-openapi";
import * as z from "zod";
import { Problem } from "./common.ts";
import { CSRF_HEADER, IDEMPOTENCY_HEADER, SESSION_COOKIE } from "./auth.ts";
import { routes, type RestOperation } from "./operations/index.ts";
import { ERROR_STATUS, type ErrorCode } from "./errors.ts";

export const API_BASE_PATH = "/api/v1";

/** "/work-orders/:id" → "/work-orders/{id}" */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:([A-Za-z0-9_]+)/g, "{$1}");
}

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: Problem } },
});

/** The operation's own errors by HTTP status, so each response names the codes it may carry. */
function ownErrors(def: RestOperation): Map<number, ErrorCode[]> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of def.errors ?? [])
    byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return byStatus;
}

const withCodes = (text: string, codes: readonly string[] | undefined) =>
  codes?.length ? `${text} (${codes.map((c) => `\`${c}\``).join(", ")})` : text;

function operation(def: RestOperation): ZodOpenApiOperationObject {
  const own = ownErrors(def);
  const isWrite = def.method !== "get";
  const op: ZodOpenApiOperationObject = {
    operationId: def.operationId,
    summary: def.summary,
    tags: [def.tag],
    responses: {
      [String(def.status)]: def.binary
        ? {
            description: "The file",
            content: {
              [typeof def.binary === "object" ? def.binary.mediaType : "application/octet-stream"]: {
                schema: z.string().meta({ format: "binary" }),
              },
            },
          }
        : def.response
          ? { description: "OK", content: { "application/json": { schema: def.response } } }
          : { description: "Done, no content" },
      "400": problem(withCodes("The request is malformed or a field is invalid (see `errors`)", own.get(400))),
      ...(own.has(401) ? { "401": problem(withCodes("Not signed in", own.get(401))) } : {}),
      ...(def.gate === "public"
        ? {}
        : {
            "401": problem("Not signed in"),
            "403": problem(
              def.beforePasswordChange
                ? "Not allowed for this user"
                : "Not allowed for this user, or `auth.password_change_required`: the user signed in with a one-time password and must change it first",
            ),
          }),
      ...(def.params || own.has(404)
        ? { "404": problem(withCodes("Not found (or not visible to this user)", own.get(404))) }
        : {}),
      ...(isWrite || own.has(409)
        ? {
            "409": problem(
              withCodes(
                "Conflict: an illegal status transition, a stale version, or a retry still in flight",
                own.get(409),
              ),
            ),
          }
        : {}),
      ...(def.multipart ? { "413": problem("The file or body is too large") } : {}),
      ...(own.has(422)
        ? { "422": problem(withCodes("The request cannot be carried out as asked", own.get(422))) }
        : {}),
      ...(own.has(429) ? { "429": problem(withCodes("Too many attempts; wait and try again", own.get(429))) } : {}),
    },
  };
  if (def.gate === "public") op.security = [];
  const headers =
    isWrite && def.gate !== "public"
      ? z.object({
          [CSRF_HEADER]: z
            .string()
            .meta({ description: "the token from login or GET /auth/csrf (cookie-authenticated writes)" }),
          [IDEMPOTENCY_HEADER]: z
            .string()
            .max(200)
            .optional()
            .meta({ description: "retrying with the same key returns the first answer instead of writing twice" }),
        })
      : undefined;
  op.requestParams = {
    ...(def.params ? { path: def.params as z.ZodObject } : {}),
    ...(def.query ? { query: def.query as z.ZodObject } : {}),
    ...(headers ? { header: headers } : {}),
  };
  if (def.body) {
    op.requestBody = {
      required: true,
      content: {
        "application/json": { schema: def.body },
        ...(def.multipart
          ? { "multipart/form-data": { schema: z.object({ file: z.string().meta({ format: "binary" }) }).loose() } }
          : {}),
      },
    };
  }
  return op;
}

export function buildOpenApiDocument(options: { serverUrl?: string } = {}) {
  const paths: ZodOpenApiPathsObject = {};
  for (const def of Object.values(routes) as RestOperation[]) {
    const path = toOpenApiPath(def.path);
    paths[path] = { ...paths[path], [def.method]: operation(def) };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Crewboard API",
      version: "1.0.0",
      // as package.json says
      license: { name: "MIT", identifier: "MIT" },
      description:
        "Work orders, tasks, progress, deliverables and feedback. Errors are RFC 9457 problem details " +
        "(`application/problem+json`) with a stable `code`. Sign in with POST /auth/login; the session is an " +
        `httpOnly cookie (${SESSION_COOKIE}); writes send the CSRF token in ${CSRF_HEADER}.`,
    },
    servers: [{ url: options.serverUrl ?? API_BASE_PATH }],
    security: [{ sessionCookie: [] }],
    components: {
      securitySchemes: { sessionCookie: { type: "apiKey", in: "cookie", name: SESSION_COOKIE } },
    },
    paths,
  });
}
