// The matrix can fail. The server here runs with a policy module whose rules this file can flip
// (vi.mock of @crewboard/domain, so every route, socket handler and room of the server asks the
// flipped rule), while the oracle keeps asking the real policy:
//   1. untouched, the wrapped module changes nothing (the same operations pass);
//   2. "a manager may write an accommodation for anyone" (the drift issue 8 found: another team's
//      manager got 201) — the whole matrix runs, and its failures are exactly that operation;
//   3. "everyone has full access to everyone's own data" — this time the oracle is given the same
//      wrong policy, so it agrees with the server; the property checks, which state the people
//      rules on their own, still catch it;
//   4. "a deliverable is for the client at once" (before the manager's review) — the event matrix
//      sees the client's company hear of an unreleased file.
// One database kind is enough: what is tested is the matrix, not the database.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type * as Domain from "@crewboard/domain";
import * as flippable from "@crewboard/domain";
import { startTestApp, type TestApp } from "../test/test-app.ts";
import { buildWorld, type World } from "./world.ts";
import { runAccessMatrix, summarize } from "./runner.ts";
import { runEventMatrix } from "./event-matrix.ts";
import { PERSONA_KEYS, sessionIdentity, type PersonaKey } from "./personas.ts";
import type { ApiClient } from "../test/api-client.ts";

const flip = vi.hoisted(() => ({
  rule: null as null | "mayWriteAccommodation" | "personalAccess" | "audience.deliverable",
}));

vi.mock("@crewboard/domain", async (importOriginal) => {
  const real = await importOriginal<typeof Domain>();
  return {
    ...real,
    mayWriteAccommodation: (...args: Parameters<typeof real.mayWriteAccommodation>) =>
      flip.rule === "mayWriteAccommodation" ? true : real.mayWriteAccommodation(...args),
    personalAccess: (...args: Parameters<typeof real.personalAccess>) =>
      flip.rule === "personalAccess" ? "full" : real.personalAccess(...args),
    // derived from personalAccess inside the domain module (a call the mock cannot reach), so it follows the flip here
    accommodationAccess: (...args: Parameters<typeof real.accommodationAccess>) =>
      flip.rule === "personalAccess" ? "full" : real.accommodationAccess(...args),
    audience: {
      ...real.audience,
      deliverable: (order, released) =>
        real.audience.deliverable(order, flip.rule === "audience.deliverable" ? true : released),
    },
  } satisfies typeof Domain;
});

const PEOPLE_OPERATIONS = [
  "getUser",
  "listUsers",
  "listCheckIns",
  "listUserCheckIns",
  "listAccommodations",
  "createAccommodation",
] as const;

describe("flipping one policy rule to allow makes the matrix fail", () => {
  let t: TestApp;
  let world: World;
  let realPolicy: typeof Domain;

  beforeAll(async () => {
    realPolicy = await vi.importActual<typeof Domain>("@crewboard/domain");
    t = await startTestApp("embedded");
    world = await buildWorld(t);
  });
  afterAll(() => t?.close());

  it("the wrapped policy, unflipped, passes the people operations", async () => {
    flip.rule = null;
    const report = await runAccessMatrix(world, { policy: realPolicy, only: PEOPLE_OPERATIONS });
    expect(report.failures).toEqual([]);
    expect(report.propertyFailures).toEqual([]);
  }, 600_000);

  it("mayWriteAccommodation → always allow: the full matrix fails, on creating and updating accommodations only", async () => {
    flip.rule = "mayWriteAccommodation";
    try {
      const report = await runAccessMatrix(world, { policy: realPolicy });
      console.log(
        `[flip mayWriteAccommodation] ${summarize(report)}\n  caught: ${[...report.failures, ...report.propertyFailures].join("\n          ")}`,
      );
      expect(report.failures.length).toBeGreaterThan(0);
      expect(
        report.failures.filter(
          (f) => !f.startsWith("createAccommodation as ") && !f.startsWith("updateAccommodation as "),
        ),
      ).toEqual([]);
      // the drift issue 8 found: a manager of team B writing for a crew member of team A
      expect(
        report.failures.some((f) =>
          f.startsWith("createAccommodation as otherManager on A: expected user.not_found, got ok"),
        ),
      ).toBe(true);
    } finally {
      flip.rule = null;
    }
  }, 600_000);

  it("personalAccess → always full, with an oracle that believes it: the property checks still fail", async () => {
    flip.rule = "personalAccess";
    try {
      const report = await runAccessMatrix(world, { policy: flippable, only: PEOPLE_OPERATIONS });
      console.log(
        `[flip personalAccess] ${summarize(report)}\n  caught: ${report.propertyFailures.join("\n          ")}`,
      );
      expect(report.propertyFailures.length).toBeGreaterThan(0);
      // another team's manager reads a crew member's accessibility needs and accommodations
      expect(
        report.propertyFailures.some(
          (f) =>
            f.startsWith("getUser as otherManager") && f.includes("accessibility") && f.includes("not theirs to see"),
        ),
      ).toBe(true);
      expect(
        report.propertyFailures.some(
          (f) => f.startsWith("listAccommodations as unassignedCrew") && f.includes("not theirs to see"),
        ),
      ).toBe(true);
    } finally {
      flip.rule = null;
    }
  }, 600_000);

  it("audience.deliverable → the client at once: the event matrix fails on the new deliverable", async () => {
    const api = {} as Record<PersonaKey, ApiClient | null>;
    for (const key of PERSONA_KEYS) {
      const persona = world.personas[key];
      api[key] = sessionIdentity(persona) && persona.def.account ? await t.as(persona.def.account) : null;
    }
    flip.rule = "audience.deliverable";
    try {
      const report = await runEventMatrix(world, { policy: realPolicy, api });
      console.log(
        `[flip audience.deliverable] event matrix caught:\n          ${report.failures.join("\n          ")}`,
      );
      expect(report.failures.length).toBeGreaterThan(0);
      expect(report.failures.filter((f) => !f.startsWith("createDeliverable — "))).toEqual([]);
      // the file was recorded for the client's company room, which the policy's audience does not name
      const company = `company:${world.sides.A.companyId}`;
      expect(
        report.failures.some(
          (f) =>
            f.includes("deliverable:created went to") &&
            f.includes(company) &&
            !f.split("the policy's audience is")[1]!.includes(company),
        ),
      ).toBe(true);
    } finally {
      flip.rule = null;
    }
  }, 600_000);
});
