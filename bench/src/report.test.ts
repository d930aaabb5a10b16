import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  fanoutTarget,
  formatRatio,
  missedAny,
  ratioAtLeast,
  ratioAtMost,
  renderTable,
  resultOf,
  type Row,
  type ScenarioResult,
  writeResults,
} from "./report.ts";
import { percentile, summarize } from "./stats.ts";

const row = (over: Partial<Row> = {}): Row => ({
  scenario: "s",
  crewboard: "c",
  baseline: "b",
  ratio: 1,
  target: { text: "≤ 2×", met: true },
  ...over,
});
const scenario = (rows: Row[], error?: string): ScenarioResult => ({
  id: "x",
  title: "x",
  rows,
  figures: {},
  notes: [],
  ...(error ? { error } : {}),
});

describe("percentiles (nearest rank)", () => {
  it("takes the value at rank ceil(p × n)", () => {
    const xs = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 50)).toBe(50);
    expect(percentile(xs, 99)).toBe(99);
    expect(percentile(xs, 100)).toBe(100);
    expect(percentile(Float64Array.of(7), 99)).toBe(7);
  });

  it("sorts before ranking, and says NaN for no samples", () => {
    const s = summarize([30, 10, 20, 40]);
    expect([s.p50, s.p99, s.max, s.mean, s.count]).toEqual([20, 40, 40, 25, 4]);
    expect(summarize([]).p99).toBeNaN();
  });
});

describe("targets", () => {
  it("fan-out allows 1.5 × the bare p99 plus the write's p50, and needs every event", () => {
    expect(fanoutTarget({ p99: 73, baselineP99: 40, writeP50: 13, deliveredPct: 100 }).met).toBe(true);
    expect(fanoutTarget({ p99: 74, baselineP99: 40, writeP50: 13, deliveredPct: 100 }).met).toBe(false);
    expect(fanoutTarget({ p99: 10, baselineP99: 40, writeP50: 13, deliveredPct: 99.99 }).met).toBe(false);
    expect(fanoutTarget({ p99: Number.NaN, baselineP99: 40, writeP50: 13, deliveredPct: 100 }).met).toBe(false);
  });

  it("ratio bounds are inclusive, and a missing figure never passes", () => {
    expect(ratioAtMost(3, 3).met).toBe(true);
    expect(ratioAtMost(3.01, 3).met).toBe(false);
    expect(ratioAtMost(Number.NaN, 3).met).toBe(false);
    expect(ratioAtLeast(0.5, 0.5).met).toBe(true);
    expect(ratioAtLeast(0.49, 0.5).met).toBe(false);
    expect(ratioAtLeast(Number.NaN, 0.5).met).toBe(false);
  });
});

describe("results", () => {
  it("a full run fails on a missed target; a smoke run judges none", () => {
    const missed = scenario([row(), row({ target: { text: "≥ 0.5×", met: false } })]);
    expect(missedAny([missed], true)).toBe(true);
    expect(missedAny([missed], false)).toBe(false);
    expect(resultOf(missed.rows[1]!, true)).toBe("FAIL");
    expect(resultOf(missed.rows[1]!, false)).toBe("—");
    expect(missedAny([scenario([row()])], true)).toBe(false);
  });

  it("a scenario that could not run fails even a smoke run", () => {
    expect(missedAny([scenario([], "server did not start")], false)).toBe(true);
  });

  it("a row without a target is reported, never judged", () => {
    expect(resultOf(row({ target: null }), true)).toBe("—");
  });

  it("the table has a line per row and shows bounded ratios as given", () => {
    const table = renderTable(
      [
        row({ scenario: "writes", ratio: 0.134 }),
        row({ scenario: "chromium", ratio: null, ratioText: "> 41×", target: { text: "≤ 2×", met: false } }),
      ],
      true,
    );
    const lines = table.split("\n");
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/\| writes +\| c +\| b +\| 0\.13× +\| ≤ 2× +\| pass +\|/);
    expect(lines[3]).toMatch(/> 41× .*FAIL/);
    expect(formatRatio({ ratio: 13.8 })).toBe("13.8×");
    expect(formatRatio({ ratio: null })).toBe("—");
  });
});

describe("the results file", () => {
  it("is written as indented JSON ending with a newline, its folder made when missing", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-results-"));
    try {
      const file = writeResults(
        "planka.json",
        { command: "npm run bench:planka", rows: [{ ratio: 0.5 }] },
        join(dir, "results"),
      );
      expect(file).toBe(join(dir, "results", "planka.json"));
      const text = readFileSync(file, "utf8");
      expect(text).toBe(`${JSON.stringify({ command: "npm run bench:planka", rows: [{ ratio: 0.5 }] }, null, 2)}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
