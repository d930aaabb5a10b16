// Reconnect storm: N manager sockets connected (the web app's reconnect rules), renames going on
// at 10/s, and the server restarted (SIGTERM, a graceful shutdown as a deployment does, then the
// same entry again on the same port and database). Every client must come back, catch up with
// `sync:request` (no reset), and end with every board event since it first joined: none lost.
// Baseline: the time N fresh connections take on the same server, in the same run.
import { io } from "socket.io-client";
import { STAFF_ACCOUNTS } from "../config.ts";
import type { RunContext } from "../context.ts";
import type { Session } from "../api.ts";
import { Fleet } from "../fleet/fleet.ts";
import type { SocketReport } from "../fleet/protocol.ts";
import { freePort } from "../processes.ts";
import { crewboardRename, renameAtRate } from "../renamer.ts";
import { ms, pct, type ScenarioResult } from "../report.ts";
import { now, round, summarize } from "../stats.ts";
import { changeableTasks, RENAME_TASKS } from "./common.ts";
import { isManager } from "@crewboard/domain";

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec));
const REQUIRED_PCT = 99.5;

/** The board room's newest sequence number, as a fresh connection is told when it joins. */
async function boardLatest(url: string, session: Session): Promise<number> {
  const socket = io(url, {
    transports: ["websocket"],
    extraHeaders: { cookie: session.cookie },
    forceNew: true,
    reconnection: false,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once("connect", resolve);
      socket.once("connect_error", reject);
    });
    const answer = (await socket.timeout(30_000).emitWithAck("room:join", { room: "board" })) as {
      ok: boolean;
      data: { latest: number };
    };
    if (!answer.ok) throw new Error("room:join board refused");
    return answer.data.latest;
  } finally {
    socket.disconnect();
  }
}

function resynced(s: SocketReport, killedAt: number): boolean {
  return s.backAt > killedAt && s.resyncedAt >= s.backAt && s.resets === 0 && s.syncErrors === 0;
}

