// Whatever a client sends over the socket, the server answers or ignores it, and never crashes:
// a payload of the wrong shape gets { ok: false, error: { code: "validation.failed" } }, an unknown
// event gets no answer, the socket stays connected, a valid request afterwards is answered, and
// the database is unchanged (no room event, no audit entry, no message).
import { afterAll, beforeAll, expect, it } from "vitest";
import { rooms, type Ack } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import type { ApiClient } from "../test/api-client.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import { sleep, waitForDisconnect } from "../test/instances.ts";

const UUID = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";

/** Payloads of the wrong type: wrong for any event. */
const WRONG_TYPES: [string, unknown][] = [
  ["null", null],
  ["a number", 42],
  ["zero", 0],
  ["a string", "board"],
  ["an empty string", ""],
  ["true", true],
  ["an array", ["board"]],
  ["an empty array", []],
  ["binary", Buffer.from("board")],
];

/** Emits without an ack, with any event name and payload (the typed emit allows neither). */
const rawEmit = (socket: TestSocket, event: string, ...args: unknown[]) =>
  (socket.socket as unknown as { emit(e: string, ...a: unknown[]): void }).emit(event, ...args);

const nested = (depth: number): unknown => {
  let v: unknown = "board";
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};
/** about 400 KB: under Socket.IO's 1 MB message limit */
const hugeObject = () =>
  Object.fromEntries(
    Array.from({ length: 8000 }, (_, i) => [`key-${i}-${"x".repeat(20)}`, { value: "y".repeat(20), i }]),
  );

const BAD_JOIN: [string, unknown][] = [
  ...WRONG_TYPES,
  ["an empty object", {}],
  ["room: null", { room: null }],
  ["room: a number", { room: 5 }],
  ["room: an array", { room: ["board"] }],
  ["room: an object", { room: { toString: "board" } }],
  ["an unknown room kind", { room: `secret:${UUID}` }],
  ["an upper-case id", { room: `user:${UUID.toUpperCase()}` }],
  ["a path in the id", { room: "work-order:../../board" }],
  ["a trailing space", { room: "board " }],
  ["a NUL character", { room: "board\u0000" }],
  ["a 100 000-character room", { room: "x".repeat(100_000) }],
  ["an extra key", { room: "board", extra: 1 }],
  ["__proto__ as a key", JSON.parse(`{"__proto__": {"room": "board"}}`)],
  ["a huge object", hugeObject()],
  ["a deeply nested room", { room: nested(3000) }],
];

const BAD_SYNC: [string, unknown][] = [
  ...WRONG_TYPES,
  ["an empty object", {}],
  ["rooms: null", { rooms: null }],
  ["rooms: an array", { rooms: [["board", 0]] }],
  ["rooms: a string", { rooms: "board" }],
  ["a negative sequence", { rooms: { board: -1 } }],
  ["a fractional sequence", { rooms: { board: 1.5 } }],
  ["a sequence as a string", { rooms: { board: "3" } }],
  ["a sequence as null", { rooms: { board: null } }],
  ["an unsafe integer", { rooms: { board: 2 ** 60 } }],
  ["not a room name", { rooms: { "not-a-room": 0 } }],
  ["an extra key", { rooms: {}, since: 0 }],
  [
    "501 rooms",
    {
      rooms: Object.fromEntries(
        Array.from({ length: 501 }, (_, i) => [rooms.user(`${UUID.slice(0, 24)}${String(i).padStart(12, "0")}`), 0]),
      ),
    },
  ],
  ["a huge object", { rooms: hugeObject() }],
  ["a deeply nested sequence", { rooms: { board: nested(3000) } }],
];

/** Every client event of ClientToServerEvents besides room:join and sync:request (chat and presence). */
const OTHER_EVENTS = [
  "chat:rooms",
  "chat:talk_to_manager",
  "message:send",
  "message:edit",
  "message:delete",
  "message:history",
  "message:read",
  "typing:update",
  "presence:set",
  "presence:list",
];

