import { describe, expect, it } from "vitest";
import { companyDay, dueState, dueStateAt } from "./calendar.ts";

// Tokyo is UTC+9 all year: 2026-11-24 00:00 JST is 2026-11-23T15:00Z.
const jst = (day: string, time: string) => new Date(`${day}T${time}:00+09:00`);

describe("company calendar", () => {
  it("names the Tokyo day, whatever the UTC date", () => {
    expect(companyDay(new Date("2026-11-23T15:00:00Z"))).toBe("2026-11-24");
    expect(companyDay(new Date("2026-11-23T14:59:59Z"))).toBe("2026-11-23");
  });
});

describe("dueState(dueAt, now)", () => {
  const now = jst("2026-11-24", "10:00");

  it("is overdue once the due time has passed, also on an earlier day", () => {
    expect(dueState(jst("2026-11-24", "09:59"), now)).toBe("overdue");
    expect(dueState(jst("2026-11-23", "17:00"), now)).toBe("overdue");
    expect(dueState(jst("2026-10-01", "12:00"), now)).toBe("overdue");
  });

  it("is due today while the due time is still ahead on the same Tokyo day", () => {
    expect(dueState(jst("2026-11-24", "10:00"), now)).toBe("due_today"); // due now: not yet past
    expect(dueState(jst("2026-11-24", "15:00"), now)).toBe("due_today");
    expect(dueState(jst("2026-11-24", "23:59"), now)).toBe("due_today");
  });

  it("is later from the next Tokyo day on", () => {
    expect(dueState(jst("2026-11-25", "00:00"), now)).toBe("later");
    expect(dueState(jst("2026-11-30", "17:00"), now)).toBe("later");
  });

  it("follows the Tokyo day, not the UTC day", () => {
    // 08:00 JST on the 24th is 23:00Z on the 23rd; 17:00 JST the same day is 08:00Z on the 24th
    const early = jst("2026-11-24", "08:00");
    expect(dueState(jst("2026-11-24", "17:00"), early)).toBe("due_today");
    // 23:30 JST: a due time at 00:30 JST next day is tomorrow in Tokyo (same UTC day, though)
    const late = jst("2026-11-24", "23:30");
    expect(dueState(jst("2026-11-25", "00:30"), late)).toBe("later");
  });

  it("takes ISO strings, dates and epoch milliseconds alike", () => {
    const due = jst("2026-11-24", "15:00");
    expect(dueState(due.toISOString(), now.toISOString())).toBe("due_today");
    expect(dueState(due.getTime(), now.getTime())).toBe("due_today");
    expect(() => dueState("tomorrow", now)).toThrow(RangeError);
  });
});

describe("dueStateAt(now)(dueAt)", () => {
  it("says what dueState says, for each due time against the same now", () => {
    for (const now of [jst("2026-11-24", "10:00"), jst("2026-11-24", "23:30"), jst("2026-11-24", "00:00")]) {
      const stateOf = dueStateAt(now);
      for (let hours = -30; hours <= 40; hours += 0.5) {
        const due = new Date(now.getTime() + hours * 3_600_000);
        expect(stateOf(due.toISOString()), `${now.toISOString()} ${due.toISOString()}`).toBe(dueState(due, now));
      }
    }
    expect(() => dueStateAt(jst("2026-11-24", "10:00"))("tomorrow")).toThrow(RangeError);
    expect(() => dueStateAt("tomorrow")(jst("2026-11-24", "10:00"))).toThrow(RangeError);
  });
});
