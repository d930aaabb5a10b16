// Binds a route of the contracts' catalogue to a handler: checks who may call it, validates
// params/query/body with the catalogue's schemas, and sends the handler's result as JSON.
import type { Request, RequestHandler, Response, Router } from "express";
import type * as z from "zod";
import type { RouteDef } from "@crewboard/contracts";
import type { PrismaClient } from "@crewboard/db";
import { AppError, invalidField } from "../errors.ts";
import { actorOf, type AuthedContext, type HandlerContext } from "./context.ts";
import { zodIssuesToFieldErrors } from "./error-handler.ts";
import { runIdempotently } from "./idempotency.ts";
import { EventBatch } from "../realtime/event-batch.ts";

type Parsed<T> = T extends z.ZodType ? z.output<T> : Record<string, never>;
type Ctx<R extends RouteDef> = R["access"] extends "public"
  ? HandlerContext<Parsed<R["params"]>, Parsed<R["query"]>, Parsed<R["body"]>> & { user: AuthedContext<unknown, unknown, unknown>["user"] | undefined }
  : AuthedContext<Parsed<R["params"]>, Parsed<R["query"]>, Parsed<R["body"]>>;
type Result<R extends RouteDef> = R["response"] extends z.ZodType ? z.input<R["response"]> : void;

export type RouteHandler<R extends RouteDef> = (ctx: Ctx<R>) => Promise<Result<R>> | Result<R>;

function parsePart(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return {};
  let result: ReturnType<z.ZodType["safeParse"]>;
  try {
    result = schema.safeParse(value);
  } catch {
    // zod can throw on hostile values (an object whose `toString` is not a function reaching a
    // length check): that is still bad input, never a 500.
    throw new AppError("validation.failed", { detail: `${where}: not a valid value`, errors: [{ path: where, message: "not a valid value" }] });
  }
  if (!result.success) {
    const errors = zodIssuesToFieldErrors(result.error, where);
    throw new AppError("validation.failed", { detail: errors.map((e) => `${e.path}: ${e.message}`).join("; "), errors });
  }
  const nul = findNulCharacter(result.data, where);
  if (nul) throw invalidField(nul, "must not contain the NUL character (\\u0000)");
  return result.data;
}

/** PostgreSQL text cannot hold U+0000: name the first string that carries one, before it reaches the database. */
function findNulCharacter(value: unknown, path: string): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (value === null || typeof value !== "object") return null;
  for (const [key, item] of Object.entries(value)) {
    const found = findNulCharacter(item, `${path}.${key}`);
    if (found) return found;
  }
  return null;
}

function authorize(def: RouteDef, req: Request): void {
  if (def.access === "public") return;
  const user = req.auth?.user;
  if (!user) throw new AppError("auth.required");
  // A one-time password opens only the door to choosing one's own (and to /me and signing out).
  if (user.mustChangePassword && !def.beforePasswordChange) {
    throw new AppError("auth.password_change_required", { detail: "you signed in with a one-time password: choose your own with POST /api/v1/me/password first" });
  }
  if (def.access !== "user" && !def.access.includes(user.role)) {
    throw new AppError("auth.forbidden", { detail: `this needs one of the roles: ${def.access.join(", ")}` });
  }
}

function requireJsonBody(def: RouteDef, req: Request): void {
  if (!def.body) return;
  const type = req.get("content-type") ?? "";
  if (req.is("application/json") || (def.multipart && req.is("multipart/form-data"))) return;
  // An absent body is reported by the schema ("body: expected object"); a body of another type is 415.
  if (type) throw new AppError("request.unsupported_media_type", { detail: `got ${type}` });
}

/** What every route handler gets from the app: the database and the realtime publisher. */
export interface RouteDeps {
  prisma: PrismaClient;
  /** sends a committed batch of room events (see realtime/event-batch.ts) */
  publish(batch: EventBatch): void;
}

export function registerRoute<R extends RouteDef>(
  router: Router,
  deps: RouteDeps,
  def: R,
  handler: RouteHandler<R>,
  middleware: RequestHandler[] = [],
): void {
  const run: RequestHandler = async (req: Request, res: Response) => {
    const params = parsePart(def.params, req.params, "params");
    const query = parsePart(def.query, req.query, "query");
    requireJsonBody(def, req);
    const body = def.body ? parsePart(def.body, req.body, "body") : {};
    const user = req.auth?.user;
    const events = new EventBatch();
    const ctx = { req, res, params, query, body, prisma: deps.prisma, events, user, actor: user ? actorOf(req, user) : undefined };
    const answer = await runIdempotently(deps.prisma, req, async () => ({ status: def.status, body: await handler(ctx as unknown as Ctx<R>) }));
    // The handler's transaction has committed: now the rooms may hear about it.
    if (!events.isEmpty) deps.publish(events);
    if (res.headersSent) return;
    if (answer.replayed) res.setHeader("Idempotent-Replayed", "true");
    if (def.response === null) {
      res.status(answer.status).end();
      return;
    }
    res.status(answer.status).json(answer.body);
  };
  const guard: RequestHandler = (req, res, next) => {
    // the access log names the route pattern, never the raw URL with its ids and query
    res.locals.route = `${req.baseUrl}${def.path}`;
    authorize(def, req);
    next();
  };
  router[def.method](def.path, guard, ...middleware, run);
}