describeEachDatabase("bad socket payloads", (kind) => {
  let t: TestApp;
  let s: TestSocket;
  let spare: { crew5: ApiClient; crew6: ApiClient };
  let counts: () => Promise<Record<string, number>>;
  let before: Record<string, number>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    const p = t.db.prisma;
    counts = async () => ({
      roomEvents: await p.roomEvent.count(),
      roomSequences: await p.roomSequence.count(),
      auditEvents: await p.auditEvent.count(),
      messages: await p.message.count(),
      notifications: await p.notification.count(),
    });
    s = await connectSocket(t.baseUrl, await t.as("crew3"));
    await s.sync();
    // signing in is audited: everyone this file needs signs in before the counts are taken
    spare = { crew5: await t.as("crew5"), crew6: await t.as("crew6") };
    await sleep(200); // whatever connecting itself does is done
    before = await counts();
  });
  afterAll(async () => {
    s?.close();
    await t?.close();
  });

  const stillServing = async (socket: TestSocket) => {
    expect(socket.socket.connected).toBe(true);
    expect(await socket.request("sync:request", { rooms: {} })).toEqual({ ok: true, data: { rooms: {} } });
  };

  it.each(BAD_JOIN)("room:join with %s → validation.failed", async (_what, payload) => {
    const answer = await s.request("room:join", payload);
    expect(answer).toMatchObject({ ok: false, error: { code: "validation.failed" } });
    await stillServing(s);
  });

  it.each(BAD_SYNC)("sync:request with %s → validation.failed", async (_what, payload) => {
    const answer = await s.request("sync:request", payload);
    expect(answer).toMatchObject({ ok: false, error: { code: "validation.failed" } });
    await stillServing(s);
  });

  it("sync:request with __proto__ as a room name is ignored or refused, and pollutes nothing", async () => {
    const answer = await s.request("sync:request", { rooms: JSON.parse(`{"__proto__": 1, "board": 0}`) });
    // zod drops a "__proto__" key of a record (refusing it would do too); "board" is not this crew member's room
    if (answer.ok || answer.error.code !== "validation.failed") {
      expect(answer).toEqual({ ok: true, data: { rooms: { board: { error: "auth.forbidden" } } } });
    }
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).room).toBeUndefined();
    await stillServing(s);
  });

  it("an answer to a bad payload stays small, however big the payload", async () => {
    for (const [event, payload] of [
      ["sync:request", { rooms: hugeObject() }],
      ["room:join", hugeObject()],
      ["room:join", { room: "x".repeat(500_000) }],
    ] as const) {
      const answer = (await s.request(event, payload)) as Ack<unknown>;
      const size = JSON.stringify(answer).length;
      console.log(`[${kind}] validation answer to a ${JSON.stringify(payload).length}-byte ${event}: ${size} bytes`);
      expect(answer).toMatchObject({ ok: false, error: { code: "validation.failed" } });
      expect(size).toBeLessThan(16_000);
    }
  });

  it("no payload at all, extra arguments, and no ack callback are handled", async () => {
    // only the ack: the payload is missing
    const none = await (s.socket.timeout(5000) as unknown as { emitWithAck(e: string): Promise<unknown> }).emitWithAck(
      "room:join",
    );
    expect(none).toMatchObject({ ok: false, error: { code: "validation.failed" } });
    // extra arguments after a valid payload: the payload is what counts
    const extra = await (
      s.socket.timeout(5000) as unknown as { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> }
    ).emitWithAck("sync:request", { rooms: {} }, 1, "two", null);
    expect(extra).toEqual({ ok: true, data: { rooms: {} } });
    // no ack callback, valid or not: nothing to answer, nothing breaks
    for (const payload of [null, 42, { room: 5 }, hugeObject()]) rawEmit(s, "room:join", payload);
    for (const payload of [null, { rooms: { board: -1 } }, { rooms: {} }]) rawEmit(s, "sync:request", payload);
    await sleep(300);
    await stillServing(s);
  });

  it("an unknown event gets no answer and breaks nothing", async () => {
    for (const event of [
      "nope",
      "room:leave",
      "__proto__",
      "constructor",
      "hasOwnProperty",
      "admin:everything",
      "x".repeat(1000),
    ]) {
      await expect(s.request(event, { room: "board" }, 300)).rejects.toThrow();
      rawEmit(s, event, null);
    }
    await stillServing(s);
  });

  it("a reserved event name sent as a raw packet ends only that connection (Socket.IO refuses it)", async () => {
    for (const packet of [
      '42["disconnect","forged"]',
      '42["disconnecting"]',
      '42["connect"]',
      '42["newListener","x"]',
      "42garbage",
      '42{"not":"an array"}',
    ]) {
      const victim = await connectSocket(t.baseUrl, spare.crew5);
      await victim.sync();
      const gone = waitForDisconnect(victim, 3000);
      (victim.socket.io.engine as unknown as { send(m: string): void }).send(packet);
      expect(await gone, packet).toMatch(/transport close|parse error/);
    }
    await stillServing(s);
  });

  it("chat and presence events, where registered, refuse payloads of the wrong type the same way", async () => {
    const registered: string[] = [];
    for (const event of OTHER_EVENTS) {
      for (const [what, payload] of WRONG_TYPES) {
        let answer: unknown;
        try {
          answer = await s.request(event, payload, 1000);
        } catch {
          answer = undefined; // not registered (yet): no answer
        }
        if (answer !== undefined) {
          if (!registered.includes(event)) registered.push(event);
          expect(answer, `${event} with ${what}`).toMatchObject({ ok: false, error: { code: "validation.failed" } });
        }
      }
    }
    console.log(
      `[${kind}] client events registered besides room:join and sync:request: ${registered.join(", ") || "none"}`,
    );
    await stillServing(s);
  });

  it("a message over Socket.IO's size limit ends only that connection; the server goes on", async () => {
    const other = await connectSocket(t.baseUrl, spare.crew5);
    const big = await connectSocket(t.baseUrl, spare.crew6);
    const gone = waitForDisconnect(big, 5000);
    rawEmit(big, "room:join", { room: "x".repeat(1_500_000) });
    expect(await gone).toMatch(/transport close|transport error|parse error/);
    await stillServing(other);
    await stillServing(s);
    other.close();
  });

  it("the database is unchanged, and a valid request is still answered", async () => {
    expect(await counts()).toEqual(before);
    const me = await t.db.prisma.user.findFirstOrThrow({ where: { email: "crew3@crewboard.example" } });
    expect(await s.request("room:join", { room: rooms.user(me.id) })).toEqual({
      ok: true,
      data: { room: rooms.user(me.id), latest: 0 },
    });
    await stillServing(s);
  });
});
