// A socket lives only as long as the session that opened it. Signing out closes the session's
// sockets at once (its `session:<id>` room, on every instance through the adapter); for a session
// that ends any other way (it expires, its row is deleted, its user or client company is
// deactivated) two checks close them within seconds:
// - every incoming client event re-checks the session (the answer is cached a few seconds per
//   socket, so a chatty client costs at most one query per socket per few seconds), and refuses
//   the event with `auth.required` before any handler runs;
// - a sweep on each instance checks the sessions of its own sockets, in one query, and closes the
//   ones whose session is gone, for connections that only listen.
import type { Logger } from "pino";
import type { Ack } from "@crewboard/contracts";
import { AppError } from "../errors.ts";
import { problemOf } from "../operations/problem.ts";
import type { PrismaClient } from "@crewboard/db";
import { liveSessionIds, touchIntervalMs, touchSessionById, type SessionTimeouts } from "../modules/auth/sessions.ts";
import type { CrewboardServer, CrewboardSocket } from "./types.ts";

export interface SessionCheckOptions {
  /** how long one socket's "the session is still good" is trusted before the next event checks again */
  cacheMs: number;
  /** how often each instance checks the sessions of all its sockets */
  sweepMs: number;
}

export const DEFAULT_SESSION_CHECK: SessionCheckOptions = { cacheMs: 5_000, sweepMs: 5_000 };

const SESSION_ENDED = {
  ok: false,
  error: problemOf(new AppError("auth.required", { detail: "Your session has ended; please sign in again" })),
} as Extract<Ack<never>, { ok: false }>;

/**
 * Client events a page sends by itself (joining its rooms on every connect, catching up, marking
 * what is on screen as read, presence): they do not keep an idle session alive, as the handshake
 * does not. Every other event is the user doing something.
 */
const BACKGROUND_EVENTS = new Set([
  "room:join",
  "sync:request",
  "presence:set",
  "presence:list",
  "message:read",
  "chat:rooms",
]);

/**
 * Re-checks the socket's session on its incoming events; refuses the event and disconnects when it
 * has ended. An event the user sent keeps the session alive, as a request does (at most one write
 * per touch interval per socket).
 */
export function guardSocketSession(
  socket: CrewboardSocket,
  prisma: PrismaClient,
  logger: Logger,
  options: SessionCheckOptions,
  timeouts: SessionTimeouts,
): void {
  let checkedAt = Date.now(); // the handshake has just checked it
  let touchedAt = 0;
  socket.use((packet, next) => {
    const now = Date.now();
    if (!BACKGROUND_EVENTS.has(String(packet[0])) && now - touchedAt > touchIntervalMs(timeouts)) {
      touchedAt = now;
      touchSessionById(prisma, socket.data.sessionId, timeouts).catch((error: unknown) =>
        logger.warn({ err: error }, "could not record activity on a socket's session"),
      );
    }
    if (Date.now() - checkedAt < options.cacheMs) return next();
    liveSessionIds(prisma, [socket.data.sessionId], timeouts).then(
      (live) => {
        if (live.has(socket.data.sessionId)) {
          checkedAt = Date.now();
          return next();
        }
        const ack = packet[packet.length - 1];
        if (typeof ack === "function") (ack as (a: typeof SESSION_ENDED) => void)(SESSION_ENDED);
        socket.disconnect(true);
      },
      (error: unknown) => {
        // Without an answer from the database, let the event through: its handler needs the
        // database too and answers its own error. The sweep will try again.
        logger.warn({ err: error }, "could not check a socket's session");
        next();
      },
    );
  });
}

/** Starts the sweep over this instance's own sockets; returns the function that stops it. */
export function startSessionSweep(
  io: CrewboardServer,
  prisma: PrismaClient,
  logger: Logger,
  options: SessionCheckOptions,
  timeouts: SessionTimeouts,
  /** the sweep's query failed (the database may be down: server-status.ts) */
  onError?: (error: unknown) => void,
): () => void {
  let running = false;
  const sweep = async () => {
    const sockets = [...io.of("/").sockets.values()];
    if (sockets.length === 0) return;
    const sessionIds = [
      ...new Set(sockets.map((s) => s.data.sessionId).filter((id): id is string => typeof id === "string")),
    ];
    const live = await liveSessionIds(prisma, sessionIds, timeouts);
    for (const socket of sockets) if (!live.has(socket.data.sessionId)) socket.disconnect(true);
  };
  const timer = setInterval(() => {
    if (running) return; // a slow database: never pile sweeps up
    running = true;
    sweep()
      .catch((error: unknown) => {
        logger.warn({ err: error }, "could not sweep the sockets' sessions");
        onError?.(error);
      })
      .finally(() => {
        running = false;
      });
  }, options.sweepMs);
  timer.unref();
  return () => clearInterval(timer);
}
