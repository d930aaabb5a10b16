// createApp(deps) wires the HTTP API and the web app onto an Express app and an HTTP server.
// It never listens by itself: index.ts does, and tests start it on port 0.
import { configureReadings } from "./readings/readings.ts";
import { createServer, type Server as HttpServer } from "node:http";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import express, { type Express } from "express";
import cookieParser from "cookie-parser";
import helmet from "helmet";
import { pino, type Logger } from "pino";
import { API_BASE_PATH, buildOpenApiDocument, routes } from "@crewboard/contracts";
import type { Database } from "@crewboard/db";
import { errorHandler, notFoundHandler } from "./http/error-handler.ts";
import { accessLog, assignRequestId } from "./http/logging.ts";
import { apiDocsRouter } from "./http/api-docs.ts";
import { responseCompression } from "./http/compression.ts";
import { assetsDirOf, hashedAssets } from "./http/static.ts";
import { loadBoardPreview, webAppPage } from "./http/web-app.ts";
import { createMetrics, metricsRoute } from "./http/metrics.ts";
import { inFlightTracker, shutdown, type ShutdownOptions, type ShutdownResult } from "./http/shutdown.ts";
import type { Registry } from "prom-client";
import type { RouteDeps } from "./operations/rest.ts";
import { createRealtime, type Realtime, type RealtimeOptions, type SocketModule } from "./realtime/realtime.ts";
import { defaultSocketModules } from "./realtime/modules.ts";
import { createJobRunner, type JobHandler, type JobRunner } from "./jobs/runner.ts";
import { defaultJobHandlers } from "./jobs/index.ts";
import { createEmailOutbox, type EmailOptions, type EmailOutbox } from "./jobs/email-outbox.ts";
import { loadSession, requireCsrf, type SessionCookieSettings } from "./http/session.ts";
import { DEFAULT_SESSION_TIMEOUTS, type SessionTimeouts } from "./modules/auth/sessions.ts";
import {
  createLoginLimiter,
  DEFAULT_LOGIN_RATE_LIMIT,
  refuseBlockedSignIns,
  type LimiterRedisClient,
  type LoginRateLimitOptions,
} from "./http/login-limits.ts";
import { healthRoutes } from "./modules/health/health.routes.ts";
import { authRoutes } from "./modules/auth/auth.routes.ts";
import { createPasswordWork, DEFAULT_PASSWORD_WORK, type PasswordWorkOptions } from "./modules/auth/password-work.ts";
import { userRoutes } from "./modules/users/users.routes.ts";
import { clientCompanyRoutes } from "./modules/users/client-companies.routes.ts";
import { workOrderRoutes } from "./modules/work-orders/work-orders.routes.ts";
import { taskRoutes } from "./modules/tasks/tasks.routes.ts";
import { deliverableRoutes } from "./modules/deliverables/deliverables.routes.ts";
import { feedbackRoutes } from "./modules/feedback/feedback.routes.ts";
import { wellbeingRoutes } from "./modules/wellbeing/wellbeing.routes.ts";
import { auditRoutes } from "./modules/audit/audit.routes.ts";
import { notificationRoutes } from "./modules/notifications/notifications.routes.ts";
import { followUpRoutes } from "./modules/follow-ups/follow-ups.routes.ts";
import { dispatchRoutes } from "./modules/dispatch/dispatch.routes.ts";
import { reportsRoutes } from "./modules/reports/reports.routes.ts";
import { urgentOfferRoutes } from "./modules/urgent-offers/urgent-offers.routes.ts";
import { urgentOfferJobHandlers } from "./modules/urgent-offers/urgent-offers.jobs.ts";
import { personalDataRoutes } from "./modules/personal-data/personal-data.routes.ts";
import { retentionJobHandlers } from "./modules/personal-data/personal-data.jobs.ts";
import { DEFAULT_RETENTION, type RetentionSettings } from "./modules/personal-data/retention.ts";
import type { UrgentOfferOptions } from "./modules/urgent-offers/lifecycle.ts";
import { DEFAULT_UNSTAFFED_NOTICE_MINUTES } from "@crewboard/domain";
import { createConnectionBurst } from "./realtime/connection-burst.ts";

