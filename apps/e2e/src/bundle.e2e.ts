// The production build's budget, checked on the build the e2e global setup made.
import { describe, expect, it } from "vitest";
import { inject } from "vitest";
import { checkBundle, formatReport, INITIAL_JS_BUDGET_BYTES } from "@crewboard/web/check-bundle";

describe("production bundle", () => {
  it(`loads at most ${INITIAL_JS_BUDGET_BYTES / 1024} kB of gzipped JavaScript before the first screen`, () => {
    const report = checkBundle(inject("e2eDistDir"));
    console.log(formatReport(report));
    expect(report.initialGzip, formatReport(report)).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
    expect(report.ok).toBe(true);
  });

  it("keeps every screen out of the initial chunk", () => {
    const report = checkBundle(inject("e2eDistDir"));
    const screens = report.routes.map((r) => r.src ?? "");
    for (const page of [
      "SignInPage",
      "MyDayPage",
      "BoardPage",
      "CrewOverviewPage",
      "WorkOrderPage",
      "ClientPortalPage",
      "NewOrderPage",
      "ChatPage",
      "SettingsPage",
    ]) {
      expect(
        screens.some((src) => src.endsWith(`${page}.tsx`)),
        page,
      ).toBe(true);
    }
  });
});
