// Scale-out: two app instances A and B on one PostgreSQL database, each with its own Prisma client
// and its own Redis streams adapter on one stream. What is written through A reaches sockets on B;
// room joins, leaves and disconnects decided on A act on B's sockets; when A stops, its clients move
// to B with their sequence numbers and lose nothing and get nothing twice.
// Needs PostgreSQL and Redis (CI sets TEST_DATABASE_URL and TEST_REDIS_URL); skipped otherwise.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "redis";
import { rooms, type RoomEnvelope, type SyncResponse } from "@crewboard/contracts";
import type { Database } from "@crewboard/db";
import type { TestDatabase } from "@crewboard/db/testing";
import { ApiClient } from "../test/api-client.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import {
  isEnvelope,
  openFreshTestDatabase,
  openSecondClient,
  percentile,
  recordRaw,
  sleep,
  startInstance,
  testDatabaseUrl,
  testRedisUrl,
  uniqueStreamName,
  waitForDisconnect,
  type Instance,
  type RawEvent,
} from "../test/instances.ts";
import { createRedisAdapter } from "./redis-adapter.ts";

const available = Boolean(testDatabaseUrl() && testRedisUrl());
const REASON = "skipped: TEST_DATABASE_URL or TEST_REDIS_URL not set";
const name = `scale-out: two instances on one PostgreSQL database and Redis streams${available ? "" : ` (${REASON})`}`;
/** A test that skips itself, with the reason, when PostgreSQL or Redis is missing (the summary lists the reason). */
const test = (title: string, body: () => Promise<void>) =>
  it(title, async (ctx) => {
    if (!available) return ctx.skip(REASON);
    await body();
  });

