// Issue 12: a check-in's note is shared with the person's managers or kept as a private diary.
// The condition always reaches their own team's managers; a private note reaches nobody but the
// person — not their manager, not another team's manager, not an admin — in any read.
import { afterAll, beforeAll, expect, it } from "vitest";
import { companyDay } from "@crewboard/domain";
import type { CheckIn } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";

describeEachDatabase("private check-in notes", (kind) => {
  let t: TestApp;
  let crew3Id: string;
  const DIARY = "PRIVATE-DIARY 夜よく眠れなかった";
  const SHARED = "SHARED-NOTE 午後は少し休みます";

  beforeAll(async () => {
    t = await startTestApp(kind);
    crew3Id = (await t.db.prisma.user.findUniqueOrThrow({ where: { email: "crew3@crewboard.example" } })).id;
  });
  afterAll(() => t?.close());

  /** Everything each role can read about crew3's check-ins: today's list and the history. */
  async function readAs(who: string): Promise<string> {
    const api = await t.as(who);
    const bodies = [
      (await api.get(`/check-ins?userId=${crew3Id}`)).body,
      (await api.get("/check-ins")).body,
      (await api.get(`/users/${crew3Id}/check-ins`)).body,
    ];
    return JSON.stringify(bodies);
  }

  it("a private note reaches the person only; the condition still reaches their own team's manager", async () => {
    const crew = await t.as("crew3");
    const saved = await crew.put("/check-ins/today", { condition: "tired", note: DIARY, noteShared: false });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ note: DIARY, noteShared: false, condition: "tired" });

    expect(await readAs("crew3")).toContain(DIARY);
    for (const who of ["manager1", "manager2", "admin", "crew1", "crew5"]) {
      expect(await readAs(who), who).not.toContain("PRIVATE-DIARY");
    }
    // the condition is shared with the own team's manager, the note is not
    const mine = (await (await t.as("manager1")).get(`/users/${crew3Id}/check-ins`)).body.items as CheckIn[];
    expect(mine.find((c) => c.day === companyDay())).toMatchObject({ condition: "tired", note: "", noteShared: false });

    // a quick change of condition (the one-tap 体調がよくありません in "talk to a manager") sends
    // only the condition: the note and its privacy stay as they were
    const changed = await crew.put("/check-ins/today", { condition: "unwell" });
    expect(changed.body).toMatchObject({ condition: "unwell", note: DIARY, noteShared: false });
    for (const who of ["manager1", "admin"]) expect(await readAs(who), who).not.toContain("PRIVATE-DIARY");
  });

  it("a shared note reaches the person's own team's managers and admins, and nobody else", async () => {
    const crew = await t.as("crew3");
    expect(
      (await crew.put("/check-ins/today", { condition: "okay", note: SHARED, noteShared: true })).body.noteShared,
    ).toBe(true);
    for (const who of ["crew3", "manager1", "admin"]) expect(await readAs(who), who).toContain(SHARED);
    for (const who of ["manager2", "crew1", "crew5"]) expect(await readAs(who), who).not.toContain("SHARED-NOTE");
  });
});
