// Board page read: a manager's GET /api/v1/tasks?limit=100 (the board's page size), as fast as the
// server answers. Baseline: Express + pg (or PGlite) answering the same page with the same joins
// and the same JSON, in one query.
import { STAFF_ACCOUNTS } from "../config.ts";
import type { RunContext } from "../context.ts";
import { authHeaders, call, expectOk, type Session } from "../api.ts";
import { openOrders } from "./common.ts";
import { interleavedLoads, load, turnSeconds, type LoadFigures, type LoadOptions } from "../load.ts";
import type { ServerProcess } from "../processes.ts";
import { bytesText, ms, ratioAtLeast, type ScenarioResult } from "../report.ts";
import { round } from "../stats.ts";

const PAGE = 100;

/** The page read must be a full one: tasks are added (as a manager splitting orders) up to 100. */
export async function fillPage(baseUrl: string, manager: Session): Promise<void> {
  const { items } = await expectOk<{ items: unknown[] }>(
    call(baseUrl, manager, "GET", `/tasks?limit=${PAGE}`),
    "list tasks",
  );
  const missing = PAGE - items.length;
  if (missing <= 0) return;
  const orders = await openOrders(baseUrl, manager);
  for (let i = 0; i < missing; i += 50) {
    const tasks = Array.from({ length: Math.min(50, missing - i) }, (_, j) => ({
      title: `一覧用のタスク ${i + j + 1}`,
      description: "ベンチマーク用",
    }));
    await expectOk(
      call(baseUrl, manager, "POST", `/work-orders/${orders[(i / 50) % orders.length]!.id}/tasks`, { tasks }),
      "add tasks for a full page",
    );
  }
}

/** What a browser accepts: a server that compresses may (the bytes column then shows it). */
export const BROWSER_ACCEPT = { "accept-encoding": "gzip, deflate, br" };

/** turns each server gets, in interleavedLoads' order (an even number: each goes first as often) */
const READ_TURNS = 4;

export async function reads(ctx: RunContext): Promise<ScenarioResult> {
  const { readConnections: connections, readSeconds: seconds, warmupSeconds } = ctx.sizes;
  const crewboardLoad = (url: string, manager: Session): LoadOptions => ({
    url: `${url}/api/v1/tasks?limit=100`,
    connections,
    seconds,
    warmupSeconds,
    headers: { ...authHeaders(manager, false), ...BROWSER_ACCEPT },
  });
  const bareLoad = (url: string): LoadOptions => ({
    url: `${url}/tasks?limit=100`,
    connections,
    seconds,
    warmupSeconds,
    headers: BROWSER_ACCEPT,
  });
  let crewboard: LoadFigures;
  let baseline: LoadFigures;
  if (ctx.db.kind === "postgresql") {
    // Both servers run side by side and take turns (load.ts interleavedLoads): the ratio of two
    // separate 20 s windows swung between 0.54× and 0.94× from run to run on one machine, as the
    // host's other tenants came and went (steal time), while each server's CPU per answer held.
    const server = await ctx.crewboard();
    let bare: ServerProcess | undefined;
    try {
      bare = await ctx.baseline("bare-db-server", true);
      const manager = await ctx.session(server.url, STAFF_ACCOUNTS[0]!);
      await fillPage(server.url, manager);
      ctx.log(
        `${connections} connections reading a board page: ${READ_TURNS} turns of ${turnSeconds(seconds, READ_TURNS)} s each`,
      );
      [crewboard, baseline] = await interleavedLoads(
        crewboardLoad(server.url, manager),
        bareLoad(bare.url),
        READ_TURNS,
      );
    } finally {
      await Promise.all([server.stop(), bare?.stop()]);
    }
  } else {
    // the embedded database opens in one process at a time: one server after the other
    const server = await ctx.crewboard();
    try {
      const manager = await ctx.session(server.url, STAFF_ACCOUNTS[0]!);
      await fillPage(server.url, manager);
      ctx.log(`Crewboard: ${connections} connections reading a board page for ${seconds} s`);
      crewboard = await load(crewboardLoad(server.url, manager));
    } finally {
      await server.stop();
    }
    const bare = await ctx.baseline("bare-db-server", true);
    try {
      ctx.log(`bare: the same page for ${seconds} s`);
      baseline = await load(bareLoad(bare.url));
    } finally {
      await bare.stop();
    }
  }
  const ratio = crewboard.okPerSecond / baseline.okPerSecond;
  const driver = ctx.db.kind === "postgresql" ? "pg" : "PGlite";
  const notes: string[] = [];
  if (crewboard.non2xx || crewboard.errors)
    notes.push(`Crewboard: ${crewboard.non2xx} non-2xx answers, ${crewboard.errors} errors`);
  return {
    id: "reads",
    title: "board page read (100 tasks)",
    rows: [
      {
        scenario: `board page read (100 tasks), ${connections} connections`,
        crewboard: `${crewboard.okPerSecond} req/s (p99 ${ms(crewboard.latencyMs.p99)}, ${bytesText(crewboard.bytesPerAnswer)} each)`,
        baseline: `Express + ${driver}, same joins: ${baseline.okPerSecond} req/s (p99 ${ms(baseline.latencyMs.p99)}, ${bytesText(baseline.bytesPerAnswer)})`,
        ratio: round(ratio, 3),
        target: ratioAtLeast(ratio, 0.7),
      },
    ],
    figures: { crewboard, baseline },
    notes,
  };
}
