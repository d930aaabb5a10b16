import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  needsOverride,
  rankSuggestions,
  reasonText,
  warningText,
  weightedRating,
  type SuggestionCandidate,
} from "./suggestions.ts";
import { CONDITIONS } from "./roles.ts";

const load = (remaining: number, left: number) => ({
  remainingMinutes: remaining,
  unestimatedTasks: 0,
  minutesLeftThisWeek: left,
  percent: left > 0 ? Math.round((remaining / left) * 100) : null,
  over: remaining > left,
});

const person = (id: string, extra: Partial<SuggestionCandidate> = {}): SuggestionCandidate => ({
  id,
  name: id,
  skills: ["data_entry", "scanning"],
  workStyle: "office",
  worksToday: true,
  checkIn: { condition: "good" },
  load: load(120, 2400),
  ratings: { sameClient: null, sameSkill: null },
  nominated: false,
  access: "full",
  ...extra,
});

const order = (ranked: { id: string }[]) => ranked.map((r) => r.id);

describe("the ranking rules, in order", () => {
  it("someone unwell today is never first, even nominated with every skill and nothing to do", () => {
    const ranked = rankSuggestions(
      ["data_entry"],
      [
        person("kobayashi", { nominated: true, checkIn: { condition: "unwell" }, load: load(0, 2400) }),
        person("suzuki", { skills: [], load: load(3000, 600) }),
      ],
    );
    expect(order(ranked)).toEqual(["suzuki", "kobayashi"]);
    expect(ranked[1]!.warnings.map((w) => w.code)).toContain("unwell");
    expect(ranked[1]!.needsOverride).toBe(true);
  });
  it("then skills: fewer missing first", () => {
    expect(
      order(
        rankSuggestions(
          ["data_entry", "proofreading"],
          [person("a", { skills: ["data_entry"] }), person("b", { skills: ["proofreading", "data_entry"] })],
        ),
      ),
    ).toEqual(["b", "a"]);
  });
  it("then the client's nomination", () => {
    expect(order(rankSuggestions([], [person("a"), person("b", { nominated: true })]))).toEqual(["b", "a"]);
  });
  it("then available today: checked in on a working day first (the rest by name)", () => {
    expect(
      order(
        rankSuggestions([], [person("off", { worksToday: false }), person("late", { checkIn: null }), person("in")]),
      ),
    ).toEqual(["in", "late", "off"]);
  });
  it("then load: within agreed hours before over them, then the lower load", () => {
    expect(
      order(
        rankSuggestions(
          [],
          [
            person("over", { load: load(700, 600) }),
            person("busy", { load: load(500, 600) }),
            person("free", { load: load(60, 600) }),
          ],
        ),
      ),
    ).toEqual(["free", "busy", "over"]);
  });
  it("then past ratings on similar work, the same client's first; none comes last", () => {
    const r = (average: number) => ({ average, orders: 2 });
    expect(
      order(
        rankSuggestions(
          [],
          [
            person("none"),
            person("skill", { ratings: { sameClient: null, sameSkill: r(4.5) } }),
            person("client", { ratings: { sameClient: r(4.8), sameSkill: r(3) } }),
          ],
        ),
      ),
    ).toEqual(["client", "skill", "none"]);
  });
  it("is deterministic: the same people in any order give the same ranking", () => {
    const arb = fc.array(
      fc.record({
        id: fc.uuid(),
        name: fc.constantFrom("鈴木", "小林", "Ito", "Abe"),
        skills: fc.subarray(["data_entry", "scanning", "tagging"]),
        worksToday: fc.boolean(),
        condition: fc.option(fc.constantFrom(...CONDITIONS)),
        remaining: fc.integer({ min: 0, max: 3000 }),
        left: fc.integer({ min: 0, max: 2400 }),
        nominated: fc.boolean(),
      }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const people = rows.map((r) =>
          person(r.id, {
            name: r.name,
            skills: r.skills,
            worksToday: r.worksToday,
            checkIn: r.condition ? { condition: r.condition } : null,
            load: load(r.remaining, r.left),
            nominated: r.nominated,
          }),
        );
        const a = rankSuggestions(["data_entry"], people);
        const b = rankSuggestions(["data_entry"], [...people].reverse());
        const unwellFirst = a.length > 1 && a.some((x) => !x.needsOverride) && a[0]!.needsOverride;
        return JSON.stringify(a) === JSON.stringify(b) && !unwellFirst && a.every((x, i) => x.rank === i + 1);
      }),
    );
  });
});

