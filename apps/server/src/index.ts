// Starts Crewboard: reads the environment, opens (and migrates) the database, loads the demo
// data into an empty embedded database, listens, and shuts down gracefully.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, openDatabase, seedDemoData } from "@crewboard/db";
import { DataFolderInUse, holdDataFolder } from "@crewboard/db/backup";
import { parseEnv } from "./env.ts";
import { createApp } from "./app.ts";
import { createLogger } from "./http/logging.ts";
import { createRedisAdapter } from "./realtime/redis-adapter.ts";
import { ensureRecurringJobs } from "./jobs/schedule.ts";
import { createMetricsServer } from "./http/metrics.ts";
import { listenWide } from "./http/listen.ts";
import { stopReadings } from "./readings/readings.ts";

const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

const env = parseEnv();
const logger = createLogger({ level: env.logLevel });
// Relative data folders are taken from the repository root, wherever npm runs the script from.
const dataDir = resolve(REPO_ROOT, env.dataDir);

const started = Date.now();
// Embedded: PGlite is this process's alone. Holding the data folder's control socket keeps a second
// server (or a seed, a restore) off it, and lets `npm run db:backup` ask this server for a backup.
const control = env.databaseUrl
  ? null
  : await holdDataFolder(dataDir, "server").catch((error: unknown) => {
      if (!(error instanceof DataFolderInUse)) throw error;
      console.error(`Cannot start: ${error.message}. Stop it first, or use another CREWBOARD_DATA_DIR.`);
      process.exit(1);
    });
const metricsOn = Boolean(env.metricsToken || env.metricsPort);
const db = await openDatabase({ databaseUrl: env.databaseUrl, dataDir, observeQueries: metricsOn });
if (db.backup) control?.onBackup(db.backup);
if (db.appliedMigrations.length) logger.info({ migrations: db.appliedMigrations }, "applied migrations");

if (env.demoMode && (await isDatabaseEmpty(db.prisma))) {
  const summary = await seedDemoData(db.prisma);
  logger.info(summary, "loaded the demo data");
}

const redis = env.redisUrl ? await createRedisAdapter(env.redisUrl, { logger }) : null;
if (redis) logger.info("realtime events are shared with other instances through Redis");

const app = createApp({
  db,
  socketAdapter: redis?.adapter,
  redisPing: redis?.ping,
  // the sign-in limits count in Redis too, so every instance sees the same failures
  limiterRedis: redis?.client,
  logger,
  demoMode: env.demoMode,
  furigana: env.furigana,
  furiganaIdleMs: env.furiganaIdleMs,
  furiganaWaitsForConnectionBursts: true,
  cookieSecure: env.cookieSecure,
  sessionTimeouts: env.sessionTimeouts,
  trustProxy: env.trustProxy,
  loginRateLimit: env.loginRateLimit,
  socketLimits: env.socketLimits,
  jobs: { pollMs: env.jobPollMs },
  urgentOffers: { unstaffedNoticeMinutes: env.unstaffedNoticeMinutes },
  retention: env.retention,
  metricsToken: env.metricsToken,
  email: { ...env.email, publicUrl: env.email.publicUrl ?? `http://localhost:${env.port}` },
});
logger.info(
  env.email.smtpUrl
    ? "email is on: queued emails are sent through SMTP_URL"
    : "email is off (SMTP_URL is not set): emails are kept in the outbox, unsent",
);
const { httpServer, realtime, jobs, metrics } = app;

const metricsServer = env.metricsPort ? createMetricsServer(metrics, env.metricsToken) : null;
metricsServer?.listen(env.metricsPort, env.metricsHost, () =>
  logger.info({ host: env.metricsHost, port: env.metricsPort }, "metrics served on their own port"),
);

// several sockets on the port where the platform allows it: connections are accepted fast enough
// when a thousand clients come back at once (http/listen.ts)
await listenWide(httpServer, { port: env.port, host: env.host });
announce();

function announce() {
  const url = `http://localhost:${env.port}`;
  const where = db.kind === "embedded" ? `embedded database in ${dataDir}` : "PostgreSQL server (DATABASE_URL)";
  const lines = [
    "",
    `  Crewboard is running at ${url}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s, ${where})`,
    `  API reference: ${url}/api/docs`,
  ];
  if (env.demoMode) {
    lines.push("", `  Demo logins (password for all: ${DEMO_PASSWORD})`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.email.padEnd(32)} ${a.description}`);
  }
  lines.push("", "  Stop with Ctrl+C.", "");
  console.log(lines.join("\n"));
}

// Due jobs (deadlines, reminders, the daily pruning of old room events) run on every instance;
// each job runs once, on whichever instance sees it first (jobs/runner.ts).
await ensureRecurringJobs(db.prisma, new Date());
jobs.start();

// Graceful shutdown (http/shutdown.ts): readiness 503 at once, CREWBOARD_DRAIN_DELAY_MS for the
// balancer to notice, stop accepting, sockets told to reconnect elsewhere, requests in flight
// finished; then Redis (its pending publishes go out first) and the database are closed. The
// process exits within CREWBOARD_SHUTDOWN_TIMEOUT_MS whatever happens: 0 when everything finished,
// 1 when something was cut.
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const began = Date.now();
  logger.info({ signal, drainDelayMs: env.drainDelayMs, timeoutMs: env.shutdownTimeoutMs }, "shutting down");
  const force = setTimeout(() => {
    logger.error({ timeoutMs: env.shutdownTimeoutMs }, "shutdown did not finish in time; exiting now");
    logger.flush();
    process.exit(1);
  }, env.shutdownTimeoutMs);
  force.unref();
  // what is kept back for closing Redis and the database after the requests in flight
  const reserve = Math.min(2_000, env.shutdownTimeoutMs / 4);
  const result = await app.shutdown({ drainDelayMs: env.drainDelayMs, timeoutMs: env.shutdownTimeoutMs - reserve });
  if (result.forced) logger.warn({ cut: result.cut }, "requests still in flight at the deadline were cut");
  await realtime.close();
  await stopReadings(); // the reading worker, if the dictionary is loaded (readings/readings.ts)
  metricsServer?.close();
  await redis?.close();
  await db.close();
  await control?.close();
  logger.info({ ms: Date.now() - began, forced: result.forced }, "shut down");
  logger.flush();
  process.exit(result.forced ? 1 : 0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
