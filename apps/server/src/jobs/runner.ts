// Runs due jobs (jobs/schedule.ts), exactly once, on whichever instance sees them first.
//
// Each job is claimed and run in ONE transaction of the write path: `SELECT … FOR UPDATE SKIP
// LOCKED` takes a due job that no other instance holds, its handler makes its changes and records
// its events in the same transaction, and the job is marked done before the commit. A crash or a
// failure rolls all of it back; the failure is then recorded (and the job retried later, with
// backoff), so a job never half-runs and never runs twice.
//
// Time comes from a clock that tests replace (`now`), and tests run due jobs by calling `runDue`
// instead of waiting for the poll.
import { randomUUID } from "node:crypto";
import type { Logger } from "pino";
import type { Prisma } from "@crewboard/db";
import type { Tx } from "../operations/context.ts";
import { runWrite, type WriteDeps } from "../operations/write.ts";
import type { EventBatch } from "../realtime/event-batch.ts";
import { withRequestId } from "../http/logging.ts";

export interface JobContext {
  tx: Tx;
  events: EventBatch;
  /** the job's payload, as scheduled */
  payload: Record<string, unknown>;
  /** the runner's clock at this run */
  now: Date;
}

/** A handler may return when to run again (a recurring job); by default the job is done. */
export type JobHandler = (ctx: JobContext) => Promise<Date | void>;

export interface JobRunnerOptions extends WriteDeps {
  logger: Logger;
  handlers: Record<string, JobHandler>;
  /** the clock (tests pass a fake one) */
  now?: () => Date;
  /** how often to look for due jobs; 0: only when runDue is called */
  pollMs?: number;
  /** more work for each pass after the due jobs (the email outbox); a failure is logged, never thrown */
  passes?: ((now: Date) => Promise<unknown>)[];
}

export interface JobRunner {
  /** Runs every job due at `now` (default: the clock); resolves with how many ran. */
  runDue(now?: Date): Promise<number>;
  start(): void;
  stop(): Promise<void>;
}

interface ClaimedJob {
  id: string;
  kind: string;
  key: string;
  payload: Prisma.JsonValue;
  attempts: number;
}

/** After a failure: 30 s, 1 min, 2 min … up to an hour. */
export const retryDelayMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 60 * 60_000);

/** At most this many jobs per pass, so one pass never holds the poll for long. */
const BATCH = 50;

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const { prisma, logger, handlers } = options;
  const clock = options.now ?? (() => new Date());
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  /** Claims and runs one due job; resolves false when none is due (or all are held elsewhere). */
  async function runOne(now: Date): Promise<boolean> {
    let failed: { job: ClaimedJob; error: unknown } | undefined;
    const outcome = await runWrite(options, async ({ tx, events }) => {
      const [job] = await tx.$queryRaw<ClaimedJob[]>`
        SELECT "id", "kind", "key", "payload", "attempts" FROM "Job"
        WHERE "doneAt" IS NULL AND "runAt" <= ${now}
        ORDER BY "runAt", "id" LIMIT 1 FOR UPDATE SKIP LOCKED`;
      if (!job) return false;
      const handler = handlers[job.kind];
      try {
        if (!handler) throw new Error(`no handler for the job kind ${job.kind}`);
        const again = await handler({ tx, events, payload: (job.payload ?? {}) as Record<string, unknown>, now });
        await tx.job.update({
          where: { id: job.id },
          data: again
            ? { runAt: again, attempts: 0, lastError: null }
            : { doneAt: now, attempts: { increment: 1 }, lastError: null },
        });
      } catch (error) {
        failed = { job, error };
        throw error;
      }
      return true;
    }).catch(async (error: unknown) => {
      if (!failed) throw error; // the claim itself failed (the database): the caller logs it
      // the handler's changes rolled back; the job waits and is tried again
      const { job } = failed;
      logger.warn(
        { err: failed.error, jobKind: job.kind, jobKey: job.key, attempts: job.attempts + 1 },
        "a job failed; it will be retried",
      );
      await prisma.job.update({
        where: { id: job.id },
        data: {
          attempts: { increment: 1 },
          lastError: String((failed.error as Error)?.message ?? failed.error).slice(0, 500),
          runAt: new Date(now.getTime() + retryDelayMs(job.attempts + 1)),
        },
      });
      return { value: true, replayed: false as const };
    });
    return !outcome.replayed && outcome.value;
  }

  async function runDue(now: Date = clock()): Promise<number> {
    let ran = 0;
    while (ran < BATCH && (await runOne(now))) ran++;
    for (const pass of options.passes ?? []) {
      await pass(now).catch((error: unknown) => logger.warn({ err: error }, "a job pass failed"));
    }
    return ran;
  }

  const tick = () => {
    if (running) return; // a slow pass: never pile passes up
    // a pass is a request of its own: its log lines share an id
    running = withRequestId(`jobs-${randomUUID()}`, runDue).catch((error: unknown) => {
      logger.warn({ err: error }, "could not run due jobs");
      return 0;
    });
    void running.finally(() => {
      running = undefined;
    });
  };

  return {
    runDue,
    start() {
      if (!options.pollMs || timer) return;
      timer = setInterval(tick, options.pollMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
