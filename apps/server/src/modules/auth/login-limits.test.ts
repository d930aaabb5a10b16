// Sign-in limits (issue 13): per address across emails, per account across addresses, only
// failures count, backoff, X-Forwarded-For trusted only from the configured proxies, Redis shared
// by instances, aggregated audit rows, and a blocked attempt never reaches the argon2 verify.
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createClient } from "redis";
import { DEMO_PASSWORD } from "@crewboard/db";
import { createLoginLimiter, type LoginAttempt } from "../../http/login-limits.ts";
import { AppError } from "../../errors.ts";
import { startTestApp, type TestApp } from "../../test/test-app.ts";
import { testRedisUrl } from "../../test/instances.ts";
import { ApiClient } from "../../test/api-client.ts";
import { parseEnv } from "../../env.ts";

// the real verify, counted: a blocked attempt must not run it; `hold` keeps verifies in flight
const verifies = vi.hoisted(() => ({ count: 0, hold: null as Promise<void> | null }));
vi.mock("./check-password.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("./check-password.ts")>();
  return {
    ...real,
    passwordMatches: async (...args: Parameters<typeof real.passwordMatches>) => {
      verifies.count++;
      await verifies.hold;
      return real.passwordMatches(...args);
    },
  };
});

const WRONG = `${DEMO_PASSWORD}-wrong`;
const from = (address: string) => ({ headers: { "x-forwarded-for": address } });
const login = (c: ApiClient, email: string, password: string, address?: string) =>
  c.post("/auth/login", { email, password }, address ? from(address) : undefined);

async function auditRows(t: TestApp, action: string) {
  return t.db.prisma.auditEvent.findMany({ where: { action }, orderBy: { createdAt: "asc" } });
}

describe("login limits", () => {
  let t: TestApp;
  beforeAll(async () => {
    // the test client's peer is 127.0.0.1, a trusted proxy here: X-Forwarded-For names the client
    t = await startTestApp("embedded", {
      trustProxy: ["loopback"],
      loginRateLimit: { limit: 3, perAddressLimit: 5, windowMs: 60_000 },
    });
  });
  afterAll(() => t?.close());

  it("guesses sent in parallel are counted before their hash: 20 at once at one account, 3 verified, 17 refused", async () => {
    const c = t.anonymous();
    const before = verifies.count;
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(c, "parallel@example.com", WRONG, `198.51.100.${i + 1}`)),
    );
    expect(statuses.filter((r) => r.status === 401).length).toBe(3);
    expect(statuses.filter((r) => r.status === 429).length).toBe(17);
    expect(verifies.count - before).toBe(3);
  });

  it("sign-ins that succeed never count, even many at once from one address (a balancer, a benchmark)", async () => {
    const c = t.anonymous();
    const accounts = ["crew4", "crew5", "crew6", "crew7", "crew8", "manager2"].map((n) => `${n}@crewboard.example`);
    const statuses = await Promise.all(
      Array.from({ length: 18 }, (_, i) => login(c, accounts[i % accounts.length]!, DEMO_PASSWORD, "203.0.113.50")),
    );
    expect(statuses.map((r) => r.status)).toEqual(Array.from({ length: 18 }, () => 200));
  });

  it("per address across emails: the 6th attempt from one address is refused with 429 before any hash, whatever the email", async () => {
    const c = t.anonymous();
    for (let i = 0; i < 5; i++)
      expect((await login(c, `nobody${i}@example.com`, WRONG, "203.0.113.1")).status).toBe(401);
    const before = verifies.count;
    const res = await login(c, "crew1@crewboard.example", DEMO_PASSWORD, "203.0.113.1");
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe("auth.rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(verifies.count).toBe(before); // the argon2 verify never ran
    // another address is not affected
    expect((await login(c, "crew1@crewboard.example", DEMO_PASSWORD, "203.0.113.2")).status).toBe(200);
  });

  it("per account across addresses: 3 failures from 3 addresses block the account, even with the right password, and not the others", async () => {
    const c = t.anonymous();
    for (const a of ["198.51.100.1", "198.51.100.2", "198.51.100.3"])
      expect((await login(c, "crew2@crewboard.example", WRONG, a)).status).toBe(401);
    const before = verifies.count;
    const res = await login(c, "crew2@crewboard.example", DEMO_PASSWORD, "198.51.100.4");
    expect(res.status).toBe(429);
    expect(verifies.count).toBe(before);
    // the account's email is compared without case: CREW2@… is the same account
    expect((await login(c, "CREW2@crewboard.example", DEMO_PASSWORD, "198.51.100.5")).status).toBe(429);
    expect((await login(c, "manager1@crewboard.example", DEMO_PASSWORD, "198.51.100.4")).status).toBe(200);
  });

  it("only failures count: 50 successful sign-ins from one address are never blocked", async () => {
    for (let i = 0; i < 50; i++) {
      const res = await login(new ApiClient(t.baseUrl), "client-a1@crewboard.example", DEMO_PASSWORD, "192.0.2.50");
      expect(res.status, `sign-in ${i + 1}`).toBe(200);
    }
  });

  it("audit: one auth.login_failed row per window and account/address, one auth.login_blocked when a block starts, nothing for refused attempts", async () => {
    const c = t.anonymous();
    const email = "manager2@crewboard.example";
    const failedBefore = (await auditRows(t, "auth.login_failed")).length;
    const blockedBefore = (await auditRows(t, "auth.login_blocked")).length;
    for (let i = 0; i < 3; i++) await login(c, email, WRONG, "192.0.2.77");
    for (let i = 0; i < 10; i++) expect((await login(c, email, WRONG, "192.0.2.77")).status).toBe(429);
    const failed = (await auditRows(t, "auth.login_failed")).slice(failedBefore);
    expect(failed.map((r) => (r.metadata as { scope: string }).scope).sort()).toEqual(["account", "address"]);
    const account = failed.find((r) => (r.metadata as { scope: string }).scope === "account")!;
    expect(account.entityId).not.toBeNull(); // the account's user
    expect(account.ip).toBe("192.0.2.77");
    const blocked = (await auditRows(t, "auth.login_blocked")).slice(blockedBefore);
    expect(blocked).toHaveLength(1);
    expect(blocked[0]!.metadata).toMatchObject({
      scope: "account",
      email,
      failures: 3,
      blockSeconds: 60,
      blockNumber: 1,
    });
  });

  it("a flood of failures across emails writes a bounded number of rows (not one per attempt)", async () => {
    const before = await t.db.prisma.auditEvent.count();
    const c = t.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await login(c, `flood${i}@example.com`, WRONG, "192.0.2.99")).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    // 5 accounts' first failures + the address's first failure + the address's block
    expect((await t.db.prisma.auditEvent.count()) - before).toBe(7);
  });
});

