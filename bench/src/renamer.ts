// The write side of the fan-out scenarios: renames at a steady rate ("bench <n>"), each write's
// send time kept so that every socket's arrival can be turned into a latency.
import { call, type Session } from "./api.ts";
import { now } from "./stats.ts";

export interface RenameTask {
  id: string;
  version: number;
}

/** One rename: true when it was applied (its event must reach every socket). */
type Write = (index: number) => Promise<{ ok: boolean; ms: number; sentAt: number }>;

/** PATCH /api/v1/tasks/:id { version, title } on Crewboard, round robin over a few tasks. */
export function crewboardRename(baseUrl: string, session: Session, tasks: RenameTask[]): Write {
  const busy = new Map<string, Promise<unknown>>();
  let next = 0;
  return async (index) => {
    const task = tasks[next++ % tasks.length]!;
    // one write per task at a time: the version of the previous one is needed
    await busy.get(task.id);
    const started = now();
    const write = call<{ version: number; current?: { version: number } }>(baseUrl, session, "PATCH", `/tasks/${task.id}`, {
      version: task.version,
      title: `bench ${index}`,
    }).then(
      (a) => {
        if (a.status === 200) task.version = a.body.version;
        else if (a.status === 409 && a.body.current) task.version = a.body.current.version;
        return { ok: a.status === 200, ms: now() - started, sentAt: started };
      },
      () => ({ ok: false, ms: now() - started, sentAt: started }),
    );
    busy.set(task.id, write);
    return write;
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
}

/**
 * Sends `warmup + count` renames at `perSecond`, the first `warmup` not measured. A write is sent
 * on its tick; a slow one does not hold the next back (except on the same task).
 */
export async function renameAtRate(write: Write, options: { perSecond: number; warmup: number; count: number; stop?: () => boolean }): Promise<RenameRun> {
  const total = options.warmup + options.count;
  const sentAt = new Float64Array(total).fill(Number.NaN);
  const writeMs: number[] = [];
  let failed = 0;
  const interval = 1000 / options.perSecond;
  const start = now();
  const inFlight: Promise<void>[] = [];
  let sent = 0;
  for (let i = 0; i < total; i++) {
    if (options.stop?.()) break;
    const wait = start + i * interval - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    sent++;
    inFlight.push(
      write(i).then(({ ok, ms, sentAt: at }) => {
        if (i < options.warmup) return;
        if (ok) {
          sentAt[i] = at;
          writeMs.push(ms);
        } else failed++;
      }),
    );
  }
  await Promise.all(inFlight);
  return { sentAt, writeMs, failed, count: Math.max(0, sent - options.warmup) };
}
