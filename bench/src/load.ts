// HTTP load with autocannon: a warm-up run that is thrown away, then the measured run. Two servers
// compared by throughput are measured in turns (`interleavedLoads`), so that a machine that slows
// down for a while (a neighbour on the host) slows both alike.
import autocannon from "autocannon";
import { round } from "./stats.ts";

export interface LoadFigures {
  connections: number;
  seconds: number;
  /** successful (2xx) answers per second: the throughput that counts */
  okPerSecond: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** mean bytes received per answer (headers and body, as sent on the wire) */
  bytesPerAnswer: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  seconds: number;
  warmupSeconds: number;
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  /** called for every request: path, headers and body of that request */
  setupRequest?: (req: autocannon.Request) => autocannon.Request;
}

/** autocannon's result before it is summarised: its histograms still encoded, so that runs can be added */
type RawResult = autocannon.Result;
/** autocannon's own adding-up of runs (as of its workers); @types/autocannon 7 does not declare it */
const aggregateResult = (
  autocannon as unknown as {
    aggregateResult(results: RawResult[], options: { url: string; connections: number }): autocannon.Result;
  }
).aggregateResult;

function run(options: LoadOptions, seconds: number, raw = false): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: seconds,
        method: options.method ?? "GET",
        headers: options.headers,
        requests: options.setupRequest ? [{ setupRequest: options.setupRequest }] : undefined,
        skipAggregateResult: raw,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    // no progress bar or table: the bench prints its own
    void instance;
  });
}

export async function load(options: LoadOptions): Promise<LoadFigures> {
  if (options.warmupSeconds > 0) await run(options, options.warmupSeconds);
  return figuresOf(options, await run(options, options.seconds));
}

/**
 * The turns of two loads A and B over `rounds` rounds: A B, B A, A B, … (each pair mirrors the one
 * before, so a steady drift of the machine's speed favours neither).
 */
export function turnOrder(rounds: number): Array<0 | 1> {
  return Array.from({ length: rounds }, (_, i) => (i % 2 === 0 ? [0, 1] : [1, 0]) as Array<0 | 1>).flat();
}

/** How long one turn of `rounds` lasts, for loads of `seconds` in all: whole seconds, at least one. */
export function turnSeconds(seconds: number, rounds: number): number {
  return Math.max(1, Math.round(seconds / rounds));
}

/**
 * Two loads measured in turns: both warmed up, then `rounds` turns each of `seconds / rounds`
 * seconds, in `turnOrder`. Each side's figures are its turns added up: answers over the time they
 * took, latency percentiles over all their answers.
 */
export async function interleavedLoads(
  a: LoadOptions,
  b: LoadOptions,
  rounds: number,
): Promise<[LoadFigures, LoadFigures]> {
  const sides = [a, b] as const;
  for (const side of sides) if (side.warmupSeconds > 0) await run(side, side.warmupSeconds);
  const turns: [RawResult[], RawResult[]] = [[], []];
  for (const i of turnOrder(rounds)) {
    const side = sides[i];
    turns[i].push((await run(side, turnSeconds(side.seconds, rounds), true)) as RawResult);
  }
  return [0, 1].map((i) => {
    const side = sides[i]!;
    const summed = aggregateResult(turns[i]!, { url: side.url, connections: side.connections });
    // aggregateResult keeps the first run's duration (the turns' time is their sum), and its
    // requests/throughput histograms are new and empty: only counts, bytes and latency are read
    return figuresOf(side, { ...summed, duration: turns[i]!.reduce((sum, r) => sum + r.duration, 0) });
  }) as [LoadFigures, LoadFigures];
}

function figuresOf(options: LoadOptions, r: autocannon.Result): LoadFigures {
  const ok = r["2xx"];
  const answers = ok + r.non2xx;
  return {
    connections: options.connections,
    seconds: r.duration,
    okPerSecond: round(ok / r.duration, 1),
    ok,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
      mean: round(r.latency.mean),
    },
    bytesPerAnswer: answers ? Math.round(r.throughput.total / answers) : 0,
  };
}
