// The write side of the fan-out scenarios: renames at a steady rate ("bench <n>"), each write's
// send time kept so that every socket's arrival can be turned into a latency.
import { call, type Session } from "./api.ts";
import { now } from "./stats.ts";

export interface RenameTask {
  id: string;
  version: number;
}

/** One rename: true when it was applied (its event must reach every socket). */
export type Write = (index: number) => Promise<{ ok: boolean; ms: number; sentAt: number }>;

/**
 * A rename not answered by then is given up and counts as failed (delivered to no one): under a
 * flood the server may take minutes, and the measurement must end.
 */
export const WRITE_TIMEOUT_MS = 30_000;

/**
 * PATCH /api/v1/tasks/:id { version, title } on Crewboard, over a pool of tasks: one write per task
 * at a time (each needs the version the previous one left), the next free task in turn; when
 * every task is busy the write waits for one (the rate then drops, and the run says so).
 */
export function crewboardRename(baseUrl: string, session: Session, tasks: RenameTask[]): Write {
  const busy = new Set<string>();
  const waiting: (() => void)[] = [];
  let next = 0;
  const take = (): RenameTask | undefined => {
    for (let k = 0; k < tasks.length; k++) {
      const task = tasks[(next + k) % tasks.length]!;
      if (!busy.has(task.id)) {
        next = (next + k + 1) % tasks.length;
        busy.add(task.id); // taken before any await: no two writes share a version
        return task;
      }
    }
    return undefined;
  };
  return async (index) => {
    let task = take();
    while (!task) {
      await new Promise<void>((resolve) => waiting.push(resolve));
      task = take();
    }
    const started = now();
    try {
      const a = await call<{ version: number; current?: { version: number } }>(
        baseUrl,
        session,
        "PATCH",
        `/tasks/${task.id}`,
        { version: task.version, title: `bench ${index}` },
        { timeoutMs: WRITE_TIMEOUT_MS },
      );
      if (a.status === 200) task.version = a.body.version;
      else if (a.status === 409 && a.body.current) task.version = a.body.current.version;
      return { ok: a.status === 200, ms: now() - started, sentAt: started };
    } catch {
      return { ok: false, ms: now() - started, sentAt: started };
    } finally {
      busy.delete(task.id);
      waiting.shift()?.();
    }
  };
}

/** POST /broadcast on the bare Socket.IO server, with the same task JSON Crewboard sends. */
export function bareRename(baseUrl: string, sample: Record<string, unknown>): Write {
  return async (index) => {
    const started = now();
    try {
      const res = await fetch(`${baseUrl}/broadcast`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ task: { ...sample, title: `bench ${index}` } }),
        signal: AbortSignal.timeout(WRITE_TIMEOUT_MS),
      });
      await res.arrayBuffer();
      return { ok: res.status === 204, ms: now() - started, sentAt: started };
    } catch {
      return { ok: false, ms: now() - started, sentAt: started };
    }
  };
}

export interface RenameRun {
  /** write n → when it was sent; NaN for warm-up writes and writes that were not applied */
  sentAt: Float64Array;
  /** answer time of each measured write that was applied */
  writeMs: number[];
  failed: number;
  count: number;
  /** measured writes sent per second (below the asked rate when the writes could not keep up) */
  sentPerSecond: number;
}

/**
 * Sends `warmup + count` renames at `perSecond`, the first `warmup` not measured. A write is sent
 * on its tick; a slow one does not hold the next back (except on the same task).
 */
export async function renameAtRate(
  write: Write,
  options: { perSecond: number; warmup: number; count: number; stop?: () => boolean },
): Promise<RenameRun> {
  const total = options.warmup + options.count;
  const sentAt = new Float64Array(total).fill(Number.NaN);
  const writeMs: number[] = [];
  let failed = 0;
  const interval = 1000 / options.perSecond;
  const start = now();
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  const sendTimes: number[] = [];
  for (let i = 0; i < total; i++) {
    if (options.stop?.()) break;
    const wait = start + i * interval - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent++;
    inFlight.push(
      write(i).then(({ ok, ms, sentAt: at }) => {
        if (i < options.warmup) return;
        sendTimes.push(at);
        if (ok) {
          sentAt[i] = at;
          writeMs.push(ms);
        } else failed++;
      }),
    );
  }
  await Promise.all(inFlight);
  const count = Math.max(0, sent - options.warmup);
  // as actually sent (a write waits while every task is busy)
  const span = sendTimes.length > 1 ? Math.max(...sendTimes) - Math.min(...sendTimes) : 0;
  return { sentAt, writeMs, failed, count, sentPerSecond: span > 0 ? ((sendTimes.length - 1) * 1000) / span : 0 };
}
