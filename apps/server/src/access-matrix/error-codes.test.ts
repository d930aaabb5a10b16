// Each operation answers only the error codes the catalogue declares for it (plus the generic
// ones): malformed input for every operation that takes any, and a probe for each declared code
// (error-probes.ts). The access matrix checks the same of every answer it gets.
import { afterAll, beforeAll, expect, it } from "vitest";
import * as policy from "@crewboard/domain";
import { operations, type OperationDef, type OperationName } from "@crewboard/contracts";
import type { ApiClient } from "../test/api-client.ts";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { declaredCodes } from "./oracle.ts";
import { PERSONA_KEYS, sessionIdentity, type PersonaKey } from "./personas.ts";
import { buildWorld, type World } from "./world.ts";
import { allowedCaller, malformed, PROBES, probeEnv, unaccounted, UNPROBED } from "./error-probes.ts";

describeEachDatabase("error codes against the catalogue", (kind) => {
  let t: TestApp;
  let world: World;
  const api = {} as Record<PersonaKey, ApiClient | null>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    world = await buildWorld(t);
    for (const key of PERSONA_KEYS) {
      const persona = world.personas[key];
      api[key] = sessionIdentity(persona) && persona.def.account ? await t.as(persona.def.account) : null;
    }
  });
  afterAll(() => t?.close());

  it("every declared code has a probe, or a reason and the test that covers it instead", () => {
    expect(unaccounted()).toEqual([]);
  });

  it("malformed input: every operation that takes input answers a generic code", async () => {
    const wrong: string[] = [];
    let probed = 0;
    for (const [name, def] of Object.entries(operations) as [OperationName, OperationDef][]) {
      const bad = malformed(def);
      if (!bad) continue;
      probed++;
      const env = probeEnv(world, api, def);
      const as = allowedCaller(world, def, policy);
      const got =
        def.transport === "socket"
          ? await env.socket(as, bad.payload)
          : await env.rest(as, bad.path!, undefined, bad.raw !== undefined ? { raw: bad.raw } : {});
      if (got !== bad.code) wrong.push(`${name} as ${as}: expected ${bad.code}, got ${got}`);
      if (!declaredCodes(def).has(got)) wrong.push(`${name}: answered ${got}, which it does not declare`);
    }
    console.log(
      `[${kind}] malformed input: ${probed} of ${Object.keys(operations).length} operations take input and were sent a broken one`,
    );
    expect(wrong).toEqual([]);
  }, 120_000);

  it("each declared code is provoked, answered as declared", async () => {
    const wrong: string[] = [];
    for (const probe of PROBES) {
      const def = operations[probe.op] as OperationDef;
      const got = await probe.run(probeEnv(world, api, def), def);
      if (got !== probe.code) wrong.push(`${probe.op} (${probe.why}): expected ${probe.code}, got ${got}`);
    }
    const declared = (Object.values(operations) as OperationDef[]).reduce((n, d) => n + (d.errors?.length ?? 0), 0);
    const unprobed = Object.values(UNPROBED).reduce((n, codes) => n + Object.keys(codes ?? {}).length, 0);
    console.log(
      `[${kind}] declared codes: ${declared} over ${Object.keys(operations).length} operations; ${PROBES.length} probes; ${unprobed} covered elsewhere`,
    );
    expect(wrong).toEqual([]);
  }, 120_000);
});
