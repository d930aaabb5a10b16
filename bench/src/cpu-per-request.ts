// npm run bench:cpu [-- --rounds 6] [-- --requests 3000] [-- --server-env NAME=value]
//
// CPU time per board page read (GET /tasks?limit=100, 10 connections): Crewboard's and the bare
// Express + pg server's, each server process's user + system time from /proc (all its threads:
// the garbage collector's helpers too) over a fixed number of answers. Both servers run side by
// side on a fresh PostgreSQL database and take turns (load.ts turnOrder), as the `reads` scenario
// does. A ratio of CPU per answer moves less than one of answers per second when the host is shared,
// so this is the tool for an A/B of a change to the read path; `npm run bench -- --only reads`
// stays the judged figure. PostgreSQL only (DATABASE_URL): the embedded database opens in one
// process at a time.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { authHeaders, signIn } from "./api.ts";
import { createBenchDatabase } from "./bench-db.ts";
import { STAFF_ACCOUNTS } from "./config.ts";
import { turnOrder } from "./load.ts";
import { freePort, killAll, startBaseline, startCrewboard, type ServerProcess } from "./processes.ts";
import { BROWSER_ACCEPT, fillPage } from "./scenarios/reads.ts";
import { percentile, round } from "./stats.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "6" },
    requests: { type: "string", default: "3000" },
    "server-env": { type: "string", multiple: true },
  },
});
const rounds = Number(values.rounds);
const requests = Number(values.requests);
const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error("set DATABASE_URL (PostgreSQL): both servers run at once");
const serverEnv = Object.fromEntries((values["server-env"] ?? []).map((pair) => pair.split(/=(.*)/s).slice(0, 2)));

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
/** User + system CPU of a process and all its threads so far, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

interface Target {
  name: string;
  server: ServerProcess;
  url: string;
  headers: Record<string, string>;
}

function answers(target: Target, amount: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) =>
    autocannon({ url: target.url, connections: 10, amount, headers: target.headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    ),
  );
}

const db = await createBenchDatabase(databaseUrl);
const started: ServerProcess[] = [];
try {
  const crewboard = await startCrewboard({ database: db.serverEnv, extra: serverEnv }, await freePort());
  started.push(crewboard);
  const bare = await startBaseline("bare-db-server", await freePort(), db.baselineArgs);
  started.push(bare);
  const manager = await signIn(crewboard.url, STAFF_ACCOUNTS[0]!);
  await fillPage(crewboard.url, manager);
  const targets: Target[] = [
    {
      name: "Crewboard",
      server: crewboard,
      url: `${crewboard.url}/api/v1/tasks?limit=100`,
      headers: { ...authHeaders(manager, false), ...BROWSER_ACCEPT },
    },
    { name: "bare", server: bare, url: `${bare.url}/tasks?limit=100`, headers: BROWSER_ACCEPT },
  ];
  for (const target of targets) await answers(target, Math.ceil(requests / 2)); // warm-up
  const perAnswer: number[][] = [[], []];
  for (const i of turnOrder(rounds)) {
    const target = targets[i]!;
    const before = cpuMs(target.server.pid);
    const result = await answers(target, requests);
    if (result.non2xx || result.errors)
      throw new Error(`${target.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    perAnswer[i]!.push((cpuMs(target.server.pid) - before) / result["2xx"]);
  }
  const medians = perAnswer.map((turns) =>
    percentile(
      [...turns].sort((a, b) => a - b),
      50,
    ),
  );
  targets.forEach((target, i) =>
    console.log(
      `${target.name}: ${round(medians[i]!, 3)} ms of CPU per page (turns: ${perAnswer[i]!.map((ms) => round(ms, 2)).join(", ")})`,
    ),
  );
  console.log(`CPU per page, Crewboard / bare: ${round(medians[0]! / medians[1]!, 3)}× (medians of ${rounds} turns)`);
} finally {
  await Promise.all(started.map((server) => server.stop()));
  killAll();
  await db.drop();
}
