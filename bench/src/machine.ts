// What the figures were measured on. The load average is kept before and after each scenario:
// the machines are shared, and a busy neighbour shows there.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { join } from "node:path";
import { REPO_ROOT } from "./processes.ts";

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  os: string;
  node: string;
  /** open files allowed per process (sockets count against it) */
  openFilesLimit: number | null;
  /** whether the server's websocket library (ws) loads the native bufferutil */
  bufferutil: string;
}

/** The number that `pattern`'s first group finds in a /proc file, or null where there is none. */
function procNumber(path: string, pattern: RegExp): number | null {
  try {
    const found = pattern.exec(readFileSync(path, "utf8"))?.[1];
    return found ? Number(found) : null;
  } catch {
    return null;
  }
}

/** the soft limit */
const openFilesLimit = (): number | null => procNumber("/proc/self/limits", /^Max open files\s+(\d+)/m);

/**
 * ws uses bufferutil for masking when `require("bufferutil")` succeeds from where ws is installed.
 * Resolved the way the server resolves it: from apps/server, through socket.io → engine.io → ws.
 */
export function bufferutilStatus(): string {
  try {
    const fromServer = createRequire(join(REPO_ROOT, "apps/server/package.json"));
    const fromEngine = createRequire(fromServer.resolve("engine.io"));
    const fromWs = createRequire(fromEngine.resolve("ws"));
    const bufferutil = fromWs("bufferutil") as { mask: { toString(): string } };
    return bufferutil.mask.toString().includes("[native code]")
      ? "native (picked up by ws)"
      : "JavaScript fallback (no native build)";
  } catch (error) {
    return `not found by ws (${(error as Error).message.split("\n")[0]})`;
  }
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    memoryBytes: os.totalmem(),
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    openFilesLimit: openFilesLimit(),
    bufferutil: bufferutilStatus(),
  };
}

export const loadAverage = (): number[] => os.loadavg().map((x) => Math.round(x * 100) / 100);

// ---- the disk ----------------------------------------------------------------------------------
// A commit waits for its write to reach the disk (PostgreSQL's fsync); the bare baselines of the
// socket scenarios write nothing. Gigabytes still in the page cache from earlier work (an npm ci,
// a build, the bench's own seeding) are written back in the background, and a commit that lands
// in that writeback waits with it: one run of fan-out at 1,000 sockets started with 2.2 GB of
// such pages had a p99 of 242 ms (and 79 ms in another), against 47-57 ms in runs started with
// none (issue 14). So each scenario starts with those pages flushed (context.ts settleDisk), and
// the time the machine's tasks then spent waiting for the disk is recorded (/proc/pressure/io):
// every task of the machine, the scenario's own commits included, so a figure to read beside the
// others, not a verdict on them.

/** MiB of the page cache waiting to be written to disk (/proc/meminfo Dirty), or null where unknown */
export function pendingWritesMiB(): number | null {
  const kb = procNumber("/proc/meminfo", /^Dirty:\s+(\d+) kB/m);
  return kb === null ? null : Math.round(kb / 1024);
}

export interface DiskBefore {
  /** the page cache's pending writes before the settling, MiB */
  dirtyMiB: number | null;
  /** the bench database's CHECKPOINT ran (false: refused; null: the embedded database has none to force) */
  checkpointed: boolean | null;
  /** sync(1) ran and succeeded */
  synced: boolean;
  /** the CHECKPOINT and the sync together */
  settleMs: number;
}

/** Flushes the page cache's pending writes (sync(1)); false when it could not run. */
export function flushPageCache(): boolean {
  const result = spawnSync("sync", { stdio: "ignore" });
  return !result.error && result.status === 0;
}

/**
 * Microseconds that some task of the machine has spent waiting for the disk since boot
 * (/proc/pressure/io, "some" total; Linux 4.20+ with PSI), or null where the kernel does not say.
 */
export const ioWaitMicros = (): number | null => procNumber("/proc/pressure/io", /^some .*total=(\d+)/m);
