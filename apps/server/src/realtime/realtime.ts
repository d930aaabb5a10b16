// The Socket.IO server: authenticates the handshake with the session cookie, puts each
// connection in the rooms its user may see, replays missed events, and sends committed events.
// With several instances, a Socket.IO adapter (Redis streams) carries emits and room changes
// between them; without one, a single instance needs nothing extra.
import type { Server as HttpServer } from "node:http";
import { Server } from "socket.io";
import type { Logger } from "pino";
import {
  internalRooms,
  rooms,
  sessionCookieName,
  type ErrorCode,
  type SyncResponse,
  type SyncRoomResult,
} from "@crewboard/contracts";
import { homeRooms, seesDisplayNamesOnly } from "@crewboard/domain";
import type { PrismaClient } from "@crewboard/db";
import { AppError } from "../errors.ts";
import { findSession } from "../modules/auth/sessions.ts";
import { plausibleSessionToken, type SessionCookieSettings } from "../http/session.ts";
import { recordAudit } from "../audit/record-audit.ts";
import type { Actor } from "../operations/context.ts";
import type { EventBatch } from "./event-batch.ts";
import { databaseRoomsOf, mayJoin } from "./room-access.ts";
import { registerSocketOperation, type SocketDeps } from "../operations/socket.ts";
import {
  DEFAULT_SESSION_CHECK,
  guardSocketSession,
  startSessionSweep,
  type SessionCheckOptions,
} from "./session-guard.ts";
import { eventsSince, latestSeq } from "./sync.ts";
import { coalesced } from "./coalesce.ts";
import { viewerRoomOf, withDisplayNames } from "../access/client-view.ts";
import { carryingSharedJson, SharedJson, sharedJsonParser } from "./shared-json.ts";
import { emitToRoom, markSingleInstance } from "./emit.ts";
import { inNumberOrder, type Publish } from "./publish-order.ts";
import type { CrewboardServer, CrewboardSocket } from "./types.ts";
import { REQUEST_ID_HEADER, saneRequestId, withRequestId } from "../http/logging.ts";
import type { RealtimeObserver } from "../http/metrics.ts";
import { createSocketLimiter, type SocketLimitOptions } from "./socket-limits.ts";
import { createServerStatus } from "./server-status.ts";
import { toAppError } from "../operations/problem.ts";

const handshakeRequestId = (header: string | string[] | undefined) =>
  saneRequestId(typeof header === "string" ? header : undefined);

/** What a feature needs to add its own socket events (see modules/chat/chat.socket.ts). */
export interface SocketModuleContext {
  io: CrewboardServer;
  prisma: PrismaClient;
  logger: Logger;
  publish: Publish;
  actorOf(socket: CrewboardSocket): Actor;
  /** what registerSocketOperation needs (operations/socket.ts) */
  deps: SocketDeps;
}
export type SocketModule = (socket: CrewboardSocket, ctx: SocketModuleContext) => void;

export interface Realtime {
  io: CrewboardServer;
  /**
   * sends a committed batch: its joins and leaves, then its events to their rooms, then its
   * disconnects; a room's events in the order of their numbers (publish-order.ts)
   */
  publish: Publish;
  /**
   * Shutting down: closes every connection at the transport level. Socket.IO clients take that as
   * "transport close" and reconnect by themselves (through a balancer, to another instance), then
   * sync what they missed. (A server-side disconnect would tell them NOT to reconnect.)
   */
  drain(): Promise<void>;
  close(): Promise<void>;
  /** a request found the database not answering: this instance's connections are told (server-status.ts) */
  databaseUnavailable(): void;
}

