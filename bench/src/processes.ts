// The processes under test: the real Crewboard server (its bundle, run through its entry
// apps/server/dist/index.js, built and started the way `npm start` does it, NODE_ENV=production)
// and the bare baselines of bench/src/baselines/. Each is a child process on a port of its own, its
// output written to bench/results/logs/, its memory read from /proc.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync, closeSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const BENCH_ROOT = fileURLToPath(new URL("../", import.meta.url));
export const RESULTS_DIR = join(BENCH_ROOT, "results");
const LOG_DIR = join(RESULTS_DIR, "logs");
const SERVER_ENTRY = join(REPO_ROOT, "apps/server/dist/index.js");

// ---- every child is ended when the bench ends, however it ends ----------------------------------

const children = new Set<ChildProcess>();
export function track(child: ChildProcess): void {
  children.add(child);
}
export function untrack(child: ChildProcess): void {
  children.delete(child);
}
/** Kills what is still running (the bench's own children only, by their process ids). */
export function killAll(): void {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  children.clear();
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Resident memory of a process, in bytes (VmRSS), and its peak (VmHWM). NaN off Linux. */
export function memoryOf(pid: number): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kib = (key: string) =>
      Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN) * 1024;
    return { rss: kib("VmRSS"), peak: kib("VmHWM") };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN };
  }
}

/**
 * CPU time (user + system, ms) of each process below this one (the bench's own children and
 * theirs: the servers, Chromium and its renderers) whose command line contains `match`, by pid.
 * Empty off Linux.
 */
export function descendantsCpuMs(match: string): Map<number, number> {
  const cpuOf = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return cpuOf;
  }
  const parentOf = new Map<number, number>();
  const matching = new Map<number, number>();
  for (const name of entries) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // the command name, in parentheses, may hold anything: the fields after its last ")" are fixed
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parentOf.set(Number(name), Number(fields[1]));
      if (readFileSync(`/proc/${name}/cmdline`, "utf8").includes(match))
        matching.set(Number(name), ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS);
    } catch {
      // ended meanwhile
    }
  }
  for (const [pid, cpu] of matching) {
    for (let up = parentOf.get(pid); up !== undefined && up !== 0; up = parentOf.get(up)) {
      if (up === process.pid) {
        cpuOf.set(pid, cpu);
        break;
      }
      if (up === 1) break;
    }
  }
  return cpuOf;
}
/** USER_HZ: Linux reports process times in ticks of 1/100 s */
const CLOCK_TICKS = 100;

export interface ServerProcess {
  name: string;
  url: string;
  port: number;
  pid: number;
  memory(): { rss: number; peak: number };
  /** SIGTERM (a graceful shutdown, as a deployment restarts it), SIGKILL after 15 s */
  stop(): Promise<void>;
}

let logCounter = 0;

/** Each run starts with an empty log folder, so that every file there belongs to it. */
export function clearLogs(): void {
  rmSync(LOG_DIR, { recursive: true, force: true });
}

interface SpawnOptions {
  name: string;
  script: string;
  args?: string[];
  env: Record<string, string>;
  port: number;
  /** answers 200 when the process is ready */
  readyPath: string;
  readyTimeoutMs?: number;
  /** node's own flags, before the script */
  nodeFlags?: string[];
  /** a TypeScript source, run with the tsx loader (the baselines); false: JavaScript (the server's bundle) */
  typescript: boolean;
}

/** The environment a child starts from: enough to run node, nothing of the bench's own settings. */
function baseEnv(): Record<string, string> {
  const keep = ["PATH", "HOME", "TMPDIR", "LANG", "TZ"];
  return Object.fromEntries(keep.flatMap((k) => (process.env[k] ? [[k, process.env[k]!]] : [])));
}

/**
 * The V8 flags `npm start` runs the server with (apps/server/package.json, e.g.
 * --max-semi-space-size=32): the bench measures the server as it is deployed.
 */
function serverNodeFlags(): string[] {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "apps/server/package.json"), "utf8")) as {
    scripts: { start: string };
  };
  return pkg.scripts.start.split(/\s+/).filter((token) => /^--[a-z-]+=/.test(token));
}

async function spawnServer(options: SpawnOptions): Promise<ServerProcess> {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${String(++logCounter).padStart(2, "0")}-${options.name}.log`);
  const fd = openSync(logFile, "w");
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeFlags ?? []),
      ...(options.typescript ? ["--import", "tsx"] : []),
      options.script,
      ...(options.args ?? []),
    ],
    {
      cwd: REPO_ROOT,
      env: { ...baseEnv(), NODE_ENV: "production", ...options.env, PORT: String(options.port) },
      stdio: ["ignore", fd, fd],
    },
  );
  closeSync(fd);
  track(child);
  const exited = new Promise<void>((resolve) =>
    child.once("exit", () => {
      untrack(child);
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${options.port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${options.name} exited with ${child.exitCode} before it was ready; see ${logFile}`);
    try {
      const res = await fetch(url + options.readyPath, { signal: AbortSignal.timeout(2000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${options.name} did not answer ${options.readyPath} in time; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name: options.name,
    url,
    port: options.port,
    pid: child.pid!,
    memory: () => memoryOf(child.pid!),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface CrewboardEnv {
  /** DATABASE_URL or CREWBOARD_DATA_DIR, from the bench database */
  database: Record<string, string>;
  /** config.ts SERVER_ENV, CREWBOARD_* from the environment, --server-env */
  extra: Record<string, string>;
}

let serverBuilt = false;

/** Builds the server's bundle once per bench run, as `npm start` does (apps/server/build.ts). */
function buildServerOnce(): string {
  if (serverBuilt) return SERVER_ENTRY;
  const result = spawnSync(process.execPath, ["apps/server/build.ts"], { cwd: REPO_ROOT, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`building the server failed (exit ${result.status})`);
  serverBuilt = true;
  return SERVER_ENTRY;
}

/** The real server, as deployed: its bundle, NODE_ENV=production, default logging. */
export function startCrewboard(env: CrewboardEnv, port: number): Promise<ServerProcess> {
  return spawnServer({
    name: "crewboard",
    script: buildServerOnce(),
    typescript: false,
    nodeFlags: serverNodeFlags(),
    port,
    env: { HOST: "127.0.0.1", CREWBOARD_DEMO: "true", ...env.database, ...env.extra },
    readyPath: "/api/v1/health",
  });
}

export type BaselineName = "bare-socket-server" | "bare-db-server";

export function startBaseline(name: BaselineName, port: number, args: string[] = []): Promise<ServerProcess> {
  return spawnServer({
    name,
    script: join(BENCH_ROOT, `src/baselines/${name}.ts`),
    typescript: true,
    args,
    port,
    env: {},
    readyPath: "/health",
  });
}
