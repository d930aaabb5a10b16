// npm run bench [-- --smoke] [-- --only writes,fanout] [-- --server-env NAME=value]
//
// Runs every scenario of issue 14 against the real server (started here, NODE_ENV=production) and
// against a bare baseline doing the same work, in the same run; prints the table; writes
// bench/results/latest.json (a smoke run: bench/results/smoke.json); exits 1 when a target is
// missed (a smoke run judges no target, but still fails when a scenario cannot run).
// PostgreSQL when DATABASE_URL is set (a fresh database is created on that server and dropped
// after), otherwise the embedded database in a fresh temporary folder.
import { parseArgs } from "node:util";
import { createBenchDatabase } from "./bench-db.ts";
import { FULL, SERVER_ENV, SMOKE } from "./config.ts";
import { RunContext } from "./context.ts";
import { describeMachine, loadAverage, type DiskBefore } from "./machine.ts";
import { clearLogs, killAll } from "./processes.ts";
import { missedAny, renderTable, resultOf, writeResults, type ScenarioResult } from "./report.ts";
import { fanout } from "./scenarios/fanout.ts";
import { connect } from "./scenarios/connect.ts";
import { writes } from "./scenarios/writes.ts";
import { reads } from "./scenarios/reads.ts";
import { storm } from "./scenarios/storm.ts";
import { flood } from "./scenarios/flood.ts";
import { boardApi, boardChromium } from "./scenarios/big-board.ts";

const { values } = parseArgs({
  options: {
    smoke: { type: "boolean", default: false },
    only: { type: "string", multiple: true },
    "server-env": { type: "string", multiple: true },
    help: { type: "boolean", short: "h", default: false },
  },
});

const sizes = values.smoke ? SMOKE : FULL;
type Scenario = { id: string; run: (ctx: RunContext) => Promise<ScenarioResult> };
// The big board comes last: its 10,000 tasks would otherwise be under every other scenario.
const SCENARIOS: Scenario[] = [
  ...sizes.fanoutSockets.map((n) => ({ id: `fanout-${n}`, run: (ctx: RunContext) => fanout(ctx, n) })),
  { id: "connect", run: connect },
  { id: "writes", run: writes },
  { id: "reads", run: reads },
  { id: "storm", run: storm },
  { id: "flood", run: flood },
  { id: "board-api", run: boardApi },
  { id: "board-chromium", run: boardChromium },
];

if (values.help) {
  console.log(`npm run bench [-- --smoke] [-- --only <id>[,<id>…]] [-- --server-env NAME=value]
scenarios: ${SCENARIOS.map((s) => s.id).join(", ")} (--only matches the start of an id: "fanout", "board")
DATABASE_URL=postgres://…  run on PostgreSQL (a database crewboard_bench_<random> is created there and dropped)`);
  process.exit(0);
}

const filters = (values.only ?? [])
  .flatMap((o) => o.split(","))
  .map((o) => o.trim())
  .filter(Boolean);
const chosen = filters.length ? SCENARIOS.filter((s) => filters.some((f) => s.id.startsWith(f))) : SCENARIOS;
if (chosen.length === 0) {
  console.error(`--only ${filters.join(",")} matches no scenario; there are: ${SCENARIOS.map((s) => s.id).join(", ")}`);
  process.exit(2);
}

// The server under test: config.ts SERVER_ENV, then CREWBOARD_* from this environment, then --server-env.
const serverEnv: Record<string, string> = { ...SERVER_ENV };
for (const [k, v] of Object.entries(process.env))
  if (k.startsWith("CREWBOARD_") && k !== "CREWBOARD_DATA_DIR" && v !== undefined) serverEnv[k] = v;
for (const pair of values["server-env"] ?? []) {
  const eq = pair.indexOf("=");
  if (eq < 1) throw new Error(`--server-env wants NAME=value, got ${pair}`);
  serverEnv[pair.slice(0, eq)] = pair.slice(eq + 1);
}

