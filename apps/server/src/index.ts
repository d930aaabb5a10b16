// Starts Crewboard: reads the environment, opens (and migrates) the database, loads the demo
// data into an empty embedded database, listens, and shuts down gracefully.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, openDatabase, seedDemoData } from "@crewboard/db";
import { parseEnv } from "./env.ts";
import { createApp } from "./app.ts";
import { createLogger } from "./http/logging.ts";
import { createRedisAdapter } from "./realtime/redis-adapter.ts";
import { ensureRecurringJobs } from "./jobs/schedule.ts";
import { createMetricsServer } from "./http/metrics.ts";

const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

const env = parseEnv();
const logger = createLogger({ level: env.logLevel });
// Relative data folders are taken from the repository root, wherever npm runs the script from.
const dataDir = resolve(REPO_ROOT, env.dataDir);

const started = Date.now();
const metricsOn = Boolean(env.metricsToken || env.metricsPort);
const db = await openDatabase({ databaseUrl: env.databaseUrl, dataDir, observeQueries: metricsOn });
if (db.appliedMigrations.length) logger.info({ migrations: db.appliedMigrations }, "applied migrations");

if (env.demoMode && (await isDatabaseEmpty(db.prisma))) {
  const summary = await seedDemoData(db.prisma);
  logger.info(summary, "loaded the demo data");
}

const redis = env.redisUrl ? await createRedisAdapter(env.redisUrl) : null;
if (redis) logger.info("realtime events are shared with other instances through Redis");

const { httpServer, realtime, jobs, metrics } = createApp({
  db,
  socketAdapter: redis?.adapter,
  redisPing: redis?.ping,
  logger,
  demoMode: env.demoMode,
  cookieSecure: env.cookieSecure,
  trustProxy: env.trustProxy,
  jobs: { pollMs: env.jobPollMs },
  metricsToken: env.metricsToken,
});

const metricsServer = env.metricsPort ? createMetricsServer(metrics, env.metricsToken) : null;
metricsServer?.listen(env.metricsPort, env.metricsHost, () => logger.info({ host: env.metricsHost, port: env.metricsPort }, "metrics served on their own port"));

httpServer.listen(env.port, env.host, () => {
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
});

// Due jobs (deadlines, reminders, the daily pruning of old room events) run on every instance;
// each job runs once, on whichever instance sees it first (jobs/runner.ts).
await ensureRecurringJobs(db.prisma, new Date());
jobs.start();

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, "shutting down");
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  await jobs.stop();
  await realtime.close();
  httpServer.close();
  httpServer.closeAllConnections();
  metricsServer?.close();
  await redis?.close();
  await db.close();
  process.exit(0);
}
process.on("SIGINT", () => void shutdown("SIGINT"));
process.on("SIGTERM", () => void shutdown("SIGTERM"));
