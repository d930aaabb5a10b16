// The event matrix, generated from the catalogue's `emits` (event-matrix.ts): for each operation
// that records room events, who receives each event and who does not, by the policy's audiences
// and rooms. A visitor and a deactivated account never get a connection at all.
import { afterAll, beforeAll, expect, it } from "vitest";
import * as policy from "@crewboard/domain";
import { ApiClient } from "../test/api-client.ts";
import { connectSocket } from "../test/socket-client.ts";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { PERSONA_KEYS, sessionIdentity, type PersonaKey } from "./personas.ts";
import { buildWorld, type World } from "./world.ts";
import { emittingOperations, runEventMatrix, SCENARIOS } from "./event-matrix.ts";

describeEachDatabase("the generated event matrix", (kind) => {
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

  it("has a scenario for every operation that declares events", () => {
    expect(Object.keys(SCENARIOS).sort()).toEqual(emittingOperations().sort());
  });

  it("each event reaches exactly the personas in the rooms of its audience, and every declared event happens", async () => {
    const report = await runEventMatrix(world, { policy, api });
    console.log(
      `[${kind}] event matrix: ${Object.values(SCENARIOS).flat().length} scenarios over ${emittingOperations().length} operations, ${report.events} events × ${PERSONA_KEYS.length - 2} listening personas = ${report.cells} cells in ${(report.ms / 1000).toFixed(1)} s\n` +
        report.table.map((line) => `  ${line}`).join("\n"),
    );
    expect(report.failures).toEqual([]);
  }, 600_000);

  it("a visitor and a deactivated account get no connection (so they hear nothing)", async () => {
    await expect(connectSocket(t.baseUrl, null)).rejects.toMatchObject({ data: { code: "auth.required" } });
    const deactivated = new ApiClient(t.baseUrl);
    deactivated.cookie = await world.sessionCookie(world.personas.deactivated.user!.id);
    await expect(connectSocket(t.baseUrl, deactivated)).rejects.toMatchObject({ data: { code: "auth.required" } });
  });
});