export interface RealtimeOptions {
  httpServer: HttpServer;
  /** the session cookie's name and the sessions' timeouts, as for REST */
  session: SessionCookieSettings;
  prisma: PrismaClient;
  logger: Logger;
  /** a Socket.IO adapter factory (Redis streams when scaled out) */
  adapter?: Parameters<CrewboardServer["adapter"]>[0];
  modules?: SocketModule[];
  /** how sockets are re-checked against their session (tests shorten the times) */
  sessionCheck?: Partial<SessionCheckOptions>;
  /** metrics: publish lag, sync requests and resets */
  observer?: RealtimeObserver;
  /** per-event budgets, connections per user, sync bounds (socket-limits.ts); tests raise them here */
  limits?: Partial<SocketLimitOptions>;
  /** during a database outage, how often it is probed to tell connections it is back (default 2 s) */
  databaseProbeMs?: number;
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return undefined;
}

function hostOf(origin: string): string | null {
  try {
    return new URL(origin).host || null;
  } catch {
    return null;
  }
}

function socketActor(socket: CrewboardSocket): Actor {
  const forwarded = socket.handshake.headers["x-forwarded-for"];
  return {
    user: socket.data.user,
    ip: socket.handshake.address ?? (typeof forwarded === "string" ? forwarded : null),
    userAgent: socket.handshake.headers["user-agent"]?.slice(0, 300) ?? null,
  };
}

