// Fan-out: N manager sockets on the board; a manager renames tasks over REST at 10/s; every
// socket's task:updated is timed from the moment the write was sent. Baseline: the bare Socket.IO
// server broadcasting the same task JSON to N sockets on each POST.
import { STAFF_ACCOUNTS } from "../config.ts";
import { bareSockets, type RunContext } from "../context.ts";
import { Fleet } from "../fleet/fleet.ts";
import { bareRename, crewboardRename } from "../renamer.ts";
import { fanoutTarget, ms, pct, type ScenarioResult } from "../report.ts";
import { round } from "../stats.ts";
import { changeableTasks, RENAME_TASKS, measureFanout, type FanoutFigures } from "./common.ts";

/** Sockets opened at a time per fleet process while setting up (connecting is not measured here). */
const SETUP_CONCURRENCY = 25;

export async function fanout(ctx: RunContext, sockets: number): Promise<ScenarioResult> {
  const { renamesPerSecond: perSecond, fanoutSeconds: seconds } = ctx.sizes;
  const notes: string[] = [];

  // ---- Crewboard ----
  let sample: Record<string, unknown>;
  let crewboard: FanoutFigures;
  {
    const server = await ctx.crewboard();
    const fleet = await Fleet.start(sockets);
    try {
      const staff = await Promise.all(STAFF_ACCOUNTS.map((e) => ctx.session(server.url, e)));
      const tasks = await changeableTasks(server.url, staff[0]!, RENAME_TASKS);
      sample = tasks[0]!;
      ctx.log(`Crewboard: connecting ${sockets} staff sockets over ${fleet.processes} processes`);
      const connected = await fleet.connect({
        url: server.url,
        sockets: ctx.staffSockets(staff, sockets),
        concurrency: SETUP_CONCURRENCY,
        retries: 3,
      });
      if (connected.failed > 0)
        throw new Error(
          `${connected.failed} of ${sockets} sockets could not connect to Crewboard: ${connected.errors.join("; ")}`,
        );
      ctx.log(`Crewboard: ${perSecond} renames/s for ${seconds} s`);
      crewboard = await measureFanout(fleet, sockets, crewboardRename(server.url, staff[0]!, tasks), {
        perSecond,
        seconds,
      });
    } finally {
      await fleet.stop();
      await server.stop();
    }
  }

  // ---- bare Socket.IO ----
  let bare: FanoutFigures;
  {
    const server = await ctx.baseline("bare-socket-server", false);
    const fleet = await Fleet.start(sockets);
    try {
      ctx.log(`bare Socket.IO: connecting ${sockets} sockets`);
      const connected = await fleet.connect({
        url: server.url,
        sockets: bareSockets(sockets),
        concurrency: SETUP_CONCURRENCY,
        retries: 3,
      });
      if (connected.failed > 0)
        throw new Error(
          `${connected.failed} sockets could not connect to the bare server: ${connected.errors.join("; ")}`,
        );
      ctx.log(`bare Socket.IO: ${perSecond} broadcasts/s for ${seconds} s`);
      bare = await measureFanout(fleet, sockets, bareRename(server.url, sample), { perSecond, seconds });
    } finally {
      await fleet.stop();
      await server.stop();
    }
  }

  if (crewboard.disconnects) notes.push(`${crewboard.disconnects} Crewboard sockets dropped during the run`);
  if (crewboard.failedWrites)
    notes.push(
      `${crewboard.failedWrites} Crewboard renames failed or were not answered in 30 s (counted as not delivered)`,
    );
  if (bare.latency.p99 > 1000) {
    notes.push(
      `the bare server itself is far behind at this size (p99 ${ms(bare.latency.p99)}, its broadcast answered at p50 ${ms(bare.write.p50)}): ` +
        "the sockets' processes and the server share this machine's cores, so the comparison says more about the machine than about Crewboard",
    );
  }
  const target = fanoutTarget({
    p99: crewboard.latency.p99,
    baselineP99: bare.latency.p99,
    writeP50: crewboard.write.p50,
    deliveredPct: crewboard.deliveredPct,
  });
  return {
    id: `fanout-${sockets}`,
    title: `fan-out, ${sockets.toLocaleString("en")} sockets × ${perSecond} renames/s`,
    rows: [
      {
        scenario: `fan-out, ${sockets.toLocaleString("en")} sockets × ${perSecond} renames/s`,
        crewboard: `${pct(crewboard.deliveredPct)} delivered, p50/p99 ${ms(crewboard.latency.p50)}/${ms(crewboard.latency.p99)} (REST write p50 ${ms(crewboard.write.p50)})`,
        baseline: `bare Socket.IO broadcast: ${pct(bare.deliveredPct)}, p50/p99 ${ms(bare.latency.p50)}/${ms(bare.latency.p99)}`,
        ratio: round(crewboard.latency.p99 / bare.latency.p99, 3),
        // a p99 over the events that did arrive flatters a run that lost most of them
        ...(crewboard.deliveredPct < 100
          ? {
              ratioText: `${(crewboard.latency.p99 / bare.latency.p99).toFixed(2)}× (of the ${pct(crewboard.deliveredPct)} delivered)`,
            }
          : {}),
        target,
      },
    ],
    figures: { crewboard, baseline: bare },
    notes,
  };
}
