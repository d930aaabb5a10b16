// The one path of every write, REST and socket alike: after the input is parsed and the gate
// passed, the use case runs in one transaction together with its events and, for a request sent
// with an Idempotency-Key, its stored answer; the events are published once, after the commit.
//
// - Idempotency: the key is claimed by the transaction's first statement (an insert that does
//   nothing when the key exists). A second copy of the same request arriving meanwhile waits on
//   that insert until the first commits, then finds the stored answer and replays it; if the first
//   failed, its claim rolled back with it and the second simply runs. No claim outlives its request.
// - Events are numbered and stored by the transaction's last statement (realtime/event-batch.ts).
// - A write that lost a race to another (a unique key taken meanwhile, a deadlock) is run once
//   more from the start: the second run sees the winner's row and answers accordingly.
import { createHash } from "node:crypto";
import { inWriteTransaction, Prisma, type PrismaClient, type WriteTransaction } from "@crewboard/db";
import { AppError } from "../errors.ts";
import { EventBatch } from "../realtime/event-batch.ts";
import type { Publish } from "../realtime/publish-order.ts";
import { isRetryableRace } from "./problem.ts";

export type Tx = Prisma.TransactionClient;

/** What a write needs from the app: the database, and the publisher of committed events. */
export interface WriteDeps {
  prisma: PrismaClient;
  publish: Publish;
}

/** A stored answer to a request sent with an Idempotency-Key. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

export interface IdempotencyKeyOf {
  userId: string;
  key: string;
  method: string;
  path: string;
  /** the request's method, path and body: a key reused for another request is refused */
  requestHash: string;
}

export function requestHashOf(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest("hex");
}

/** Interactive transactions wait for a connection (PGlite has one) and may run a while under load. */
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 30_000 };

export type WriteOutcome<T> = { value: T; replayed: false } | { answer: StoredAnswer; replayed: true };

export async function runWrite<T>(
  deps: WriteDeps,
  work: (w: { tx: Tx; events: EventBatch }) => Promise<T>,
  options: { idempotency?: IdempotencyKeyOf; answerOf?: (value: T) => StoredAnswer } = {},
): Promise<WriteOutcome<T>> {
  for (let attempt = 1; ; attempt++) {
    const events = new EventBatch();
    let numbered: WriteOutcome<T> | undefined;
    // hand-written statements (`rawRows`) go straight to the transaction's connection on PostgreSQL
    const write = { handle: undefined as WriteTransaction | undefined };
    try {
      const outcome = await inWriteTransaction(deps.prisma, (handle) => {
        write.handle = handle;
        return deps.prisma.$transaction(async (tx): Promise<WriteOutcome<T>> => {
          handle.client = tx;
          const { idempotency } = options;
          if (idempotency) {
            const replay = await claimKey(tx, idempotency);
            if (replay) return { answer: replay, replayed: true };
          }
          const value = await work({ tx, events });
          // the answer first: the events' statement takes the rooms' sequence rows (the busy `board`),
          // held from there to the commit, so nothing else runs after it
          if (idempotency && options.answerOf) await storeAnswer(tx, idempotency, options.answerOf(value));
          await events.flush(tx);
          numbered = { value, replayed: false };
          deps.publish.numbered?.(events);
          return numbered;
        }, TRANSACTION_OPTIONS);
      });
      return committed(deps, events, outcome);
    } catch (error) {
      // Prisma gave up (its timeout) after the COMMIT behind the last statement went through: done
      if (numbered && write.handle?.committed) return committed(deps, events, numbered);
      if (numbered) deps.publish.abandoned?.(events);
      if (attempt < 2 && isRetryableRace(error)) continue;
      throw error;
    }
  }
}

/** Committed: now the rooms may hear about it. */
function committed<T>(deps: WriteDeps, events: EventBatch, outcome: WriteOutcome<T>): WriteOutcome<T> {
  events.committedAt = performance.now();
  if (!outcome.replayed && !events.isEmpty) deps.publish(events);
  return outcome;
}

const PENDING = 0;

/** Claims the key for this transaction, or returns the stored answer of the request that used it first. */
async function claimKey(tx: Tx, key: IdempotencyKeyOf): Promise<StoredAnswer | null> {
  const { count } = await tx.idempotencyKey.createMany({
    data: [{ ...key, status: PENDING, responseBody: {} }],
    skipDuplicates: true,
  });
  if (count === 1) return null;
  const stored = await tx.idempotencyKey.findUniqueOrThrow({
    where: { userId_key: { userId: key.userId, key: key.key } },
  });
  if (stored.requestHash !== key.requestHash)
    throw new AppError("idempotency.key_reused", { detail: `first used for ${stored.method} ${stored.path}` });
  // a claim left by the older design of this table (claimed outside the transaction, never answered)
  if (stored.status === PENDING) return null;
  return { status: stored.status, body: stored.responseBody };
}

async function storeAnswer(tx: Tx, key: IdempotencyKeyOf, answer: StoredAnswer): Promise<void> {
  await tx.idempotencyKey.update({
    where: { userId_key: { userId: key.userId, key: key.key } },
    data: { status: answer.status, responseBody: (answer.body ?? null) as Prisma.InputJsonValue },
  });
}
