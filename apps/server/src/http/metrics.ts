// Metrics in the Prometheus text format (prom-client), one registry per app instance.
//
// What an operator watches: HTTP request duration by route pattern and status; connected sockets
// and the rooms they are in (by kind of room); how long committed events wait before they are
// emitted; sync requests and the resets among them; the database pool and query durations; due
// jobs waiting to run; the email outbox (waiting, failed, the oldest waiting email's age); sign-ins
// refused by the login limiter; and Node's own process metrics.
//
// Never public by default: `/metrics` on the app's port answers only with METRICS_TOKEN as a
// bearer token (404 when no token is set), or it is served on a port of its own (METRICS_PORT,
// loopback unless METRICS_HOST says otherwise).
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { Request, RequestHandler, Response } from "express";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { API_BASE_PATH } from "@crewboard/contracts";
import type { Database, PrismaClient } from "@crewboard/db";
import { AppError } from "../errors.ts";
import { sendProblem } from "./problem.ts";
import { routeOf } from "./logging.ts";
import type { CrewboardServer } from "../realtime/types.ts";

/** What the realtime layer reports (realtime.ts calls these; they do nothing without metrics). */
export interface RealtimeObserver {
  /** a committed batch was emitted `lagSeconds` after its transaction committed */
  published(lagSeconds: number, events: number): void;
  /** a client asked for what it missed in `rooms` rooms; `resets` of them could not be replayed */
  synced(rooms: number, resets: number): void;
}

export interface Metrics {
  registry: Registry;
  /** Express middleware: times every request (put it first) */
  http: RequestHandler;
  realtime: RealtimeObserver;
}

const LOGIN_ROUTE = `${API_BASE_PATH}/auth/login`;

