// Pieces several scenarios share: the tasks a bench may change, and a fan-out measurement.
import { call, expectOk, type Session } from "../api.ts";
import type { Fleet } from "../fleet/fleet.ts";
import { renameAtRate, type RenameRun } from "../renamer.ts";
import { round, summarize, type Summary } from "../stats.ts";

/**
 * Renames go round a pool of tasks, one write per task at a time: enough that 10 renames/s keep
 * their rate even when a write takes a few seconds on a busy machine.
 */
export const RENAME_TASKS = 40;

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

/**
 * `count` tasks of open orders, as the API returns them (newest first): tasks are added to the
 * open orders, as a manager splitting them would, when there are fewer.
 */
export async function changeableTasks(baseUrl: string, manager: Session, count: number): Promise<TaskDto[]> {
  const orders = await openOrders(baseUrl, manager);
  if (orders.length === 0) throw new Error("no open work order (is the demo data loaded?)");
  const open = new Set(orders.map((o) => o.id));
  const list = async () =>
    (
      await expectOk<{ items: TaskDto[] }>(call(baseUrl, manager, "GET", "/tasks?limit=100"), "list tasks")
    ).items.filter((t) => open.has(t.workOrder.id));
  let tasks = await list();
  for (let i = 0; tasks.length < count; i++) {
    const add = Math.min(50, count - tasks.length);
    const order = orders[i % orders.length]!;
    await expectOk(
      call(baseUrl, manager, "POST", `/work-orders/${order.id}/tasks`, {
        tasks: Array.from({ length: add }, (_, j) => ({
          title: `名前を変えるタスク ${i * 50 + j + 1}`,
          description: "ベンチマーク用",
        })),
      }),
      "add tasks to rename",
    );
    tasks = await list();
  }
  return tasks.slice(0, count);
}

export interface FanoutFigures {
  sockets: number;
  writes: number;
  failedWrites: number;
  /** renames actually sent per second (below the asked rate when the writes could not keep up) */
  sentPerSecond: number;
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
  // The last events are still on their way (and a busy client process may be behind): wait
  // until nothing more arrives for 3 s, at most a minute.
  let last = -1;
  for (const until = Date.now() + 60_000; Date.now() < until;) {
    const arrived = await fleet.arrived();
    if (arrived === last) break;
    last = arrived;
    await new Promise((r) => setTimeout(r, 3000));
  }
  const { latencies, disconnects } = await fleet.latencies(run.sentAt);
  // every rename sent counts: one that failed delivered nothing to anyone
  const expected = run.count * sockets;
  const delivered = latencies.length;
  return {
    sockets,
    writes: run.count - run.failed,
    failedWrites: run.failed,
    sentPerSecond: round(run.sentPerSecond, 2),
    latency: roundSummary(summarize(latencies)),
    deliveredPct: expected === 0 ? 0 : round((100 * delivered) / expected, 3),
    missing: expected - delivered,
    disconnects,
    write: roundSummary(summarize(run.writeMs)),
  };
}

export function roundSummary(s: Summary): Summary {
  return {
    count: s.count,
    p50: round(s.p50),
    p90: round(s.p90),
    p99: round(s.p99),
    max: round(s.max),
    mean: round(s.mean),
  };
}
