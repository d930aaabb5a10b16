// The catalogue fuzz (fuzz.ts) over every REST operation and socket event, on both databases. First
// it proves it can find a fault: a 500 planted in one handler (creating a work order whose title
// holds a quote or "<" throws) is found, and the failure names the operation and the seed. Replay a run with
// CREWBOARD_FUZZ_SEED=<seed>; CREWBOARD_FUZZ_RUNS sets the calls per operation (12).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as policy from "@crewboard/domain";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { FUZZ_RUNS, FUZZ_SEED } from "../test/fuzz-settings.ts";
import { buildWorld } from "./world.ts";
import { databaseFingerprint, runCatalogueFuzz } from "./fuzz.ts";

describe("the catalogue fuzz finds a planted fault", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(
      "embedded",
      {},
      {
        wrapPrisma: (prisma) =>
          prisma.$extends({
            query: {
              workOrder: {
                create({ args, query }) {
                  // a handler that breaks on a quote or an angle bracket, as a hand-built query or template would
                  if (/['<]/.test(String(args.data.title))) throw new Error("planted fault");
                  return query(args);
                },
              },
            },
          }) as unknown as typeof prisma,
      },
    );
  });
  afterAll(() => t?.close());

  it("reports the 500 with the operation and the seed", async () => {
    const world = await buildWorld(t);
    const report = await runCatalogueFuzz(world, {
      policy,
      seed: 42,
      runsPerOperation: 400,
      only: ["createWorkOrder", "listWorkOrders"],
    });
    expect(report.operations).toBe(2);
    expect(report.failures).toHaveLength(1);
    expect(report.failures[0]).toMatch(/^createWorkOrder \(as \w+\): Property failed .*seed: 42/s);
    expect(report.failures[0]).toContain("HTTP 500");
  }, 300_000);

  it("would see a refused write that wrote: the fingerprint changes with any row, not with sessions or audit rows", async () => {
    const fingerprint = await databaseFingerprint(t.db.prisma);
    const before = await fingerprint();
    await t.db.prisma.session.updateMany({ data: { lastSeenAt: new Date() } });
    expect(await fingerprint()).toBe(before);
    const team = await t.db.prisma.team.findFirstOrThrow();
    await t.db.prisma.team.update({ where: { id: team.id }, data: { name: `${team.name}.` } });
    expect(await fingerprint()).not.toBe(before);
  });
});

describeEachDatabase(
  "the catalogue fuzz: hostile values never give a 500, and a refused write writes nothing",
  (kind) => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp(kind);
    });
    afterAll(() => t?.close());

    it("every operation, REST and socket", async () => {
      const world = await buildWorld(t);
      const report = await runCatalogueFuzz(world, { policy, seed: FUZZ_SEED, runsPerOperation: FUZZ_RUNS });
      console.log(
        `[${kind}] catalogue fuzz: ${report.operations} operations, ${report.runs} mutated calls, seed ${FUZZ_SEED} (replay: CREWBOARD_FUZZ_SEED=${FUZZ_SEED})`,
      );
      expect(report.failures, `seed ${FUZZ_SEED}`).toEqual([]);
    }, 900_000);
  },
);