const machine = describeMachine();
clearLogs();
const startedAt = new Date();
const db = await createBenchDatabase(process.env.DATABASE_URL);
let cleaned = false;
const cleanUp = async () => {
  if (cleaned) return;
  cleaned = true;
  killAll();
  await db.drop().catch((error: unknown) => console.error(`could not remove the bench database: ${String(error)}`));
};
process.once("uncaughtException", (error) => {
  console.error(error);
  void cleanUp().finally(() => process.exit(1));
});
process.once("unhandledRejection", (error) => {
  console.error(error);
  void cleanUp().finally(() => process.exit(1));
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers and removing the bench database`);
    void cleanUp().finally(() => process.exit(130));
  });
}

console.log(
  `Crewboard bench (${values.smoke ? "smoke run: small sizes, targets not judged" : "full run"}) on ${db.label}\n` +
    `${machine.cpuModel}, ${machine.cores} cores, Node ${machine.node}, bufferutil ${machine.bufferutil}, open files ${machine.openFilesLimit ?? "?"}\n` +
    `The machine may be shared: the load average before and after each scenario is in the results file.\n` +
    (Object.keys(serverEnv).length
      ? `Server environment: ${Object.entries(serverEnv)
          .map(([k, v]) => `${k}=${v}`)
          .join(" ")}\n`
      : ""),
);

const ctx = new RunContext(sizes, values.smoke, db, serverEnv);
/** disk waits over this during a scenario get a note beside its figures (machine.ts, "the disk") */
const IO_WAIT_NOTE_MS = 100;

const results: (ScenarioResult & {
  loadAverage: { before: number[]; after: number[] };
  seconds: number;
  /** the disk before the scenario, and how long the machine's tasks waited for it during it (ms; null where unknown) */
  disk: DiskBefore & { ioWaitMs: number | null };
})[] = [];
try {
  console.error("▶ preparing the database (schema, demo data, sign-ins)");
  await ctx.prepare();
  for (const scenario of chosen) {
    console.error(`▶ ${scenario.id}`);
    const disk = await ctx.settleDisk("start");
    const before = loadAverage();
    const t0 = Date.now();
    let result: ScenarioResult;
    try {
      result = await scenario.run(ctx);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`  ✗ ${scenario.id}: ${message}`);
      killAll();
      result = { id: scenario.id, title: scenario.id, rows: [], figures: {}, notes: [], error: message };
    }
    const ioWaitMs = ctx.scenarioIoWaitMs();
    if (ioWaitMs !== null && ioWaitMs >= IO_WAIT_NOTE_MS)
      result.notes.push(
        `the machine's tasks waited ${ioWaitMs} ms in all for the disk during this scenario (/proc/pressure/io: every task of the machine, its own commits included); a commit that waits for the disk delays what it sends`,
      );
    results.push({
      ...result,
      loadAverage: { before, after: loadAverage() },
      seconds: Math.round((Date.now() - t0) / 1000),
      disk: { ...disk, ioWaitMs },
    });
    for (const row of result.rows) console.error(`  ${row.scenario}: ${row.crewboard} | ${row.baseline}`);
  }
} finally {
  await cleanUp();
}

const judged = !values.smoke;
const rows = results.flatMap((r) => r.rows);
console.log(`\n${renderTable(rows, judged)}\n`);
for (const r of results) {
  for (const note of r.notes) console.log(`- ${r.id}: ${note}`);
  if (r.error) console.log(`- ${r.id}: could not run: ${r.error}`);
}
const failed = missedAny(results, judged);

const file = writeResults(values.smoke ? "smoke.json" : "latest.json", {
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
  mode: values.smoke ? "smoke" : "full",
  startedAt: startedAt.toISOString(),
  finishedAt: new Date().toISOString(),
  machine,
  database: { kind: db.kind, label: db.label },
  serverEnv,
  sizes,
  passed: !failed,
  scenarios: results.map((r) => ({
    ...r,
    rows: r.rows.map((row) => ({ ...row, result: resultOf(row, judged) })),
  })),
});
console.log(
  `\n${failed ? (judged ? "Some targets were missed" : "A scenario could not run") : judged ? "Every target met" : "Smoke run complete"}. Results: ${file}`,
);
process.exit(failed ? 1 : 0);
