// Socket limits (issue 13) with the production defaults: per-event budgets per connection and per
// user, refusals answered `rate_limited` like REST and audited once per window, sync:request
// bounded in rooms and concurrency, and a cap on connections per user.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startTestApp, type TestApp } from "../test/test-app.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import type { ApiClient } from "../test/api-client.ts";
import { createSocketLimiter, DEFAULT_SOCKET_LIMITS } from "./socket-limits.ts";

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
    t = await startTestApp("embedded", { socketLimits: { maxSocketsPerUser: 3 } });
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

  it("the budget factor raises every budget (what the test harness and load tests use)", () => {
    vi.useFakeTimers({ now: new Date("2026-11-29T10:00:00Z") });
    const limiter = createSocketLimiter({ budgetFactor: 10, budgets: { "message:send": { burst: 2, perSecond: 1 } } });
    limiter.admit("u1", "a");
    expect(
      Array.from({ length: 21 }, () => limiter.spend("u1", "a", "message:send")).filter((w) => w === 0),
    ).toHaveLength(20);
  });
});
