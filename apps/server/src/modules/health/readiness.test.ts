// Liveness and readiness are separate answers: /health says the process answers; /ready says a
// balancer may send it traffic. Each reason for not being ready is produced for real (a migration
// missing from the database, Redis that does not answer, a database that does not answer, a
// shutdown begun) and must be named in the 503 problem+json.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClient } from "redis";
import { openDatabase, readMigrations } from "@crewboard/db";
import { createApp } from "../../app.ts";
import { ApiClient } from "../../test/api-client.ts";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import { testRedisUrl } from "../../test/instances.ts";

function expectNotReady(res: { status: number; headers: Headers; body: any }, notReady: string[]) {
  expect(res.status).toBe(503);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(res.headers.get("retry-after")).toBe("5");
  expect(res.body.code).toBe("service.not_ready");
  expect(res.body.notReady).toEqual(notReady);
  expect(res.body.detail).toBe(`not ready: ${notReady.join(", ")}`);
  expect(res.body.requestId).toBe(res.headers.get("x-request-id"));
}

describeEachDatabase("readiness", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  it("is ready with the database up, every migration applied and no Redis configured", async () => {
    const res = await t.anonymous().get("/ready");
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({
      status: "ready",
      checks: { database: "ok", migrations: "ok", redis: "not_configured", shutdown: "ok" },
    });
  });

  it("is not ready while a migration this version knows is not applied, and ready again once it is", async () => {
    const last = readMigrations().at(-1)!.name;
    const [row] = await t.db.prisma.$queryRaw<
      { id: string }[]
    >`SELECT id FROM "_prisma_migrations" WHERE migration_name = ${last}`;
    await t.db.prisma.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = NULL WHERE id = ${row!.id}`;
    const res = await t.anonymous().get("/ready");
    expectNotReady(res, ["migrations"]);
    expect(res.body.checks).toEqual({ database: "ok", migrations: "pending", redis: "not_configured", shutdown: "ok" });
    // liveness does not depend on it
    expect((await t.anonymous().get("/health")).status).toBe(200);
    await t.db.prisma.$executeRaw`UPDATE "_prisma_migrations" SET finished_at = now() WHERE id = ${row!.id}`;
    expect((await t.anonymous().get("/ready")).status).toBe(200);
  });

  it("accepts migrations it does not know (a newer version applied them during a rolling upgrade)", async () => {
    await t.db.prisma
      .$executeRaw`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
      VALUES ('readiness-test', 'x', now(), '99991231000000_from_a_newer_version', 1)`;
    try {
      expect((await t.anonymous().get("/ready")).status).toBe(200);
    } finally {
      await t.db.prisma.$executeRaw`DELETE FROM "_prisma_migrations" WHERE id = 'readiness-test'`;
    }
  });
});

/** Starts an app over `db` on port 0; returns a client and a stop function. */
async function start(deps: Parameters<typeof createApp>[0]) {
  const app = createApp(deps);
  await new Promise<void>((r) => app.httpServer.listen(0, "127.0.0.1", r));
  const client = new ApiClient(`http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`);
  const stop = async () => {
    await app.realtime.close();
    app.httpServer.closeAllConnections();
    await new Promise<void>((r) => app.httpServer.close(() => r()));
  };
  return { app, client, stop };
}

describe("readiness names what is not ready", () => {
  it("Redis that does not answer", async () => {
    const t = await startTestApp("embedded");
    // a client that never reached its server (nothing listens on port 1): every ping fails
    const redis = createClient({ url: "redis://127.0.0.1:1", socket: { reconnectStrategy: false } });
    const s = await start({ db: t.db, redisPing: () => redis.ping() });
    try {
      const res = await s.client.get("/ready");
      expectNotReady(res, ["redis"]);
      expect(res.body.checks).toEqual({ database: "ok", migrations: "ok", redis: "unavailable", shutdown: "ok" });
    } finally {
      await s.stop();
      await t.close();
    }
  });

  (testRedisUrl() ? it : it.skip)(
    `Redis that answers is ready${testRedisUrl() ? "" : " (skipped: TEST_REDIS_URL not set)"}`,
    async () => {
      const t = await startTestApp("embedded");
      const redis = createClient({ url: testRedisUrl()! });
      await redis.connect();
      const s = await start({ db: t.db, redisPing: () => redis.ping() });
      try {
        const res = await s.client.get("/ready");
        expect(res.status, res.text).toBe(200);
        expect(res.body.checks.redis).toBe("ok");
      } finally {
        await s.stop();
        await redis.quit();
        await t.close();
      }
    },
  );

  it("a database that does not answer (liveness stays a separate answer)", async () => {
    // nothing listens on port 1: every query fails to connect
    const db = await openDatabase({ databaseUrl: "postgres://crewboard@127.0.0.1:1/crewboard", migrate: false });
    const s = await start({ db });
    try {
      const res = await s.client.get("/ready");
      expectNotReady(res, ["database", "migrations"]);
      expect(res.body.checks).toEqual({
        database: "unavailable",
        migrations: "unknown",
        redis: "not_configured",
        shutdown: "ok",
      });
      expect((await s.client.get("/health")).status).not.toBe(200);
    } finally {
      await s.stop();
      await db.close();
    }
  });

  it("a shutdown begun: not ready, while liveness and other requests are still answered", async () => {
    const t = await startTestApp("embedded");
    const s = await start({ db: t.db });
    try {
      expect((await s.client.get("/ready")).status).toBe(200);
      s.app.startDraining();
      const res = await s.client.get("/ready");
      expectNotReady(res, ["shutdown"]);
      expect(res.body.checks.shutdown).toBe("draining");
      expect((await s.client.get("/health")).status).toBe(200);
    } finally {
      await s.stop();
      await t.close();
    }
  });
});
