// Jobs run once, when due, on whichever instance sees them first; a failure rolls the job's
// changes back and the job is tried again later; a recurring job reschedules itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { audience } from "@crewboard/domain";
import { recordAudit } from "../audit/record-audit.ts";
import { runWrite } from "../operations/write.ts";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import {
  openFreshTestDatabase,
  openSecondClient,
  startInstance,
  testDatabaseUrl,
  type Instance,
} from "../test/instances.ts";
import type { JobHandler } from "./runner.ts";
import { retryDelayMs } from "./runner.ts";
import { cancelJob, scheduleJob } from "./schedule.ts";

const T0 = new Date("2026-11-24T01:00:00.000Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

/** A handler that leaves a trace: an audit row per run (named by the payload) and a room event. */
const traced: JobHandler = async ({ tx, events, payload }) => {
  await recordAudit(tx, null, {
    action: "test.job_ran",
    entityType: "job",
    entityId: null,
    metadata: { name: payload.name },
  });
  events.add(
    audience.person(String(payload.userId ?? "00000000-0000-0000-0000-000000000000")),
    "notification:created",
    {
      id: "00000000-0000-0000-0000-000000000000",
      kind: "test.job",
      data: {},
      createdAt: T0.toISOString(),
    },
  );
};

let failuresLeft = 0;
const handlers: Record<string, JobHandler> = {
  "test.traced": traced,
  "test.flaky": async (ctx) => {
    await traced(ctx);
    if (failuresLeft > 0) {
      failuresLeft--;
      throw new Error("not now");
    }
  },
  "test.every-hour": async (ctx) => {
    await traced(ctx);
    return new Date(ctx.now.getTime() + 60 * 60_000);
  },
};

describeEachDatabase("jobs", (kind) => {
  let t: TestApp;
  const runs = async (name: string) =>
    (await t.db.prisma.auditEvent.findMany({ where: { action: "test.job_ran" } })).filter(
      (e) => (e.metadata as { name?: string }).name === name,
    ).length;
  const schedule = (job: Parameters<typeof scheduleJob>[1]) =>
    runWrite({ prisma: t.db.prisma, publish: () => undefined }, ({ tx }) => scheduleJob(tx, job));

  beforeAll(async () => {
    t = await startTestApp(kind, { jobs: { handlers } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("runs a job once, when it is due and not before", async () => {
    await schedule({ kind: "test.traced", key: "once", runAt: at(10), payload: { name: "once" } });
    expect(await t.jobs.runDue(at(9))).toBe(0);
    expect(await runs("once")).toBe(0);
    expect(await t.jobs.runDue(at(10))).toBe(1);
    expect(await t.jobs.runDue(at(11))).toBe(0);
    expect(await runs("once")).toBe(1);
    const job = await t.db.prisma.job.findUniqueOrThrow({ where: { key: "once" } });
    expect(job.doneAt).toEqual(at(10));
  });

  it("scheduling the same key again moves the job; a cancelled job never runs", async () => {
    await schedule({ kind: "test.traced", key: "moved", runAt: at(20), payload: { name: "moved" } });
    await schedule({ kind: "test.traced", key: "moved", runAt: at(40), payload: { name: "moved" } });
    expect(await t.jobs.runDue(at(30))).toBe(0);
    expect(await t.jobs.runDue(at(40))).toBe(1);
    await schedule({ kind: "test.traced", key: "cancelled", runAt: at(50), payload: { name: "cancelled" } });
    await runWrite({ prisma: t.db.prisma, publish: () => undefined }, ({ tx }) => cancelJob(tx, "cancelled", at(45)));
    expect(await t.jobs.runDue(at(60))).toBe(0);
    expect(await runs("cancelled")).toBe(0);
  });

  it("a failing job leaves nothing behind, waits, and runs again with backoff", async () => {
    failuresLeft = 2;
    await schedule({ kind: "test.flaky", key: "flaky", runAt: at(100), payload: { name: "flaky" } });
    expect(await t.jobs.runDue(at(100))).toBe(1);
    expect(await runs("flaky")).toBe(0); // its audit row rolled back with it
    let job = await t.db.prisma.job.findUniqueOrThrow({ where: { key: "flaky" } });
    expect(job).toMatchObject({ attempts: 1, lastError: "not now", doneAt: null });
    expect(job.runAt).toEqual(new Date(at(100).getTime() + retryDelayMs(1)));
    expect(await t.jobs.runDue(at(100))).toBe(0); // not again at once
    await t.jobs.runDue(job.runAt);
    job = await t.db.prisma.job.findUniqueOrThrow({ where: { key: "flaky" } });
    expect(job.attempts).toBe(2);
    await t.jobs.runDue(job.runAt);
    job = await t.db.prisma.job.findUniqueOrThrow({ where: { key: "flaky" } });
    expect(job.doneAt).not.toBeNull();
    expect(await runs("flaky")).toBe(1);
  });

  it("a recurring job reschedules itself", async () => {
    await schedule({ kind: "test.every-hour", key: "hourly", runAt: at(200), payload: { name: "hourly" } });
    await t.jobs.runDue(at(200));
    await t.jobs.runDue(at(230));
    await t.jobs.runDue(at(260));
    expect(await runs("hourly")).toBe(2);
    expect((await t.db.prisma.job.findUniqueOrThrow({ where: { key: "hourly" } })).runAt).toEqual(at(320));
  });

  it("the daily pruning of room events is a recurring job", async () => {
    const { RECURRING_JOBS } = await import("./index.ts");
    expect(RECURRING_JOBS.map((j) => j.kind)).toContain("room-events.prune");
  });
});

const onPostgres = Boolean(testDatabaseUrl());
describe(`jobs on two instances — PostgreSQL${onPostgres ? "" : " (skipped: TEST_DATABASE_URL not set)"}`, () => {
  let a: Instance, b: Instance;
  beforeAll(async () => {
    if (!onPostgres) return;
    const db = await openFreshTestDatabase("postgresql");
    a = await startInstance(db, { jobs: { handlers } });
    b = await startInstance(await openSecondClient(db), { jobs: { handlers } });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
  });

  it("each due job runs exactly once, whichever instance sees it", async (ctx) => {
    if (!onPostgres) return ctx.skip("skipped: TEST_DATABASE_URL not set");
    const deps = { prisma: a.db.prisma, publish: () => undefined };
    await runWrite(deps, async ({ tx }) => {
      for (let i = 0; i < 30; i++)
        await scheduleJob(tx, {
          kind: "test.traced",
          key: `race-${i}`,
          runAt: at(i % 3),
          payload: { name: `race-${i}` },
        });
    });
    // both instances poll at the same moment, several times
    const ran = await Promise.all([
      a.jobs.runDue(at(5)),
      b.jobs.runDue(at(5)),
      a.jobs.runDue(at(5)),
      b.jobs.runDue(at(5)),
    ]);
    expect(ran.reduce((x, y) => x + y, 0)).toBe(30);
    // the passes really overlapped: more than one of them claimed jobs
    expect(ran.filter((n) => n > 0).length, `jobs run per pass: ${ran.join(", ")}`).toBeGreaterThan(1);
    const rows = await a.db.prisma.auditEvent.findMany({ where: { action: "test.job_ran" } });
    const names = rows.map((r) => (r.metadata as { name: string }).name).filter((n) => n.startsWith("race-"));
    expect(names.length).toBe(30);
    expect(new Set(names).size).toBe(30);
  });
});
