import { describe, expect, it } from "vitest";
import {
  acceptDecision,
  offerEndsNow,
  offerIneligibility,
  unstaffedNoticeAt,
  type OfferCandidate,
} from "./urgent-offer.ts";

const now = new Date("2026-11-30T03:00:00Z");
const later = new Date("2026-11-30T04:00:00Z");
const crew = (extra: Partial<OfferCandidate> = {}): OfferCandidate => ({
  active: true,
  isCrew: true,
  skills: ["data_entry"],
  worksToday: true,
  condition: "good",
  assigned: false,
  ...extra,
});

describe("who may be offered an urgent task", () => {
  it("active crew with the skills, working today, not already on it", () => {
    expect(offerIneligibility(crew(), ["data_entry"])).toBeNull();
    expect(offerIneligibility(crew({ isCrew: false }), [])).toBe("not_crew");
    expect(offerIneligibility(crew({ active: false }), [])).toBe("inactive");
    expect(offerIneligibility(crew({ assigned: true }), [])).toBe("assigned");
    expect(offerIneligibility(crew({ worksToday: false }), [])).toBe("not_working_today");
    expect(offerIneligibility(crew(), ["scanning"])).toBe("missing_skills");
  });
  it("someone unwell only with the manager's explicit override", () => {
    expect(offerIneligibility(crew({ condition: "unwell" }), [])).toBe("unwell");
    expect(offerIneligibility(crew({ condition: "unwell" }), [], true)).toBeNull();
  });
});

describe("an accept", () => {
  const open = { status: "open" as const, deadlineAt: later };
  it("wins an open offer made to them before its deadline", () => {
    expect(acceptDecision(open, { response: null }, now)).toEqual({ ok: true });
  });
  it("is not found for someone not asked, taken once someone else won, expired at or after the deadline", () => {
    expect(acceptDecision(open, null, now)).toEqual({ ok: false, code: "offer.not_found" });
    expect(acceptDecision({ ...open, status: "taken" }, { response: null }, now)).toEqual({
      ok: false,
      code: "offer.taken",
    });
    expect(acceptDecision(open, { response: null }, later)).toEqual({ ok: false, code: "offer.expired" });
    expect(acceptDecision({ ...open, status: "expired" }, { response: null }, now)).toEqual({
      ok: false,
      code: "offer.expired",
    });
    expect(acceptDecision(open, { response: "declined" }, now)).toEqual({ ok: false, code: "offer.declined" });
  });
});

describe("the end of an offer", () => {
  it("comes at the deadline, or as soon as everyone said no", () => {
    const open = { status: "open" as const, deadlineAt: later };
    expect(offerEndsNow(open, [null, "declined"], now)).toBe(false);
    expect(offerEndsNow(open, ["declined", "declined"], now)).toBe(true);
    expect(offerEndsNow(open, [null], later)).toBe(true);
    expect(offerEndsNow({ ...open, status: "taken" }, [null], later)).toBe(false);
  });
  it("tells the client 15 minutes after, unless the manager acts (configurable)", () => {
    expect(unstaffedNoticeAt(now).toISOString()).toBe("2026-11-30T03:15:00.000Z");
    expect(unstaffedNoticeAt(now, 5).toISOString()).toBe("2026-11-30T03:05:00.000Z");
  });
});
