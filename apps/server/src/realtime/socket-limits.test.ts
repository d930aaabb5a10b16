// Socket limits (issue 13) with the production defaults: per-event budgets per connection and per
// user, refusals answered `rate_limited` like REST and audited once per window, sync:request
// bounded in rooms and concurrency, and a cap on connections per user.
import { randomUUID } from "node:crypto";
import { io } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type TestApp } from "../test/test-app.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import type { ApiClient } from "../test/api-client.ts";
import { socketOperations, type SocketOperationName } from "@crewboard/contracts";
import { createSocketLimiter, DEFAULT_SOCKET_LIMITS, type Budget } from "./socket-limits.ts";

type Answer =
  { ok: true; data: unknown } | { ok: false; error: { code: string; status: number; retryAfterSeconds?: number } };

const codes = (answers: Answer[]) => answers.map((a) => (a.ok ? "ok" : a.error.code));
const count = (list: string[], code: string) => list.filter((c) => c === code).length;

describe("socket limits (defaults)", () => {
  let t: TestApp;
  let crew: ApiClient;
  const open: TestSocket[] = [];
  const connect = async (api: ApiClient) => {
    const s = await connectSocket(t.baseUrl, api);
    open.push(s);
    return s;
  };
  beforeAll(async () => {
    t = await startTestApp("embedded", { socketLimits: {} }); // the defaults, not the harness's raised ones
    crew = await t.as("crew1");
  });
  afterAll(async () => {
    for (const s of open) s.close();
    await t?.close();
  });

  it("a flood of chat messages: the burst is accepted, the rest answered rate_limited (429 problem), one audit row", async () => {
    const s = await connect(crew);
    const list = await s.request<{ items: { id: string }[] }>("chat:rooms", {});
    expect(list.ok).toBe(true);
    const roomId = (list as { data: { items: { id: string }[] } }).data.items[0]!.id;
    const before = await t.db.prisma.message.count({ where: { roomId } });
    const answers = (await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        s.request("message:send", { roomId, body: `flood ${i}`, clientKey: `flood-${randomUUID()}` }, 60_000),
      ),
    )) as Answer[];
    const got = codes(answers);
    const burst = DEFAULT_SOCKET_LIMITS.budgets["message:send"]!.burst;
    // the burst, plus at most what refilled while the flood arrived (1 a second)
    const accepted = count(got, "ok");
    expect(accepted).toBeGreaterThanOrEqual(burst);
    expect(accepted).toBeLessThanOrEqual(burst + 2);
    expect(count(got, "rate_limited")).toBe(30 - accepted);
    const refused = answers.find((a) => !a.ok) as Extract<Answer, { ok: false }>;
    expect(refused.error).toMatchObject({ code: "rate_limited", status: 429 });
    expect(refused.error.retryAfterSeconds).toBeGreaterThan(0);
    // refused sends wrote nothing
    expect((await t.db.prisma.message.count({ where: { roomId } })) - before).toBe(accepted);
    const audit = await t.db.prisma.auditEvent.findMany({
      where: { action: "realtime.rate_limited", entityId: crew.user!.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.metadata).toMatchObject({ event: "message:send" });
  });

  it("a flood of refused joins: refused until the budget ends, then rate_limited; one join_refused audit row, not one each", async () => {
    const other = await t.as("crew2");
    const s = await connect(other);
    const answers = (await Promise.all(
      Array.from({ length: 40 }, () => s.request("room:join", { room: `user:${crew.user!.id}` }, 60_000)),
    )) as Answer[];
    const got = codes(answers);
    const burst = DEFAULT_SOCKET_LIMITS.budgets["room:join"]!.burst;
    expect(count(got, "auth.forbidden")).toBeGreaterThanOrEqual(burst);
    expect(count(got, "auth.forbidden")).toBeLessThanOrEqual(burst + 5); // refilled while it arrived (5 a second)
    expect(count(got, "rate_limited")).toBe(40 - count(got, "auth.forbidden"));
    expect(
      await t.db.prisma.auditEvent.count({ where: { action: "realtime.join_refused", actorId: other.user!.id } }),
    ).toBe(1);
    expect(
      await t.db.prisma.auditEvent.count({ where: { action: "realtime.rate_limited", actorId: other.user!.id } }),
    ).toBe(1);
  });

  it("sync:request enters a room the connection is not in as room:join does, from its budget; a refusal is not audited", async () => {
    // staff may follow any order's room: 40 fresh ones in one sync, against room:join's burst
    const s = await connect(await t.as("manager1"));
    const fresh = Array.from({ length: 40 }, () => `work-order:${randomUUID()}`);
    const answer = (await s.request("sync:request", { rooms: Object.fromEntries(fresh.map((r) => [r, 0])) })) as {
      ok: true;
      data: { rooms: Record<string, { events?: unknown[]; error?: string }> };
    };
    expect(answer.ok).toBe(true);
    const results = fresh.map((room) => answer.data.rooms[room]!);
    const entered = results.filter((r) => Array.isArray(r.events)).length;
    const burst = DEFAULT_SOCKET_LIMITS.budgets["room:join"]!.burst;
    expect(entered).toBeGreaterThanOrEqual(burst);
    expect(entered).toBeLessThanOrEqual(burst + 5); // refilled while it ran (5 a second)
    expect(results.filter((r) => r.error === "rate_limited")).toHaveLength(40 - entered);
    // a room the user may not enter: refused, and not audited (a client coming back asks again for
    // what it followed; its access may have been taken away meanwhile)
    const crew4 = await t.as("crew4");
    const c = await connect(crew4);
    const refused = (await c.request("sync:request", { rooms: { [`user:${crew.user!.id}`]: 0 } })) as {
      ok: true;
      data: { rooms: Record<string, { error?: string }> };
    };
    expect(refused.data.rooms[`user:${crew.user!.id}`]).toEqual({ error: "auth.forbidden" });
    expect(
      await t.db.prisma.auditEvent.count({ where: { action: "realtime.join_refused", actorId: crew4.user!.id } }),
    ).toBe(0);
  });

  it("sync:request: at most 200 rooms, one at a time per connection, and a budget of its own", async () => {
    const s = await connect(await t.as("crew3"));
    const many = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`work-order:${randomUUID()}`, i]));
    const tooMany = (await s.request("sync:request", { rooms: many })) as Answer;
    expect(!tooMany.ok && tooMany.error.code).toBe("rate_limited");
    // two at once on one connection: the second is refused
    const board = { rooms: { board: 0 } };
    const pair = (await Promise.all([s.request("sync:request", board), s.request("sync:request", board)])) as Answer[];
    expect(codes(pair)).toEqual(["ok", "rate_limited"]);
    // the budget: 5 at once, then one every 2 s (3 spent above): 20 in a row are not all answered
    const rest: string[] = [];
    for (let i = 0; i < 20; i++) rest.push(codes([(await s.request("sync:request", board)) as Answer])[0]!);
    expect(count(rest, "ok")).toBeGreaterThanOrEqual(2);
    expect(count(rest, "rate_limited")).toBeGreaterThan(0);
  });
});

