// Starts the private PostgreSQL cluster and Redis once for the whole run; each test file makes
// its own database in the cluster and its own stream names in Redis.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildServer } from "@crewboard/server/build";
import { startPostgres, startRedis } from "./lib/services.ts";

declare module "vitest" {
  export interface ProvidedContext {
    workDir: string;
    postgresPort: number;
    redisUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const workDir = mkdtempSync(join(tmpdir(), "crewboard-scaled-"));
  const started = performance.now();
  // the unit's ExecStart runs the server's bundle, which a release's `npm run build` makes
  const [postgres, redis] = await Promise.all([startPostgres(workDir), startRedis(), buildServer()]);
  console.log(
    `[scaled] private PostgreSQL on port ${postgres.port} and Redis at ${redis.url} in ${((performance.now() - started) / 1000).toFixed(1)} s; files in ${workDir}`,
  );
  project.provide("workDir", workDir);
  project.provide("postgresPort", postgres.port);
  project.provide("redisUrl", redis.url);
  return async () => {
    await redis.stop();
    postgres.stop();
    if (!process.env.CREWBOARD_KEEP_SCALED_FILES) rmSync(workDir, { recursive: true, force: true });
  };
}