export function createMetrics(options: {
  db: Database;
  io: () => CrewboardServer;
  prisma: PrismaClient;
  inFlight: () => number;
}): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const httpDuration = new Histogram({
    name: "crewboard_http_request_duration_seconds",
    help: "HTTP requests by route pattern and status, from the first byte read to the last written",
    labelNames: ["method", "route", "status"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const loginLimited = new Counter({
    name: "crewboard_login_limiter_hits_total",
    help: "Sign-in attempts refused by the login limiter (429)",
    registers: [registry],
  });
  const http: RequestHandler = (req: Request, res: Response, next) => {
    const end = httpDuration.startTimer();
    res.once("finish", () => {
      const route = routeOf(req, res);
      end({ method: req.method, route, status: String(res.statusCode) });
      if (res.statusCode === 429 && route === LOGIN_ROUTE) loginLimited.inc();
    });
    next();
  };

  new Gauge({
    name: "crewboard_http_requests_in_flight",
    help: "HTTP requests being handled now (a shutdown waits for them)",
    registers: [registry],
    collect() {
      this.set(options.inFlight());
    },
  });
  new Gauge({
    name: "crewboard_socket_connections",
    help: "Socket.IO connections open on this instance",
    registers: [registry],
    collect() {
      this.set(options.io().of("/").sockets.size);
    },
  });
  new Gauge({
    name: "crewboard_socket_rooms",
    help: "Rooms with at least one connection on this instance, by kind (board, user, company, work-order, team, chat, session)",
    labelNames: ["kind"] as const,
    registers: [registry],
    collect() {
      const nsp = options.io().of("/");
      const counts = new Map<string, number>();
      for (const room of nsp.adapter.rooms.keys()) {
        if (nsp.sockets.has(room)) continue; // each connection's own room
        const kind = room.split(":")[0] ?? room;
        counts.set(kind, (counts.get(kind) ?? 0) + 1);
      }
      this.reset();
      for (const [kind, n] of counts) this.set({ kind }, n);
    },
  });

  const publishLag = new Histogram({
    name: "crewboard_event_publish_lag_seconds",
    help: "From a write's commit to its events being emitted to their rooms",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const eventsPublished = new Counter({
    name: "crewboard_events_published_total",
    help: "Room events emitted after their commit",
    registers: [registry],
  });
  const syncRequests = new Counter({
    name: "crewboard_sync_requests_total",
    help: "sync:request calls (a client catching up after a reconnect)",
    registers: [registry],
  });
  const syncRooms = new Counter({
    name: "crewboard_sync_rooms_total",
    help: "Rooms named in sync:request calls",
    registers: [registry],
  });
  const syncResets = new Counter({
    name: "crewboard_sync_resets_total",
    help: "Rooms a sync could not replay event by event (too far behind, or pruned): the client reloads them",
    registers: [registry],
  });

  const { db } = options;
  if (db.poolStats) {
    const stats = db.poolStats;
    new Gauge({
      name: "crewboard_db_pool_connections",
      help: "PostgreSQL pool connections by state (busy, idle), and queries waiting for one",
      labelNames: ["state"] as const,
      registers: [registry],
      collect() {
        const s = stats();
        this.set({ state: "busy" }, s.total - s.idle);
        this.set({ state: "idle" }, s.idle);
        this.set({ state: "waiting" }, s.waiting);
      },
    });
    new Gauge({
      name: "crewboard_db_pool_max",
      help: "The most connections the pool opens",
      registers: [registry],
      collect() {
        this.set(stats().max);
      },
    });
  }
  if (db.onQuery) {
    const queryDuration = new Histogram({
      name: "crewboard_db_query_duration_seconds",
      help: "Database queries run by Prisma (Prisma query events)",
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [registry],
    });
    db.onQuery((ms) => queryDuration.observe(ms / 1000));
  }
  new Gauge({
    name: "crewboard_jobs_due",
    help: "Jobs (deadlines, reminders, retries) due and not yet run, across all instances",
    registers: [registry],
    async collect() {
      try {
        const [row] = await options.prisma.$queryRaw<
          { n: number }[]
        >`SELECT count(*)::int AS n FROM "Job" WHERE "doneAt" IS NULL AND "runAt" <= now()`;
        this.set(row?.n ?? 0);
      } catch {
        this.reset(); // the database does not answer: readiness says so; the other metrics still come
      }
    },
  });

  // The email outbox (jobs/email-outbox.ts): what waits to be sent, what was given up on, and how
  // long the oldest waiting email has waited — a mail server that refuses shows here first.
  const outboxAge = new Gauge({
    name: "crewboard_email_outbox_oldest_waiting_seconds",
    help: "Age of the oldest email not yet sent nor given up on (0 when none waits)",
    registers: [registry],
  });
  new Gauge({
    name: "crewboard_email_outbox",
    help: "Emails in the outbox by state: waiting (not sent yet, retries included) or failed (given up)",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      try {
        const [row] = await options.prisma.$queryRaw<{ waiting: number; failed: number; oldest: number | null }[]>`
          SELECT count(*) FILTER (WHERE "sentAt" IS NULL AND "failedAt" IS NULL)::int AS waiting,
                 count(*) FILTER (WHERE "failedAt" IS NOT NULL)::int AS failed,
                 extract(epoch FROM now() - min("createdAt") FILTER (WHERE "sentAt" IS NULL AND "failedAt" IS NULL))::float8 AS oldest
          FROM "OutboxEmail"`;
        this.set({ state: "waiting" }, row?.waiting ?? 0);
        this.set({ state: "failed" }, row?.failed ?? 0);
        outboxAge.set(Math.max(0, row?.oldest ?? 0));
      } catch {
        this.reset(); // the database does not answer: readiness says so
        outboxAge.reset();
      }
    },
  });

  return {
    registry,
    http,
    realtime: {
      published(lagSeconds, events) {
        publishLag.observe(lagSeconds);
        eventsPublished.inc(events);
      },
      synced(rooms, resets) {
        syncRequests.inc();
        syncRooms.inc(rooms);
        if (resets) syncResets.inc(resets);
      },
    },
  };
}

const digest = (s: string) => createHash("sha256").update(s).digest();

/** True when the Authorization header is `Bearer <token>` (compared in constant time). */
function hasToken(header: string | undefined, token: string): boolean {
  const match = /^Bearer (.+)$/.exec(header ?? "");
  return Boolean(match) && timingSafeEqual(digest(match![1]!), digest(token));
}

/** GET /metrics on the app's port: 404 without a token configured, 401 without the right bearer token. */
export function metricsRoute(registry: Registry, token: string | undefined): RequestHandler {
  return async (req, res) => {
    if (!token) throw new AppError("route.not_found", { detail: `${req.method} ${req.originalUrl} does not exist` });
    if (!hasToken(req.get("authorization"), token)) {
      sendProblem(
        res,
        new AppError("auth.required", {
          detail: "send the metrics token as Authorization: Bearer …",
          headers: { "WWW-Authenticate": 'Bearer realm="metrics"' },
        }),
        req.originalUrl,
      );
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}

/** METRICS_PORT: /metrics on a port of its own (the token is asked for there too when one is set). */
export function createMetricsServer(registry: Registry, token: string | undefined): Server {
  return createServer((req, res) => {
    if (req.method !== "GET" || (req.url ?? "").split("?")[0] !== "/metrics") {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found\n");
      return;
    }
    if (token && !hasToken(req.headers.authorization, token)) {
      res
        .writeHead(401, { "content-type": "text/plain", "www-authenticate": 'Bearer realm="metrics"' })
        .end("unauthorized\n");
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { "content-type": registry.contentType }).end(text),
      () => res.writeHead(500, { "content-type": "text/plain" }).end("could not collect the metrics\n"),
    );
  });
}
