// A server restart loses nothing: events live in the database, so a client that reconnects to a
// new instance with the sequence numbers it last saw gets exactly what it missed, in order, once.
// A gap the server can no longer (pruned history) or will not (more than MAX_REPLAY) replay is
// answered with `reset` and the room's latest sequence number.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { rooms, type RoomEnvelope, type SyncResponse, type SyncRoomResult } from "@crewboard/contracts";
import type { TestDatabase } from "@crewboard/db/testing";
import { describeEachDatabase } from "../test/test-app.ts";
import { ApiClient } from "../test/api-client.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import {
  isEnvelope,
  openFreshTestDatabase,
  recordRaw,
  startInstance,
  waitForDisconnect,
  type Instance,
  type RawEvent,
} from "../test/instances.ts";
import { MAX_REPLAY } from "./sync.ts";

describeEachDatabase("reconnecting after a server restart", (kind) => {
  let db: TestDatabase;
  let first: Instance;
  let second: Instance | undefined;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    db = await openFreshTestDatabase(kind);
    first = await startInstance(db);
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await first?.stop();
    await second?.stop();
    await db?.destroy();
  });

  async function connect(instance: Instance, api: ApiClient) {
    const s = await connectSocket(instance.baseUrl, api);
    sockets.push(s);
    return s;
  }

  const rowsAfter = async (lastSeq: Record<string, number>) => {
    const rows = [];
    for (const [room, after] of Object.entries(lastSeq)) {
      rows.push(
        ...(await db.prisma.roomEvent.findMany({ where: { room, seq: { gt: after } }, orderBy: { seq: "asc" } })),
      );
    }
    return rows.map((r) => `${r.room}#${r.seq} ${r.event}`);
  };
  const seen = (s: TestSocket) => s.events.map((e) => `${e.room}#${e.seq} ${e.event}`);

  it("a client reconnecting to a new instance on the same database gets exactly the 20 changes it missed, in order, once", async () => {
    const manager = await first.as("manager1");
    // a task in an open order with an assignee, and a client of that order's company
    const task = await db.prisma.task.findFirstOrThrow({
      where: {
        assigneeId: { not: null },
        status: { in: ["todo", "doing"] },
        workOrder: { status: { in: ["accepted", "in_progress"] } },
      },
      include: { assignee: true, workOrder: true },
      orderBy: { id: "asc" },
    });
    const clientUser = await db.prisma.user.findFirstOrThrow({
      where: { clientCompanyId: task.workOrder.clientCompanyId, active: true },
    });
    const crew = await new ApiClient(first.baseUrl).login(task.assignee!.email);
    const client = await new ApiClient(first.baseUrl).login(clientUser.email);

    const watchedRooms = {
      manager: { [rooms.board()]: 0, [rooms.user(manager.user!.id)]: 0 },
      crew: { [rooms.user(crew.user!.id)]: 0, [rooms.workOrder(task.workOrderId)]: 0 },
      // a client connected after the order exists is in its room as well as in the company room
      client: { [rooms.company(task.workOrder.clientCompanyId)]: 0, [rooms.user(clientUser.id)]: 0 },
    };
    const before = {
      manager: await connect(first, manager),
      crew: await connect(first, crew),
      client: await connect(first, client),
    };
    for (const who of ["manager", "crew", "client"] as const) await before[who].sync(watchedRooms[who]);

    // two changes seen live on the first instance
    let version = task.version;
    for (let i = 0; i < 2; i++) {
      const r = await manager.patch(`/tasks/${task.id}`, { version, title: `before restart ${i}` });
      expect(r.status, r.text).toBe(200);
      version = r.body.version;
    }
    const hasTitle = (s: TestSocket, title: string) => () =>
      s.eventsOf("task:updated").some((e) => (e.data as { title: string }).title === title);
    await Promise.all(
      Object.values(before).map((s) => s.waitFor(hasTitle(s, "before restart 1"), 5000, "the live changes")),
    );
    const lastSeq = Object.fromEntries(Object.entries(before).map(([who, s]) => [who, { ...s.lastSeq }])) as Record<
      keyof typeof before,
      Record<string, number>
    >;
    for (const who of ["manager", "crew", "client"] as const)
      expect(Object.keys(lastSeq[who]).sort()).toEqual(Object.keys(watchedRooms[who]).sort());

    // the server goes away: its clients are disconnected
    const gone = Promise.all(Object.values(before).map((s) => waitForDisconnect(s, 5000)));
    await first.stop();
    await gone;

    // a new instance on the same database; the sessions (in the database) still hold
    second = await startInstance(db);
    const manager2 = second.reuse(manager);
    const crew2 = second.reuse(crew);
    for (let i = 0; i < 10; i++) {
      const r = await manager2.patch(`/tasks/${task.id}`, { version, title: `while away ${i}` });
      expect(r.status, r.text).toBe(200);
      // the progress below bumps the version again: that one is the next rename's
      const p = await crew2.post(`/tasks/${task.id}/progress`, {
        percent: 10 + i,
        note: `away note ${i}`,
        minutesSpent: 3,
      });
      expect(p.status, p.text).toBe(201);
      version = p.body.task.version;
    }

    const after = {
      manager: await connect(second, manager2),
      crew: await connect(second, crew2),
      client: await connect(second, second.reuse(client)),
    };
    const raw: Record<string, RawEvent[]> = {};
    for (const who of ["manager", "crew", "client"] as const) {
      raw[who] = recordRaw(after[who]);
      Object.assign(after[who].lastSeq, lastSeq[who]);
      await after[who].sync();
      expect(seen(after[who]), `${who}: the events after its last sequence numbers`).toEqual(
        await rowsAfter(lastSeq[who]),
      );
      expect(after[who].events.length).toBeGreaterThan(0);
      // nothing came twice: no live copies (nothing happened since it connected), and a second sync has nothing new
      expect(raw[who]!.filter((e) => isEnvelope(e.payload))).toEqual([]);
      const again = await after[who].sync();
      for (const result of Object.values(again.rooms)) expect(result).toMatchObject({ events: [], reset: false });
    }
    // the manager saw the twenty changes in the order they were made
    const titles = after.manager.events
      .filter((e) => e.room === rooms.board() && (e.event === "task:updated" || e.event === "progress:created"))
      .map((e) =>
        e.event === "task:updated"
          ? (e.data as { title: string }).title
          : (e.data as { progressUpdate: { note: string } }).progressUpdate.note,
      );
    expect(titles).toEqual(Array.from({ length: 10 }, (_, i) => [`while away ${i}`, `away note ${i}`]).flat());
    // the crew member got their task's changes in their own room, and the order's in its room: the
    // ten progress notes moved the order; the renames did not, and sent no order event
    expect(after.crew.events.filter((e) => e.room === rooms.user(crew.user!.id)).length).toBe(20);
    expect(
      after.crew.events.filter((e) => e.room === rooms.workOrder(task.workOrderId) && e.event === "work_order:updated")
        .length,
    ).toBe(10);

    // and life goes on live on the new instance, each event once, right after the replayed ones
    const board = after.manager.lastSeq[rooms.board()]!;
    const r = await manager2.patch(`/tasks/${task.id}`, { version, title: "after reconnect" });
    expect(r.status, r.text).toBe(200);
    await after.manager.waitFor(hasTitle(after.manager, "after reconnect"), 5000, "the live change");
    const live = raw
      .manager!.filter((e) => isEnvelope(e.payload) && e.payload.room === rooms.board())
      .map((e) => (e.payload as RoomEnvelope).seq);
    expect(live).toEqual([board + 1]); // a rename: the task's event only
  });

  async function syncOne(s: TestSocket, room: string, after: number): Promise<SyncRoomResult> {
    const answer = await s.request<SyncResponse>("sync:request", { rooms: { [room]: after } });
    if (!answer.ok) throw new Error(answer.error.detail ?? answer.error.title);
    return answer.data.rooms[room] as SyncRoomResult;
  }

  it(`a gap of more than MAX_REPLAY (${MAX_REPLAY}) events is answered with reset and latest; exactly MAX_REPLAY is replayed`, async () => {
    const instance = second ?? first;
    const s = await connect(instance, await instance.as("manager1"));
    // a work order room with a long history (written directly, as if by many changes)
    const room = rooms.workOrder(randomUUID());
    const latest = MAX_REPLAY + 10;
    await db.prisma.roomEvent.createMany({
      data: Array.from({ length: latest }, (_, i) => ({
        room,
        seq: i + 1,
        event: "work_order:updated",
        payload: { n: i + 1 },
      })),
    });
    await db.prisma.roomSequence.create({ data: { room, lastSeq: latest } });

    expect(await syncOne(s, room, latest - MAX_REPLAY - 1)).toEqual({ events: [], latest, reset: true });
    const full = await syncOne(s, room, latest - MAX_REPLAY);
    expect(full.reset).toBe(false);
    expect(full.latest).toBe(latest);
    expect(full.events.map((e) => e.seq)).toEqual(
      Array.from({ length: MAX_REPLAY }, (_, i) => latest - MAX_REPLAY + 1 + i),
    );
    expect(await syncOne(s, room, latest)).toEqual({ events: [], latest, reset: false });
    // a client that claims to be ahead of the server has a view from another database
    expect(await syncOne(s, room, latest + 5)).toEqual({ events: [], latest, reset: true });
  });

  it("history the server no longer keeps (pruned events) is answered with reset and latest", async () => {
    const instance = second ?? first;
    const manager = await instance.as("manager1");
    const s = await connect(instance, manager);
    await s.sync({ [rooms.board()]: 0 });
    // make sure the board has a history of its own to prune
    const task = (await manager.get("/tasks?status=todo,doing&limit=1")).body.items[0];
    let version = task.version;
    for (let i = 0; i < 6; i++) {
      const r = await manager.patch(`/tasks/${task.id}`, { version, title: `prune ${i}` });
      expect(r.status, r.text).toBe(200);
      version = r.body.version;
    }
    const latest = (await db.prisma.roomSequence.findUniqueOrThrow({ where: { room: rooms.board() } })).lastSeq;
    expect(latest).toBeGreaterThan(12);
    const keptFrom = latest - 9; // the server keeps the last ten events
    await db.prisma.roomEvent.deleteMany({ where: { room: rooms.board(), seq: { lt: keptFrom } } });

    expect(await syncOne(s, rooms.board(), keptFrom - 5)).toEqual({ events: [], latest, reset: true });
    expect(await syncOne(s, rooms.board(), 0)).toEqual({ events: [], latest, reset: true });
    const kept = await syncOne(s, rooms.board(), keptFrom - 1);
    expect(kept.reset).toBe(false);
    expect(kept.events.map((e) => e.seq)).toEqual(Array.from({ length: 10 }, (_, i) => keptFrom + i));

    // the test client, told to reset, continues from `latest` and takes the next live event
    const client = await connect(instance, manager);
    Object.assign(client.lastSeq, { [rooms.board()]: keptFrom - 5 });
    const answer = await client.sync();
    expect(answer.rooms[rooms.board()]).toMatchObject({ reset: true, latest });
    expect(client.lastSeq[rooms.board()]).toBe(latest);
    const r = await manager.patch(`/tasks/${task.id}`, { version, title: "after reset" });
    expect(r.status, r.text).toBe(200);
    await client.waitFor(
      () => client.events.some((e) => e.room === rooms.board() && e.seq === latest + 1),
      5000,
      "the next live event",
    );
  });
});
