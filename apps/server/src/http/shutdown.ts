// Graceful shutdown of one instance (SIGTERM from systemd, or a rolling restart):
//   1. readiness answers 503 at once, and the job runner stops taking jobs (the one running ends);
//   2. after the drain delay (time for the balancer to see the 503 and send new work elsewhere)
//      the server stops accepting connections;
//   3. its sockets are closed at the transport level, which every Socket.IO client takes as
//      "reconnect": through the balancer they land on another instance and sync what they missed;
//   4. requests in flight are finished (their answers say `Connection: close`), then idle
//      connections are closed;
//   5. whatever is still open at the deadline is cut, and the caller exits.
// The database and Redis are closed by the caller (index.ts) once this resolves.
import type { Server as HttpServer } from "node:http";
import type { RequestHandler } from "express";
import type { Logger } from "pino";
import type { JobRunner } from "../jobs/runner.ts";
import type { Realtime } from "../realtime/realtime.ts";

export interface ShutdownOptions {
  /** how long readiness says 503 before the server stops accepting connections */
  drainDelayMs: number;
  /** the deadline for the whole of it, from the start: what is still in flight then is cut */
  timeoutMs: number;
}

export interface ShutdownResult {
  /** requests still in flight at the deadline were cut */
  forced: boolean;
  /** requests still in flight when they were cut */
  cut: number;
}

/** Counts requests in flight, and asks clients to close the connection once a shutdown has begun. */
export function inFlightTracker() {
  let active = 0;
  let closing = false;
  const waiters = new Set<() => void>();
  const middleware: RequestHandler = (_req, res, next) => {
    active++;
    if (closing) res.setHeader("Connection", "close");
    res.once("close", () => {
      active--;
      if (active === 0) for (const w of waiters) w();
    });
    next();
  };
  return {
    middleware,
    get active() {
      return active;
    },
    beginClosing() {
      closing = true;
    },
    /** resolves when nothing is in flight (true), or at `deadline` (false) */
    idle(deadline: number): Promise<boolean> {
      if (active === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const done = (value: boolean) => {
          clearTimeout(timer);
          waiters.delete(onIdle);
          resolve(value);
        };
        const onIdle = () => done(true);
        const timer = setTimeout(() => done(active === 0), Math.max(0, deadline - Date.now()));
        waiters.add(onIdle);
      });
    },
  };
}

export async function shutdown(
  parts: {
    httpServer: HttpServer;
    realtime: Realtime;
    jobs: JobRunner;
    logger: Logger;
    startDraining(): void;
    inFlight: ReturnType<typeof inFlightTracker>;
  },
  options: ShutdownOptions,
): Promise<ShutdownResult> {
  const { httpServer, realtime, jobs, logger, inFlight } = parts;
  const deadline = Date.now() + options.timeoutMs;
  parts.startDraining();
  const jobsStopped = jobs.stop();
  if (options.drainDelayMs > 0)
    await new Promise((r) => setTimeout(r, Math.min(options.drainDelayMs, Math.max(0, deadline - Date.now()))));

  inFlight.beginClosing();
  const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
  httpServer.closeIdleConnections();
  const sockets = realtime.io.of("/").sockets.size;
  await realtime.drain();
  logger.info(
    { inFlight: inFlight.active, sockets },
    "stopped accepting connections; sockets told to reconnect elsewhere",
  );

  const finished = await inFlight.idle(deadline);
  const cut = inFlight.active;
  // a job that outlives the deadline rolls back with its transaction when the database closes
  await Promise.race([jobsStopped, new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now())))]);
  httpServer.closeAllConnections();
  // upgraded (WebSocket) connections are the server's too; they were closed above
  await Promise.race([closed, new Promise((r) => setTimeout(r, 1000))]);
  return { forced: !finished, cut };
}
