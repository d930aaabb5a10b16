import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  CLIENT_FOLLOW_UP_STEPS,
  FOLLOW_UP_STEPS,
  canRecordFollowUpStep,
  followUpStepDueAt,
  hoursToClose,
  isClientFollowUpStep,
  isFollowUpOverdue,
  nextFollowUpDueAt,
  nextFollowUpStep,
} from "./follow-up.ts";
import { addWorkingDays, companyTime, isWorkingDay, nextCompanyDay } from "./calendar.ts";
import { isComplaint, isPraise } from "./feedback.ts";

describe("a follow-up goes through its steps in order", () => {
  it("each step leads to exactly the next one, and closed is the end", () => {
    const walked: string[] = ["acknowledged"];
    let at = nextFollowUpStep("acknowledged");
    while (at) {
      walked.push(at);
      at = nextFollowUpStep(at);
    }
    expect(walked).toEqual([...FOLLOW_UP_STEPS]);
    expect(nextFollowUpStep("closed")).toBeNull();
  });

  it("no step is skipped, repeated or undone", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FOLLOW_UP_STEPS), fc.constantFrom(...FOLLOW_UP_STEPS), (from, to) => {
        const allowed = canRecordFollowUpStep(from, to);
        expect(allowed).toBe(FOLLOW_UP_STEPS.indexOf(to) === FOLLOW_UP_STEPS.indexOf(from) + 1);
      }),
    );
  });

  it("the client sees received, the action taken and closed — never the crew member's side or the internal report", () => {
    expect(CLIENT_FOLLOW_UP_STEPS).toEqual(["acknowledged", "corrective_action", "closed"]);
    for (const s of ["listened", "reported", "crew_heard", "prevention_note"] as const)
      expect(isClientFollowUpStep(s)).toBe(false);
  });
});

describe("due dates count working days on the company's calendar", () => {
  // 2026-11-27 is a Friday in Tokyo
  const friday10 = companyTime("2026-11-27", 10);

  it("Friday plus one working day is Monday, at the same time", () => {
    expect(isWorkingDay(friday10)).toBe(true);
    expect(addWorkingDays(friday10, 1)).toEqual(companyTime("2026-11-30", 10));
    expect(isWorkingDay(companyTime("2026-11-28", 10))).toBe(false);
    // a Saturday counts from Monday
    expect(addWorkingDays(companyTime("2026-11-28", 10), 1)).toEqual(companyTime("2026-12-01", 10));
  });

  it("listening is due within one working day of the complaint; closed has nothing after it", () => {
    expect(followUpStepDueAt("listened", friday10)).toEqual(companyTime("2026-11-30", 10));
    expect(nextFollowUpDueAt("acknowledged", friday10)).toEqual(companyTime("2026-11-30", 10));
    expect(nextFollowUpDueAt("crew_heard", friday10)).toEqual(companyTime("2026-12-01", 10));
    expect(nextFollowUpDueAt("closed", friday10)).toBeNull();
  });

  it("a step is overdue once its due time has passed, never once closed", () => {
    const dueAt = companyTime("2026-11-30", 10);
    expect(isFollowUpOverdue({ status: "listened", dueAt }, companyTime("2026-11-30", 9))).toBe(false);
    expect(isFollowUpOverdue({ status: "listened", dueAt }, companyTime("2026-11-30", 11))).toBe(true);
    expect(isFollowUpOverdue({ status: "closed", dueAt }, companyTime("2026-12-30", 11))).toBe(false);
  });

  it("time to close is measured from opening", () => {
    expect(hoursToClose({ createdAt: friday10, closedAt: companyTime("2026-11-30", 16) })).toBe(78);
    expect(hoursToClose({ createdAt: friday10, closedAt: null })).toBeNull();
  });

  it("the next company day crosses months", () => {
    expect(nextCompanyDay("2026-11-30")).toBe("2026-12-01");
  });
});

describe("praise and complaints", () => {
  it("a rating of 2 or less, or words marked as a complaint, is a complaint", () => {
    expect(isComplaint({ rating: 2 })).toBe(true);
    expect(isComplaint({ rating: 3 })).toBe(false);
    expect(isComplaint({ rating: 5, tone: "complaint" })).toBe(true);
    expect(isComplaint({ rating: null })).toBe(false);
  });

  it("a rating of 4 or more, or words marked as praise, is praise — unless it is a complaint", () => {
    expect(isPraise({ rating: 4 })).toBe(true);
    expect(isPraise({ rating: 3 })).toBe(false);
    expect(isPraise({ tone: "praise" })).toBe(true);
    expect(isPraise({ rating: 1, tone: "praise" })).toBe(false);
    expect(isPraise({ rating: 5, tone: "complaint" })).toBe(false);
  });
});