export interface AppDeps {
  db: Database;
  logger?: Logger;
  demoMode?: boolean;
  /**
   * furigana for easy-read Japanese (issue 9 barrier 11; readings/readings.ts): on in the server
   * (env CREWBOARD_FURIGANA, default on), off unless asked for in tests, since the dictionary
   * costs ~280 MiB and seconds to load (in a worker thread that ends after `furiganaIdleMs` without a request)
   */
  furigana?: boolean;
  /** how long the reading worker stays without a request (env CREWBOARD_FURIGANA_IDLE_MINUTES; default 5 minutes) */
  furiganaIdleMs?: number;
  /**
   * the reading worker does not start while clients connect in a burst (a restart's reconnect
   * storm; realtime/connection-burst.ts): on in the server (index.ts), off by default here so that
   * tests have the dictionary on their first need
   */
  furiganaWaitsForConnectionBursts?: boolean;
  cookieSecure?: boolean;
  /** idle and absolute session timeouts (env CREWBOARD_SESSION_IDLE_MINUTES, CREWBOARD_SESSION_MAX_HOURS) */
  sessionTimeouts?: SessionTimeouts;
  /** Express's "trust proxy" (env TRUST_PROXY): a hop count or the proxies' addresses; never `true` */
  trustProxy?: number | string[] | false;
  /** sign-in limits (http/login-limits.ts); tests and load tests raise them here, there is no other bypass */
  loginRateLimit?: LoginRateLimitOptions;
  /** a connected node-redis client for the limiters' counters (shared by instances); memory when unset */
  limiterRedis?: LimiterRedisClient | null;
  /** argon2 runs at once and attempts waiting for one (modules/auth/password-work.ts) */
  passwordWork?: PasswordWorkOptions;
  /** Socket.IO adapter shared by several instances (Redis streams); none for a single instance */
  socketAdapter?: RealtimeOptions["adapter"];
  /** features' socket event handlers (default: all of them) */
  socketModules?: SocketModule[];
  /** socket limits (realtime/socket-limits.ts): per-event budgets, connections per user, sync bounds */
  socketLimits?: RealtimeOptions["limits"];
  /** how often open sockets are re-checked against their session (default: every 5 s) */
  socketSessionCheck?: RealtimeOptions["sessionCheck"];
  /** folder of the built web app; default apps/web/dist */
  webDistDir?: string;
  /** how long the board's page waits for its hints and preview (http/web-app.ts HINTS_WAIT_MS) */
  webAppHintsWaitMs?: number;
  /** METRICS_TOKEN: GET /metrics on this port answers with this bearer token (404 when unset) */
  metricsToken?: string | undefined;
  /** pings Redis, for readiness (index.ts passes the Redis client's ping when REDIS_URL is set) */
  redisPing?: () => Promise<unknown>;
  /** the job runner (jobs/runner.ts): how often to look for due jobs (0 or unset: only when `jobs.runDue` is called, as tests do), and its clock */
  jobs?: { pollMs?: number; now?: () => Date; handlers?: Record<string, JobHandler> };
  /** email (issue 11): off when smtpUrl is unset; emails are then kept in the outbox unsent */
  email?: EmailOptions;
  /** urgent offers (issue 10): CREWBOARD_UNSTAFFED_NOTICE_MINUTES (default 15), and test hooks */
  urgentOffers?: Partial<UrgentOfferOptions>;
  /** issue 15: how long each kind of personal data is kept (RETENTION_*; default DEFAULT_RETENTION) */
  retention?: RetentionSettings;
}

export interface CrewboardApp {
  app: Express;
  httpServer: HttpServer;
  /** the Express router mounted at /api/v1 (tests compare it with the OpenAPI document) */
  apiRouter: express.Router;
  realtime: Realtime;
  /** runs due jobs (deadlines, reminders); started by index.ts, driven by hand in tests */
  jobs: JobRunner;
  /** sends queued emails (each job pass does); null when SMTP is not configured */
  emailOutbox: EmailOutbox | null;
  /** the metrics of this instance (index.ts serves them on METRICS_PORT when asked) */
  metrics: Registry;
  /** readiness turns 503 (`shutdown: draining`) from now on, so the balancer sends no new work */
  startDraining(): void;
  /** graceful shutdown (http/shutdown.ts): drain, stop accepting, sockets reconnect elsewhere, finish what is in flight */
  shutdown(options: ShutdownOptions): Promise<ShutdownResult>;
}

