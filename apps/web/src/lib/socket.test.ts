// The live client's bookkeeping (lib/socket.ts) against a fake Socket.IO socket.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Ack, SyncResponse } from "@crewboard/contracts";
import { LiveClient, type ClientSocket, type LiveEnvelope } from "./socket.ts";
import { task } from "../test/fixtures.ts";
import { FakeSocketBase } from "../test/fake-socket.ts";

class FakeSocket extends FakeSocketBase {
  readonly requests: { event: string; payload: unknown }[] = [];
  latest: Record<string, number> = {};
  /** room:join refused with rate_limited this many more times, per room */
  joinRefusals: Record<string, number> = {};
  /** what sync:request answers, per room */
  syncAnswer: (rooms: Record<string, number>) => SyncResponse = (rooms) => ({
    rooms: Object.fromEntries(
      Object.keys(rooms).map((room) => [room, { events: [], latest: this.latest[room] ?? 0, reset: false }]),
    ),
  });

  /** the server side went away (network) */
  drop() {
    this.connected = false;
    this.fire("disconnect", "transport close");
  }
  timeout() {
    return {
      emitWithAck: async (event: string, payload: unknown): Promise<Ack<unknown>> => {
        this.requests.push({ event, payload });
        if (event === "room:join") {
          const room = (payload as { room: string }).room;
          if ((this.joinRefusals[room] ?? 0) > 0) {
            this.joinRefusals[room]!--;
            return { ok: false, error: { code: "rate_limited", status: 429, title: "too many joins" } };
          }
          return { ok: true, data: { room, latest: this.latest[room] ?? 0 } };
        }
        if (event === "sync:request")
          return { ok: true, data: this.syncAnswer((payload as { rooms: Record<string, number> }).rooms) };
        return { ok: false, error: { code: "route.not_found", status: 404, title: "no such event" } };
      },
    };
  }
}

const USER = {
  id: "0190d6c8-0000-7000-8000-0000000000m1",
  role: "manager" as const,
  clientCompanyId: null,
  teamId: null,
};

function env(
  room: string,
  seq: number,
  version: number,
  at = `2026-11-24T01:00:${String(seq).padStart(2, "0")}.000Z`,
): LiveEnvelope {
  return { room, seq, event: "task:updated", data: task({ version }), at };
}

