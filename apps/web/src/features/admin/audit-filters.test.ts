import { describe, expect, it } from "vitest";
import { auditFiltersOf, HEALTH_PRESET, KNOWN_ACTIONS, nextDay, toApiFilters, tokyoDay } from "./audit-filters.ts";

describe("the audit log's filters", () => {
  it("turn Japan days into instants, with the end day included", () => {
    const f = auditFiltersOf(new URLSearchParams({ from: "2026-11-20", to: "2026-11-26", action: HEALTH_PRESET }));
    expect(toApiFilters(f)).toEqual({
      action: ["check_in.read", "accommodation.read"],
      from: "2026-11-19T15:00:00.000Z",
      to: "2026-11-26T15:00:00.000Z",
    });
    expect(nextDay("2026-12-31")).toBe("2027-01-01");
  });

  it("ignore dates that are not dates, and pass one chosen action as it is", () => {
    const f = auditFiltersOf(new URLSearchParams({ from: "yesterday", action: "user.create", actorId: "u1" }));
    expect(toApiFilters(f)).toEqual({ action: ["user.create"], actorId: "u1" });
  });

  it("know the health-data reads and name today in Japan", () => {
    expect(KNOWN_ACTIONS).toEqual(expect.arrayContaining(["check_in.read", "accommodation.read", "audit_log.export"]));
    expect(tokyoDay(0, Date.parse("2026-11-24T15:30:00Z"))).toBe("2026-11-25");
    expect(tokyoDay(-6, Date.parse("2026-11-24T15:30:00Z"))).toBe("2026-11-19");
  });
});
