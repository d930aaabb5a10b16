// What a scenario hands back, how a target is judged, the table printed at the end, and the results file.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { RESULTS_DIR } from "./processes.ts";

export interface Target {
  /** the target as the issue words it, e.g. "≤ 3×" */
  text: string;
  met: boolean;
}

export interface Row {
  /** e.g. "fan-out, 1,000 sockets × 10 renames/s" */
  scenario: string;
  /** Crewboard's figure as shown, e.g. "p99 67 ms (p50 25 ms, 100 % delivered)" */
  crewboard: string;
  baseline: string;
  /** Crewboard ÷ baseline of the figure the target is about; null when it has none */
  ratio: number | null;
  /** shown instead of the number when the ratio is only bounded ("> 41×" for a run that did not finish) */
  ratioText?: string;
  /** null: reported only */
  target: Target | null;
}

export interface ScenarioResult {
  id: string;
  title: string;
  rows: Row[];
  /** every absolute figure, for the results file */
  figures: Record<string, unknown>;
  notes: string[];
  /** set when the scenario could not run to the end: always a failure, smoke run or not */
  error?: string;
}

export function formatRatio(row: Pick<Row, "ratio" | "ratioText">): string {
  if (row.ratioText) return row.ratioText;
  if (row.ratio === null || !Number.isFinite(row.ratio)) return "—";
  return `${row.ratio >= 10 ? row.ratio.toFixed(1) : row.ratio.toFixed(2)}×`;
}

export const ratioAtMost = (ratio: number, limit: number): Target => ({
  text: `≤ ${limit}×`,
  met: Number.isFinite(ratio) && ratio <= limit,
});
export const ratioAtLeast = (ratio: number, limit: number): Target => ({
  text: `≥ ${limit}×`,
  met: Number.isFinite(ratio) && ratio >= limit,
});

/**
 * Fan-out: the write adds its own time before the broadcast starts, so the allowance is the bare
 * broadcast's p99 × 1.5 plus the REST write's p50, and every event must arrive.
 */
export function fanoutTarget(m: { p99: number; baselineP99: number; writeP50: number; deliveredPct: number }): Target {
  const limit = 1.5 * m.baselineP99 + m.writeP50;
  return {
    text: `p99 ≤ 1.5 × ${ms(m.baselineP99)} + ${ms(m.writeP50)} = ${ms(limit)}, 100 % delivered`,
    met: m.deliveredPct >= 100 && Number.isFinite(m.p99) && m.p99 <= limit,
  };
}

export function ms(x: number): string {
  if (!Number.isFinite(x)) return "—";
  if (x >= 10_000) return `${(x / 1000).toFixed(1)} s`;
  if (x >= 1000) return `${(x / 1000).toFixed(2)} s`;
  return `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms`;
}

export function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

export function bytesText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} kB`;
  return `${bytes} B`;
}

export function pct(x: number): string {
  return `${x >= 99.95 && x < 100 ? x.toFixed(2) : x.toFixed(1)} %`;
}

export type RowResult = "pass" | "FAIL" | "—";

/** In a smoke run targets are shown but not judged. */
export function resultOf(row: Row, judged: boolean): RowResult {
  if (!row.target || !judged) return "—";
  return row.target.met ? "pass" : "FAIL";
}

/** A Markdown table (readable in a terminal, and pasted as is into the README). */
export function renderTable(rows: Row[], judged: boolean, baselineHeader = "bare baseline, same run"): string {
  const header = ["scenario", "Crewboard", baselineHeader, "ratio", "target", "result"];
  const body = rows.map((r) => [
    r.scenario,
    r.crewboard,
    r.baseline,
    formatRatio(r),
    r.target?.text ?? "—",
    resultOf(r, judged),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`, ...body.map(line)].join("\n");
}

/** True when a scenario failed to run, or (in a full run) a target was missed. */
export function missedAny(results: ScenarioResult[], judged: boolean): boolean {
  return results.some((s) => s.error !== undefined || s.rows.some((r) => resultOf(r, judged) === "FAIL"));
}

/** Writes a run's results to bench/results/<name> (pretty JSON, a newline at the end) and returns the file's path. */
export function writeResults(name: string, results: object, dir: string = RESULTS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}
