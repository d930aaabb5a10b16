// Scheduling work for later, inside the transaction of the change that calls for it: an offer's
// deadline, a reminder, a retry. The job exists exactly when the change does.
import type { Prisma, PrismaClient } from "@crewboard/db";
import { RECURRING_JOBS } from "./index.ts";
import type { Tx } from "../operations/context.ts";

export interface JobRequest {
  /** the handler that runs it (jobs/runner.ts) */
  kind: string;
  /** one job per key: scheduling the same key again moves it (e.g. `urgent-offer.expire:<id>`) */
  key: string;
  runAt: Date;
  payload?: Record<string, unknown>;
}

/** Schedules (or moves) a job; it runs once, at `runAt` or as soon after as an instance sees it. */
export async function scheduleJob(tx: Tx, job: JobRequest): Promise<void> {
  const payload = (job.payload ?? {}) as Prisma.InputJsonValue;
  await tx.job.upsert({
    where: { key: job.key },
    create: { kind: job.kind, key: job.key, runAt: job.runAt, payload },
    update: { kind: job.kind, runAt: job.runAt, payload, doneAt: null, attempts: 0, lastError: null },
  });
}

/** Cancels a job that has not run yet (an offer taken before its deadline). */
export async function cancelJob(tx: Tx, key: string, now: Date): Promise<void> {
  await tx.job.updateMany({ where: { key, doneAt: null }, data: { doneAt: now, lastError: "cancelled" } });
}

/** Creates the recurring jobs that do not exist yet (at start; every instance may, only one row results). */
export async function ensureRecurringJobs(prisma: PrismaClient, now: Date): Promise<void> {
  // a daily job's first run waits for its hour (not the moment the first instance started)
  await prisma.job.createMany({
    data: RECURRING_JOBS.map((j) => ({ kind: j.kind, key: j.key, runAt: "firstRunAt" in j ? j.firstRunAt(now) : now })),
    skipDuplicates: true,
  });
}
