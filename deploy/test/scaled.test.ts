// npm run test:scaled — the shape an operator runs, run as deploy/ ships it: a private PostgreSQL
// and Redis, 3 instances started from the systemd unit's ExecStart with the environment file, and
// HAProxy with the committed configuration. Everything goes through the balancer:
// - a journey: a client orders, a manager accepts and splits it among three crew, the crew log
//   progress, while a second manager and a colleague of the client watch live over sockets;
// - under a steady write load with sockets connected: one instance is drained with SIGTERM (no
//   request may fail), restarted, and another is killed with kill -9 (requests in flight fail and
//   are retried with their Idempotency-Key, as the web app's offline queue does);
// - then every client has resynced: in every room it watches it took every event exactly once,
//   in order, with nothing missing (per-room sequence against the database), and every
//   acknowledged write is in the database exactly once.
import { readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { withPgClient } from "@crewboard/db";
import { ApiClient, type ApiResponse } from "@crewboard/server/testing/api-client";
import {
  startBalancer,
  startInstance,
  waitReady,
  writeEnvironmentFile,
  type Balancer,
  type Instance,
} from "./lib/deployment.ts";
import { LiveClient } from "./lib/live-client.ts";
import { freePort, sleep } from "./lib/services.ts";
import { runNpm } from "./lib/npm.ts";

const TOKEN = "scaled-test-metrics-token-0123456789";
const DATABASE = "crewboard_scaled";
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

describe("the scaled shape behind HAProxy", () => {
  const workDir = inject("workDir");
  const databaseUrl = `postgres://postgres@127.0.0.1:${inject("postgresPort")}/${DATABASE}`;
  const instances: Instance[] = [];
  let envFile: string;
  let balancer: Balancer;
  const clients: LiveClient[] = [];
  const began = performance.now();
  const timings: Record<string, string> = {};

  // what the writers saw: every answer that was not a success, by phase
  let phase = "journey";
  const hiccups: { phase: string; what: string }[] = [];
  const ackedProgress = new Map<string, string>(); // note → progress update id
  let lastDescription = "";

  /** A write sent until it succeeds, with one Idempotency-Key for all its attempts (like the web app's queue). */
  async function reliably(api: ApiClient, method: string, path: string, body: unknown): Promise<ApiResponse> {
    const key = randomUUID();
    for (let attempt = 0; attempt < 60; attempt++) {
      let res: ApiResponse | undefined;
      try {
        res = await api.request(method, path, body, { headers: { "Idempotency-Key": key } });
        if (res.status < 300) return res;
        hiccups.push({ phase, what: `${method} ${path} → ${res.status} ${res.body?.code ?? ""}` });
        if (![502, 503, 504].includes(res.status) && res.body?.code !== "idempotency.in_progress")
          throw new Error(`${method} ${path}: ${res.status} ${res.text}`);
      } catch (error) {
        if (res) throw error;
        hiccups.push({ phase, what: `${method} ${path} → ${(error as Error).message}` });
      }
      await sleep(Math.min(1000, 50 * 2 ** attempt));
    }
    throw new Error(`${method} ${path} did not succeed`);
  }

  async function socketsOn(instance: Instance): Promise<number> {
    const text = await (
      await fetch(`${instance.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
    ).text();
    return Number(/^crewboard_socket_connections (\d+)$/m.exec(text)?.[1] ?? NaN);
  }

  async function waitState(server: string, state: string, timeoutMs = 30_000): Promise<number> {
    const start = performance.now();
    while (performance.now() - start < timeoutMs) {
      if ((await balancer.serverStates())[server]?.startsWith(state)) return performance.now() - start;
      await sleep(50);
    }
    throw new Error(
      `HAProxy did not mark ${server} ${state} within ${timeoutMs} ms: ${JSON.stringify(await balancer.serverStates())}`,
    );
  }

  /** Resolves when every client is connected and done catching up. */
  async function allCaughtUp(timeoutMs = 60_000): Promise<void> {
    const start = performance.now();
    while (clients.some((c) => c.busy)) {
      if (performance.now() - start > timeoutMs)
        throw new Error(
          `clients still catching up: ${clients
            .filter((c) => c.busy)
            .map((c) => c.name)
            .join(", ")}`,
        );
      await sleep(50);
    }
  }

  const serverName = (instance: Instance) => `app${instances.indexOf(instance) + 1}`;

  beforeAll(async () => {
    await withPgClient(`postgres://postgres@127.0.0.1:${inject("postgresPort")}/postgres`, (c) =>
      c.exec(`CREATE DATABASE "${DATABASE}"`),
    );
    envFile = writeEnvironmentFile(workDir, {
      DATABASE_URL: databaseUrl,
      REDIS_URL: inject("redisUrl"),
      METRICS_TOKEN: TOKEN,
    });
    // the operator's steps: migrate and load the demo data (the example file says CREWBOARD_DEMO=false)
    const seeded = await runNpm("db:seed", [], { DATABASE_URL: databaseUrl });
    expect(seeded.code, seeded.output).toBe(0);
    const ports = await Promise.all([freePort(), freePort(), freePort()]);
    const started = performance.now();
    for (const port of ports) instances.push(startInstance(envFile, workDir, port));
    await Promise.all(instances.map((i) => waitReady(i)));
    timings["3 instances ready"] = seconds(performance.now() - started);
    balancer = await startBalancer(workDir, instances);
    for (const i of instances) await waitState(serverName(i), "UP");
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    await balancer?.stop();
    for (const i of instances) if (!i.exit) i.child.kill("SIGKILL");
    await Promise.all(instances.map((i) => i.exited));
    console.log(
      `[scaled] timings:\n${Object.entries({ ...timings, "whole file": seconds(performance.now() - began) })
        .map(([k, v]) => `  ${k}: ${v}`)
        .join("\n")}`,
    );
    console.log(
      `[scaled] non-success answers seen by the writers (all retried): ${hiccups.length}\n${hiccups.map((h) => `  [${h.phase}] ${h.what}`).join("\n")}`,
    );
  });

  let orderId: string;
  let manager: ApiClient;
  let crew: ApiClient[] = [];
  let tasks: { id: string; assigneeId: string }[] = [];
  const rooms = { board: "board", company: "", order: "" };

  it("plays the journey through the balancer while a second manager and the client's colleague watch live", async () => {
    const lb = balancer.url;
    const client = await new ApiClient(lb).login("client-a1@crewboard.example");
    manager = await new ApiClient(lb).login("manager1@crewboard.example");
    const watcher = await new ApiClient(lb).login("manager2@crewboard.example");
    const colleague = await new ApiClient(lb).login("client-a2@crewboard.example");
    crew = await Promise.all(["crew1", "crew2", "crew3"].map((n) => new ApiClient(lb).login(`${n}@crewboard.example`)));
    rooms.company = `company:${client.user!.clientCompanyId}`;

    // the watchers are connected before anything happens (two connections each, as two tabs)
    for (const [name, api, room] of [
      ["manager2", watcher, rooms.board],
      ["manager1", manager, rooms.board],
      ["client-a2", colleague, rooms.company],
    ] as const) {
      for (const tab of [1, 2])
        clients.push(new LiveClient(`${name}#${tab}`, lb, api.cookieHeader!, [room], api.user!));
    }
    await Promise.all(clients.map((c) => c.open()));

    const created = await reliably(client, "POST", "/work-orders", {
      title: "Scaled journey",
      description: "through HAProxy",
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    orderId = created.body.id;
    rooms.order = `work-order:${orderId}`;
    await reliably(manager, "PATCH", `/work-orders/${orderId}`, { status: "accepted" });
    const split = await reliably(manager, "POST", `/work-orders/${orderId}/tasks`, {
      tasks: crew.map((c, i) => ({ title: `Part ${i + 1}`, assigneeId: c.user!.id, estimateMinutes: 60 })),
    });
    tasks = (split.body.items as { id: string; assignee: { id: string } }[]).map((t) => ({
      id: t.id,
      assigneeId: t.assignee.id,
    }));
    expect(tasks).toHaveLength(3);
    // the crew follow their order live too
    for (const [i, c] of crew.entries())
      clients.push(new LiveClient(`crew${i + 1}`, lb, c.cookieHeader!, [rooms.order], c.user!));
    await Promise.all(clients.slice(-3).map((c) => c.open()));
    for (const [i, c] of crew.entries()) {
      const note = `journey crew${i + 1}`;
      const res = await reliably(c, "POST", `/tasks/${tasks[i]!.id}/progress`, { percent: 10, note, minutesSpent: 15 });
      ackedProgress.set(note, res.body.progressUpdate.id);
    }

    // the second manager saw it all live: the order, its acceptance, the split, the progress
    const boardWatcher = clients[0]!;
    await expect
      .poll(() => boardWatcher.taken[rooms.board]!.map((e) => e.split(" ")[1]), { timeout: 15_000 })
      .toEqual(
        expect.arrayContaining(["work_order:created", "work_order:updated", "task:created", "progress:created"]),
      );
    const order = (await manager.get(`/work-orders/${orderId}`)).body;
    expect(order.status).toBe("in_progress");
    expect(clients.every((c) => c.connects === 1 && c.resets.length === 0)).toBe(true);
  });

  // the steady load during the failures: each crew member logs progress, the manager edits the order
  let stopLoad = false;
  let load: Promise<void>[] = [];
  function startLoad() {
    let n = 0;
    load = [
      ...crew.map(async (c, i) => {
        while (!stopLoad) {
          const note = `load crew${i + 1} #${++n}`;
          const res = await reliably(c, "POST", `/tasks/${tasks[i]!.id}/progress`, {
            percent: 10 + (n % 80),
            note,
            minutesSpent: 1,
          });
          ackedProgress.set(note, res.body.progressUpdate.id);
          await sleep(150);
        }
      }),
      (async () => {
        let rev = 0;
        while (!stopLoad) {
          const description = `revision ${++rev}`;
          await reliably(manager, "PATCH", `/work-orders/${orderId}`, { description });
          lastDescription = description;
          await sleep(300);
        }
      })(),
    ];
  }

  let drained: Instance;
  let killed: Instance;

  it("drains an instance with SIGTERM under load: no request fails, its sockets move, it exits 0", async () => {
    const counts = await Promise.all(instances.map(socketsOn));
    console.log(`[scaled] sockets per instance before the failures: ${counts.join(", ")}`);
    // the two with the most sockets: one is drained, the other killed
    const [first, second] = instances.map((i, n) => ({ i, n: counts[n]! })).sort((a, b) => b.n - a.n);
    expect(first!.n).toBeGreaterThan(0);
    expect(second!.n).toBeGreaterThan(0);
    drained = second!.i;
    killed = first!.i;

    startLoad();
    await sleep(2000);
    phase = "SIGTERM drain";
    const t0 = performance.now();
    drained.child.kill("SIGTERM");
    const down = waitState(serverName(drained), "DOWN");
    const code = await drained.exited;
    // a wrong exit code says why: the instance's own log (the workDir is removed after the run)
    expect(code, code === 0 ? "" : readFileSync(drained.log, "utf8").slice(-4000)).toBe(0);
    timings["SIGTERM → process exited"] = seconds(performance.now() - t0);
    timings["SIGTERM → HAProxy marked it DOWN"] = seconds(await down);
    await allCaughtUp();
    timings["SIGTERM → every client reconnected and caught up"] = seconds(performance.now() - t0);
    phase = "after drain";
    // draining means nobody noticed: not one write failed or was retried
    expect(hiccups.filter((h) => h.phase === "SIGTERM drain")).toEqual([]);
    expect(readFileSync(drained.log, "utf8")).toContain(
      "stopped accepting connections; sockets told to reconnect elsewhere",
    );
  });

  it("starts the drained instance again from its unit, and HAProxy takes it back", async () => {
    const again = startInstance(envFile, workDir, drained.port);
    instances[instances.indexOf(drained)] = again;
    drained = again;
    await waitReady(again);
    await waitState(serverName(again), "UP");
  });

  it("kills another instance with kill -9 with sockets connected: clients move and catch up", async () => {
    await sleep(1000);
    phase = "kill -9";
    const t0 = performance.now();
    killed.child.kill("SIGKILL");
    await killed.exited;
    timings["kill -9 → HAProxy marked it DOWN"] = seconds(await waitState(serverName(killed), "DOWN"));
    await sleep(500);
    await allCaughtUp();
    timings["kill -9 → every client reconnected and caught up"] = seconds(performance.now() - t0);
    phase = "after kill";
    await sleep(2000);
  });

  it("every client resynced: each room's events taken exactly once, in order, none missing; every acknowledged write is there once", async () => {
    stopLoad = true;
    await Promise.all(load);
    // one last change in every watched room: a client that missed the end of a room notices the gap
    phase = "final";
    await reliably(manager, "PATCH", `/work-orders/${orderId}`, { description: "final" });
    lastDescription = "final";

    const latest = async () =>
      withPgClient(databaseUrl, async (c) => {
        const { rows } = await c.query(`SELECT room, "lastSeq" FROM "RoomSequence" WHERE room = ANY($1)`, [
          Object.values(rooms),
        ]);
        return Object.fromEntries(
          (rows as { room: string; lastSeq: number }[]).map((r) => [r.room, Number(r.lastSeq)]),
        );
      });
    const want = await latest();
    await expect
      .poll(
        () =>
          clients.filter((c) => Object.entries(c.lastSeq).some(([room, seq]) => seq !== want[room])).map((c) => c.name),
        { timeout: 60_000 },
      )
      .toEqual([]);
    await allCaughtUp();

    const stored = await withPgClient(databaseUrl, async (c) => {
      const { rows } = await c.query(
        `SELECT room, seq, event FROM "RoomEvent" WHERE room = ANY($1) ORDER BY room, seq`,
        [Object.values(rooms)],
      );
      return rows as { room: string; seq: number; event: string }[];
    });
    // The web app's path was taken: a watcher (a manager's board, a client's company: home rooms
    // only) that came back through another instance asked no join, the server having put the new
    // connection in its home rooms; that it then got every event live is what the checks below
    // (and the poll above) judge.
    const watchersBack = clients.filter((c) => c.connects > 1 && !c.name.startsWith("crew"));
    expect(watchersBack.length, "no watcher reconnected").toBeGreaterThan(0);
    expect(watchersBack.map((c) => `${c.name}: ${c.rejoins}`)).toEqual(watchersBack.map((c) => `${c.name}: 0`));
    for (const c of clients) {
      expect(c.resets, `${c.name}: rooms reset`).toEqual([]);
      for (const [room, taken] of Object.entries(c.taken)) {
        const expected = stored
          .filter((e) => e.room === room && e.seq > c.start[room]!)
          .map((e) => `${e.seq} ${e.event}`);
        expect(expected.length).toBeGreaterThan(0);
        expect(taken, `${c.name} in ${room}`).toEqual(expected);
      }
    }
    console.log(
      `[scaled] clients: ${clients.map((c) => `${c.name} connected ${c.connects}×, ${Object.values(c.taken).flat().length} events, ${c.duplicatesDropped} duplicate deliveries dropped`).join("; ")}`,
    );
    // the clients that were on the two instances that went away did reconnect
    expect(clients.filter((c) => c.connects > 1).length).toBeGreaterThan(0);

    // acknowledged writes: every progress update once, nothing that was not acknowledged
    const progress = await withPgClient(databaseUrl, async (c) => {
      const { rows } = await c.query(
        `SELECT p.id, p.note FROM "ProgressUpdate" p JOIN "Task" t ON t.id = p."taskId" WHERE t."workOrderId" = $1`,
        [orderId],
      );
      return rows as { id: string; note: string }[];
    });
    expect(progress.length).toBe(ackedProgress.size);
    expect(new Map(progress.map((p) => [p.note, p.id]))).toEqual(ackedProgress);
    const order = (await manager.get(`/work-orders/${orderId}`)).body;
    expect(order.description).toBe(lastDescription);
    console.log(
      `[scaled] ${ackedProgress.size} progress updates and the order's revisions acknowledged; all in the database once`,
    );
  });
});