// Issue 14: a flood from one address must cost everyone else next to nothing.
describe("a sign-in flood from one address", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp("embedded", {
      trustProxy: ["loopback"],
      loginRateLimit: { limit: 3, perAddressLimit: 5, windowMs: 60_000 },
      passwordWork: { concurrency: 1, maxQueued: 100 },
    });
  });
  afterAll(() => t?.close());

  it("attempts sent together, each at another email, are hashed no more than the address's limit (not once each)", async () => {
    const c = t.anonymous();
    const before = verifies.count;
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => login(c, `together${i}@example.com`, WRONG, "198.51.100.200")),
    );
    expect(verifies.count - before).toBe(5); // limit + concurrency - 1
    expect(statuses.filter((r) => r.status === 401)).toHaveLength(5);
    expect(statuses.filter((r) => r.status === 429)).toHaveLength(15);
  });

  it("once the address is blocked, it is refused before the body is parsed or a session is looked up", async () => {
    const c = t.anonymous();
    for (let i = 0; i < 5; i++)
      expect((await login(c, `early${i}@example.com`, WRONG, "198.51.100.201")).status).toBe(401);
    const garbage = await c.post("/auth/login", undefined, {
      raw: "{not json",
      headers: {
        "content-type": "application/json",
        "x-forwarded-for": "198.51.100.201",
        cookie: "crewboard_session=forged",
      },
    });
    expect(garbage.status).toBe(429); // not 400 request.malformed_json: the body was never read
    expect(garbage.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(garbage.body.code).toBe("auth.rate_limited");
    expect(Number(garbage.headers.get("retry-after"))).toBeGreaterThan(0);
    // another address is not affected
    expect((await login(c, "crew2@crewboard.example", DEMO_PASSWORD, "198.51.100.202")).status).toBe(200);
  });
});

describe("password work is bounded", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp("embedded", { trustProxy: ["loopback"], passwordWork: { concurrency: 1, maxQueued: 1 } });
  });
  afterAll(() => {
    verifies.hold = null;
    return t?.close();
  });

  it("one check running and one waiting: the next is refused at once with 503 auth.busy and Retry-After, unhashed", async () => {
    let release!: () => void;
    verifies.hold = new Promise((resolve) => (release = resolve));
    const c = t.anonymous();
    const before = verifies.count;
    const running = login(c, "nobody-a@example.com", WRONG, "203.0.113.120");
    await vi.waitFor(() => expect(verifies.count - before).toBe(1));
    const [second, third] = [
      login(c, "crew3@crewboard.example", WRONG, "203.0.113.121"),
      login(c, "nobody-b@example.com", WRONG, "203.0.113.122"),
    ];
    // one of the two waits for its turn, the other finds the queue full (whichever came second)
    const refused = await Promise.race([second, third]);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe("auth.busy");
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(verifies.count - before).toBe(1); // the refused one was not hashed
    release();
    verifies.hold = null;
    expect((await running).status).toBe(401);
    expect([(await second).status, (await third).status].sort()).toEqual([401, 503]);
    expect(verifies.count - before).toBe(2);
  });
});

