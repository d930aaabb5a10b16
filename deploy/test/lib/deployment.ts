// Runs what deploy/ ships, as written: an instance is started with the ExecStart and Environment
// lines of deploy/systemd/crewboard@.service and the environment file; HAProxy with
// deploy/haproxy/crewboard.cfg and the CREWBOARD_* names of deploy/haproxy/haproxy.default.
// What differs from a real machine, and only that:
// - WorkingDirectory (/opt/crewboard) is this checkout;
// - PATH is the test's own (where Node.js 24 is);
// - the instance name (%i) is a free port;
// - in the environment file, DATABASE_URL, REDIS_URL and METRICS_TOKEN point at the test's
//   private services; in HAProxy's, the listening address, the instances' and the admin socket.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort, sleep } from "./services.ts";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const DEPLOY = join(REPO_ROOT, "deploy");
export const UNIT_FILE = join(DEPLOY, "systemd", "crewboard@.service");
export const ENV_EXAMPLE = join(DEPLOY, "crewboard.env.example");
export const HAPROXY_CFG = join(DEPLOY, "haproxy", "crewboard.cfg");
export const HAPROXY_DEFAULT = join(DEPLOY, "haproxy", "haproxy.default");

/** A systemd EnvironmentFile: KEY=value lines, # and ; comments, optional quotes around the value. */
export function parseEnvironmentFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    const at = line.indexOf("=");
    if (at < 1) throw new Error(`not KEY=value: ${line}`);
    let value = line.slice(at + 1).trim();
    if (/^(["']).*\1$/.test(value)) value = value.slice(1, -1);
    env[line.slice(0, at).trim()] = value;
  }
  return env;
}

/** Rewrites the values of `replace` in an environment file, keeping everything else; every key must exist. */
export function withValues(text: string, replace: Record<string, string>): string {
  const seen = new Set<string>();
  const out = text
    .split("\n")
    .map((line) => {
      const m = /^([A-Z0-9_]+)=/.exec(line);
      if (m && m[1]! in replace) {
        seen.add(m[1]!);
        return `${m[1]}=${replace[m[1]!]}`;
      }
      return line;
    })
    .join("\n");
  const missing = Object.keys(replace).filter((k) => !seen.has(k));
  if (missing.length) throw new Error(`the environment file has no ${missing.join(", ")}`);
  return out;
}

export interface Unit {
  execStart: string[];
  environment: Record<string, string>;
  environmentFiles: string[];
  workingDirectory: string;
}

/** The [Service] lines of a unit that start the process (with %i for the instance name). */
export function parseUnit(text: string, instance: string): Unit {
  const unit: Unit = { execStart: [], environment: {}, environmentFiles: [], workingDirectory: "/" };
  let section = "";
  for (const raw of text.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) continue;
    if (line.startsWith("[")) {
      section = line;
      continue;
    }
    if (section !== "[Service]") continue;
    const at = line.indexOf("=");
    const key = line.slice(0, at);
    const value = line.slice(at + 1).replaceAll("%i", instance);
    if (key === "ExecStart") unit.execStart = value.split(/\s+/);
    else if (key === "Environment") {
      for (const pair of value.split(/\s+/)) {
        const eq = pair.indexOf("=");
        unit.environment[pair.slice(0, eq)] = pair.slice(eq + 1);
      }
    } else if (key === "EnvironmentFile") unit.environmentFiles.push(value.replace(/^-/, ""));
    else if (key === "WorkingDirectory") unit.workingDirectory = value;
  }
  if (!unit.execStart.length) throw new Error("the unit has no ExecStart");
  return unit;
}

export interface Instance {
  name: string;
  port: number;
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** the exit code, or the signal that ended it */
  exit: { code: number | null; signal: string | null } | null;
  log: string;
}

/**
 * Starts one instance the way systemd would from the unit: its ExecStart, in its working directory
 * (this checkout), with the environment file's values, then the unit's Environment lines.
 */
let starts = 0;

