// Fan-out during a sign-in flood: the fan-out of the fan-out scenario on N sockets, measured
// without and then with 100 wrong sign-ins per second from one address. Each attempt names a
// different, unknown email (what a stranger guessing accounts does, and what a per-email limit
// does not slow down). The figure is the fan-out p99 with the flood against without it, on the
// same sockets in the same run.
import { randomBytes } from "node:crypto";
import { STAFF_ACCOUNTS } from "../config.ts";
import type { RunContext } from "../context.ts";
import { Fleet } from "../fleet/fleet.ts";
import { crewboardRename } from "../renamer.ts";
import { ms, pct, ratioAtMost, type ScenarioResult } from "../report.ts";
import { now, round, summarize } from "../stats.ts";
import { changeableTasks, RENAME_TASKS, measureFanout, roundSummary } from "./common.ts";

interface Flood {
  stop(): Promise<{ sent: number; statuses: Record<string, number>; latency: ReturnType<typeof summarize> }>;
}

/**
 * Open loop, as an attacker sends: the rate does not wait for answers. Attempts still unanswered
 * when the measurement ends are abandoned (counted as "unanswered"), not waited for.
 */
function startFlood(baseUrl: string, perSecond: number): Flood {
  const statuses: Record<string, number> = {};
  const count = (key: string) => void (statuses[key] = (statuses[key] ?? 0) + 1);
  const latencies: number[] = [];
  const abort = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  const started = now();
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    // catch up on the schedule (timers drift under load): the rate is what was asked
    const due = Math.floor(((now() - started) / 1000) * perSecond);
    while (sent < due) {
      sent++;
      const at = now();
      const p = fetch(`${baseUrl}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          email: `nobody-${randomBytes(6).toString("hex")}@example.com`,
          password: "wrong-password",
        }),
        signal: abort.signal,
      })
        .then(async (res) => {
          await res.arrayBuffer();
          count(String(res.status));
          latencies.push(now() - at);
        })
        .catch((error: Error & { cause?: { code?: string } }) =>
          count(stopped ? "unanswered" : `error ${error.cause?.code ?? error.name}`),
        )
        .finally(() => inFlight.delete(p));
      inFlight.add(p);
    }
    setTimeout(tick, 5);
  };
  tick();
  return {
    async stop() {
      stopped = true;
      abort.abort();
      await Promise.all(inFlight);
      return { sent, statuses, latency: summarize(latencies) };
    },
  };
}

export async function flood(ctx: RunContext): Promise<ScenarioResult> {
  const n = ctx.sizes.floodSockets;
  const { renamesPerSecond: perSecond, floodSeconds: seconds, loginsPerSecond } = ctx.sizes;
  const server = await ctx.crewboard();
  const fleet = await Fleet.start(n);
  try {
    const staff = await Promise.all(STAFF_ACCOUNTS.map((e) => ctx.session(server.url, e)));
    const tasks = await changeableTasks(server.url, staff[0]!, RENAME_TASKS);
    const connected = await fleet.connect({
      url: server.url,
      sockets: ctx.staffSockets(staff, n),
      concurrency: 25,
      retries: 3,
    });
    if (connected.failed > 0)
      throw new Error(`${connected.failed} of ${n} sockets could not connect: ${connected.errors.join("; ")}`);
    const write = crewboardRename(server.url, staff[0]!, tasks);

    ctx.log(`fan-out on ${n} sockets without a flood, ${seconds} s`);
    const without = await measureFanout(fleet, n, write, { perSecond, seconds });
    ctx.log(`the same with ${loginsPerSecond} wrong sign-ins/s`);
    const attack = startFlood(server.url, loginsPerSecond);
    await new Promise((r) => setTimeout(r, 2000)); // the flood is under way before measuring
    const during = await measureFanout(fleet, n, write, { perSecond, seconds });
    const flooded = await attack.stop();

    const ratio = during.latency.p99 / without.latency.p99;
    const answered = Object.entries(flooded.statuses)
      .map(([status, count]) => `${count}× ${status}`)
      .join(", ");
    return {
      id: "flood",
      title: `fan-out p99 during a ${loginsPerSecond}/s wrong-login flood`,
      rows: [
        {
          scenario: `fan-out p99 (${n.toLocaleString("en")} sockets) during a ${loginsPerSecond}/s wrong-login flood`,
          crewboard:
            `with the flood: p99 ${ms(during.latency.p99)}, ${pct(during.deliveredPct)} delivered` +
            `${during.failedWrites ? `, ${during.failedWrites} renames failed` : ""} (sign-ins: ${answered}; answered p50 ${ms(flooded.latency.p50)})`,
          baseline: `without it, same sockets: p99 ${ms(without.latency.p99)}, ${pct(without.deliveredPct)}`,
          ratio: round(ratio, 3),
          ...(during.deliveredPct < 100
            ? { ratioText: `${ratio.toFixed(2)}× (of the ${pct(during.deliveredPct)} delivered)` }
            : {}),
          target: { ...ratioAtMost(ratio, 1.2), met: ratioAtMost(ratio, 1.2).met && during.deliveredPct >= 100 },
        },
      ],
      figures: {
        withoutFlood: without,
        withFlood: during,
        flood: { ...flooded, latency: roundSummary(flooded.latency), perSecond: loginsPerSecond },
      },
      notes: [],
    };
  } finally {
    await fleet.stop();
    await server.stop();
  }
}