describe("X-Forwarded-For is believed only from trusted proxies", () => {
  let untrusted: TestApp;
  let oneHop: TestApp;
  beforeAll(async () => {
    const limits = { limit: 100, perAddressLimit: 3, windowMs: 60_000 };
    untrusted = await startTestApp("embedded", { trustProxy: false, loginRateLimit: limits });
    oneHop = await startTestApp("embedded", { trustProxy: 1, loginRateLimit: limits });
  });
  afterAll(async () => {
    await untrusted?.close();
    await oneHop?.close();
  });

  it("from an untrusted peer, a new X-Forwarded-For on every attempt does not help", async () => {
    const c = untrusted.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await login(c, `guess${i}@example.com`, WRONG, `10.1.0.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
  });

  it("behind one proxy, only the address the proxy appended counts: what the client put before it is ignored", async () => {
    const c = oneHop.anonymous();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await login(c, `guess${i}@example.com`, WRONG, `10.2.0.${i}, 192.0.2.10`)).status);
    expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    expect((await login(c, "crew1@crewboard.example", DEMO_PASSWORD, "10.2.0.1, 192.0.2.11")).status).toBe(200);
  });
});

describe("TRUST_PROXY", () => {
  it("takes a hop count or a list of proxies, and refuses true with the reason", () => {
    expect(parseEnv({}).trustProxy).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "0" }).trustProxy).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(parseEnv({ TRUST_PROXY: "loopback, 10.0.0.5,10.0.1.0/24,::1" }).trustProxy).toEqual([
      "loopback",
      "10.0.0.5",
      "10.0.1.0/24",
      "::1",
    ]);
    expect(() => parseEnv({ TRUST_PROXY: "true" })).toThrow(
      /TRUST_PROXY: "true" would trust X-Forwarded-For from any client/,
    );
    expect(() => parseEnv({ TRUST_PROXY: "10.0.0.5,balancer" })).toThrow(/not an address.*balancer/);
    expect(() => parseEnv({ TRUST_PROXY: "10.0.0.0/40" })).toThrow(/not an address/);
  });
});

describe("backoff", () => {
  afterEach(() => vi.useRealTimers());

  it("each further block of the same key lasts twice as long", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-29T10:00:00Z") });
    const limiter = createLoginLimiter({ limit: 2, perAddressLimit: 1000, windowMs: 60_000, blockMs: 10_000 });
    const retryAfter = async () => {
      const attempt = await limiter.begin("192.0.2.1", "a@example.com").catch((err: unknown) => err);
      if (attempt instanceof AppError) return Number(attempt.headers["Retry-After"]);
      await (attempt as LoginAttempt).succeeded(); // only looking: give the attempt back
      return 0;
    };
    const blockSeconds: number[] = [];
    for (let round = 0; round < 3; round++) {
      const fail = async () => (await limiter.begin("192.0.2.1", "a@example.com")).failed(null);
      const notes = [...(await fail()), ...(await fail())];
      const block = notes.find((n) => n.action === "auth.login_blocked");
      blockSeconds.push(block!.metadata!.blockSeconds as number);
      expect(await retryAfter()).toBe(block!.metadata!.blockSeconds);
      vi.advanceTimersByTime((block!.metadata!.blockSeconds as number) * 1000 + 1);
      expect(await retryAfter()).toBe(0);
    }
    expect(blockSeconds).toEqual([10, 20, 40]);
  });
});

describe.runIf(testRedisUrl())("counters in Redis are shared by instances", () => {
  let a: TestApp;
  let b: TestApp;
  let redis: ReturnType<typeof createClient>;
  beforeAll(async () => {
    redis = createClient({ url: testRedisUrl()! });
    await redis.connect();
    const deps = { limiterRedis: redis, trustProxy: ["loopback"], loginRateLimit: { limit: 3, windowMs: 60_000 } };
    a = await startTestApp("embedded", deps);
    b = await startTestApp("embedded", deps);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await redis?.quit();
  });

  it("failures on one instance block the account on the other", async () => {
    // keys of their own in a shared Redis
    const email = `shared-${randomUUID()}@example.com`;
    const address = `10.${[0, 1, 2].map(() => Math.floor(Math.random() * 250)).join(".")}`;
    for (const t of [a, b, a]) expect((await login(t.anonymous(), email, WRONG, address)).status).toBe(401);
    expect((await login(b.anonymous(), email, WRONG, address)).status).toBe(429);
    expect(await redis.keys(`crewboard:login_fail_account:${email}`)).toHaveLength(1);
  });
});