describe("connections per user", () => {
  let t: TestApp;
  beforeAll(async () => {
    // the connect budget of its own test below: here, as many tries as the poll needs
    t = await startTestApp("embedded", {
      socketLimits: { maxSocketsPerUser: 3, connectBudget: { burst: 1_000, perSecond: 100 } },
    });
  });
  afterAll(() => t?.close());

  it("the 4th connection of one user is refused with rate_limited; another user connects; a closed one frees its place", async () => {
    const crew = await t.as("crew4");
    const sockets = [
      await connectSocket(t.baseUrl, crew),
      await connectSocket(t.baseUrl, crew),
      await connectSocket(t.baseUrl, crew),
    ];
    const refused = await connectSocket(t.baseUrl, crew).catch((e: { data?: { code?: string } }) => e);
    expect((refused as { data?: { code?: string } }).data?.code).toBe("rate_limited");
    const other = await connectSocket(t.baseUrl, await t.as("crew5"));
    other.close();
    sockets.pop()!.close();
    await expect
      .poll(async () => {
        const s = await connectSocket(t.baseUrl, crew).catch(() => null);
        s?.close();
        return Boolean(s);
      })
      .toBe(true);
    for (const s of sockets) s.close();
  });
});

describe("how fast one user opens connections", () => {
  let t: TestApp;
  beforeAll(async () => {
    // two at once, then one a minute: a client reconnecting in a loop is slowed to the budget
    t = await startTestApp("embedded", { socketLimits: { connectBudget: { burst: 2, perSecond: 1 / 60 } } });
  });
  afterAll(() => t?.close());

  it("beyond the burst a new connection is refused with rate_limited and the wait, also after closing the others; another user connects", async () => {
    const crew = await t.as("crew4");
    const first = await connectSocket(t.baseUrl, crew);
    first.close();
    const second = await connectSocket(t.baseUrl, crew);
    second.close(); // closing does not give the attempt back
    const refused = (await connectSocket(t.baseUrl, crew).catch((e: unknown) => e)) as {
      data?: { code?: string; message?: string; retryAfterMs?: number };
    };
    expect(refused.data?.code).toBe("rate_limited");
    expect(refused.data?.message).toMatch(/too many new connections; try again in \d+ s/);
    expect(refused.data?.retryAfterMs).toBeGreaterThan(50_000);
    const other = await connectSocket(t.baseUrl, await t.as("crew5"));
    other.close();
  });
});