describe(name, () => {
  const streamName = uniqueStreamName("scale-out");
  let db: TestDatabase; // B's client (B outlives A); destroyed at the end
  let dbA: Database; // A's own client on the same database
  let redisA: Awaited<ReturnType<typeof createRedisAdapter>>;
  let redisB: Awaited<ReturnType<typeof createRedisAdapter>>;
  let A: Instance, B: Instance;
  let aStopped = false;
  const sockets: TestSocket[] = [];

  async function connect(instance: Instance, api: ApiClient) {
    const s = await connectSocket(instance.baseUrl, api);
    sockets.push(s);
    await s.sync(); // answered once the connection is in its rooms
    return s;
  }
  const login = async (instance: Instance, email: string) => new ApiClient(instance.baseUrl).login(email);

  /** Waits until an emit on `from` reaches a socket on `to` (the adapters' stream readers are running). */
  async function warmUp(from: Instance, to: Instance) {
    const s = await connect(to, await to.as("admin"));
    const room = `warm-up:${randomUUID()}`;
    to.realtime.io.local.in(s.socket.id!).socketsJoin(room);
    const marker = randomUUID();
    const arrived = () => s.other.some(([, p]) => (p as { marker?: string })?.marker === marker);
    for (let i = 0; i < 100 && !arrived(); i++) {
      (from.realtime.io.to(room) as unknown as { emit(e: string, d: unknown): void }).emit("presence:updated", {
        marker,
      });
      await sleep(100);
    }
    expect(arrived(), "the instances never heard each other through Redis").toBe(true);
    s.close();
  }

  beforeAll(async () => {
    if (!available) return;
    db = await openFreshTestDatabase("postgresql");
    dbA = await openSecondClient(db);
    redisA = await createRedisAdapter(testRedisUrl()!, { streamName });
    redisB = await createRedisAdapter(testRedisUrl()!, { streamName });
    // no session sweep here: a socket closed on B after a logout on A was closed through Redis
    const socketSessionCheck = { sweepMs: 600_000 };
    A = await startInstance(dbA, { socketAdapter: redisA.adapter, socketSessionCheck });
    B = await startInstance(db, { socketAdapter: redisB.adapter, socketSessionCheck });
    await warmUp(A, B);
    await warmUp(B, A);
  });

  afterAll(async () => {
    if (!available) return;
    for (const s of sockets) s.close();
    if (!aStopped) await A?.stop();
    await B?.stop();
    await redisA?.close();
    await redisB?.close();
    if (!aStopped) await dbA?.close();
    await db?.destroy();
    const redis = createClient({ url: testRedisUrl()! });
    await redis.connect();
    await redis.del(streamName);
    await redis.quit();
  });

  /** A task in an open order whose assignee has no other task in that order. */
  async function soleTask() {
    const tasks = await db.prisma.task.findMany({
      where: { assigneeId: { not: null }, workOrder: { status: { in: ["accepted", "in_progress"] } } },
      include: { assignee: true, workOrder: true },
      orderBy: { id: "asc" },
    });
    const task = tasks.find(
      (t) => tasks.filter((o) => o.workOrderId === t.workOrderId && o.assigneeId === t.assigneeId).length === 1,
    )!;
    expect(task).toBeDefined();
    return task;
  }

  test("a REST change made through A reaches the right sockets on B, and only those", async () => {
    const task = await soleTask();
    const otherClient = await db.prisma.user.findFirstOrThrow({
      where: { role: "client", clientCompanyId: { not: task.workOrder.clientCompanyId } },
    });
    const idle = await db.prisma.user.findFirstOrThrow({
      where: { role: "crew", active: true, assignedTasks: { none: { workOrderId: task.workOrderId } } },
    });
    const client = await db.prisma.user.findFirstOrThrow({
      where: { role: "client", clientCompanyId: task.workOrder.clientCompanyId },
    });
    const onB = {
      manager: await connect(B, await login(B, "manager1@crewboard.example")),
      assignee: await connect(B, await login(B, task.assignee!.email)),
      client: await connect(B, await login(B, client.email)),
      otherClient: await connect(B, await login(B, otherClient.email)),
      idle: await connect(B, await login(B, idle.email)),
    };
    const raw = Object.fromEntries(Object.entries(onB).map(([k, s]) => [k, recordRaw(s)])) as Record<
      keyof typeof onB,
      RawEvent[]
    >;
    const managerA = await A.as("manager1");
    const title = `through A ${randomUUID()}`;
    const r = await managerA.patch(`/tasks/${task.id}`, { version: task.version, title });
    expect(r.status, r.text).toBe(200);
    const got = (s: TestSocket, room: string) => () =>
      s.events.some(
        (e) => e.room === room && e.event === "task:updated" && (e.data as { title: string }).title === title,
      );
    await onB.manager.waitFor(got(onB.manager, rooms.board()), 5000, "board on B");
    await onB.assignee.waitFor(got(onB.assignee, rooms.user(task.assigneeId!)), 5000, "assignee on B");
    await onB.client.waitFor(got(onB.client, rooms.company(task.workOrder.clientCompanyId)), 5000, "client on B");
    await sleep(300);
    for (const k of ["otherClient", "idle"] as const) {
      expect(
        raw[k].filter(
          (e) => JSON.stringify(e.payload).includes(task.workOrderId) || JSON.stringify(e.payload).includes(task.id),
        ),
      ).toEqual([]);
    }
    // each event once, even though both instances read the stream
    for (const [k, list] of Object.entries(raw)) {
      const keys = list
        .filter((e) => isEnvelope(e.payload))
        .map((e) => `${(e.payload as RoomEnvelope).room}#${(e.payload as RoomEnvelope).seq}`);
      expect(new Set(keys).size, `${k} received duplicates`).toBe(keys.length);
    }
    for (const s of Object.values(onB)) s.close();
  });

  test("a room:join on B and the membership changes decided on A (reassignment) act on sockets on B", async () => {
    const task = await soleTask();
    const order = rooms.workOrder(task.workOrderId);
    const newcomer = await db.prisma.user.findFirstOrThrow({
      where: { role: "crew", active: true, assignedTasks: { none: { workOrderId: task.workOrderId } } },
      orderBy: { email: "desc" },
    });
    const admin = await connect(B, await login(B, "admin@crewboard.example"));
    expect(admin.socket.id).toBeDefined();
    expect(await admin.request("room:join", { room: order })).toMatchObject({ ok: true, data: { room: order } });
    const oldCrew = await connect(B, await login(B, task.assignee!.email));
    const newCrew = await connect(B, await login(B, newcomer.email));
    const [oldRaw, newRaw] = [recordRaw(oldCrew), recordRaw(newCrew)];
    const managerA = await A.as("manager1");

    const r = await managerA.patch(`/tasks/${task.id}`, { version: task.version, assigneeId: newcomer.id });
    expect(r.status, r.text).toBe(200);
    const membership = (raw: RawEvent[]) =>
      raw.filter((e) => e.event === "membership:updated").map((e) => e.payload as { joined: string[]; left: string[] });
    await newCrew.waitFor(
      () => membership(newRaw).some((m) => m.joined.includes(order)),
      5000,
      "B's socket joined by A",
    );
    await oldCrew.waitFor(
      () => membership(oldRaw).some((m) => m.left.includes(order)),
      5000,
      "B's socket removed by A",
    );
    await oldCrew.waitFor(() => oldCrew.eventsOf("task:removed").length > 0, 5000, "task:removed on B");
    // B's own view of its sockets agrees
    const inOrder = (await B.realtime.io.local.in(order).fetchSockets()).map((s) => s.id);
    expect(inOrder).toContain(newCrew.socket.id);
    expect(inOrder).not.toContain(oldCrew.socket.id);
    expect(inOrder).toContain(admin.socket.id);

    // the next change of the order, through A, reaches the joined sockets on B and not the one that left
    const before = oldRaw.length;
    const o = await managerA.patch(`/work-orders/${task.workOrderId}`, { priority: "urgent" });
    expect(o.status, o.text).toBe(200);
    const orderUpdate = (s: TestSocket) => () =>
      s.events.some(
        (e) =>
          e.room === order &&
          e.event === "work_order:updated" &&
          (e.data as { priority: string }).priority === "urgent",
      );
    await newCrew.waitFor(orderUpdate(newCrew), 5000, "the order's room on B (newcomer)");
    await admin.waitFor(orderUpdate(admin), 5000, "the order's room on B (room:join)");
    await sleep(300);
    expect(oldRaw.slice(before).filter((e) => JSON.stringify(e.payload).includes(task.workOrderId))).toEqual([]);
    for (const s of [admin, oldCrew, newCrew]) s.close();
  });

  test("deactivating a user or a client company through A disconnects their sockets on B", async () => {
    const adminA = await A.as("admin");
    // a crew member of their own (the seeded ones are needed by the other tests): two sockets on B, one on A
    const crewEmail = `scale-crew-${randomUUID().slice(0, 8)}@crewboard.example`;
    const created = await adminA.post("/users", {
      email: crewEmail,
      name: "Scale Crew",
      role: "crew",
      workStyle: "home",
    });
    expect(created.status, created.text).toBe(201);
    const crew = { id: created.body.user.id as string };
    const crewApi = await new ApiClient(B.baseUrl).firstLogin(crewEmail, created.body.oneTimePassword);
    const crewOnB = [await connect(B, crewApi), await connect(B, crewApi)];
    const crewOnA = await connect(A, A.reuse(crewApi));
    const bystander = await connect(B, await login(B, "manager2@crewboard.example"));
    const gone = Promise.all([...crewOnB, crewOnA].map((s) => waitForDisconnect(s, 3000)));
    const r = await adminA.patch(`/users/${crew.id}`, { active: false });
    expect(r.status, r.text).toBe(200);
    expect(await gone).toEqual(["io server disconnect", "io server disconnect", "io server disconnect"]);
    await expect(connectSocket(B.baseUrl, crewApi)).rejects.toMatchObject({ data: { code: "auth.required" } });

    // a company of its own, with one user connected to B
    const company = await adminA.post("/client-companies", { name: `Scale-out ${randomUUID().slice(0, 8)}` });
    expect(company.status, company.text).toBe(201);
    const email = `scale-${randomUUID().slice(0, 8)}@client.example`;
    const user = await adminA.post("/users", {
      email,
      name: "Scale Out",
      role: "client",
      clientCompanyId: company.body.id,
    });
    expect(user.status, user.text).toBe(201);
    const clientApi = await new ApiClient(B.baseUrl).firstLogin(email, user.body.oneTimePassword);
    const clientOnB = await connect(B, clientApi);
    const companyGone = waitForDisconnect(clientOnB, 3000);
    const d = await adminA.patch(`/client-companies/${company.body.id}`, { active: false });
    expect(d.status, d.text).toBe(200);
    expect(await companyGone).toBe("io server disconnect");
    await sleep(200);
    expect(bystander.socket.connected).toBe(true);
    bystander.close();
  });

  test("signing out through A closes that session's sockets on B and on A at once, and no other session's", async () => {
    const session = await login(B, "crew6@crewboard.example");
    const other = await login(B, "crew6@crewboard.example"); // the same person in another browser
    const onB = await connect(B, session);
    const onA = await connect(A, A.reuse(session));
    const otherOnB = await connect(B, other);
    const gone = Promise.all([waitForDisconnect(onB, 3000), waitForDisconnect(onA, 3000)]);
    const out = await A.reuse(session).post("/auth/logout");
    expect(out.status, out.text).toBe(204);
    expect(await gone).toEqual(["io server disconnect", "io server disconnect"]);
    await expect(connectSocket(B.baseUrl, session)).rejects.toMatchObject({ data: { code: "auth.required" } });
    await sleep(300);
    expect(otherOnB.socket.connected).toBe(true);
    otherOnB.close();
  });

  test("propagation latency A → B over 50 changes (printed; bounded at 5 s)", async () => {
    const managerA = await A.as("manager1");
    const onA = await connect(A, managerA);
    const onB = await connect(B, B.reuse(managerA));
    const [rawA, rawB] = [recordRaw(onA), recordRaw(onB)];
    const task = (await managerA.get("/tasks?status=todo,doing&limit=1")).body.items[0];
    let version = task.version;
    const same: number[] = [];
    const cross: number[] = [];
    const hop: number[] = [];
    const arrival = (raw: RawEvent[], title: string) =>
      raw.find((e) => e.event === "task:updated" && (e.payload as RoomEnvelope<{ title: string }>).data.title === title)
        ?.at;
    for (let i = 0; i < 50; i++) {
      const title = `latency ${i} ${randomUUID()}`;
      const started = performance.now();
      const r = await managerA.patch(`/tasks/${task.id}`, { version, title });
      expect(r.status, r.text).toBe(200);
      version = r.body.version;
      await onA.waitFor(() => arrival(rawA, title) !== undefined, 5000, "same instance");
      await onB.waitFor(() => arrival(rawB, title) !== undefined, 5000, "other instance");
      const [a, b] = [arrival(rawA, title)!, arrival(rawB, title)!];
      same.push(a - started);
      cross.push(b - started);
      hop.push(b - a);
    }
    const fmt = (xs: number[]) => `p50 ${percentile(xs, 50).toFixed(1)} ms, p95 ${percentile(xs, 95).toFixed(1)} ms`;
    console.log(`[scale-out] REST write on A → socket on A (same instance), 50 changes: ${fmt(same)}`);
    console.log(`[scale-out] REST write on A → socket on B (through Redis), 50 changes: ${fmt(cross)}`);
    console.log(`[scale-out] extra hop A → B (arrival on B − arrival on A): ${fmt(hop)}`);
    expect(Math.max(...cross)).toBeLessThan(5000);
    onA.close();
    onB.close();
  });

  test("when A stops, its clients reconnect to B with their sequence numbers: every event exactly once, in order", async () => {
    const task = await soleTask();
    const client = await db.prisma.user.findFirstOrThrow({
      where: { role: "client", active: true, clientCompanyId: task.workOrder.clientCompanyId },
    });
    const apis = {
      manager: await A.as("manager1"),
      crew: await login(A, task.assignee!.email),
      client: await login(A, client.email),
    };
    type Who = keyof typeof apis;
    const WHO = Object.keys(apis) as Who[];
    const onA = {} as Record<Who, TestSocket>;
    const rawA = {} as Record<Who, RawEvent[]>;
    for (const who of WHO) {
      onA[who] = await connect(A, apis[who]);
      rawA[who] = recordRaw(onA[who]);
    }
    // where each client starts from: the latest sequence of each of its rooms
    const roomsOf: Record<Who, string[]> = {
      manager: [rooms.board(), rooms.user(apis.manager.user!.id)],
      crew: [rooms.user(task.assigneeId!), rooms.workOrder(task.workOrderId)],
      client: [rooms.company(task.workOrder.clientCompanyId), rooms.user(client.id)],
    };
    for (const who of WHO) await onA[who].sync(Object.fromEntries(roomsOf[who].map((r) => [r, 0])));
    const start = Object.fromEntries(WHO.map((who) => [who, { ...onA[who].lastSeq }])) as Record<
      Who,
      Record<string, number>
    >;

    let version = task.version;
    const change = async (api: ApiClient, title: string) => {
      const r = await api.patch(`/tasks/${task.id}`, { version, title });
      expect(r.status, r.text).toBe(200);
      version = r.body.version;
    };
    const managerB = B.reuse(apis.manager);
    const crewB = B.reuse(apis.crew);
    // through A and through B while the clients are on A
    for (let i = 0; i < 3; i++) await change(apis.manager, `A live ${i}`);
    for (let i = 0; i < 3; i++) {
      const p = await crewB.post(`/tasks/${task.id}/progress`, {
        percent: 20 + i,
        note: `B live ${i}`,
        minutesSpent: 2,
      });
      expect(p.status, p.text).toBe(201);
      version = p.body.task.version;
    }
    const lastNote = (s: TestSocket) => () =>
      s.events.some(
        (e) =>
          e.event === "progress:created" &&
          (e.data as { progressUpdate: { note: string } }).progressUpdate.note === "B live 2",
      );
    for (const who of WHO) await onA[who].waitFor(lastNote(onA[who]), 5000, `${who} on A hears B's changes`);

    // A stops: its Socket.IO, HTTP server and database client
    const gone = Promise.all(WHO.map((who) => waitForDisconnect(onA[who], 5000)));
    await A.stop();
    await dbA.close();
    aStopped = true;
    await gone;
    // what each client had seen when its connection ended
    const lastSeq = Object.fromEntries(WHO.map((who) => [who, { ...onA[who].lastSeq }])) as Record<
      Who,
      Record<string, number>
    >;

    // changes while the clients are away; with the Redis adapter even B's own sockets get an emit
    // only once Redis has taken it (possibly after the REST answer), so a watcher on B tells when
    // the last of them has gone out, and the returning clients cannot get it live as well
    const watcher = await connect(B, B.reuse(apis.manager));
    for (let i = 0; i < 5; i++) await change(managerB, `away ${i}`);
    const boardLatest = (await db.prisma.roomSequence.findUniqueOrThrow({ where: { room: rooms.board() } })).lastSeq;
    await watcher.waitFor(
      () => (watcher.lastSeq[rooms.board()] ?? 0) >= boardLatest,
      5000,
      "the last change sent out by B",
    );
    await sleep(100);

    // the clients come back on B with what they had seen
    const onB = {} as Record<Who, TestSocket>;
    const rawB = {} as Record<Who, RawEvent[]>;
    const synced = {} as Record<Who, SyncResponse>;
    for (const who of WHO) {
      const s = await connectSocket(B.baseUrl, B.reuse(apis[who]));
      sockets.push(s);
      rawB[who] = recordRaw(s);
      Object.assign(s.lastSeq, lastSeq[who]);
      synced[who] = await s.sync();
      onB[who] = s;
    }
    // and more changes, live on B
    for (let i = 0; i < 5; i++) await change(managerB, `back ${i}`);
    const lastTitle = (s: TestSocket) => () =>
      s.events.some((e) => e.event === "task:updated" && (e.data as { title: string }).title === "back 4");
    for (const who of WHO) await onB[who].waitFor(lastTitle(onB[who]), 5000, `${who} on B hears the live changes`);
    await sleep(300);

    for (const who of WHO) {
      // everything each client received, as it arrived: live on A, replayed by B's sync, live on B
      const replayed = Object.values(synced[who].rooms).flatMap((r) => ("events" in r ? r.events : []));
      for (const r of Object.values(synced[who].rooms)) expect(r).toMatchObject({ reset: false });
      const received = [
        ...rawA[who].filter((e) => isEnvelope(e.payload)).map((e) => e.payload as RoomEnvelope),
        ...replayed,
        ...rawB[who].filter((e) => isEnvelope(e.payload)).map((e) => e.payload as RoomEnvelope),
      ].filter((e) => roomsOf[who].includes(e.room));
      const expected: string[] = [];
      for (const room of roomsOf[who]) {
        const rows = await db.prisma.roomEvent.findMany({
          where: { room, seq: { gt: start[who][room] ?? 0 } },
          orderBy: { seq: "asc" },
        });
        expected.push(...rows.map((row) => `${row.room}#${row.seq} ${row.event}`));
      }
      const perRoom = (list: string[]) => roomsOf[who].map((room) => list.filter((x) => x.startsWith(`${room}#`)));
      const got = received.map((e) => `${e.room}#${e.seq} ${e.event}`);
      // exactly once: no repeats anywhere, and per room exactly the database's events in sequence order
      expect(new Set(got).size, `${who}: something arrived twice`).toBe(got.length);
      expect(perRoom(got), `${who}: per room, in order`).toEqual(perRoom(expected));
      expect(got.length).toBeGreaterThan(0);
    }
    // the manager saw all sixteen task changes in the order they were made
    const board = [...onA.manager.events, ...onB.manager.events].filter(
      (e) => e.room === rooms.board() && e.seq > start.manager[rooms.board()]!,
    );
    const story = board
      .filter((e) => e.event === "task:updated" || e.event === "progress:created")
      .map((e) =>
        e.event === "task:updated"
          ? (e.data as { title: string }).title
          : (e.data as { progressUpdate: { note: string } }).progressUpdate.note,
      );
    expect(story).toEqual([
      ...Array.from({ length: 3 }, (_, i) => `A live ${i}`),
      ...Array.from({ length: 3 }, (_, i) => `B live ${i}`),
      ...Array.from({ length: 5 }, (_, i) => `away ${i}`),
      ...Array.from({ length: 5 }, (_, i) => `back ${i}`),
    ]);
  });
});
