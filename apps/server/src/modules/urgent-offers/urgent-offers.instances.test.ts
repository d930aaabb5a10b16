// Issue 10: an urgent offer's deadline and the client's notice run exactly once across two app
// instances on one PostgreSQL database with Redis between them (fake clock: both instances poll
// at the same due moment, several times), and a crew member connected to the other instance sees
// the offer end live.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@crewboard/db";
import type { TestDatabase } from "@crewboard/db/testing";
import type { UrgentOffer } from "@crewboard/contracts";
import { createRedisAdapter } from "../../realtime/redis-adapter.ts";
import {
  openFreshTestDatabase,
  openSecondClient,
  sleep,
  startInstance,
  testDatabaseUrl,
  testRedisUrl,
  uniqueStreamName,
  type Instance,
} from "../../test/instances.ts";
import { connectSocket, type TestSocket } from "../../test/socket-client.ts";

const available = Boolean(testDatabaseUrl() && testRedisUrl());
const name = `urgent offers on two instances — PostgreSQL + Redis${available ? "" : " (skipped: TEST_DATABASE_URL or TEST_REDIS_URL not set)"}`;

describe(name, () => {
  let db: TestDatabase;
  let dbA: Database;
  let redisA: Awaited<ReturnType<typeof createRedisAdapter>>;
  let redisB: Awaited<ReturnType<typeof createRedisAdapter>>;
  let A: Instance, B: Instance;
  let live: TestSocket | undefined;

  beforeAll(async () => {
    if (!available) return;
    db = await openFreshTestDatabase("postgresql");
    dbA = await openSecondClient(db);
    const streamName = uniqueStreamName("urgent-offers");
    redisA = await createRedisAdapter(testRedisUrl()!, { streamName });
    redisB = await createRedisAdapter(testRedisUrl()!, { streamName });
    const socketSessionCheck = { sweepMs: 600_000 };
    A = await startInstance(dbA, { socketAdapter: redisA.adapter, socketSessionCheck });
    B = await startInstance(db, { socketAdapter: redisB.adapter, socketSessionCheck });
    await warmUp(A, B);
  });

  /** Waits until an emit on `from` reaches a socket on `to` (the adapters' stream readers are running). */
  async function warmUp(from: Instance, to: Instance) {
    const s = await connectSocket(to.baseUrl, await to.as("admin"));
    await s.sync();
    const room = `warm-up:${randomUUID()}`;
    to.realtime.io.local.in(s.socket.id!).socketsJoin(room);
    const marker = randomUUID();
    const arrived = () => s.other.some(([, payload]) => (payload as { marker?: string })?.marker === marker);
    for (let i = 0; i < 100 && !arrived(); i++) {
      (from.realtime.io.to(room) as unknown as { emit(e: string, d: unknown): void }).emit("presence:updated", {
        marker,
      });
      await sleep(100);
    }
    expect(arrived(), "the instances never heard each other through Redis").toBe(true);
    s.close();
  }
  afterAll(async () => {
    if (!available) return;
    live?.close();
    await A?.stop();
    await B?.stop();
    await redisA?.close();
    await redisB?.close();
    await dbA?.close();
    await db?.destroy();
  });

  it("the deadline and the client's notice each run once, whichever instance polls; the other instance's crew see it end live", async (ctx) => {
    if (!available) return ctx.skip("skipped: TEST_DATABASE_URL or TEST_REDIS_URL not set");
    const p = db.prisma;
    await p.user.updateMany({ where: { role: "crew" }, data: { workingDays: [1, 2, 3, 4, 5, 6, 7] } });
    const clientUser = await p.user.findUniqueOrThrow({ where: { email: "client-a1@crewboard.example" } });
    const order = await p.workOrder.create({
      data: {
        clientCompanyId: clientUser.clientCompanyId!,
        createdById: clientUser.id,
        title: `Two instances ${randomUUID().slice(0, 6)}`,
        dueAt: new Date(Date.now() + 3 * 86_400_000),
        status: "accepted",
        acceptedAt: new Date(),
        version: 2,
        tasks: { create: { title: "至急のスキャン" } },
      },
      include: { tasks: true },
    });
    const manager = await A.as("manager1");
    const crew1 = await B.as("crew1");
    live = await connectSocket(B.baseUrl, crew1);
    await live.sync();

    const created = await manager.post<UrgentOffer>("/urgent-offers", {
      taskId: order.tasks[0]!.id,
      crewIds: [crew1.user!.id],
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(created.status, created.text).toBe(201);
    // made on A, heard on B (through Redis)
    await live.waitFor(() => live!.eventsOf("urgent_offer:created").length > 0, 10_000, "the offer on B");

    const deadline = new Date(created.body.deadlineAt).getTime();
    const pollBoth = (at: number) =>
      Promise.all([
        A.jobs.runDue(new Date(at)),
        B.jobs.runDue(new Date(at)),
        A.jobs.runDue(new Date(at)),
        B.jobs.runDue(new Date(at)),
      ]);
    await pollBoth(deadline + 1000);
    const audit = (action: string) => p.auditEvent.count({ where: { entityId: created.body.id, action } });
    expect(await audit("urgent_offer.expire")).toBe(1);
    const managers = await p.user.findMany({ where: { role: "manager", active: true }, select: { id: true } });
    const told = await p.notification.findMany({ where: { kind: "urgent_offer.expired" } });
    const aboutThis = told.filter((n) => (n.data as { offerId: string }).offerId === created.body.id);
    expect(aboutThis).toHaveLength(managers.length);
    expect(new Set(aboutThis.map((n) => n.userId)).size).toBe(managers.length);
    await live.waitFor(
      () => live!.eventsOf("urgent_offer:updated").some((e) => (e.data as UrgentOffer).status === "expired"),
      10_000,
      "expired, live on B",
    );

    await pollBoth(deadline + 16 * 60_000);
    await pollBoth(deadline + 17 * 60_000);
    expect(await audit("urgent_offer.tell_client_auto")).toBe(1);
    const messages = await p.message.findMany({ where: { room: { workOrderId: order.id } } });
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body).toContain("対応できる人がいません");
  });
});