export function createRealtime(options: RealtimeOptions): Realtime {
  const { prisma, logger } = options;
  const limiter = createSocketLimiter(options.limits);
  // connecting is not the user doing something: a reconnect after a network blip or a sleep must
  // not keep an idle session alive. The tabs of one session connecting at once (a reconnect after a
  // restart) share one lookup, read after each of them asked (coalesce.ts), and so one copy of the user.
  const sessionOf = coalesced((token: string) =>
    findSession(prisma, token, { timeouts: options.session.timeouts, activity: false }),
  );
  const io: CrewboardServer = new Server(options.httpServer, {
    serveClient: false,
    // acknowledgements of sync:request carry each room's events as JSON written once (shared-json.ts)
    parser: sharedJsonParser,
    ...(options.adapter ? { adapter: options.adapter } : {}),
  });
  // alone, the instance knows every connection: emits that reach nobody are skipped (emit.ts)
  if (!options.adapter) markSingleInstance(io);

  // The handshake carries the same session cookie as the API; no valid session, no connection.
  // It is a request of its own: a balancer's X-Request-Id is kept, as for REST.
  io.use((socket, next) =>
    withRequestId(handshakeRequestId(socket.handshake.headers[REQUEST_ID_HEADER.toLowerCase()]), () =>
      handshake(socket, next),
    ),
  );
  async function handshake(socket: Parameters<Parameters<CrewboardServer["use"]>[0]>[0], next: (err?: Error) => void) {
    try {
      const origin = socket.handshake.headers.origin;
      // A foreign origin, `Origin: null` (a sandboxed frame, a file: page) or one that does not
      // parse: refused quietly (an answer, not an error in the log)
      if (origin !== undefined && hostOf(origin) !== socket.handshake.headers.host) {
        return next(
          Object.assign(new Error("auth.forbidden"), {
            data: { code: "auth.forbidden", message: "cross-site connection refused" },
          }),
        );
      }
      const token = readCookie(socket.handshake.headers.cookie, sessionCookieName(options.session.secure));
      // the same rule as REST's: a value that cannot be a token is not hashed nor looked up
      const found = plausibleSessionToken(token) ? await sessionOf(token) : null;
      if (!found)
        return next(
          Object.assign(new Error("auth.required"), { data: { code: "auth.required", message: "Please sign in" } }),
        );
      // Nothing live until a one-time password has been replaced by the user's own.
      if (found.user.mustChangePassword) {
        return next(
          Object.assign(new Error("auth.password_change_required"), {
            data: { code: "auth.password_change_required", message: "Choose a new password first" },
          }),
        );
      }
      // A cap on connections per user (per instance) and on how fast they are opened: a runaway
      // client or a stolen session cannot hold thousands of sockets, nor reconnect in a loop. The
      // browser's tabs reconnect well below both (and try again later when refused).
      const admission = limiter.open(found.user.id, socket.id);
      if (!admission.admitted) {
        return next(
          Object.assign(new Error("rate_limited"), {
            data:
              admission.refused === "too_fast"
                ? {
                    code: "rate_limited",
                    message: `too many new connections; try again in ${Math.ceil(admission.retryAfterMs / 1000)} s`,
                    retryAfterMs: admission.retryAfterMs,
                  }
                : {
                    code: "rate_limited",
                    message: `at most ${limiter.options.maxSocketsPerUser} connections per user`,
                  },
          }),
        );
      }
      const release = limiter.release.bind(limiter, found.user.id, socket.id);
      // a client that hung up during the session lookup above: its close has been and gone, and
      // Socket.IO drops the socket without a disconnect, so its place would stay taken for good
      if (socket.conn.readyState !== "open") {
        release();
        return next(Object.assign(new Error("closed"), { data: { code: "closed", message: "The connection closed" } }));
      }
      socket.conn.once("close", release);
      socket.once("disconnect", release);
      socket.data.user = found.user;
      socket.data.sessionId = found.session.id;
      socket.data.presence = "online";
      next();
    } catch (error) {
      logger.error({ err: error }, "socket handshake failed");
      next(Object.assign(new Error("internal"), { data: { code: "internal", message: "Please try again" } }));
    }
  }

  const send = (batch: EventBatch) => {
    // Rooms are joined and left first: the batch's events describe the state after the change,
    // so they go to whoever may see that state (a new assignee hears of the order it was just
    // given; the previous one no longer receives the order it just lost). Disconnects come last.
    for (const change of batch.membership) {
      if (change.type === "join") {
        const userRoom = rooms.user(change.userId);
        io.in(userRoom).socketsJoin(change.rooms);
        io.to(userRoom).emit("membership:updated", { joined: change.rooms, left: [] });
      } else if (change.type === "leave") {
        const userRoom = rooms.user(change.userId);
        io.in(userRoom).socketsLeave(change.rooms);
        io.to(userRoom).emit("membership:updated", { joined: [], left: change.rooms });
      }
    }
    for (const envelope of batch.envelopes) emitToRoom(io, envelope.room, envelope.event, envelope);
    if (batch.committedAt !== undefined && batch.envelopes.length)
      options.observer?.published((performance.now() - batch.committedAt) / 1000, batch.envelopes.length);
    for (const send of batch.afterCommit) {
      Promise.resolve()
        .then(send)
        .catch((error: unknown) => logger.warn({ err: error }, "could not send what follows a committed change"));
    }
    for (const change of batch.membership) {
      if (change.type === "disconnect-user") io.in(rooms.user(change.userId)).disconnectSockets(true);
      else if (change.type === "disconnect-room") io.in(change.room).disconnectSockets(true);
    }
  };

  const publish = inNumberOrder(send, (error) => logger.error({ err: error }, "could not send a committed change"));

  const sessionCheck: SessionCheckOptions = { ...DEFAULT_SESSION_CHECK, ...options.sessionCheck };
  const serverStatus = createServerStatus(io, prisma, logger, { probeMs: options.databaseProbeMs ?? 2000 });
  const stopSweep = startSessionSweep(io, prisma, logger, sessionCheck, options.session.timeouts, (error) => {
    if (toAppError(error).code === "database.unavailable") serverStatus.databaseUnavailable();
  });

  const operationDeps: SocketDeps = {
    prisma,
    publish,
    logger,
    actorOf: socketActor,
    limits: limiter,
    onDatabaseUnavailable: serverStatus.databaseUnavailable,
  };
  const moduleContext: SocketModuleContext = { io, prisma, logger, publish, actorOf: socketActor, deps: operationDeps };
  // A room's latest sequence, read once for every connection joining it at the same moment (a
  // thousand sockets joining `board` after a restart): each is told a sequence read after it joined.
  const latestOf = coalesced((room: string) => latestSeq(prisma, room));
  // A room's events after a sequence, read once for every connection asking for the same ones at
  // the same moment (a thousand clients back after a restart all saw the board up to the same
  // event), each told what a read started after it asked found; the reads themselves take turns
  // within the instance's sync concurrency, so a storm of syncs is a few reads, not one per client.
  // What such a read found is also encoded once per kind of viewer (SyncViews), for all of them.
  const since = coalesced((key: string) => {
    const [room, after] = JSON.parse(key) as [string, number];
    return limiter.sync(() => eventsSince(prisma, room, after)).then((result) => new SyncViews(result));
  });
  const syncDeps: SyncDeps = {
    observer: options.observer,
    eventsSince: (room, after) => since(JSON.stringify([room, after])),
    mayJoin: (user, room) => limiter.sync(() => mayJoin(prisma, user, room)),
  };
  // The connections of one session (the same user object: sessionOf) connecting at once share one
  // read of their rooms, read after each of them connected.
  const roomsFromDatabase = coalesced((user: CrewboardSocket["data"]["user"]) => databaseRoomsOf(prisma, user));

  io.on("connection", (socket) => {
    const user = socket.data.user;
    // Signing out closes exactly this session's connections, on whichever instance holds them.
    // The home rooms (the user's own, the board, the team) need no database: joined at once, so
    // that presence (chat/presence.ts) finds the connection in its user's room from the start.
    void socket.join([internalRooms.session(socket.data.sessionId), viewerRoomOf(user), ...homeRooms(user)]);
    guardSocketSession(socket, prisma, logger, sessionCheck, options.session.timeouts);
    // The other rooms, read from the database (a crew member's orders, an admin's teams, chats) are
    // joined once, right away; handlers that depend on membership wait for it.
    const joined = roomsFromDatabase(user).then(
      (names) => socket.join(names),
      (error: unknown) => {
        logger.error({ err: error }, "could not join the user's rooms");
        socket.disconnect(true);
      },
    );
    // One rule for entering a room, whether the client asks with room:join or with a sync:request
    // for a room the connection is not in: the policy decides (room-access.ts). A refused room:join
    // is audited once per window, user and room (a flood of refused joins writes one row, not one
    // each); a room refused in a sync is not: a client coming back asks again for every room it
    // followed, and access may have been taken away while it was gone.
    const enter = async (
      room: string,
      how: { check: (room: string) => Promise<boolean>; auditRefusal: boolean },
    ): Promise<boolean> => {
      await joined;
      if (await how.check(room)) {
        await socket.join(room);
        return true;
      }
      if (how.auditRefusal && (await limiter.firstInWindow(`join_refused|${user.id}|${room}`)))
        await recordAudit(prisma, socketActor(socket), {
          action: "realtime.join_refused",
          entityType: "room",
          entityId: room,
          metadata: { auditedOncePerSeconds: Math.ceil(limiter.options.auditWindowMs / 1000) },
        });
      return false;
    };
    // Handlers first, so that nothing the client sends right after connecting is lost.
    registerSocketOperation(socket, operationDeps, "joinRoom", async ({ payload: { room } }) => {
      const entered = await enter(room, { check: (name) => mayJoin(prisma, user, name), auditRefusal: true });
      if (!entered) throw new AppError("auth.forbidden", { detail: `not allowed to join ${room}` });
      return { room, latest: await latestOf(room) };
    });
    // A room a sync:request asks for that the connection is not in: entered as by room:join, from
    // the same budget (socket-limits.ts), so that a sync of many rooms is no way round its limit.
    const enterForSync = async (room: string): Promise<ErrorCode | null> => {
      if (limiter.spend(user.id, socket.id, "room:join") > 0) return "rate_limited";
      const entered = await enter(room, { check: (name) => syncDeps.mayJoin(user, name), auditRefusal: false });
      return entered ? null : "auth.forbidden";
    };

    let syncing = false;
    registerSocketOperation(socket, operationDeps, "requestSync", async ({ payload }) => {
      const asked = Object.keys(payload.rooms).length;
      if (asked > limiter.options.syncMaxRooms)
        throw new AppError("rate_limited", {
          detail: `at most ${limiter.options.syncMaxRooms} rooms per sync:request (${asked} asked); reload the others over REST`,
        });
      // one sync at a time per connection, and a few database reads at a time per instance (the others wait)
      if (syncing) throw new AppError("rate_limited", { detail: "one sync:request at a time per connection" });
      syncing = true;
      try {
        return await syncRooms(syncDeps, socket, joined, payload, enterForSync);
      } finally {
        syncing = false;
      }
    });
    for (const register of options.modules ?? []) register(socket, moduleContext);
  });

  return {
    io,
    publish,
    databaseUnavailable: serverStatus.databaseUnavailable,
    drain: async () => {
      stopSweep();
      io.engine.close();
    },
    close: () =>
      new Promise<void>((resolve) => {
        stopSweep();
        serverStatus.close();
        io.local.disconnectSockets(true);
        // io.close() would also close the HTTP server, which its owner does.
        void io.of("/").adapter.close?.();
        resolve();
      }),
  };
}

