// Pieces several scenarios share: the tasks a bench may change, and a fan-out measurement.
import { call, expectOk, type Session } from "../api.ts";
import type { Fleet } from "../fleet/fleet.ts";
import { renameAtRate, type RenameRun } from "../renamer.ts";
import { round, summarize, type Summary } from "../stats.ts";

export const OPEN_STATUSES = "accepted,in_progress,revision_requested";

export interface TaskDto {
  id: string;
  version: number;
  status: string;
  workOrder: { id: string };
  assignee: { id: string } | null;
  [key: string]: unknown;
}

/** Open orders (tasks may change in them), newest first. */
export async function openOrders(baseUrl: string, session: Session): Promise<{ id: string; number: number }[]> {
  const page = await expectOk<{ items: { id: string; number: number }[] }>(
    call(baseUrl, session, "GET", `/work-orders?status=${OPEN_STATUSES}&limit=100`),
    "list open work orders",
  );
  return page.items;
}

/** Up to `count` tasks of open orders, as the API returns them. */
export async function changeableTasks(baseUrl: string, session: Session, count: number): Promise<TaskDto[]> {
  const open = new Set((await openOrders(baseUrl, session)).map((o) => o.id));
  const page = await expectOk<{ items: TaskDto[] }>(call(baseUrl, session, "GET", "/tasks?limit=100"), "list tasks");
  const tasks = page.items.filter((t) => open.has(t.workOrder.id)).slice(0, count);
  if (tasks.length === 0) throw new Error("no task of an open work order to change (is the demo data loaded?)");
  return tasks;
}

export interface FanoutFigures {
  sockets: number;
  writes: number;
  failedWrites: number;
  /** write → arrival at each socket, ms */
  latency: Summary;
  /** events that arrived ÷ (renames sent × sockets) */
  deliveredPct: number;
  missing: number;
  disconnects: number;
  /** answer time of the write itself, ms */
  write: Summary;
}

/** Renames at the configured rate and turns every socket's arrivals into latencies. */
export async function measureFanout(
  fleet: Fleet,
  sockets: number,
  write: Parameters<typeof renameAtRate>[0],
  options: { perSecond: number; seconds: number },
): Promise<FanoutFigures> {
  await fleet.clear();
  const run: RenameRun = await renameAtRate(write, {
    perSecond: options.perSecond,
    warmup: Math.max(5, options.perSecond * 2),
    count: options.perSecond * options.seconds,
  });
  // the last events are still on their way
  await new Promise((r) => setTimeout(r, 3000));
  const { latencies, disconnects } = await fleet.latencies(run.sentAt);
  // every rename sent counts: one that failed delivered nothing to anyone
  const expected = run.count * sockets;
  const delivered = latencies.length;
  return {
    sockets,
    writes: run.count - run.failed,
    failedWrites: run.failed,
    latency: roundSummary(summarize(latencies)),
    deliveredPct: expected === 0 ? 0 : round((100 * delivered) / expected, 3),
    missing: expected - delivered,
    disconnects,
    write: roundSummary(summarize(run.writeMs)),
  };
}

export function roundSummary(s: Summary): Summary {
  return { count: s.count, p50: round(s.p50), p90: round(s.p90), p99: round(s.p99), max: round(s.max), mean: round(s.mean) };
}