describe("a client that hangs up during the handshake", () => {
  let t: TestApp;
  /** while set, the handshake's session lookup waits for it */
  let held: Promise<void> | null = null;
  let lookups = 0;
  beforeAll(async () => {
    t = await startTestApp(
      "embedded",
      { socketLimits: { maxSocketsPerUser: 1 } },
      {
        wrapPrisma: (prisma) =>
          prisma.$extends({
            query: {
              // the session lookup: one hand-written statement (@crewboard/db session-row.ts)
              async $queryRaw({ args, query }) {
                const sql = args as unknown as { sql?: string; text?: string };
                if ((sql.text ?? sql.sql ?? "").includes('FROM "Session" s')) {
                  lookups++;
                  if (held) await held;
                }
                return query(args);
              },
            },
          }) as unknown as typeof prisma,
      },
    );
  });
  afterAll(() => t?.close());

  it("leaves no connection counted: the user's one place is free afterwards", async () => {
    const crew = await t.as("crew4");
    let letGo!: () => void;
    held = new Promise((resolve) => (letGo = resolve));
    const before = lookups;
    const hungUp = io(t.baseUrl, {
      transports: ["websocket"],
      extraHeaders: { cookie: crew.cookieHeader! },
      reconnection: false,
      forceNew: true,
    });
    await vi.waitUntil(() => lookups > before, { timeout: 10_000, interval: 10 });
    hungUp.disconnect(); // while its session is being looked up
    // the server has seen the close before the lookup answers
    await vi.waitUntil(() => t.realtime.io.engine.clientsCount === 0, { timeout: 10_000, interval: 10 });
    held = null;
    letGo();
    const next = await connectSocket(t.baseUrl, crew);
    next.close();
  });
});

