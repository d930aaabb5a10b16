import { describe, expect, it } from "vitest";
import { addCompanyMonths, companyMonth, companyMonthRange } from "./calendar.ts";

describe("company months (Asia/Tokyo)", () => {
  it("a month starts at 00:00 in Tokyo, which is 15:00 UTC the day before", () => {
    expect(companyMonthRange("2026-10")).toEqual({
      start: new Date("2026-09-30T15:00:00.000Z"),
      end: new Date("2026-10-31T15:00:00.000Z"),
    });
    expect(companyMonthRange("2026-12").end).toEqual(new Date("2026-12-31T15:00:00.000Z"));
  });
  it("the month of an instant is Tokyo's: 31 Oct 16:00 UTC is already November", () => {
    expect(companyMonth(new Date("2026-10-31T14:59:59Z"))).toBe("2026-10");
    expect(companyMonth(new Date("2026-10-31T15:00:00Z"))).toBe("2026-11");
  });
  it("months add across years", () => {
    expect(addCompanyMonths("2026-12", 1)).toBe("2027-01");
    expect(addCompanyMonths("2026-01", -1)).toBe("2025-12");
    expect(addCompanyMonths("2026-11", -14)).toBe("2025-09");
  });
  it("refuses what is not a month", () => {
    expect(() => companyMonthRange("2026-13")).toThrow(RangeError);
  });
});
