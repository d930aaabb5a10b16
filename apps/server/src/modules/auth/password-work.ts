// Password work (argon2id: ~20 ms and 19 MiB each, on the libuv thread pool) runs at most
// `concurrency` at a time per instance, the rest wait in a short queue (issue 14, login flood).
// Unbounded, a burst of sign-ins took every pool thread (4 by default) and both cores: the
// realtime fan-out, compression and file reads of everyone else waited behind it. When the queue is
// full the attempt is refused at once (503 auth.busy, Retry-After) rather than waiting for
// seconds; the refusal says nothing about the email, so it is no timing oracle.
import { AppError } from "../../errors.ts";

export interface PasswordWorkOptions {
  /** argon2 runs at once (default 2: half the default pool of 4, so the pool always has room left) */
  concurrency: number;
  /** attempts waiting for a turn; one more is refused (default 16: under a second of work) */
  maxQueued: number;
}

export const DEFAULT_PASSWORD_WORK: PasswordWorkOptions = { concurrency: 2, maxQueued: 16 };

/** How long a refused attempt is told to wait: the queue drains within a second. */
const BUSY_RETRY_AFTER_SECONDS = 1;

export interface PasswordWork {
  /** Runs `job` when a turn is free (FIFO); refuses with auth.busy when the queue is full. */
  run<T>(job: () => Promise<T>): Promise<T>;
  /** running and waiting jobs (metrics, tests) */
  readonly load: { running: number; queued: number };
}

export function createPasswordWork(options: PasswordWorkOptions = DEFAULT_PASSWORD_WORK): PasswordWork {
  let running = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    const next = waiting.shift();
    if (next)
      next(); // the turn passes on: `running` stays the same
    else running--;
  };
  return {
    get load() {
      return { running, queued: waiting.length };
    },
    async run(job) {
      if (running < options.concurrency) running++;
      else if (waiting.length < options.maxQueued) await new Promise<void>((resolve) => waiting.push(resolve));
      else {
        throw new AppError("auth.busy", {
          detail: `too many sign-ins at once; try again in ${BUSY_RETRY_AFTER_SECONDS} s`,
          headers: { "Retry-After": String(BUSY_RETRY_AFTER_SECONDS) },
        });
      }
      try {
        return await job();
      } finally {
        release();
      }
    },
  };
}
