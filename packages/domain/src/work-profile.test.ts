import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { companyTime } from "./calendar.ts";
import {
  companyWeekday,
  dailyMinutes,
  isSkill,
  minutesLeftThisWeek,
  remainingEstimate,
  SKILLS,
  workLoad,
  worksOn,
} from "./work-profile.ts";

// 2026-11-30 is a Monday; times are on the company's clock (Asia/Tokyo).
const MON = "2026-11-30";
const FRI = "2026-12-04";
const SAT = "2026-12-05";
const fullTime = { weeklyMinutes: 2400, workingDays: [1, 2, 3, 4, 5] };
const shortHours = { weeklyMinutes: 1200, workingDays: [1, 3, 5] };

describe("company weekday", () => {
  it("follows Tokyo, not UTC: Sunday 23:30 UTC is Monday morning in Tokyo", () => {
    expect(companyWeekday(new Date("2026-11-29T23:30:00Z"))).toBe(1);
    expect(companyWeekday(companyTime(SAT, 12))).toBe(6);
  });
  it("knows who works on a day", () => {
    expect(worksOn(shortHours, companyTime(MON, 10))).toBe(true);
    expect(worksOn(shortHours, companyTime("2026-12-01", 10))).toBe(false);
  });
});

describe("minutes left this week", () => {
  it("a full-time week before Monday 9:00 has all of it left", () => {
    expect(minutesLeftThisWeek(fullTime, companyTime(MON, 8))).toBe(2400);
  });
  it("counts the share of today still ahead (Monday 13:30: half of the day gone)", () => {
    expect(minutesLeftThisWeek(fullTime, companyTime(MON, 13, 30))).toBe(4 * 480 + 240);
  });
  it("short hours: 20 h over Mon/Wed/Fri is 400 min a day; Wednesday after work leaves Friday", () => {
    expect(dailyMinutes(shortHours)).toBe(400);
    expect(minutesLeftThisWeek(shortHours, companyTime("2026-12-02", 19))).toBe(400);
  });
  it("nothing is left on the weekend or after Friday's work", () => {
    expect(minutesLeftThisWeek(fullTime, companyTime(FRI, 18))).toBe(0);
    expect(minutesLeftThisWeek(fullTime, companyTime(SAT, 10))).toBe(0);
  });
  it("never negative, never more than the agreed week", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3600 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { maxLength: 7 }),
        fc.date({ min: new Date("2026-01-01"), max: new Date("2027-12-31"), noInvalidDate: true }),
        (weeklyMinutes, workingDays, now) => {
          const left = minutesLeftThisWeek({ weeklyMinutes, workingDays }, now);
          return left >= 0 && left <= weeklyMinutes;
        },
      ),
    );
  });
});

describe("load", () => {
  const now = companyTime(FRI, 9);
  it("sums what is left of the open tasks' estimates; review and done ask nothing more", () => {
    const load = workLoad(
      fullTime,
      [
        { status: "doing", estimateMinutes: 300, minutesSpent: 120 },
        { status: "todo", estimateMinutes: 240, minutesSpent: 0 },
        { status: "blocked", estimateMinutes: null, minutesSpent: 0 },
        { status: "review", estimateMinutes: 600, minutesSpent: 10 },
        { status: "done", estimateMinutes: 600, minutesSpent: 0 },
      ],
      now,
    );
    expect(load).toEqual({
      remainingMinutes: 420,
      unestimatedTasks: 1,
      minutesLeftThisWeek: 480,
      percent: 88,
      over: false,
    });
  });
  it("is over when more work is left than agreed minutes", () => {
    const load = workLoad(shortHours, [{ status: "todo", estimateMinutes: 600, minutesSpent: 0 }], now);
    expect(load.over).toBe(true);
    expect(load.percent).toBe(150);
  });
  it("has no percent when no agreed minutes are left", () => {
    expect(workLoad(fullTime, [], companyTime(SAT, 10)).percent).toBeNull();
  });
  it("a task overrun leaves nothing, never a negative remainder", () => {
    expect(remainingEstimate({ status: "doing", estimateMinutes: 60, minutesSpent: 90 })).toBe(0);
  });
});

describe("skills", () => {
  it("are one list of tags", () => {
    expect(SKILLS.every(isSkill)).toBe(true);
    expect(isSkill("juggling")).toBe(false);
  });
});
