// The demo data is relative to "today" in Tokyo: a test file opened after midnight there, in a
// run whose templates were seeded the day before, must still get today's data (a CI run crossing
// 15:00 UTC failed 30 tests on yesterday's check-ins and review dates before this).
import { expect, it } from "vitest";
import { companyDay, dateOfDay } from "@crewboard/domain";
import { openTestDatabase, templateForToday } from "@crewboard/db/testing";
import { describeEachDatabase } from "./test-app.ts";
import { testTemplates } from "./templates.ts";

describeEachDatabase("test templates", (kind) => {
  // a whole template is built: 20 s on a busy machine
  it(
    "a file opened on a later day than the run's templates copies that day's demo data, built once",
    { timeout: 120_000 },
    async () => {
      const yesterdays = { ...testTemplates(), seededOn: "2000-01-01" };
      const today = companyDay();
      const first = await templateForToday(yesterdays, kind);
      expect(first.seededOn).toBe(today);
      expect(kind === "embedded" ? first.embeddedFile : first.postgresTemplate).not.toBe(
        kind === "embedded" ? yesterdays.embeddedFile : yesterdays.postgresTemplate,
      );
      // a second file that day takes the same copy
      expect(await templateForToday(yesterdays, kind)).toEqual(first);

      const db = await openTestDatabase(kind, yesterdays);
      try {
        const crew4 = await db.prisma.user.findUniqueOrThrow({ where: { email: "crew4@crewboard.example" } });
        const todays = await db.prisma.checkIn.findFirst({ where: { userId: crew4.id, day: dateOfDay(today) } });
        expect(todays?.condition).toBe("unwell");
      } finally {
        await db.destroy();
      }
    },
  );

  it("the run's own templates while it is still the day they were seeded for", async () => {
    expect(testTemplates().seededOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const todays = { ...testTemplates(), seededOn: companyDay() };
    expect(await templateForToday(todays, kind)).toBe(todays);
  });
});
