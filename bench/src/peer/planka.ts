// PLANKA_PASSWORD=… npm run bench:planka -- --planka-email … [--planka-url http://127.0.0.1:1337]
//
// Crewboard beside Planka, its peer (issue 14's goals: fan-out p99 at 1,000 sockets ≤ 0.5×
// Planka's, connecting 1,000 ≤ 0.2× its time, memory ≤ 0.5× its memory, board reads ≥ 10× its
// items per second), measured in one sitting with the bench's own harness: the socket fleet (each
// Planka socket speaks sails.io.js, fleet/planka-client.ts), autocannon, /proc memory. Passes
// alternate which product goes first; the table shows medians. Planka is not installed or started
// here (it cannot be while the bench runs): it must already run on this machine, and the server's
// process is found by its port for its memory (bench/README.md, "Against Planka"). Crewboard is
// started here like `npm run bench` starts it, on PostgreSQL when DATABASE_URL is set. Not part of
// `npm run bench`'s exit code; this script exits 1 when a goal is missed.
import { execFileSync } from "node:child_process";
import { parseArgs } from "node:util";
import { isManager } from "@crewboard/domain";
import { authHeaders, call, expectOk } from "../api.ts";
import { createBenchDatabase } from "../bench-db.ts";
import { FULL, SERVER_ENV, STAFF_ACCOUNTS } from "../config.ts";
import { RunContext } from "../context.ts";
import { Fleet } from "../fleet/fleet.ts";
import type { SocketSpec } from "../fleet/protocol.ts";
import { load } from "../load.ts";
import { describeMachine, loadAverage } from "../machine.ts";
import { clearLogs, killAll, memoryOf } from "../processes.ts";
import { crewboardRename, type Write } from "../renamer.ts";
import { mib, ms, ratioAtLeast, ratioAtMost, renderTable, writeResults, type Row } from "../report.ts";
import { changeableTasks, measureFanout, RENAME_TASKS, type FanoutFigures } from "../scenarios/common.ts";
import { BROWSER_ACCEPT, fillPage } from "../scenarios/reads.ts";
import { round } from "../stats.ts";
import { plankaBoard, plankaRename, plankaSignIn } from "./planka-api.ts";

const { values } = parseArgs({
  options: {
    "planka-url": { type: "string", default: "http://127.0.0.1:1337" },
    "planka-email": { type: "string" },
    passes: { type: "string", default: "3" },
    sockets: { type: "string", default: "1000" },
    help: { type: "boolean", short: "h", default: false },
  },
});
const password = process.env.PLANKA_PASSWORD; // from the environment: kept out of the command line and the results
if (values.help || !values["planka-email"] || !password) {
  console.log(`PLANKA_PASSWORD=<password> npm run bench:planka -- --planka-email <admin> [--planka-url http://127.0.0.1:1337] [--passes 3] [--sockets 1000]
Planka must already run on this machine (bench/README.md, "Against Planka"); Crewboard is started here
(on PostgreSQL when DATABASE_URL is set).`);
  process.exit(values.help ? 0 : 2);
}

const plankaUrl = values["planka-url"].replace(/\/$/, "");
const passes = Number(values.passes);
const sockets = Number(values.sockets);
const { renamesPerSecond: perSecond, fanoutSeconds: seconds, readConnections, readSeconds, warmupSeconds } = FULL;
/** the size of a Crewboard board page; Planka's board is given as many cards */
const PAGE = 100;

/** The process listening on a port (ss from iproute2), for its memory. */
function pidOnPort(url: string): number {
  const port = new URL(url).port || "80";
  const out = execFileSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid)
    throw new Error(`no process found listening on port ${port} (is Planka running, and is ss allowed to see it?)`);
  return Number(pid);
}

interface Figures {
  connectMs: number;
  connectFailed: number;
  rssBytes: number;
  addedBytes: number;
  fanout: FanoutFigures;
  readsPerSecond: number;
  itemsPerAnswer: number;
  itemsPerSecond: number;
}

interface Product {
  name: "Crewboard" | "Planka";
  url: string;
  pid: number;
  specs: SocketSpec[];
  rename: Write;
  read: { path: string; headers: Record<string, string>; items: () => Promise<number> };
}

const settle = (msec: number) => new Promise((r) => setTimeout(r, msec));

