// Password work (argon2id: ~20 ms and 19 MiB each, on the libuv thread pool) runs at most
// `concurrency` at a time per instance, the rest wait in a queue (issue 14, login flood).
// Unbounded, a burst of sign-ins took every pool thread (4 by default) and both cores: the
// realtime fan-out, compression and file reads of everyone else waited behind it. When the queue is
// full the attempt is refused at once (503 auth.busy, Retry-After); the refusal says nothing about
// the email, so it is no timing oracle. The queue is long enough for people arriving together (an
// office signing in at nine, 50 crew answering an urgent offer): they wait their turn, a few
// seconds at most, and are not refused; a flood from one address is refused before it (log-in.ts).
import { AppError } from "../../errors.ts";

export interface PasswordWorkOptions {
  /** argon2 runs at once (default 2: half the default pool of 4, so the pool always has room left) */
  concurrency: number;
  /** attempts waiting for a turn; one more is refused (default 256: at ~20 ms each, two at a time, about 2.5 s of work) */
  maxQueued: number;
}

export const DEFAULT_PASSWORD_WORK: PasswordWorkOptions = { concurrency: 2, maxQueued: 256 };

/** How long a refused attempt is told to wait: a full queue is seconds of work, and the client then joins its end. */
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