async function settle() {
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

async function connected(latest: Record<string, number> = {}) {
  const fake = new FakeSocket();
  fake.latest = latest;
  const client = new LiveClient({ createSocket: () => fake as unknown as ClientSocket });
  const received: { seq: number; room: string; version: number; replayed: boolean }[] = [];
  client.subscribe((e, info) =>
    received.push({
      seq: e.seq,
      room: e.room,
      version: (e.data as { version: number }).version,
      replayed: info.replayed,
    }),
  );
  const resets: string[] = [];
  client.onReset((room) => resets.push(room));
  client.connect(USER);
  await settle();
  return { fake, client, received, resets };
}

describe("live client", () => {
  it("joins the user's rooms on connect and starts each from its latest sequence", async () => {
    const { fake, client } = await connected({ board: 41, [`user:${USER.id}`]: 3 });
    expect(client.status).toBe("connected");
    expect(
      fake.requests
        .filter((r) => r.event === "room:join")
        .map((r) => (r.payload as { room: string }).room)
        .sort(),
    ).toEqual(["board", `user:${USER.id}`]);
    expect(client.seqOf("board")).toBe(41);
    expect(client.seqOf(`user:${USER.id}`)).toBe(3);
  });

  it("data read before the join (readAt): the join asks for what came after the read, before live events", async () => {
    // the board's first page was read at board 5; two changes were committed before the join answered
    const fake = new FakeSocket();
    fake.latest = { board: 7, [`user:${USER.id}`]: 0 };
    const client = new LiveClient({ createSocket: () => fake as unknown as ClientSocket });
    const received: number[] = [];
    client.subscribe((e) => received.push(e.seq));
    client.connect(USER);
    const reapplied: LiveEnvelope[] = [];
    await client.readAt("board", 5, (e) => reapplied.push(e));
    let syncRequest: Record<string, number> | undefined;
    fake.syncAnswer = (rooms) => {
      syncRequest = rooms;
      fake.fire("task:updated", env("board", 8, 8)); // live, while the replay is on its way
      return { rooms: { board: { events: [env("board", 6, 6), env("board", 7, 7)], latest: 7, reset: false } } };
    };
    await settle();
    expect(syncRequest).toEqual({ board: 5 });
    expect(received).toEqual([6, 7, 8]);
    expect(reapplied).toEqual([]);
    expect(client.seqOf("board")).toBe(8);
  });

  it("readAt before the first connection keeps its starting point through connect", async () => {
    const fake = new FakeSocket();
    fake.latest = { board: 3 };
    const client = new LiveClient({ createSocket: () => fake as unknown as ClientSocket });
    const received: number[] = [];
    client.subscribe((e) => received.push(e.seq));
    await client.readAt("board", 2, () => undefined);
    fake.syncAnswer = () => ({ rooms: { board: { events: [env("board", 3, 3)], latest: 3, reset: false } } });
    client.connect(USER);
    await settle();
    expect(received).toEqual([3]);
  });

  it("a home room read before the connection is not joined: one sync from the read's sequence, nothing more", async () => {
    const fake = new FakeSocket();
    fake.latest = { board: 5 };
    const client = new LiveClient({ createSocket: () => fake as unknown as ClientSocket });
    const received: number[] = [];
    client.subscribe((e) => received.push(e.seq));
    client.connect(USER);
    await client.readAt("board", 5, () => undefined);
    await settle();
    // the server put the connection in `board` (a home room) by itself
    expect(fake.requests).toEqual([
      { event: "room:join", payload: { room: `user:${USER.id}` } },
      { event: "sync:request", payload: { rooms: { board: 5 } } },
    ]);
    expect(received).toEqual([]);
    expect(client.seqOf("board")).toBe(5);
  });

  it("comes back after a lost connection with one sync:request for its home rooms, no joins", async () => {
    const { fake, client } = await connected({ board: 10, [`user:${USER.id}`]: 2 });
    fake.drop();
    fake.requests.length = 0;
    fake.connect();
    await settle();
    expect(fake.requests).toEqual([
      { event: "sync:request", payload: { rooms: { board: 10, [`user:${USER.id}`]: 2 } } },
    ]);
    expect(client.status).toBe("connected");
  });

  describe("a followed room that the server would not let in again yet (rate_limited)", () => {
    /** connected, following work_order:w1 at 3; the connection lost and back, w1 now at 5 */
    async function backRefused(joinRefusals: number) {
      const setup = await connected({ board: 1, "work_order:w1": 3 });
      const { fake, client } = setup;
      await client.trackRoom("work_order:w1");
      vi.useFakeTimers();
      vi.spyOn(Math, "random").mockReturnValue(0.999); // each wait the longest of its ceiling
      fake.drop();
      fake.latest["work_order:w1"] = 5;
      fake.joinRefusals["work_order:w1"] = joinRefusals;
      // as the server answers a sync for a room the connection is not in, with room:join's budget spent
      let syncRefusals = 1;
      fake.syncAnswer = (rooms) => ({
        rooms: Object.fromEntries(
          Object.keys(rooms).map((room) => {
            if (room === "work_order:w1" && syncRefusals-- > 0) return [room, { error: "rate_limited" as const }];
            const events = room === "work_order:w1" ? [env(room, 4, 4), env(room, 5, 5)] : [];
            return [room, { events, latest: fake.latest[room] ?? 0, reset: false }];
          }),
        ),
      });
      fake.requests.length = 0;
      fake.connect();
      await vi.advanceTimersByTimeAsync(0);
      expect(fake.requests).toEqual([
        { event: "room:join", payload: { room: "work_order:w1" } },
        { event: "sync:request", payload: { rooms: { board: 1, [`user:${USER.id}`]: 0, "work_order:w1": 3 } } },
      ]);
      fake.requests.length = 0;
      return setup;
    }

    afterEach(() => {
      vi.useRealTimers();
      vi.restoreAllMocks();
    });

    it("stays followed, is joined again after a wait that grows while refused, and catches up", async () => {
      const { fake, client, received, resets } = await backRefused(2);
      // waits of the reconnect rule's ceilings after one and two refusals: 0.75 s, then 1 s
      await vi.advanceTimersByTimeAsync(749);
      expect(fake.requests).toEqual([{ event: "room:join", payload: { room: "work_order:w1" } }]); // refused
      fake.requests.length = 0;
      await vi.advanceTimersByTimeAsync(998);
      expect(fake.requests).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      // in, and behind: the missed events from its known sequence (no reset)
      expect(fake.requests).toEqual([
        { event: "room:join", payload: { room: "work_order:w1" } },
        { event: "sync:request", payload: { rooms: { "work_order:w1": 3 } } },
      ]);
      expect(received.filter((r) => r.room === "work_order:w1").map((r) => r.seq)).toEqual([4, 5]);
      expect(resets).toEqual([]);
      expect(client.seqOf("work_order:w1")).toBe(5);
      fake.requests.length = 0;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(fake.requests).toEqual([]);
    });

    it("a connection lost during the wait: the next connection's sync takes the room in, and no wait fires after", async () => {
      const { fake, received } = await backRefused(1);
      fake.drop();
      fake.connect();
      await vi.advanceTimersByTimeAsync(0);
      expect(fake.requests).toEqual([
        { event: "room:join", payload: { room: "work_order:w1" } },
        { event: "sync:request", payload: { rooms: { board: 1, [`user:${USER.id}`]: 0, "work_order:w1": 3 } } },
      ]);
      expect(received.filter((r) => r.room === "work_order:w1").map((r) => r.seq)).toEqual([4, 5]);
      fake.requests.length = 0;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(fake.requests).toEqual([]);
    });

    it("refused for good (forbidden) on the retry: no longer followed, no more attempts", async () => {
      const { fake } = await backRefused(1);
      const join = fake.timeout().emitWithAck;
      fake.timeout = () => ({
        emitWithAck: async (event: string, payload: unknown) =>
          event === "room:join"
            ? (fake.requests.push({ event, payload }),
              { ok: false, error: { code: "auth.forbidden", status: 403, title: "not allowed" } } as Ack<unknown>)
            : join(event, payload),
      });
      await vi.advanceTimersByTimeAsync(999);
      expect(fake.requests).toEqual([{ event: "room:join", payload: { room: "work_order:w1" } }]);
      fake.requests.length = 0;
      await vi.advanceTimersByTimeAsync(10_000);
      expect(fake.requests).toEqual([]);
    });
  });

  it("data read while events were arriving (readAt behind what was applied): those events go to reapply only", async () => {
    const { fake, client, received } = await connected({ board: 10 });
    fake.fire("task:updated", env("board", 11, 11));
    fake.fire("task:updated", env("board", 12, 12));
    fake.syncAnswer = (rooms) => {
      expect(rooms).toEqual({ board: 10 });
      return {
        rooms: {
          board: {
            events: [env("board", 11, 11), env("board", 12, 12), env("board", 13, 13)],
            latest: 13,
            reset: false,
          },
        },
      };
    };
    const reapplied: number[] = [];
    await client.readAt("board", 10, (e) => reapplied.push(e.seq));
    expect(reapplied).toEqual([11, 12]); // 13 comes live, to everyone
    expect(received.map((r) => r.seq)).toEqual([11, 12]);
    // a read at or after what was applied needs nothing
    await client.readAt("board", 12, () => reapplied.push(-1));
    expect(reapplied).toEqual([11, 12]);
  });

  it("readAt that cannot read the events again resets the room (its data is reloaded)", async () => {
    const { fake, client, resets } = await connected({ board: 10 });
    fake.fire("task:updated", env("board", 11, 11));
    fake.syncAnswer = () => ({ rooms: { board: { events: [], latest: 500, reset: true } } });
    await client.readAt("board", 2, () => undefined);
    expect(resets).toEqual(["board"]);
    expect(client.seqOf("board")).toBe(500);
  });

  it("passes each event on once: duplicates by room+seq and the same change in two rooms are dropped", async () => {
    const { fake, received } = await connected({ board: 1, [`user:${USER.id}`]: 7 });
    fake.fire("task:updated", env("board", 2, 2));
    fake.fire("task:updated", env("board", 2, 2)); // same room + seq
    fake.fire("task:updated", env(`user:${USER.id}`, 8, 2, env("board", 2, 2).at)); // the same change through the user's room
    fake.fire("task:updated", env("board", 3, 3));
    expect(received.map((r) => [r.room, r.seq])).toEqual([
      ["board", 2],
      ["board", 3],
    ]);
  });

  it("fills a gap with a sync of that room before going on, in order", async () => {
    const { fake, received, client } = await connected({ board: 5 });
    fake.syncAnswer = (rooms) => {
      expect(rooms).toEqual({ board: 5 });
      return { rooms: { board: { events: [env("board", 6, 6), env("board", 7, 7)], latest: 7, reset: false } } };
    };
    fake.fire("task:updated", env("board", 7, 7)); // 6 was missed
    await settle();
    expect(received.map((r) => r.seq)).toEqual([6, 7]);
    expect(client.seqOf("board")).toBe(7);
  });

  it("after a reconnect asks for what it missed, and holds live events until the replay is done", async () => {
    const { fake, received, client } = await connected({ board: 10 });
    fake.fire("task:updated", env("board", 11, 11));
    fake.drop();
    expect(client.status).toBe("reconnecting");

    let syncRequest: Record<string, number> | undefined;
    fake.syncAnswer = (rooms) => {
      syncRequest = rooms;
      // a live event arrives while the sync answer is on its way
      fake.fire("task:updated", env("board", 14, 14));
      return {
        rooms: {
          ...Object.fromEntries(Object.keys(rooms).map((r) => [r, { events: [], latest: 0, reset: false }])),
          board: { events: [env("board", 12, 12), env("board", 13, 13)], latest: 13, reset: false },
        },
      };
    };
    fake.connect();
    await settle();
    expect(syncRequest).toMatchObject({ board: 11 });
    expect(received.map((r) => [r.seq, r.replayed])).toEqual([
      [11, false],
      [12, true],
      [13, true],
      [14, false],
    ]);
    expect(client.status).toBe("connected");
  });

  it("reports a reset (gap too old to replay) so the data is reloaded over REST", async () => {
    const { fake, resets, client } = await connected({ board: 10 });
    fake.drop();
    fake.syncAnswer = () => ({ rooms: { board: { events: [], latest: 2000, reset: true } } });
    fake.connect();
    await settle();
    expect(resets).toContain("board");
    expect(client.seqOf("board")).toBe(2000);
  });

  it("tells the app when the server refuses the connection for lack of a session", async () => {
    const { fake, client } = await connected();
    const expired = vi.fn();
    client.onAuthRequired(expired);
    fake.fire("connect_error", Object.assign(new Error("auth.required"), { data: { code: "auth.required" } }));
    expect(expired).toHaveBeenCalledOnce();
  });

  it("comes back by itself after losing the connection: within 0.5 s, each failed attempt waiting longer (up to 3 s), announced once", async () => {
    const { fake, client } = await connected({ board: 1 });
    const statuses: string[] = [];
    client.onStatus((status) => statuses.push(status));
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0.999); // each wait the longest of its ceiling
    try {
      const start = Date.now();
      const attempts: number[] = [];
      const connect = fake.connect.bind(fake);
      fake.connect = () => {
        attempts.push(Date.now() - start);
        queueMicrotask(() => fake.fire("connect_error", new Error("websocket error"))); // the server is still down
        return fake;
      };
      fake.drop();
      await vi.advanceTimersByTimeAsync(10_000);
      // ceilings 0.5, 0.75, 1, 1.25 … s, up to 3 s (full jitter, @crewboard/domain reconnect.ts): not
      // a fixed 5 s, not 10 s
      expect(attempts).toEqual([499, 1248, 2247, 3495, 4993, 6741, 8739]);
      expect(statuses).toEqual(["reconnecting"]);

      // back: the next loss starts again from the short wait
      fake.connect = connect;
      await vi.advanceTimersByTimeAsync(3_000);
      expect(client.status).toBe("connected");
      fake.connect = () => {
        attempts.push(Date.now() - start);
        return fake;
      };
      const lostAt = Date.now() - start;
      fake.drop();
      await vi.advanceTimersByTimeAsync(1_000);
      expect(attempts.at(-1)).toBe(lostAt + 499);
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });

  it("honours the wait a rate_limited handshake refusal asks for", async () => {
    const { fake } = await connected();
    vi.useFakeTimers();
    vi.spyOn(Math, "random").mockReturnValue(0);
    try {
      const attempts: number[] = [];
      fake.connect = () => {
        attempts.push(Date.now());
        return fake;
      };
      fake.drop();
      await vi.advanceTimersByTimeAsync(0);
      expect(attempts).toHaveLength(1);
      // refused by the server's middleware (the socket is no longer active), come back in 20 s
      fake.active = false;
      fake.fire(
        "connect_error",
        Object.assign(new Error("rate_limited"), { data: { code: "rate_limited", retryAfterMs: 20_000 } }),
      );
      await vi.advanceTimersByTimeAsync(19_999);
      expect(attempts).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(1);
      expect(attempts).toHaveLength(2);
    } finally {
      vi.restoreAllMocks();
      vi.useRealTimers();
    }
  });

  it("forgets everything on disconnect (sign-out)", async () => {
    const { client } = await connected({ board: 4 });
    client.disconnect();
    expect(client.status).toBe("idle");
    expect(client.seqOf("board")).toBeUndefined();
  });
});
