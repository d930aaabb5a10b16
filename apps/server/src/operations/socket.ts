// Binds a Socket.IO operation of the catalogue to its handler: the same path as a REST request.
//   parse the payload → gate → the handler (a write: in one transaction with its events; a read:
//   plain) → publish after commit → acknowledge `{ ok: true, data }` or `{ ok: false, error }`,
//   where `error` is the same problem (code, status, title, detail, errors) REST answers.
// A client that sends no acknowledgement callback is tolerated; nothing it sends can crash the server.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type * as z from "zod";
import {
  socketOperations,
  type Ack,
  type AckProblem,
  type SignedInUser,
  type SocketOperationName,
  type SocketResults,
} from "@crewboard/contracts";
import { EventBatch } from "../realtime/event-batch.ts";
import type { CrewboardSocket } from "../realtime/types.ts";
import type { Actor, Db, OperationContext } from "./context.ts";
import { passGate } from "./gate.ts";
import { parseInput } from "./parse.ts";
import { problemOf, toAppError } from "./problem.ts";
import { AppError } from "../errors.ts";
import { runWrite, type WriteDeps } from "./write.ts";
import { currentRequestId, withRequestId } from "../http/logging.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { SocketLimiter } from "../realtime/socket-limits.ts";
import { forViewer } from "../access/client-view.ts";

type Ops = typeof socketOperations;

export interface SocketContext<N extends SocketOperationName> extends OperationContext {
  socket: CrewboardSocket;
  user: SignedInUser;
  actor: Actor;
  payload: z.output<Ops[N]["payload"]>;
}

export type SocketHandler<N extends SocketOperationName> = (ctx: SocketContext<N>) => Promise<SocketResults[N]>;

export interface SocketDeps extends WriteDeps {
  logger: Logger;
  actorOf(socket: CrewboardSocket): Actor;
  /** per-event budgets (realtime/socket-limits.ts); none: unlimited (a bare test server) */
  limits?: SocketLimiter;
  /** told when an event finds the database not answering (realtime/server-status.ts) */
  onDatabaseUnavailable?: () => void;
}

/** The error answer of a refused client event: the same problem as REST's, with the event's request id (as in its log lines). */
export function ackProblemOf(
  error: unknown,
  logger: Logger,
  event: string,
  onDatabaseUnavailable?: () => void,
): AckProblem {
  const appError = toAppError(error);
  if (appError.code === "database.unavailable") onDatabaseUnavailable?.();
  if (appError.status >= 500) logger.error({ err: error, event }, "socket handler failed");
  return problemOf(appError, { requestId: currentRequestId() }) as AckProblem;
}

export function registerSocketOperation<N extends SocketOperationName>(
  socket: CrewboardSocket,
  deps: SocketDeps,
  name: N,
  handler: SocketHandler<N>,
): void {
  const def = socketOperations[name];
  // Registered with the untyped `on`: the payload is checked here, whatever the client sent.
  // Each client event is a request of its own: an id on its log lines and in its error answer.
  // (One small listener per event and connection; the work is in module-level functions, not in
  // closures made again for every connection: issue 14, memory per socket.)
  (socket as unknown as { on(e: string, l: (...args: unknown[]) => void): void }).on(def.event, (...args: unknown[]) =>
    withRequestId(randomUUID(), () => handleEvent(socket, deps, def, handler, args)),
  );
}

type OperationDef = Ops[SocketOperationName];

async function handleEvent<N extends SocketOperationName>(
  socket: CrewboardSocket,
  deps: SocketDeps,
  def: OperationDef,
  handler: SocketHandler<N>,
  args: unknown[],
): Promise<void> {
  const ack =
    typeof args[args.length - 1] === "function" ? (args.pop() as (a: Ack<SocketResults[N]>) => void) : undefined;
  try {
    await spendBudget(socket, deps, def.event);
    const payload = parseInput(def.payload, args[0], "payload") as z.output<Ops[N]["payload"]>;
    passGate(def, socket.data.user);
    const base = { socket, user: socket.data.user, actor: deps.actorOf(socket), payload };
    let data: SocketResults[N];
    if ("write" in def && def.write) {
      const outcome = await runWrite(deps, ({ tx, events }) => handler({ ...base, db: tx, events }));
      if (outcome.replayed) throw new Error("a socket operation has no idempotency key to replay");
      data = outcome.value;
    } else {
      data = await handler({ ...base, db: deps.prisma as Db, events: new EventBatch() });
    }
    // clients see the company's people by display name, in answers too (sync replays events)
    ack?.({ ok: true, data: forViewer(socket.data.user, data) });
  } catch (error) {
    ack?.({ ok: false, error: ackProblemOf(error, deps.logger, def.event, deps.onDatabaseUnavailable) });
  }
}

/** Every event spends from its budget before anything else runs; over it, `rate_limited` (audited once per window). */
async function spendBudget(socket: CrewboardSocket, deps: SocketDeps, event: string): Promise<void> {
  const user = socket.data.user;
  const waitMs = deps.limits?.spend(user.id, socket.id, event) ?? 0;
  if (waitMs === 0) return;
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  if (await deps.limits!.firstInWindow(`rate_limited|${user.id}|${event}`)) {
    await recordAudit(deps.prisma, deps.actorOf(socket), {
      action: "realtime.rate_limited",
      entityType: "user",
      entityId: user.id,
      metadata: { event, auditedOncePerSeconds: Math.ceil(deps.limits!.options.auditWindowMs / 1000) },
    }).catch((error: unknown) => deps.logger.warn({ err: error }, "could not audit a socket refusal"));
  }
  throw new AppError("rate_limited", {
    detail: `too many ${event} events; wait ${retryAfterSeconds} s`,
    extensions: { retryAfterSeconds },
  });
}
