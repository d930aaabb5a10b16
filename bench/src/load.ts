// HTTP load with autocannon: a warm-up run that is thrown away, then the measured run.
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

function run(options: LoadOptions, seconds: number): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: seconds,
        method: options.method ?? "GET",
        headers: options.headers,
        requests: options.setupRequest ? [{ setupRequest: options.setupRequest }] : undefined,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    // no progress bar or table: the bench prints its own
    void instance;
  });
}

export async function load(options: LoadOptions): Promise<LoadFigures> {
  if (options.warmupSeconds > 0) await run(options, options.warmupSeconds);
  const r = await run(options, options.seconds);
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
