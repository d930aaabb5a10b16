// What the figures were measured on. The load average is kept before and after each scenario:
// the machines are shared, and a busy neighbour shows there.
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

function openFilesLimit(): number | null {
  try {
    const limits = readFileSync("/proc/self/limits", "utf8");
    const soft = /^Max open files\s+(\d+)/m.exec(limits)?.[1];
    return soft ? Number(soft) : null;
  } catch {
    return null;
  }
}

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