describe("token buckets (the limiter alone, on a fake clock)", () => {
  afterEach(() => vi.useRealTimers());

  it("per connection: the burst, then one event per refill interval", () => {
    vi.useFakeTimers({ now: new Date("2026-11-29T10:00:00Z") });
    const limiter = createSocketLimiter({ budgets: { "message:send": { burst: 3, perSecond: 1 } } });
    expect(limiter.admit("u1", "s1")).toBe(true);
    const waits = Array.from({ length: 4 }, () => limiter.spend("u1", "s1", "message:send"));
    expect(waits).toEqual([0, 0, 0, 1000]);
    vi.advanceTimersByTime(1000);
    expect(limiter.spend("u1", "s1", "message:send")).toBe(0);
    expect(limiter.spend("u1", "s1", "message:send")).toBeGreaterThan(0);
    // each event has its own bucket
    expect(limiter.spend("u1", "s1", "typing:update")).toBe(0);
  });

  it("per user: a user's connections together get perUserConnections connections' budget", () => {
    vi.useFakeTimers({ now: new Date("2026-11-29T10:00:00Z") });
    const limiter = createSocketLimiter({ defaultBudget: { burst: 10, perSecond: 1 }, perUserConnections: 2 });
    for (const id of ["a", "b", "c"]) expect(limiter.admit("u1", id)).toBe(true);
    expect(limiter.admit("u2", "d")).toBe(true);
    const allowed = ["a", "b", "c"].map(
      (id) => Array.from({ length: 10 }, () => limiter.spend("u1", id, "presence:list")).filter((w) => w === 0).length,
    );
    expect(allowed).toEqual([10, 10, 0]); // the third connection finds the user's budget spent
    expect(limiter.spend("u2", "d", "presence:list")).toBe(0); // another user is not affected
  });

  it("the cap on connections per user, and a closed connection frees its place", () => {
    const limiter = createSocketLimiter({ maxSocketsPerUser: 2 });
    expect([limiter.admit("u1", "a"), limiter.admit("u1", "b"), limiter.admit("u1", "c")]).toEqual([true, true, false]);
    limiter.release("u1", "a");
    limiter.release("u1", "a"); // twice (the socket's disconnect and its transport's close): no harm
    expect([limiter.admit("u1", "c"), limiter.admit("u1", "d")]).toEqual([true, false]);
  });

  it("closing every connection and reconnecting does not buy a fresh budget; it comes back as it refills", () => {
    vi.useFakeTimers({ now: new Date("2026-11-29T10:00:00Z") });
    const limiter = createSocketLimiter({
      budgets: { "message:send": { burst: 4, perSecond: 1 } },
      defaultBudget: { burst: 2, perSecond: 1 },
      perUserConnections: 1,
    });
    limiter.admit("u1", "a");
    expect(Array.from({ length: 5 }, () => limiter.spend("u1", "a", "message:send"))).toEqual([0, 0, 0, 0, 1000]);
    limiter.release("u1", "a");
    limiter.admit("u1", "b"); // a new connection: its own bucket is full, the user's is not
    expect(limiter.spend("u1", "b", "message:send")).toBe(1000);
    limiter.release("u1", "b");
    // message:send's refills in 4 s, but the user's budgets are kept until every event's would be
    // full again (the production budgets merged in: chat:talk_to_manager's 25 s)
    vi.advanceTimersByTime(4000);
    limiter.admit("u1", "c");
    expect(limiter.spend("u1", "c", "message:send")).toBe(0); // refilled, not forgotten
    limiter.release("u1", "c");
    vi.advanceTimersByTime(25_000);
    limiter.admit("u1", "c");
    expect(Array.from({ length: 5 }, () => limiter.spend("u1", "c", "message:send"))).toEqual([0, 0, 0, 0, 1000]);
  });

  it("new connections of a user: twice maxSocketsPerUser at once, then maxSocketsPerUser a minute", () => {
    vi.useFakeTimers({ now: new Date("2026-11-29T10:00:00Z") });
    const limiter = createSocketLimiter({ maxSocketsPerUser: 3 });
    let n = 0;
    /** opens a connection and closes it at once: only the connect budget limits */
    const connectAndClose = (userId: string) => {
      const id = `s${++n}`;
      const admission = limiter.open(userId, id);
      limiter.release(userId, id);
      return admission.admitted ? 0 : admission.refused === "too_fast" ? admission.retryAfterMs : "too_many";
    };
    expect(Array.from({ length: 7 }, () => connectAndClose("u1"))).toEqual([0, 0, 0, 0, 0, 0, 20_000]);
    expect(connectAndClose("u2")).toBe(0); // another user is not affected
    vi.advanceTimersByTime(20_000);
    expect(connectAndClose("u1")).toBe(0);
    expect(connectAndClose("u1")).toBe(20_000);
  });

  it("a connection refused by the cap spends nothing of the connect budget; refusals keep one timer per user", () => {
    vi.useFakeTimers({ now: new Date("2026-11-29T10:00:00Z") });
    const limiter = createSocketLimiter({ maxSocketsPerUser: 1, connectBudget: { burst: 2, perSecond: 1 / 60 } });
    expect(limiter.open("u1", "a")).toEqual({ admitted: true });
    for (let i = 0; i < 5; i++) expect(limiter.open("u1", `x${i}`)).toEqual({ admitted: false, refused: "too_many" });
    limiter.release("u1", "a");
    // the second of the burst is still there: the five refused by the cap took none of it
    expect(limiter.open("u1", "b")).toEqual({ admitted: true });
    limiter.release("u1", "b");
    const timers = vi.getTimerCount();
    for (let i = 0; i < 100; i++) expect(limiter.open("u1", `y${i}`)).toMatchObject({ refused: "too_fast" });
    expect(vi.getTimerCount()).toBe(timers);
    // and the user's budgets are forgotten once they would be full again
    vi.advanceTimersByTime(24 * 60 * 60 * 1000);
    expect(limiter.open("u1", "c")).toEqual({ admitted: true });
  });

  it("the budget factor raises every budget (what the test harness and load tests use)", () => {
    vi.useFakeTimers({ now: new Date("2026-11-29T10:00:00Z") });
    const limiter = createSocketLimiter({ budgetFactor: 10, budgets: { "message:send": { burst: 2, perSecond: 1 } } });
    limiter.admit("u1", "a");
    expect(
      Array.from({ length: 21 }, () => limiter.spend("u1", "a", "message:send")).filter((w) => w === 0),
    ).toHaveLength(20);
  });
});

