// The bench's side of its connection-holding child processes: spreads N sockets over a few
// processes (one event loop cannot drive 5,000 sockets and measure them fairly), and gathers
// what they measured.
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { now } from "../stats.ts";
import type { FleetReply, FleetRequest, SocketReport, SocketSpec } from "./protocol.ts";
import { track, untrack } from "../processes.ts";

const WORKER = fileURLToPath(new URL("./fleet-worker.ts", import.meta.url));
/** Sockets per process: beyond this a client's own event loop starts to add to the latencies. */
const PER_PROCESS = 500;

type Without<T> = T extends unknown ? Omit<T, "id"> : never;

class Worker {
  private nextId = 1;
  private pending = new Map<number, (reply: FleetReply) => void>();
  readonly ready: Promise<void>;

  constructor(readonly child: ChildProcess) {
    let readyResolve!: () => void;
    this.ready = new Promise((r) => (readyResolve = r));
    child.on("message", (reply: FleetReply) => {
      if (reply.op === "ready") return readyResolve();
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  call<R extends FleetReply["op"]>(request: Without<FleetRequest>): Promise<Extract<FleetReply, { op: R }>> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const onExit = () => reject(new Error(`a socket fleet process exited (${request.op})`));
      this.child.once("exit", onExit);
      this.pending.set(id, (reply) => {
        this.child.off("exit", onExit);
        resolve(reply as Extract<FleetReply, { op: R }>);
      });
      this.child.send({ ...request, id } as FleetRequest);
    });
  }
}

export interface ConnectOptions {
  url: string;
  /** one spec per socket */
  sockets: SocketSpec[];
  /** in flight at once per process; Infinity = all at once */
  concurrency?: number;
  reconnect?: boolean;
  trackSeqs?: boolean;
  timeoutMs?: number;
  /** when setting up (not measuring): attempts again for a socket that could not connect */
  retries?: number;
}

export interface ConnectResult {
  ok: number;
  failed: number;
  /** from the first connect call to the last socket having joined its rooms */
  elapsedMs: number;
  errors: string[];
}

export class Fleet {
  private constructor(private readonly workers: Worker[]) {}

  /** Starts the processes for `sockets` connections (and waits until they can take orders). */
  static async start(sockets: number): Promise<Fleet> {
    const count = Math.max(1, Math.ceil(sockets / PER_PROCESS));
    const workers = Array.from({ length: count }, () => {
      const child = fork(WORKER, [], {
        execArgv: ["--import", "tsx"],
        serialization: "advanced",
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      track(child);
      child.once("exit", () => untrack(child));
      return new Worker(child);
    });
    await Promise.all(workers.map((w) => w.ready));
    return new Fleet(workers);
  }

  get processes(): number {
    return this.workers.length;
  }

  async connect(options: ConnectOptions): Promise<ConnectResult> {
    const shares: SocketSpec[][] = this.workers.map(() => []);
    options.sockets.forEach((spec, i) => shares[i % shares.length]!.push(spec));
    const started = now();
    const replies = await Promise.all(
      this.workers.map((w, i) =>
        w.call<"connected">({
          op: "connect",
          url: options.url,
          sockets: shares[i]!,
          concurrency: options.concurrency ?? Infinity,
          reconnect: options.reconnect ?? false,
          trackSeqs: options.trackSeqs ?? false,
          timeoutMs: options.timeoutMs ?? 120_000,
          // long: a slow answer under load is a figure, not a failure
          ackTimeoutMs: 120_000,
          retries: options.retries ?? 0,
        }),
      ),
    );
    return {
      ok: replies.reduce((n, r) => n + r.ok, 0),
      failed: replies.reduce((n, r) => n + r.failed, 0),
      elapsedMs: Math.max(...replies.map((r) => r.lastReadyAt)) - started,
      errors: [...new Set(replies.flatMap((r) => r.errors))],
    };
  }

  /** Every (socket, measured write) latency; writes with NaN in `sentAt` are not counted. */
  async latencies(sentAt: Float64Array): Promise<{ latencies: Float64Array; missing: number; disconnects: number }> {
    const replies = await Promise.all(this.workers.map((w) => w.call<"latencies">({ op: "latencies", sentAt })));
    const total = replies.reduce((n, r) => n + r.latencies.length, 0);
    const latencies = new Float64Array(total);
    let offset = 0;
    for (const r of replies) {
      latencies.set(r.latencies, offset);
      offset += r.latencies.length;
    }
    return {
      latencies,
      missing: replies.reduce((n, r) => n + r.missing, 0),
      disconnects: replies.reduce((n, r) => n + r.disconnects, 0),
    };
  }

  /** Bench renames that have arrived so far, over every socket. */
  async arrived(): Promise<number> {
    const replies = await Promise.all(this.workers.map((w) => w.call<"arrived">({ op: "arrived" })));
    return replies.reduce((n, r) => n + r.count, 0);
  }

  /** Forgets recorded arrivals (between two measured phases on the same sockets). */
  async clear(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.call<"cleared">({ op: "clear" })));
  }

  async report(finalBoardSeq: number): Promise<SocketReport[]> {
    const replies = await Promise.all(this.workers.map((w) => w.call<"report">({ op: "report", finalBoardSeq })));
    return replies.flatMap((r) => r.sockets);
  }

  /** Disconnects every socket and ends the processes. */
  async stop(): Promise<void> {
    await Promise.all(
      this.workers.map(async (w) => {
        if (w.child.exitCode !== null || w.child.signalCode !== null) return;
        if (w.child.exitCode === null) await w.call<"closed">({ op: "close" }).catch(() => undefined);
        const exited = new Promise((r) => w.child.once("exit", r));
        w.child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (w.child.exitCode === null) w.child.kill("SIGKILL");
      }),
    );
  }
}