export async function storm(ctx: RunContext): Promise<ScenarioResult> {
  const n = ctx.sizes.stormSockets;
  const needed = Math.ceil((REQUIRED_PCT / 100) * n);
  const port = await freePort();
  let server = await ctx.crewboard(port);
  const fleet = await Fleet.start(n);
  let writer: Promise<unknown> = Promise.resolve();
  let stopWrites = false;
  try {
    const staff = await Promise.all(STAFF_ACCOUNTS.map((e) => ctx.session(server.url, e)));
    const managers = staff.filter((s) => isManager(s.user));
    const tasks = await changeableTasks(server.url, staff[0]!, RENAME_TASKS);

    ctx.log(`${n} fresh connections at once`);
    const fresh = await fleet.connect({
      url: server.url,
      sockets: ctx.staffSockets(managers, n),
      concurrency: Infinity,
      reconnect: true,
      trackSeqs: true,
      timeoutMs: 120_000,
    });
    // A fresh connection that fails is reported, and counts as a client that is not back.
    if (fresh.failed === n) throw new Error(`no fresh connection succeeded: ${fresh.errors.join("; ")}`);

    // until stopped (at most ten minutes' worth); a failure here must not go unhandled meanwhile
    const renames = renameAtRate(crewboardRename(server.url, staff[0]!, tasks), {
      perSecond: ctx.sizes.renamesPerSecond,
      warmup: 0,
      count: ctx.sizes.renamesPerSecond * 600,
      stop: () => stopWrites,
    });
    writer = renames.catch(() => undefined);
    await sleep(3000);

    ctx.log("restarting the server with every client connected");
    const killedAt = now();
    await server.stop();
    const downMs = now() - killedAt;
    server = await ctx.crewboard(port);
    const readyAt = now();

    const deadline = Date.now() + 120_000;
    let reports: SocketReport[] = [];
    for (;;) {
      reports = await fleet.report(0);
      if (reports.filter((s) => resynced(s, killedAt)).length >= needed || Date.now() > deadline) break;
      await sleep(250);
    }
    await sleep(3000); // renames go on after the storm: live events again
    stopWrites = true;
    await writer;
    await sleep(3000);
    const finalSeq = await boardLatest(server.url, managers[0]!);
    reports = await fleet.report(finalSeq);

    const back = reports.filter((s) => s.backAt > killedAt).length;
    const ok = reports.filter((s) => resynced(s, killedAt));
    const times = ok.map((s) => s.resyncedAt).sort((a, b) => a - b);
    const firstBack = Math.min(...reports.filter((s) => s.backAt > killedAt).map((s) => s.backAt));
    const doneAt = times.length >= needed ? times[needed - 1]! : Number.NaN;
    const stormMs = doneAt - firstBack;
    const lost = reports.reduce((total, s) => total + s.lost, 0);
    const socketsLosing = reports.filter((s) => s.lost > 0).length;
    const resets = reports.reduce((total, s) => total + s.resets, 0);
    const resyncedPct = (100 * ok.length) / n;
    // where the storm's time goes: coming back (after the first client) and catching up
    const backAfterFirst = summarize(ok.map((s) => s.backAt - firstBack));
    const resyncTook = summarize(ok.map((s) => s.resyncedAt - s.backAt));
    const ratio = stormMs / fresh.elapsedMs;

    const figures = {
      sockets: n,
      freshMs: round(fresh.elapsedMs),
      freshFailed: fresh.failed,
      shutdownMs: round(downMs),
      restartMs: round(readyAt - killedAt),
      firstBackAfterReadyMs: round(firstBack - readyAt),
      stormMs: round(stormMs),
      readyTo995Ms: round(doneAt - readyAt),
      backAfterFirstP50Ms: round(backAfterFirst.p50),
      backAfterFirstP90Ms: round(backAfterFirst.p90),
      resyncP50Ms: round(resyncTook.p50),
      resyncP90Ms: round(resyncTook.p90),
      back,
      resynced: ok.length,
      resyncedPct: round(resyncedPct, 2),
      resets,
      eventsLost: lost,
      socketsLosingEvents: socketsLosing,
      boardEventsAtEnd: finalSeq,
    };
    const notes = [
      ...(fresh.failed
        ? [
            `${fresh.failed} of ${n} fresh connections failed (${fresh.errors.join("; ")}); the fresh time is that of the others`,
          ]
        : []),
      `restart: ${ms(readyAt - killedAt)} from SIGTERM to the new server answering; the first client was back ${ms(firstBack - readyAt)} after that; clients back p50/p90 ${ms(backAfterFirst.p50)}/${ms(backAfterFirst.p90)} after the first, resynced p50/p90 ${ms(resyncTook.p50)}/${ms(resyncTook.p90)} after they were back`,
    ];
    return {
      id: "storm",
      title: `reconnect storm, ${n.toLocaleString("en")} clients`,
      rows: [
        {
          scenario: `reconnect storm: restart with ${n.toLocaleString("en")} clients connected`,
          crewboard: `${pct(resyncedPct)} back and resynced, ${lost} events lost, ${Number.isFinite(stormMs) ? ms(stormMs) : `fewer than ${REQUIRED_PCT} % in 120 s`}`,
          baseline: `${n.toLocaleString("en")} fresh connections, same server: ${ms(fresh.elapsedMs)}${fresh.failed ? ` (${fresh.failed} failed)` : ""}`,
          ratio: Number.isFinite(ratio) ? round(ratio, 3) : null,
          target: {
            text: `≥ ${REQUIRED_PCT} % back and resynced, 0 lost, ≤ 2× the fresh connections' time`,
            met: resyncedPct >= REQUIRED_PCT && lost === 0 && Number.isFinite(ratio) && ratio <= 2,
          },
        },
      ],
      figures,
      notes,
    };
  } finally {
    stopWrites = true;
    await writer;
    await fleet.stop();
    await server.stop();
  }
}