/**
 * One flood per client event of the catalogue, with a valid payload of its own. Typed over the
 * catalogue: a new event without a flood here does not compile, and the loop below fails for it.
 */
interface FloodContext {
  userId: string;
  roomId: string;
  messageId: string;
}
const FLOODS: Record<SocketOperationName, { payload: (c: FloodContext, i: number) => unknown; oneAtATime?: true }> = {
  joinRoom: { payload: (c) => ({ room: `chat:${c.roomId}` }) },
  // one sync at a time per connection (a second one at once is refused too): the flood is sent in a row
  requestSync: { payload: (c) => ({ rooms: { [`chat:${c.roomId}`]: 0 } }), oneAtATime: true },
  listChatRooms: { payload: () => ({}) },
  talkToManager: { payload: () => ({}) },
  replyTime: { payload: () => ({}) },
  sendMessage: { payload: (c, i) => ({ roomId: c.roomId, body: `flood ${i}`, clientKey: `flood-${randomUUID()}` }) },
  editMessage: { payload: (c, i) => ({ messageId: c.messageId, body: `edited ${i}` }) },
  markRead: { payload: (c) => ({ roomId: c.roomId, messageId: c.messageId }) },
  listMessages: { payload: (c) => ({ roomId: c.roomId, limit: 1 }) },
  setTyping: { payload: (c, i) => ({ roomId: c.roomId, typing: i % 2 === 0 }) },
  setPresence: { payload: (_, i) => ({ status: i % 2 === 0 ? "online" : "away" }) },
  listPresence: { payload: () => ({}) },
  // deleting a deleted message answers it again: every one of the flood is a real delete call
  deleteMessage: { payload: (c) => ({ messageId: c.messageId }) },
};

/** production's burst, refilled so slowly that nothing refills during a test: the counts are exact on any machine */
const slowed = (budget: Budget): Budget => ({ burst: budget.burst, perSecond: 0.0001 });
const burstOf = (event: string) => (DEFAULT_SOCKET_LIMITS.budgets[event] ?? DEFAULT_SOCKET_LIMITS.defaultBudget).burst;