export function startInstance(envFile: string, workDir: string, port: number): Instance {
  const unit = parseUnit(readFileSync(UNIT_FILE, "utf8"), String(port));
  if (unit.workingDirectory !== "/opt/crewboard")
    throw new Error(`unexpected WorkingDirectory ${unit.workingDirectory}`);
  const fromFile = parseEnvironmentFile(readFileSync(envFile, "utf8"));
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", ...fromFile, ...unit.environment };
  // one log per start: a restarted instance (same port) must not overwrite its earlier life's log
  const log = join(workDir, `instance-${port}-${++starts}.log`);
  const out = createWriteStream(log);
  const child = spawn(unit.execStart[0]!, unit.execStart.slice(1), {
    cwd: REPO_ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const instance: Instance = {
    name: `crewboard@${port}`,
    port,
    url: `http://127.0.0.1:${port}`,
    child,
    exit: null,
    log,
    exited: new Promise((resolve) =>
      child.once("exit", (code, signal) => {
        instance.exit = { code, signal };
        resolve(code);
      }),
    ),
  };
  return instance;
}

/** Waits until `url` answers 200 (the process must stay up meanwhile). */
export async function waitReady(instance: Instance, timeoutMs = 180_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (instance.exit)
      throw new Error(
        `${instance.name} exited (${JSON.stringify(instance.exit)}); see ${instance.log}:\n${readFileSync(instance.log, "utf8").slice(-3000)}`,
      );
    const status = await fetch(`${instance.url}/api/v1/ready`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return;
    await sleep(250);
  }
  throw new Error(`${instance.name} was not ready within ${timeoutMs} ms`);
}

export interface Balancer {
  url: string;
  child: ChildProcess;
  adminSocket: string;
  /** `show stat` for the backend's servers: name → status (UP, DOWN, MAINT, …) */
  serverStates(): Promise<Record<string, string>>;
  stop(): Promise<void>;
}

/** Sends one command to HAProxy's admin socket and returns the answer. */
function admin(socket: string, command: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = connect(socket);
    let data = "";
    c.on("data", (d) => (data += d.toString()));
    c.on("end", () => resolve(data));
    c.on("error", reject);
    c.write(`${command}\n`);
  });
}

export async function startBalancer(workDir: string, instances: { port: number }[]): Promise<Balancer> {
  const defaults = parseEnvironmentFile(readFileSync(HAPROXY_DEFAULT, "utf8"));
  const port = await freePort();
  const adminSocket = join(workDir, "haproxy-admin.sock");
  const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/sbin:/usr/bin:/bin" };
  for (const [k, v] of Object.entries(defaults)) if (k.startsWith("CREWBOARD_")) env[k] = v;
  // ours instead of the example's: the ports, the admin socket; no user to switch to
  Object.assign(env, { CREWBOARD_LISTEN: `127.0.0.1:${port}`, CREWBOARD_HAPROXY_ADMIN_SOCKET: adminSocket });
  delete env.CREWBOARD_HAPROXY_USER;
  instances.forEach((instance, i) => {
    const key = `CREWBOARD_APP${i + 1}`;
    if (!(key in defaults)) throw new Error(`haproxy.default has no ${key}`);
    env[key] = `127.0.0.1:${instance.port}`;
  });
  const check = spawnSync("haproxy", ["-c", "-f", HAPROXY_CFG], { env, encoding: "utf8" });
  if (check.status !== 0) throw new Error(`haproxy -c failed:\n${check.stdout}${check.stderr}`);
  const out = createWriteStream(join(workDir, "haproxy.log"));
  const child = spawn("haproxy", ["-db", "-f", HAPROXY_CFG], { env, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  const exited = new Promise((r) => child.once("exit", r));
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; !existsSync(adminSocket); i++) {
    if (gone || i > 200) throw new Error(`HAProxy did not start; see ${join(workDir, "haproxy.log")}`);
    await sleep(50);
  }
  const balancer: Balancer = {
    url: `http://127.0.0.1:${port}`,
    child,
    adminSocket,
    async serverStates() {
      const csv = await admin(adminSocket, "show stat");
      const states: Record<string, string> = {};
      for (const line of csv.split("\n")) {
        const [px, sv, ...rest] = line.split(",");
        if (px === "crewboard" && sv && sv !== "BACKEND" && sv !== "FRONTEND") states[sv] = rest[15] ?? "?"; // status is field 18
      }
      return states;
    },
    async stop() {
      child.kill("SIGTERM");
      await exited;
    },
  };
  return balancer;
}

/** Writes the example environment file with the test's services in it; returns its path. */
export function writeEnvironmentFile(
  workDir: string,
  values: { DATABASE_URL: string; REDIS_URL: string; METRICS_TOKEN: string },
): string {
  const file = join(workDir, "crewboard.env");
  writeFileSync(file, withValues(readFileSync(ENV_EXAMPLE, "utf8"), values));
  return file;
}
