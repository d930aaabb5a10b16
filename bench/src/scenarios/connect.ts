// Connecting N manager sockets at once (each joining its rooms the way the web app does, one
// `room:join` per home room), and the server's resident memory before and after. Baseline: the
// bare Socket.IO server with the same number of sockets and joins.
import { STAFF_ACCOUNTS } from "../config.ts";
import { bareSockets, type RunContext } from "../context.ts";
import { Fleet } from "../fleet/fleet.ts";
import type { SocketSpec } from "../fleet/protocol.ts";
import type { ServerProcess } from "../processes.ts";
import { mib, ms, ratioAtMost, type ScenarioResult } from "../report.ts";
import { round } from "../stats.ts";
import { isManager } from "@crewboard/domain";

interface ConnectFigures {
  sockets: number;
  connectMs: number;
  failed: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  peakRssBytes: number;
  addedBytes: number;
  addedPer1000Bytes: number;
}

const settle = (msec: number) => new Promise((r) => setTimeout(r, msec));

async function measure(ctx: RunContext, server: ServerProcess, specs: SocketSpec[]): Promise<ConnectFigures> {
  // Warm-up (code paths compiled, pools opened), then memory at rest.
  const warm = await Fleet.start(20);
  await warm.connect({ url: server.url, sockets: specs.slice(0, 20) });
  await warm.stop();
  await settle(3000);
  const before = server.memory();

  const fleet = await Fleet.start(specs.length);
  try {
    ctx.log(`connecting ${specs.length} sockets at once to ${server.name}`);
    const result = await fleet.connect({ url: server.url, sockets: specs, concurrency: Infinity, timeoutMs: 120_000 });
    if (result.failed > 0) ctx.log(`${result.failed} sockets failed: ${result.errors.join("; ")}`);
    await settle(3000);
    const after = server.memory();
    const added = after.rss - before.rss;
    return {
      sockets: specs.length,
      connectMs: round(result.elapsedMs),
      failed: result.failed,
      rssBeforeBytes: before.rss,
      rssAfterBytes: after.rss,
      peakRssBytes: after.peak,
      addedBytes: added,
      addedPer1000Bytes: round((added * 1000) / specs.length, 0),
    };
  } finally {
    await fleet.stop();
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
  const memoryRatio = crewboard.addedBytes / bare.addedBytes;
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
        crewboard: `${mib(crewboard.rssAfterBytes)} RSS (+${mib(crewboard.addedBytes)} for the sockets; peak ${mib(crewboard.peakRssBytes)})`,
        baseline: `bare Socket.IO: ${mib(bare.rssAfterBytes)} (+${mib(bare.addedBytes)})`,
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