/** Connect all at once (and the memory they take), fan-out on those sockets, then reads. */
async function measure(product: Product): Promise<Figures> {
  const log = (m: string) => process.stderr.write(`  · ${product.name}: ${m}\n`);
  const warm = await Fleet.start(20);
  await warm.connect({ url: product.url, sockets: product.specs.slice(0, 20) });
  await warm.stop();
  await settle(3000);
  const before = memoryOf(product.pid);
  const fleet = await Fleet.start(product.specs.length);
  let connected: Awaited<ReturnType<Fleet["connect"]>>;
  let rss: number;
  let fanout: FanoutFigures;
  try {
    log(`connecting ${product.specs.length} sockets at once`);
    connected = await fleet.connect({ url: product.url, sockets: product.specs, timeoutMs: 120_000 });
    await settle(3000);
    rss = memoryOf(product.pid).rss;
    log(`${perSecond} renames/s for ${seconds} s`);
    fanout = await measureFanout(fleet, product.specs.length, product.rename, { perSecond, seconds });
  } finally {
    await fleet.stop();
  }
  log(`reading a board, ${readConnections} connections for ${readSeconds} s`);
  const reads = await load({
    url: product.url + product.read.path,
    connections: readConnections,
    seconds: readSeconds,
    warmupSeconds,
    headers: { ...product.read.headers, ...BROWSER_ACCEPT },
  });
  const itemsPerAnswer = await product.read.items();
  return {
    connectMs: round(connected.elapsedMs),
    connectFailed: connected.failed,
    rssBytes: rss,
    addedBytes: rss - before.rss,
    fanout,
    readsPerSecond: reads.okPerSecond,
    itemsPerAnswer,
    itemsPerSecond: round(reads.okPerSecond * itemsPerAnswer, 0),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const machine = describeMachine();
clearLogs();
const startedAt = new Date();
const db = await createBenchDatabase(process.env.DATABASE_URL);
const ctx = new RunContext(FULL, false, db, { ...SERVER_ENV });
const results: { pass: number; crewboard: Figures; planka: Figures; loadAverage: number[] }[] = [];
try {
  const token = await plankaSignIn(plankaUrl, values["planka-email"], password);
  const board = await plankaBoard(plankaUrl, token, PAGE);
  const planka: Product = {
    name: "Planka",
    url: plankaUrl,
    pid: pidOnPort(plankaUrl),
    specs: Array.from({ length: sockets }, () => ({ rooms: [], planka: { token, boardId: board.boardId } })),
    rename: plankaRename(plankaUrl, board, RENAME_TASKS),
    read: {
      path: `/api/boards/${board.boardId}`,
      headers: { authorization: `Bearer ${token}` },
      items: async () =>
        (
          (await (
            await fetch(`${plankaUrl}/api/boards/${board.boardId}`, { headers: { authorization: `Bearer ${token}` } })
          ).json()) as { included: { cards: unknown[] } }
        ).included.cards.length,
    },
  };
  console.error(`Planka at ${plankaUrl} (process ${planka.pid}), its board has ${board.cardIds.length} cards`);
  await ctx.prepare();
  for (let pass = 1; pass <= passes; pass++) {
    console.error(`▶ pass ${pass} of ${passes}`);
    const server = await ctx.crewboard();
    try {
      const staff = await Promise.all(STAFF_ACCOUNTS.map((e) => ctx.session(server.url, e)));
      const managers = staff.filter((s) => isManager(s.user));
      const manager = managers[0]!;
      await fillPage(server.url, manager);
      const tasks = await changeableTasks(server.url, manager, RENAME_TASKS);
      const crewboard: Product = {
        name: "Crewboard",
        url: server.url,
        pid: server.pid,
        specs: ctx.staffSockets(managers, sockets),
        rename: crewboardRename(server.url, manager, tasks),
        read: {
          path: `/api/v1/tasks?limit=${PAGE}`,
          headers: authHeaders(manager, false),
          items: async () =>
            (
              await expectOk<{ items: unknown[] }>(
                call(server.url, manager, "GET", `/tasks?limit=${PAGE}`),
                "list tasks",
              )
            ).items.length,
        },
      };
      // alternate who goes first, so that a machine getting busier does not favour one
      const order = pass % 2 ? [planka, crewboard] : [crewboard, planka];
      const figures = new Map<string, Figures>();
      for (const product of order) figures.set(product.name, await measure(product));
      results.push({
        pass,
        crewboard: figures.get("Crewboard")!,
        planka: figures.get("Planka")!,
        loadAverage: loadAverage(),
      });
    } finally {
      await server.stop();
    }
  }
} finally {
  killAll();
  await db.drop().catch((error: unknown) => console.error(`could not remove the bench database: ${String(error)}`));
}

const of = (who: "crewboard" | "planka", pick: (f: Figures) => number) => median(results.map((r) => pick(r[who])));
const row = (
  scenario: string,
  pick: (f: Figures) => number,
  show: (x: number) => string,
  goal: (ratio: number) => Row["target"],
): Row => {
  const c = of("crewboard", pick);
  const p = of("planka", pick);
  return { scenario, crewboard: show(c), baseline: show(p), ratio: round(c / p, 3), target: goal(c / p) };
};
const count = sockets.toLocaleString("en");
const rows: Row[] = [
  row(
    `fan-out p99, ${count} sockets × ${perSecond} renames/s`,
    (f) => f.fanout.latency.p99,
    ms,
    (r) => ratioAtMost(r, 0.5),
  ),
  row(
    `connecting and subscribing ${count}`,
    (f) => f.connectMs,
    ms,
    (r) => ratioAtMost(r, 0.2),
  ),
  row(
    `server memory with ${count} sockets (RSS)`,
    (f) => f.rssBytes,
    mib,
    (r) => ratioAtMost(r, 0.5),
  ),
  row(
    `board reads, items per second (${readConnections} connections)`,
    (f) => f.itemsPerSecond,
    (x) => `${x}/s`,
    (r) => ratioAtLeast(r, 10),
  ),
];
const delivered = results.flatMap((r) => [r.crewboard.fanout.deliveredPct, r.planka.fanout.deliveredPct]);
const table = renderTable(rows, true, `Planka, same sitting (median of ${results.length})`);
console.log(`\n${table}\n`);
if (delivered.some((d) => d < 100))
  console.log(`- fan-out delivered: ${delivered.join(" %, ")} % (Crewboard, Planka by pass)`);
const file = writeResults("planka.json", {
  // the account's email is left out: the results file is committed
  command: `npm run bench:planka -- --passes ${passes} --sockets ${sockets} --planka-url ${plankaUrl}`,
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  machine,
  database: { kind: db.kind, label: db.label },
  plankaUrl,
  rows,
  passes: results,
});
const missed = rows.some((r) => !r.target?.met);
console.log(`${missed ? "Some goals against Planka were missed" : "Every goal against Planka met"}. Results: ${file}`);
process.exit(missed ? 1 : 0);
