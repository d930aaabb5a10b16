// Progress writes: 50 connections of crew members logging progress on their own tasks
// (POST /api/v1/tasks/:id/progress), as fast as the server answers. Baseline: Express + pg (or
// PGlite) writing the same rows in one transaction — the task, the progress row, an audit row,
// then one board room event with its sequence taken last.
import { CREW_ACCOUNTS, STAFF_ACCOUNTS } from "../config.ts";
import type { RunContext } from "../context.ts";
import { authHeaders, call, expectOk, type Session } from "../api.ts";
import { load, type LoadFigures } from "../load.ts";
import { ms, ratioAtLeast, type ScenarioResult } from "../report.ts";
import { round } from "../stats.ts";
import { openOrders } from "./common.ts";

interface WriteTask {
  id: string;
  crew: Session;
}

/** `count` new tasks spread over the open orders and the crew (one per writing connection). */
async function createWriteTasks(
  baseUrl: string,
  manager: Session,
  crew: Session[],
  count: number,
): Promise<WriteTask[]> {
  const orders = await openOrders(baseUrl, manager);
  if (orders.length === 0) throw new Error("no open work order to add tasks to");
  const byOrder = new Map<string, { title: string; assigneeId: string; assigneeOverride: boolean }[]>();
  const assignees: Session[] = [];
  for (let i = 0; i < count; i++) {
    const order = orders[i % orders.length]!;
    const person = crew[i % crew.length]!;
    assignees.push(person);
    const list = byOrder.get(order.id) ?? [];
    // the demo data has a crew member who said "unwell" today: the bench assigns on purpose
    list.push({ title: `bench progress ${i}`, assigneeId: person.user.id, assigneeOverride: true });
    byOrder.set(order.id, list);
  }
  const created: WriteTask[] = [];
  for (const [orderId, tasks] of byOrder) {
    for (let i = 0; i < tasks.length; i += 50) {
      const { items } = await expectOk<{ items: { id: string; assignee: { id: string } }[] }>(
        call(baseUrl, manager, "POST", `/work-orders/${orderId}/tasks`, { tasks: tasks.slice(i, i + 50) }),
        "create the tasks crew write progress on",
      );
      for (const t of items) created.push({ id: t.id, crew: crew.find((c) => c.user.id === t.assignee.id)! });
    }
  }
  return created;
}

/**
 * Requests go to the tasks in turn (request k → task k mod n), each from its assignee's session:
 * with as many tasks as connections, this is close to "each crew member on their own task".
 */
function progressRequests(tasks: WriteTask[], withSession: boolean) {
  let k = 0;
  return (req: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer }) => {
    const n = k++;
    const task = tasks[n % tasks.length]!;
    return {
      ...req,
      method: "POST" as const,
      path: withSession ? `/api/v1/tasks/${task.id}/progress` : `/tasks/${task.id}/progress`,
      headers: withSession ? authHeaders(task.crew, true) : { "content-type": "application/json" },
      body: JSON.stringify({ percent: 1 + (n % 99), note: "bench", minutesSpent: 1 }),
    };
  };
}

export async function writes(ctx: RunContext): Promise<ScenarioResult> {
  const { writeConnections: connections, writeSeconds: seconds, warmupSeconds } = ctx.sizes;
  let tasks: WriteTask[];
  let crewboard: LoadFigures;
  {
    const server = await ctx.crewboard();
    try {
      const manager = await ctx.session(server.url, STAFF_ACCOUNTS[0]!);
      const crew = await Promise.all(CREW_ACCOUNTS.map((e) => ctx.session(server.url, e)));
      tasks = await createWriteTasks(server.url, manager, crew, connections);
      ctx.log(`Crewboard: ${connections} connections logging progress for ${seconds} s`);
      crewboard = await load({
        url: server.url,
        connections,
        seconds,
        warmupSeconds,
        setupRequest: progressRequests(tasks, true) as never,
      });
    } finally {
      await server.stop();
    }
  }
  let bare: LoadFigures;
  {
    // Crewboard's writes reach the disk before the baseline's start (context.ts settleDisk)
    await ctx.settleDisk();
    const server = await ctx.baseline("bare-db-server", true);
    try {
      ctx.log(`bare Express + ${ctx.db.kind === "postgresql" ? "pg" : "PGlite"}: the same writes for ${seconds} s`);
      bare = await load({
        url: server.url,
        connections,
        seconds,
        warmupSeconds,
        setupRequest: progressRequests(tasks, false) as never,
      });
    } finally {
      await server.stop();
    }
  }
  const throughput = crewboard.okPerSecond / bare.okPerSecond;
  const p99 = crewboard.latencyMs.p99 / bare.latencyMs.p99;
  const notes: string[] = [];
  if (crewboard.non2xx || crewboard.errors)
    notes.push(
      `Crewboard: ${crewboard.non2xx} non-2xx answers, ${crewboard.errors} errors (not counted as throughput)`,
    );
  if (bare.non2xx || bare.errors) notes.push(`baseline: ${bare.non2xx} non-2xx answers, ${bare.errors} errors`);
  const driver = ctx.db.kind === "postgresql" ? "pg" : "PGlite";
  return {
    id: "writes",
    title: `progress writes, ${connections} connections`,
    rows: [
      {
        scenario: `progress writes, ${connections} connections: throughput`,
        crewboard: `${crewboard.okPerSecond} req/s`,
        baseline: `Express + ${driver}, same rows in one transaction: ${bare.okPerSecond} req/s`,
        ratio: round(throughput, 3),
        target: ratioAtLeast(throughput, 0.5),
      },
      {
        scenario: `progress writes, ${connections} connections: p99`,
        crewboard: `p99 ${ms(crewboard.latencyMs.p99)} (p50 ${ms(crewboard.latencyMs.p50)})`,
        baseline: `p99 ${ms(bare.latencyMs.p99)} (p50 ${ms(bare.latencyMs.p50)})`,
        ratio: round(p99, 3),
        target: { text: "p99 ≤ 2×", met: Number.isFinite(p99) && p99 <= 2 && crewboard.non2xx === 0 },
      },
    ],
    figures: { crewboard, baseline: bare, tasks: tasks.length },
    notes,
  };
}
