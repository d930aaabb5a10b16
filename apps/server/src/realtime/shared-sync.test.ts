// sync:request after a restart (issue 14, reconnect storm): connections asking for the same room
// from the same sequence at once share one read of its events and one encoding of the answer per
// kind of viewer (shared-json.ts), while each is still authorized on its own and each kind of
// viewer still gets its own view; a failed read reaches every connection that waited on it.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import * as parser from "socket.io-parser";
import { rooms, type SyncResponse, type SyncRoomResult } from "@crewboard/contracts";
import { startTestApp, type TestApp } from "../test/test-app.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import { carryingSharedJson, SharedJson, sharedJsonParser } from "./shared-json.ts";

type Answer = { ok: true; data: SyncResponse } | { ok: false; error: { code: string } };

describe("sync:request shared by the connections asking the same at once", () => {
  let t: TestApp;
  let eventReads = 0;
  let failReads = false;
  /** how long each read of room events waits first: the connections' requests all arrive while one runs */
  let readDelayMs = 0;
  const open: TestSocket[] = [];
  beforeAll(async () => {
    t = await startTestApp(
      "embedded",
      {},
      {
        wrapPrisma: (prisma) =>
          prisma.$extends({
            query: {
              roomEvent: {
                async findMany({ args, query }) {
                  eventReads++;
                  if (readDelayMs) await new Promise((resolve) => setTimeout(resolve, readDelayMs));
                  if (failReads) throw new Error("planted: the room's events cannot be read");
                  return query(args);
                },
              },
            },
          }) as unknown as typeof prisma,
      },
    );
  });
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
    failReads = false;
    readDelayMs = 0;
    vi.restoreAllMocks();
  });
  afterAll(() => t?.close());

  const connectAs = async (name: string) => {
    const s = await connectSocket(t.baseUrl, await t.as(name));
    open.push(s);
    return s;
  };

  /** `count` events appended to `room` (as the write path stores them), each naming `marker` and a manager. */
  async function appendEvents(room: string, count: number, marker: string) {
    const manager = await t.db.prisma.user.findFirstOrThrow({ where: { email: "manager1@crewboard.example" } });
    const person = { id: manager.id, name: manager.name, displayName: "表示名 Display", role: manager.role };
    return t.db.prisma.$transaction(async (tx) => {
      const before = (await tx.roomSequence.findUnique({ where: { room } }))?.lastSeq ?? 0;
      await tx.roomSequence.upsert({
        where: { room },
        create: { room, lastSeq: before + count },
        update: { lastSeq: before + count },
      });
      for (let i = 1; i <= count; i++)
        await tx.roomEvent.create({
          data: {
            room,
            seq: before + i,
            event: "message:created",
            payload: { marker, n: i, author: person },
          },
        });
      return { after: before, person };
    });
  }

  it("ten managers asking for the board from the same sequence: two reads, each encoded once, the same answer for all", async () => {
    const marker = `shared-${randomUUID()}`;
    const { after } = await appendEvents(rooms.board(), 5, marker);
    const sockets = await Promise.all(Array.from({ length: 10 }, () => connectAs("manager1")));
    readDelayMs = 500;
    const stringify = vi.spyOn(JSON, "stringify");
    const reads = eventReads;
    const answers = (await Promise.all(
      sockets.map((s) => s.request<SyncResponse>("sync:request", { rooms: { [rooms.board()]: after } })),
    )) as Answer[];
    const encodings = stringify.mock.results.filter(
      (r) => r.type === "return" && typeof r.value === "string" && r.value.includes(marker),
    ).length;
    stringify.mockRestore();
    const readsNow = eventReads - reads;

    for (const answer of answers) {
      expect(answer.ok).toBe(true);
      const board = (answer as Extract<Answer, { ok: true }>).data.rooms[rooms.board()] as SyncRoomResult;
      expect(board.reset).toBe(false);
      expect(board.events.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4, 5]);
      expect(board.events.map((e) => e.seq)).toEqual([after + 1, after + 2, after + 3, after + 4, after + 5]);
    }
    // coalesce.ts: the first asker's read, then one more for all who asked while it ran
    expect(readsNow).toBe(2);
    // one JSON text per read, not one per connection (each ack stringified the events anew before)
    expect(encodings).toBe(readsNow);
  });

  it("a client and an admin asking for the same chat room at once (sharing reads): each sees people as their kind of viewer", async () => {
    const client = await t.db.prisma.user.findFirstOrThrow({ where: { email: "client-a1@crewboard.example" } });
    const membership = await t.db.prisma.chatMember.findFirst({ where: { userId: client.id } });
    expect(membership, "the demo data has a chat room with client-a1 in it").not.toBeNull();
    const room = rooms.chat(membership!.roomId);
    const marker = `views-${randomUUID()}`;
    const { after, person } = await appendEvents(room, 3, marker);
    const [asClient, asAdmin] = await Promise.all([connectAs("client-a1"), connectAs("admin")]);
    readDelayMs = 300;
    const reads = eventReads;
    const [clientAnswer, adminAnswer] = (await Promise.all([
      asClient.request<SyncResponse>("sync:request", { rooms: { [room]: after } }),
      asAdmin.request<SyncResponse>("sync:request", { rooms: { [room]: after } }),
    ])) as Answer[];
    expect(eventReads - reads).toBeLessThanOrEqual(2);
    const authors = (answer: Answer | undefined) => {
      expect(answer?.ok).toBe(true);
      const result = (answer as Extract<Answer, { ok: true }>).data.rooms[room] as SyncRoomResult;
      return result.events.map((e) => (e.data as { author: { name: string } }).author.name);
    };
    expect(authors(clientAnswer)).toEqual([person.displayName, person.displayName, person.displayName]);
    expect(authors(adminAnswer)).toEqual([person.name, person.name, person.name]);
  });

  it("clients share the encoding too: five client connections asking for the same chat room, one JSON text per read", async () => {
    const client = await t.db.prisma.user.findFirstOrThrow({ where: { email: "client-a1@crewboard.example" } });
    const membership = await t.db.prisma.chatMember.findFirst({ where: { userId: client.id } });
    const room = rooms.chat(membership!.roomId);
    const marker = `client-shared-${randomUUID()}`;
    const { after, person } = await appendEvents(room, 2, marker);
    const sockets = await Promise.all(Array.from({ length: 5 }, () => connectAs("client-a1")));
    readDelayMs = 500;
    const stringify = vi.spyOn(JSON, "stringify");
    const reads = eventReads;
    const answers = (await Promise.all(
      sockets.map((s) => s.request<SyncResponse>("sync:request", { rooms: { [room]: after } })),
    )) as Answer[];
    const encodings = stringify.mock.results.filter(
      (r) => r.type === "return" && typeof r.value === "string" && r.value.includes(marker),
    ).length;
    stringify.mockRestore();
    for (const answer of answers) {
      expect(answer.ok).toBe(true);
      const result = (answer as Extract<Answer, { ok: true }>).data.rooms[room] as SyncRoomResult;
      expect(result.events.map((e) => (e.data as { author: { name: string } }).author.name)).toEqual([
        person.displayName,
        person.displayName,
      ]);
    }
    // the client's view is made once per read; forViewer passes the answer as it is (client-view.ts)
    expect(encodings).toBe(eventReads - reads);
  });

  it("authorization stays per connection: a crew member asking with managers gets auth.forbidden for the board, they get its events", async () => {
    const marker = `auth-${randomUUID()}`;
    const { after } = await appendEvents(rooms.board(), 2, marker);
    const [manager, crew] = await Promise.all([connectAs("manager1"), connectAs("crew1")]);
    const [managerAnswer, crewAnswer] = (await Promise.all([
      manager.request<SyncResponse>("sync:request", { rooms: { [rooms.board()]: after } }),
      crew.request<SyncResponse>("sync:request", { rooms: { [rooms.board()]: after } }),
    ])) as Answer[];
    expect((managerAnswer as Extract<Answer, { ok: true }>).data.rooms[rooms.board()]).toMatchObject({
      reset: false,
      events: [{ seq: after + 1 }, { seq: after + 2 }],
    });
    expect(crewAnswer).toEqual({ ok: true, data: { rooms: { [rooms.board()]: { error: "auth.forbidden" } } } });
  });

  it("a read that fails reaches every connection that waited on it as an error answer", async () => {
    const marker = `fail-${randomUUID()}`;
    const { after } = await appendEvents(rooms.board(), 2, marker);
    const sockets = await Promise.all(Array.from({ length: 5 }, () => connectAs("manager1")));
    failReads = true;
    const answers = (await Promise.all(
      sockets.map((s) => s.request<SyncResponse>("sync:request", { rooms: { [rooms.board()]: after } })),
    )) as Answer[];
    expect(eventReads).toBeGreaterThan(0);
    expect(answers.map((a) => (a.ok ? "ok" : a.error.code))).toEqual(Array(5).fill("internal"));
  });
});

