// The access matrix, generated from the operation catalogue: every operation (REST and Socket.IO)
// × every persona × own, foreign and nonexistent ids, each answer compared with what the catalogue's
// gate and the access policy say (oracle.ts, fixtures.ts); then the property checks over every
// answer and event (properties.ts). The counts and the time are printed.
import { afterAll, beforeAll, expect, it } from "vitest";
import * as policy from "@crewboard/domain";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { buildWorld, type World } from "./world.ts";
import { coverageProblems, runAccessMatrix, summarize, type MatrixReport } from "./runner.ts";

describeEachDatabase("the generated access matrix", (kind) => {
  let t: TestApp;
  let world: World;
  let report: MatrixReport;

  beforeAll(async () => {
    t = await startTestApp(kind);
    world = await buildWorld(t);
  });
  afterAll(() => t?.close());

  it("covers every operation of the catalogue: each has a fixture and a gate the policy knows", () => {
    expect(coverageProblems()).toEqual([]);
  });

  it("every case answers as the catalogue and the policy say, with only the error codes it declares", async () => {
    report = await runAccessMatrix(world, { policy });
    console.log(`[${kind}] ${summarize(report)}`);
    expect(report.failures).toEqual([]);
  }, 600_000);

  it("clients get crew by name only; a person's own data reaches only them, their team's managers and admins, and each read is audited", () => {
    expect(report.propertyFailures).toEqual([]);
  });
});
