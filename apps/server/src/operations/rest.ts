// Binds a REST operation of the catalogue to its handler: the one path of every request.
//   parse (params, query, body) → gate → [before: work outside the transaction, e.g. a password hash]
//   → the handler (a write: in one transaction with its events and its idempotent answer; a read: plain)
//   → publish the events after commit → answer.
import type { Request, RequestHandler, Response, Router } from "express";
import type * as z from "zod";
import { IDEMPOTENCY_HEADER, type RestOperation, type SignedInUser } from "@crewboard/contracts";
import { AppError, invalidField } from "../errors.ts";
import { EventBatch } from "../realtime/event-batch.ts";
import { forViewer } from "../access/client-view.ts";
import { sendJson } from "../http/json-body.ts";
import type { Actor, Db, OperationContext } from "./context.ts";
import { passGate } from "./gate.ts";
import { parseInput } from "./parse.ts";
import { requestHashOf, runWrite, type IdempotencyKeyOf, type StoredAnswer, type WriteDeps } from "./write.ts";

type Parsed<T> = T extends z.ZodType ? z.output<T> : Record<string, never>;

/** What every route needs from the app: the database and the publisher of committed events. */
export type RouteDeps = WriteDeps;

export interface RestContext<R extends RestOperation, Prepared> extends OperationContext {
  req: Request;
  res: Response;
  params: Parsed<R["params"]>;
  query: Parsed<R["query"]>;
  body: Parsed<R["body"]>;
  user: R["gate"] extends "public" ? SignedInUser | undefined : SignedInUser;
  actor: R["gate"] extends "public" ? Actor | undefined : Actor;
  /** what the route's `before` step returned */
  prepared: Prepared;
}

type Result<R extends RestOperation> = R["response"] extends z.ZodType ? z.input<R["response"]> : void;

export type RestHandler<R extends RestOperation, Prepared = undefined> = (
  ctx: RestContext<R, Prepared>,
) => Promise<Result<R>> | Result<R>;

export interface RestOptions {
  /** Express middleware between the gate and the handler (a rate limit, a file upload) */
  middleware?: RequestHandler[];
}

/**
 * Work done before a write's transaction opens, with the plain client: slow work that must not
 * hold the transaction (hashing a password), or a refusal that must be recorded although the
 * request fails (a failed sign-in). Its result is the handler's `ctx.prepared`.
 */
export type BeforeStep<R extends RestOperation, Prepared> = (
  ctx: Omit<RestContext<R, undefined>, "events" | "prepared">,
) => Promise<Prepared>;

export function actorOf(req: Request, user: SignedInUser): Actor {
  return { user, ip: req.ip ?? null, userAgent: req.get("user-agent")?.slice(0, 300) ?? null };
}

const isWrite = (def: RestOperation) => def.method !== "get";

function requireJsonBody(def: RestOperation, req: Request): void {
  if (!def.body) return;
  const type = req.get("content-type") ?? "";
  if (req.is("application/json") || (def.multipart && req.is("multipart/form-data"))) return;
  // An absent body is reported by the schema ("body: expected object"); a body of another type is 415.
  if (type) throw new AppError("request.unsupported_media_type", { detail: `got ${type}` });
}

function idempotencyKeyOf(req: Request): IdempotencyKeyOf | undefined {
  const key = req.get(IDEMPOTENCY_HEADER);
  if (key === undefined || !req.auth) return undefined;
  if (key.length === 0 || key.length > 200) throw invalidField(`header.${IDEMPOTENCY_HEADER}`, "1 to 200 characters");
  return {
    userId: req.auth.user.id,
    key,
    method: req.method,
    path: req.originalUrl,
    requestHash: requestHashOf(req.method, req.originalUrl, req.body),
  };
}

export function registerRoute<R extends RestOperation>(
  router: Router,
  deps: WriteDeps,
  def: R,
  handler: RestHandler<R>,
  options: RestOptions = {},
): void {
  registerPreparedRoute(router, deps, def, undefined, handler, options);
}

/** A route with a `before` step (see BeforeStep); it comes first, so that its result types the handler's `prepared`. */
export function registerPreparedRoute<R extends RestOperation, Prepared>(
  router: Router,
  deps: WriteDeps,
  def: R,
  before: BeforeStep<R, Prepared> | undefined,
  handler: RestHandler<R, Prepared>,
  options: RestOptions = {},
): void {
  const run: RequestHandler = async (req: Request, res: Response) => {
    requireJsonBody(def, req);
    const user = req.auth?.user;
    const input = {
      req,
      res,
      params: parseInput(def.params, req.params, "params"),
      query: parseInput(def.query, req.query, "query"),
      body: def.body ? parseInput(def.body, req.body, "body") : {},
      user,
      actor: user ? actorOf(req, user) : undefined,
    } as Omit<RestContext<R, Prepared>, "db" | "events" | "prepared">;
    const prepared = before ? await before({ ...input, db: deps.prisma as Db }) : (undefined as Prepared);
    let answer: StoredAnswer;
    if (isWrite(def)) {
      const outcome = await runWrite(
        deps,
        ({ tx, events }) =>
          Promise.resolve(handler({ ...input, db: tx, events, prepared } as RestContext<R, Prepared>)),
        { idempotency: idempotencyKeyOf(req), answerOf: (body) => ({ status: def.status, body }) },
      );
      if (outcome.replayed) res.setHeader("Idempotent-Replayed", "true");
      answer = outcome.replayed ? outcome.answer : { status: def.status, body: outcome.value };
    } else {
      // a read records no events: a batch that is never published
      const body = await handler({ ...input, db: deps.prisma as Db, events: new EventBatch(), prepared } as RestContext<
        R,
        Prepared
      >);
      answer = { status: def.status, body };
    }
    if (res.headersSent) return; // the handler streamed its own answer (a file, a CSV)
    if (def.response === null) res.status(answer.status).end();
    // clients see the company's people by display name (access/client-view.ts)
    else sendJson(res.status(answer.status), forViewer(user, answer.body));
  };
  const guard: RequestHandler = (req, res, next) => {
    // the access log names the route pattern, never the raw URL with its ids and query
    res.locals.route = `${req.baseUrl}${def.path}`;
    passGate(def, req.auth?.user);
    next();
  };
  router[def.method](def.path, guard, ...(options.middleware ?? []), run);
}