interface SyncDeps {
  observer?: RealtimeObserver | undefined;
  /** sync.ts eventsSince, shared by the connections asking the same at once, within the sync concurrency */
  eventsSince(room: string, after: number): Promise<SyncViews>;
  /** room-access.ts mayJoin, within the sync concurrency */
  mayJoin(user: CrewboardSocket["data"]["user"], room: string): Promise<boolean>;
}

/**
 * One read's answer for a room, as each kind of viewer may see it (clients: the company's people by
 * display name, access/client-view.ts), made and encoded once for every connection of that kind
 * the read answers. Held only as long as the read's waiters hold it: nothing is kept for later asks.
 */
export class SyncViews {
  #full: SharedJson<SyncRoomResult> | undefined;
  #displayNames: SharedJson<SyncRoomResult> | undefined;
  constructor(readonly result: SyncRoomResult) {}
  for(viewer: CrewboardSocket["data"]["user"]): SharedJson<SyncRoomResult> {
    if (seesDisplayNamesOnly(viewer)) return (this.#displayNames ??= new SharedJson(withDisplayNames(this.result)));
    return (this.#full ??= new SharedJson(this.result));
  }
}

/**
 * sync:request — every later event of each room the connection is in or may enter (after its own
 * rooms are joined). A room it is not in is entered first (`enter`: room:join's rule and budget),
 * then read, so that no event falls between the read and the live ones: a client that
 * comes back asks its home rooms without joining them (@crewboard/domain roomsToJoinOnConnect),
 * from what it knew of its user before a change of team or role that the server has since taken
 * into account.
 */
async function syncRooms(
  deps: SyncDeps,
  socket: CrewboardSocket,
  joined: Promise<unknown>,
  payload: { rooms: Record<string, number> },
  enter: (room: string) => Promise<ErrorCode | null>,
): Promise<SyncResponse> {
  await joined;
  const user = socket.data.user;
  // the rooms side by side (each room's events stay in order; the client applies them per room)
  const results = await Promise.all(
    Object.entries(payload.rooms).map(async ([room, after]) => {
      // Authorization is checked again: access may have been revoked while the client was away.
      if (!socket.rooms.has(room)) {
        const refused = await enter(room);
        if (refused) return { error: refused } as const;
      }
      return (await deps.eventsSince(room, after)).for(user);
    }),
  );
  // A SharedJson stands for its SyncRoomResult: written as that JSON (shared-json.ts), and already
  // as this viewer may see it (forViewer in operations/socket.ts passes it as it is).
  const answer: SyncResponse = carryingSharedJson({
    rooms: Object.fromEntries(
      Object.keys(payload.rooms).map((room, i) => [room, results[i]! as unknown as SyncResponse["rooms"][string]]),
    ),
  });
  deps.observer?.synced(results.length, results.filter((r) => r instanceof SharedJson && r.value.reset).length);
  return answer;
}