/** JSON bodies above this are refused with 413 (uploads go through multipart with their own limit). */
export const JSON_BODY_LIMIT = "100kb";

const DEFAULT_WEB_DIST = fileURLToPath(new URL("../../web/dist", import.meta.url));

export function createApp(deps: AppDeps): CrewboardApp {
  const { db } = deps;
  const prisma = db.prisma;
  const logger = deps.logger ?? pino({ level: "silent" });
  const connectionBurst = deps.furiganaWaitsForConnectionBursts ? createConnectionBurst() : undefined;
  configureReadings({
    enabled: deps.furigana ?? false,
    idleMs: deps.furiganaIdleMs,
    startDeferral: connectionBurst?.waitMs,
    logger,
  });
  const app = express();
  app.disable("x-powered-by");
  if (deps.trustProxy !== undefined && deps.trustProxy !== false) app.set("trust proxy", deps.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // scripts from our own origin only: no inline script, no CDN (the API reference page too)
          "script-src": ["'self'"],
          "connect-src": ["'self'", "ws:", "wss:"],
          // no third-party styles or fonts either; inline styles stay for now (the API reference
          // bundle injects its stylesheet at run time)
          "style-src": ["'self'", "'unsafe-inline'"],
          "font-src": ["'self'", "data:"],
        },
      },
    }),
  );
  app.use(assignRequestId);
  const loginLimiter = createLoginLimiter(deps.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT, deps.limiterRedis);
  app.use(refuseBlockedSignIns(loginLimiter, `${API_BASE_PATH}${routes.login.path}`));
  const inFlight = inFlightTracker();
  app.use(inFlight.middleware);
  // assigned once below; the metrics read it lazily (the io server exists only once realtime is created)
  // eslint-disable-next-line prefer-const -- read by the metrics closure before its one assignment
  let realtime: Realtime | undefined;
  const metrics = createMetrics({ db, prisma, io: () => realtime!.io, inFlight: () => inFlight.active });
  app.use(metrics.http);
  // a balancer asks these every second or two: not worth a log line each
  const probes = new Set([`${API_BASE_PATH}/health`, `${API_BASE_PATH}/ready`]);
  app.use(accessLog(logger, { ignore: (req) => probes.has(req.url ?? "") }));
  // API JSON and the web app's files, brotli or gzip as the client accepts (issue 14: a 100-task
  // page is 80 kB raw, about 8 kB compressed, at a cheap level: http/compression.ts). Answers under
  // 1 kB are sent as they are; Socket.IO is not an Express route and compresses its own way (or not).
  app.use(responseCompression());
  let draining = false;

  // An idle keep-alive connection stays open longer than any client or balancer keeps one (HAProxy
  // here: 10 s; cloud balancers: 60 s). With Node's default of 5 s the server could close a
  // connection just as the other side reused it, and that request failed with ECONNRESET (seen in
  // the test client under load; behind a balancer it is a 502).
  const httpServer = createServer({ keepAliveTimeout: 65_000, headersTimeout: 66_000 }, app);
  const session: SessionCookieSettings = {
    secure: deps.cookieSecure ?? false,
    timeouts: deps.sessionTimeouts ?? DEFAULT_SESSION_TIMEOUTS,
  };
  realtime = createRealtime({
    httpServer,
    session,
    prisma,
    logger,
    adapter: deps.socketAdapter,
    modules: deps.socketModules ?? defaultSocketModules,
    sessionCheck: deps.socketSessionCheck,
    observer: metrics.realtime,
    limits: deps.socketLimits,
  });
  if (connectionBurst) realtime.io.on("connection", connectionBurst.connected);
  const deps_: RouteDeps = { prisma, publish: realtime.publish };
  const emailOutbox = createEmailOutbox({ prisma, logger, email: deps.email ?? {}, now: deps.jobs?.now });
  const offerConfig: UrgentOfferOptions = {
    unstaffedNoticeMinutes: deps.urgentOffers?.unstaffedNoticeMinutes ?? DEFAULT_UNSTAFFED_NOTICE_MINUTES,
    ...(deps.urgentOffers?.hooks ? { hooks: deps.urgentOffers.hooks } : {}),
  };
  const jobs = createJobRunner({
    ...deps_,
    logger,
    handlers: {
      ...defaultJobHandlers,
      ...urgentOfferJobHandlers(offerConfig),
      ...retentionJobHandlers(deps.retention ?? DEFAULT_RETENTION),
      ...deps.jobs?.handlers,
    },
    now: deps.jobs?.now,
    pollMs: deps.jobs?.pollMs,
    passes: emailOutbox ? [emailOutbox.deliverDue] : [],
  });

  // built on first request, not at start (~35 ms of a start's CPU: a restart's downtime)
  let openApiDocument: ReturnType<typeof buildOpenApiDocument> | undefined;
  const api = express.Router();
  // API answers are personal and current: never kept by a browser or a shared cache (a download
  // or an export as well)
  api.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });
  api.use(express.json({ limit: JSON_BODY_LIMIT }));
  api.use(cookieParser());
  // liveness and readiness come before the session: a probe (or a browser's cookie on it) never
  // waits for the database, so /health answers 200 while the database is down
  api.use(healthRoutes(deps_, db, { redisPing: deps.redisPing, draining: () => draining }));
  api.use(loadSession(prisma, session));
  api.use(requireCsrf);
  api.get("/openapi.json", (_req, res) => void res.json((openApiDocument ??= buildOpenApiDocument())));
  api.use(
    authRoutes(deps_, {
      session,
      demoMode: deps.demoMode ?? false,
      loginRateLimit: deps.loginRateLimit ?? DEFAULT_LOGIN_RATE_LIMIT,
      loginLimiter,
      passwordWork: createPasswordWork(deps.passwordWork ?? DEFAULT_PASSWORD_WORK),
    }),
  );
  api.use(userRoutes(deps_));
  api.use(clientCompanyRoutes(deps_));
  api.use(personalDataRoutes(deps_));
  api.use(workOrderRoutes(deps_));
  api.use(taskRoutes(deps_));
  api.use(deliverableRoutes(deps_));
  api.use(feedbackRoutes(deps_));
  api.use(wellbeingRoutes(deps_));
  api.use(auditRoutes(deps_));
  // issue 11: follow-through
  api.use(notificationRoutes({ ...deps_, emailEnabled: Boolean(deps.email?.smtpUrl) }));
  api.use(followUpRoutes(deps_));
  // issue 10: dispatch
  api.use(dispatchRoutes(deps_));
  api.use(urgentOfferRoutes(deps_, offerConfig));
  // issue 12: monthly reports for clients
  api.use(reportsRoutes(deps_));
  api.use(notFoundHandler);
  api.use(errorHandler(logger, () => realtime.databaseUnavailable()));
  app.use(API_BASE_PATH, api);

  app.use(apiDocsRouter({ openApiUrl: `${API_BASE_PATH}/openapi.json` }));
  // before the web app's catch-all: without a token, /metrics is a 404 like any unknown path
  app.get("/metrics", metricsRoute(metrics.registry, deps.metricsToken));

  const webDist = deps.webDistDir ?? DEFAULT_WEB_DIST;
  if (existsSync(webDist)) {
    // Vite names every built asset by its content hash: such a file never changes, so browsers
    // keep it for a year without asking; other files (icons) are checked hourly, the page itself
    // (index.html, http/web-app.ts) on every visit.
    app.use("/assets", hashedAssets(assetsDirOf(webDist)));
    app.use(express.static(webDist, { index: false, maxAge: "1h" }));
    // The web app routes in the browser: every other GET gets its index.html (for a signed-in
    // staff member's board, with hints of what the board will load first: http/web-app.ts).
    app.get(
      /^\/(?!api\/).*/,
      webAppPage({
        webDist,
        prisma,
        session,
        logger,
        boardPreview: loadBoardPreview(webDist, logger),
        hintsWaitMs: deps.webAppHintsWaitMs,
      }),
    );
  } else {
    app.get(
      "/",
      (_req, res) =>
        void res
          .type("text/plain")
          .send("Crewboard API is running. The web app is not built: run `npm start` from the repository root."),
    );
  }
  app.use(errorHandler(logger));

  const startDraining = () => {
    draining = true;
  };
  return {
    app,
    httpServer,
    apiRouter: api,
    realtime,
    jobs,
    emailOutbox,
    metrics: metrics.registry,
    startDraining,
    shutdown: (options) =>
      shutdown({ httpServer, realtime: realtime!, jobs, logger, startDraining, inFlight }, options),
  };
}
