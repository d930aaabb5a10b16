// Nothing in deploy/ is untested: the unit passes systemd-analyze verify, HAProxy accepts its
// configuration, and the example environment file is a valid configuration of the server (with
// the values an operator must change still to change). The scaled test then runs them.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv } from "@crewboard/server/env";
import {
  ENV_EXAMPLE,
  HAPROXY_CFG,
  HAPROXY_DEFAULT,
  parseEnvironmentFile,
  parseUnit,
  REPO_ROOT,
  UNIT_FILE,
} from "./lib/deployment.ts";

describe("deploy/", () => {
  it("the systemd unit passes systemd-analyze verify, with no warning", () => {
    const dir = mkdtempSync(join(tmpdir(), "crewboard-unit-"));
    try {
      copyFileSync(UNIT_FILE, join(dir, "crewboard@.service"));
      const result = spawnSync("systemd-analyze", ["verify", "--man=no", join(dir, "crewboard@3001.service")], {
        encoding: "utf8",
      });
      expect(result.error, "systemd-analyze is needed (Debian package systemd)").toBeUndefined();
      expect(`${result.stdout}${result.stderr}`.trim()).toBe("");
      expect(result.status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the unit starts node itself (so SIGTERM reaches the server) with the environment file and its port", () => {
    const unit = parseUnit(readFileSync(UNIT_FILE, "utf8"), "3001");
    expect(unit.execStart).toEqual(["/usr/bin/env", "node", "--max-semi-space-size=32", "apps/server/dist/index.js"]);
    // the same node flags as `npm start`
    const start = JSON.parse(readFileSync(join(REPO_ROOT, "apps/server/package.json"), "utf8")).scripts.start as string;
    expect(unit.execStart.filter((a) => /^--[a-z-]+=/.test(a))).toEqual(
      start.split(/\s+/).filter((a) => /^--[a-z-]+=/.test(a)),
    );
    // and the same program: the bundle that npm start builds (apps/server/build.ts), then runs
    expect(unit.execStart.at(-1)).toBe(`apps/server/${start.split(/\s+/).at(-1)}`);
    expect(unit.environmentFiles).toEqual(["/etc/crewboard/crewboard.env"]);
    // a folder that survives restarts, where the entry keeps Node's compile cache
    // (apps/server/src/ops/compile-cache.test.ts: systemd passes it as CACHE_DIRECTORY)
    expect(readFileSync(UNIT_FILE, "utf8")).toMatch(/^CacheDirectory=crewboard$/m);
    expect(unit.environment).toMatchObject({ PORT: "3001", NODE_ENV: "production" });
    // systemd must wait longer than the server's own drain + shutdown deadline
    const env = parseEnvironmentFile(readFileSync(ENV_EXAMPLE, "utf8"));
    const stopSec = Number(/^TimeoutStopSec=(\d+)$/m.exec(readFileSync(UNIT_FILE, "utf8"))![1]);
    expect(Number(env.CREWBOARD_DRAIN_DELAY_MS) + Number(env.CREWBOARD_SHUTDOWN_TIMEOUT_MS)).toBeLessThan(
      stopSec * 1000,
    );
  });

  it("the example environment file is a valid server configuration for several instances", () => {
    const env = parseEnv({ ...parseEnvironmentFile(readFileSync(ENV_EXAMPLE, "utf8")), PORT: "3001" });
    expect(env.databaseUrl).toMatch(/^postgres:\/\//);
    expect(env.redisUrl).toMatch(/^redis:\/\//);
    expect(env.demoMode).toBe(false);
    expect(env.drainDelayMs).toBeGreaterThan(0);
    expect(env.metricsToken).toBeDefined();
  });

  it("HAProxy accepts the configuration with the addresses of haproxy.default", () => {
    const env: Record<string, string> = {
      PATH: process.env.PATH!,
      ...parseEnvironmentFile(readFileSync(HAPROXY_DEFAULT, "utf8")),
    };
    const result = spawnSync("haproxy", ["-c", "-f", HAPROXY_CFG], { env, encoding: "utf8" });
    expect(result.error, "haproxy is needed (Debian package haproxy)").toBeUndefined();
    expect(result.stdout + result.stderr).toContain("Configuration file is valid");
    expect(result.status).toBe(0);
    expect(env.CONFIG).toBe("/etc/haproxy/crewboard.cfg");
  });
});