describe("a flood of each client event of the catalogue (production's bursts, no refill)", () => {
  let t: TestApp;
  const open: TestSocket[] = [];
  const connect = async (api: ApiClient) => {
    const s = await connectSocket(t.baseUrl, api);
    open.push(s);
    return s;
  };
  /** a crew member's context: a chat room of theirs and a message of their own in it (sent on a connection of its own) */
  const contextOf = async (api: ApiClient): Promise<FloodContext> => {
    const s = await connect(api);
    const rooms = (await s.request<{ items: { id: string }[] }>("chat:rooms", {})) as Answer & {
      data: { items: { id: string }[] };
    };
    const roomId = rooms.data.items[0]!.id;
    const sent = (await s.request<{ id: string }>("message:send", {
      roomId,
      body: "flood target",
      clientKey: `flood-target-${randomUUID()}`,
    })) as Answer & { data: { id: string } };
    expect(sent.ok).toBe(true);
    s.close();
    return { userId: api.user!.id, roomId, messageId: sent.data.id };
  };
  /** the rate_limited audit rows of one user and event */
  const auditRows = async (userId: string, event: string) =>
    (await t.db.prisma.auditEvent.findMany({ where: { action: "realtime.rate_limited", entityId: userId } })).filter(
      (row) => (row.metadata as { event?: string } | null)?.event === event,
    );
  /** sends `n` events on one connection (all at once, or one after another) and returns the answers' codes */
  const flood = async (
    s: TestSocket,
    event: string,
    n: number,
    payload: (i: number) => unknown,
    oneAtATime = false,
  ) => {
    if (oneAtATime) {
      const got: string[] = [];
      for (let i = 0; i < n; i++) got.push(...codes([(await s.request(event, payload(i), 60_000)) as Answer]));
      return got;
    }
    return codes(
      (await Promise.all(Array.from({ length: n }, (_, i) => s.request(event, payload(i), 60_000)))) as Answer[],
    );
  };
  let perConnection: FloodContext;
  let perUser: FloodContext;
  let perUserApi: ApiClient;
  let perConnectionApi: ApiClient;
  beforeAll(async () => {
    t = await startTestApp("embedded", {
      socketLimits: {
        budgets: Object.fromEntries(
          Object.entries(DEFAULT_SOCKET_LIMITS.budgets).map(([event, budget]) => [event, slowed(budget)]),
        ),
        defaultBudget: slowed(DEFAULT_SOCKET_LIMITS.defaultBudget),
        // each event's flood opens connections of its own: not what this suite measures
        connectBudget: { burst: 1_000, perSecond: 100 },
      },
    });
    perConnectionApi = await t.as("crew1");
    perUserApi = await t.as("crew2");
    perConnection = await contextOf(perConnectionApi);
    perUser = await contextOf(perUserApi);
  }, 120_000);
  afterAll(async () => {
    for (const s of open) s.close();
    await t?.close();
  });

  it("covers every client event of the catalogue, each with a budget", () => {
    expect(Object.keys(FLOODS).sort()).toEqual(Object.keys(socketOperations).sort());
    for (const op of Object.values(socketOperations)) {
      const budget = DEFAULT_SOCKET_LIMITS.budgets[op.event] ?? DEFAULT_SOCKET_LIMITS.defaultBudget;
      expect(budget.burst, op.event).toBeGreaterThan(0);
      expect(Number.isFinite(budget.burst) && Number.isFinite(budget.perSecond), op.event).toBe(true);
    }
  });

  const table = (Object.keys(socketOperations) as SocketOperationName[]).map((name) => ({
    name,
    event: socketOperations[name].event as string,
  }));

  it.each(table)(
    "$event: one connection past its budget is answered rate_limited (429), audited once",
    { timeout: 120_000 },
    async ({ name, event }) => {
      const burst = burstOf(event);
      const s = await connect(perConnectionApi);
      const n = burst + Math.max(10, burst);
      const got = await flood(s, event, n, (i) => FLOODS[name].payload(perConnection, i), FLOODS[name].oneAtATime);
      // the burst is answered by the handler (ok, or a refusal of its own such as message.deleted), the rest is rate_limited
      expect(count(got, "rate_limited"), got.join(",")).toBe(n - burst);
      expect(got.filter((c) => c === "internal" || c === "database.unavailable")).toEqual([]);
      // a refusal is one audit row per window, not one per refused event
      expect(await auditRows(perConnection.userId, event)).toHaveLength(1);
      s.close();
    },
  );

  it.each(table)(
    "$event: a user's connections together past the user's budget are answered rate_limited, audited once",
    { timeout: 180_000 },
    async ({ name, event }) => {
      const burst = burstOf(event);
      const perUserConnections = DEFAULT_SOCKET_LIMITS.perUserConnections;
      const sockets = await Promise.all(Array.from({ length: perUserConnections + 1 }, () => connect(perUserApi)));
      // each connection sends its own burst (within its own budget): together one connection's burst too many
      const got = (
        await Promise.all(
          sockets.map((s, k) =>
            flood(s, event, burst, (i) => FLOODS[name].payload(perUser, k * 1000 + i), FLOODS[name].oneAtATime),
          ),
        )
      ).flat();
      // the setup's closed connection spent one chat:rooms and one message:send of this user's budget,
      // which a user's budget remembers until it has refilled (closing a connection buys nothing)
      const spentInSetup = event === "chat:rooms" || event === "message:send" ? 1 : 0;
      const userBudget = perUserConnections * burst - spentInSetup;
      expect(got.length - count(got, "rate_limited"), got.join(",")).toBe(userBudget);
      expect(count(got, "rate_limited")).toBe(got.length - userBudget);
      expect(got.filter((c) => c === "internal" || c === "database.unavailable")).toEqual([]);
      expect(await auditRows(perUser.userId, event)).toHaveLength(1);
      for (const s of sockets) s.close();
    },
  );
});