describe("what the manager may see of someone's day", () => {
  it("their own team: the condition; another team: only available today or not, and the same override for anyone not available", () => {
    const unwell = person("a", { checkIn: { condition: "unwell" }, access: "availability" });
    const notIn = person("b", { checkIn: null, access: "availability" });
    const [x, y] = rankSuggestions([], [unwell, notIn]);
    for (const r of [x!, y!]) {
      expect(r.reasons.map((q) => q.code)).toContain("today.not_available");
      expect(r.warnings.map((q) => q.code)).toEqual(["not_available"]);
      expect(r.needsOverride).toBe(true);
      expect(JSON.stringify(r)).not.toContain("unwell");
    }
    // nor does the order tell them: whoever of them is unwell, the later rules (here the name) decide
    for (const [first, second] of [
      ["a", "b"],
      ["b", "a"],
    ] as const) {
      const ranked = rankSuggestions(
        [],
        [
          person(first, { checkIn: { condition: "unwell" }, access: "availability" }),
          person(second, { checkIn: null, access: "availability" }),
        ],
      );
      expect(order(ranked)).toEqual(["a", "b"]);
    }
    expect(needsOverride(person("c", { checkIn: null }))).toBe(false);
    const own = rankSuggestions([], [person("d", { checkIn: { condition: "tired" } })])[0]!;
    expect(own.reasons.find((q) => q.code === "today.condition")?.params).toEqual({ condition: "tired" });
  });
});

describe("the words", () => {
  it("every reason and warning reads in both languages", () => {
    const ranked = rankSuggestions(
      ["data_entry", "proofreading"],
      [
        person("a", {
          nominated: true,
          ratings: { sameClient: { average: 4.25, orders: 3 }, sameSkill: null },
          load: load(700, 600),
        }),
        person("b", {
          checkIn: { condition: "unwell" },
          ratings: { sameClient: null, sameSkill: { average: 4, orders: 1 } },
        }),
        person("c", { access: "availability", worksToday: false, load: load(60, 0), workStyle: "home" }),
      ],
    );
    for (const locale of ["ja", "en"] as const) {
      for (const r of ranked) {
        for (const reason of r.reasons) expect(reasonText(reason, locale)).not.toMatch(/undefined|NaN/);
        for (const w of r.warnings) expect(warningText(w, locale)).not.toMatch(/undefined|NaN/);
      }
    }
    const a = ranked.find((r) => r.id === "a")!;
    expect(a.reasons.map((r) => reasonText(r, "ja"))).toContain("このお客さまからの評価 4.3（3 件）");
    expect(a.reasons.map((r) => reasonText(r, "en"))).toContain(
      "Has 1 of the 2 skills needed (missing: proof-reading)",
    );
    expect(a.reasons.map((r) => reasonText(r, "en"))).toContain(
      "11.7 h of work left is more than the 10 h of agreed hours left this week",
    );
  });
});

describe("ratings on similar work", () => {
  it("count for each crew member by their minutes on the rated order", () => {
    expect(
      weightedRating([
        { rating: 5, minutes: 300 },
        { rating: 2, minutes: 100 },
      ]),
    ).toEqual({ average: 4.25, orders: 2 });
    expect(weightedRating([{ rating: 5, minutes: 0 }])).toBeNull();
    expect(weightedRating([])).toBeNull();
  });
});
