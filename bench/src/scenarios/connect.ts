// Connecting N manager sockets at once (each joining its rooms the way the web app does, one
// `room:join` per home room), and the memory holding them adds to the server. Baseline: the bare
// Socket.IO server with the same number of sockets and joins.
//
// Memory is measured on a server that has already served one such burst (N sockets that connected
// and left), then N that connect and stay: what 1,000 more sockets add to a server at work (a lower
// bound: they may reuse heap the first burst grew and V8 has not returned yet). The first burst
// on a cold server also grows V8's young generation to its working size (up to the 2 ×
// 32 MiB of `npm start`'s --max-semi-space-size) and touches those pages for the first time, which
// any burst of requests does once; a server whose rest size is smaller showed that growth as
// "memory per socket" (+66–91 MiB against +24–36 before its rest size fell, with the same RSS with
// 1,000 sockets). The first burst's figures (an upper bound) stay in the results and in a note.
import { STAFF_ACCOUNTS } from "../config.ts";
import { bareSockets, type RunContext } from "../context.ts";
import { Fleet } from "../fleet/fleet.ts";
import type { SocketSpec } from "../fleet/protocol.ts";
import type { ServerProcess } from "../processes.ts";
import { mib, ms, ratioAtMost, type ScenarioResult } from "../report.ts";
import { round } from "../stats.ts";
import { isManager } from "@crewboard/domain";

interface Burst {
  rssBeforeBytes: number;
  rssAfterBytes: number;
  peakRssBytes: number;
  addedBytes: number;
}

interface ConnectFigures {
  sockets: number;
  /** the first burst, on a cold server: its time is the connect row's */
  connectMs: number;
  failed: number;
  firstBurst: Burst;
  /** the second burst, after the first left: its memory is the memory row's */
  held: Burst;
}

const settle = (msec: number) => new Promise((r) => setTimeout(r, msec));

/** N sockets at once; memory at rest before, and 3 s after the last has joined (the fleet stays up). */
async function burst(ctx: RunContext, server: ServerProcess, fleet: Fleet, specs: SocketSpec[]) {
  const before = server.memory();
  ctx.log(`connecting ${specs.length} sockets at once to ${server.name}`);
  const result = await fleet.connect({ url: server.url, sockets: specs, concurrency: Infinity, timeoutMs: 120_000 });
  if (result.failed > 0) ctx.log(`${result.failed} sockets failed: ${result.errors.join("; ")}`);
  await settle(3000);
  const after = server.memory();
  const memory: Burst = {
    rssBeforeBytes: before.rss,
    rssAfterBytes: after.rss,
    peakRssBytes: after.peak,
    addedBytes: after.rss - before.rss,
  };
  return { result, memory };
}

async function measure(ctx: RunContext, server: ServerProcess, specs: SocketSpec[]): Promise<ConnectFigures> {
  // Warm-up (code paths compiled, pools opened), then memory at rest.
  const warm = await Fleet.start(20);
  await warm.connect({ url: server.url, sockets: specs.slice(0, 20) });
  await warm.stop();
  await settle(3000);

  const firstFleet = await Fleet.start(specs.length);
  let first: Awaited<ReturnType<typeof burst>>;
  try {
    first = await burst(ctx, server, firstFleet, specs);
  } finally {
    await firstFleet.stop();
  }
  await settle(3000);
  const heldFleet = await Fleet.start(specs.length);
  try {
    const held = await burst(ctx, server, heldFleet, specs);
    return {
      sockets: specs.length,
      connectMs: round(first.result.elapsedMs),
      failed: first.result.failed + held.result.failed,
      firstBurst: first.memory,
      held: held.memory,
    };
  } finally {
    await heldFleet.stop();
  }
}

export async function connect(ctx: RunContext): Promise<ScenarioResult> {
  const n = ctx.sizes.connectSockets;
  let crewboard: ConnectFigures;
  {
    const server = await ctx.crewboard();
    try {
      const staff = await Promise.all(STAFF_ACCOUNTS.map((e) => ctx.session(server.url, e)));
      // managers only: the issue's scenario is "connect 1,000 manager sockets"
      const managers = staff.filter((s) => isManager(s.user));
      crewboard = await measure(ctx, server, ctx.staffSockets(managers, n));
    } finally {
      await server.stop();
    }
  }
  let bare: ConnectFigures;
  {
    const server = await ctx.baseline("bare-socket-server", false);
    try {
      bare = await measure(ctx, server, bareSockets(n));
    } finally {
      await server.stop();
    }
  }
  const notes: string[] = [];
  if (crewboard.failed) notes.push(`${crewboard.failed} Crewboard sockets did not connect`);
  if (bare.failed) notes.push(`${bare.failed} bare sockets did not connect`);
  const timeRatio = crewboard.connectMs / bare.connectMs;
  const memoryRatio = crewboard.held.addedBytes / bare.held.addedBytes;
  const firstRatio = crewboard.firstBurst.addedBytes / bare.firstBurst.addedBytes;
  notes.push(
    `memory: the first burst, on a cold server, added +${mib(crewboard.firstBurst.addedBytes)} (Crewboard, ${mib(crewboard.firstBurst.rssAfterBytes)} RSS) against +${mib(bare.firstBurst.addedBytes)} (bare, ${mib(bare.firstBurst.rssAfterBytes)})${bare.firstBurst.addedBytes > 0 ? `: ${round(firstRatio, 2)}×` : ""}, young generation growth included`,
  );
  const count = n.toLocaleString("en");
  return {
    id: "connect",
    title: `connect ${count} manager sockets, and server memory`,
    rows: [
      {
        scenario: `connect ${count} manager sockets (at once, joining their rooms)`,
        crewboard: `${ms(crewboard.connectMs)}${crewboard.failed ? ` (${crewboard.failed} failed)` : ""}`,
        baseline: `bare Socket.IO: ${ms(bare.connectMs)}`,
        ratio: round(timeRatio, 3),
        target: { ...ratioAtMost(timeRatio, 3), met: ratioAtMost(timeRatio, 3).met && crewboard.failed === 0 },
      },
      {
        scenario: `server memory with ${count} sockets`,
        crewboard: `${mib(crewboard.held.rssAfterBytes)} RSS (+${mib(crewboard.held.addedBytes)} for the sockets, after a first burst; peak ${mib(crewboard.held.peakRssBytes)})`,
        baseline: `bare Socket.IO: ${mib(bare.held.rssAfterBytes)} (+${mib(bare.held.addedBytes)})`,
        ratio: round(memoryRatio, 3),
        target: {
          text: "added memory per 1,000 sockets ≤ 2× the bare server's",
          met: Number.isFinite(memoryRatio) && memoryRatio <= 2,
        },
      },
    ],
    figures: { crewboard, baseline: bare },
    notes,
  };
}