describe("the shared JSON encoder (shared-json.ts)", () => {
  const stock = new parser.Encoder();
  const shared = new sharedJsonParser.Encoder();
  const room = { events: [{ room: "board", seq: 3, event: "task:updated", data: { title: 'a "quoted" $& title' } }] };

  it("writes an acknowledgement carrying SharedJson exactly as socket.io-parser writes the plain value", () => {
    const plain = {
      type: parser.PacketType.ACK,
      nsp: "/",
      id: 12,
      data: [{ ok: true, data: { rooms: { board: room } } }],
    };
    const carried = {
      ...plain,
      data: [{ ok: true, data: carryingSharedJson({ rooms: { board: new SharedJson(room), other: { error: "x" } } }) }],
    };
    const asPlain = { ...plain, data: [{ ok: true, data: { rooms: { board: room, other: { error: "x" } } } }] };
    expect(shared.encode(carried)).toEqual(stock.encode(asPlain));
    expect(shared.encode({ ...carried, nsp: "/admin" })).toEqual(stock.encode({ ...asPlain, nsp: "/admin" }));
  });

  it("stringifies a SharedJson once however many acknowledgements carry it", () => {
    const value = new SharedJson(room);
    const stringify = vi.spyOn(JSON, "stringify");
    for (let id = 0; id < 20; id++)
      shared.encode({
        type: parser.PacketType.ACK,
        nsp: "/",
        id,
        data: [{ ok: true, data: carryingSharedJson({ rooms: { board: value } }) }],
      });
    const ofTheValue = stringify.mock.calls.filter(([v]) => v === room).length;
    stringify.mockRestore();
    expect(ofTheValue).toBe(1);
  });

  it("leaves every other packet to socket.io-parser", () => {
    const event = { type: parser.PacketType.EVENT, nsp: "/", data: ["task:updated", room] };
    expect(shared.encode(event)).toEqual(stock.encode(event));
    const ack = {
      type: parser.PacketType.ACK,
      nsp: "/",
      id: 1,
      data: [{ ok: true, data: { rooms: { board: room } } }],
    };
    expect(shared.encode(ack)).toEqual(stock.encode(ack));
  });
});
