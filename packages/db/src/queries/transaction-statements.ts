// What the pool's connections do with a transaction's statements (PostgreSQL; issue 14):
// - BEGIN: the connection is noted as the running write transaction's (queries/direct.ts), so that
//   its hand-written statements go straight to it instead of through Prisma's query engine;
// - a statement marked COMMITS_BEHIND is committed right behind it, as follows.
//
// A write's last statement takes the rooms' event sequence rows (realtime/event-batch.ts), among
// them the `board` row every write in the company shares, and PostgreSQL holds those row locks
// until the COMMIT arrives. Sent the usual way, that COMMIT leaves only after the statement's
// answer has gone back through Prisma on a busy event loop: measured under 50 writing connections,
// 8–10 ms (p50) from the answer to the commit, while every other write waited for the row (issue 14).
//
// So a statement marked `COMMITS_BEHIND` is sent with its COMMIT right behind it, in node-postgres'
// pipeline mode (pg 8.23: both written at once, each answered in turn): PostgreSQL starts the
// commit the moment the statement is done, without waiting for the answer to reach a busy Node
// process (the wait is in the socket buffer and the event loop, not in Prisma: measured, committing
// straight from the answer without going through Prisma left it where it was).
// Prisma's own COMMIT (or ROLLBACK), which follows on the same connection, is answered with that
// result instead of being sent. Nothing changes for the transaction:
// - the statement succeeds: the COMMIT commits; a COMMIT that fails (the connection lost) fails
//   Prisma's commit with the same error, and the write is reported failed as before;
// - the statement fails: PostgreSQL answers the COMMIT of the failed transaction with a rollback,
//   and Prisma's ROLLBACK that follows is answered with it.
// The one difference: a transaction that Prisma would roll back *after* a successful last statement
// (its 30 s timeout passing in the microseconds between the two) is committed. The write path sends
// nothing after the last statement, so that window is the answer's way back to Prisma.
//
// Only PostgreSQL's pool; the embedded database has no network round trip to save.
import type pg from "pg";
import { transactionBegun } from "./direct.ts";

/** The comment that starts a transaction's last statement, to be committed right behind it. */
export const COMMITS_BEHIND = "/* crewboard: commit behind */";

type QueryConfig = { text?: unknown; rowMode?: unknown; types?: unknown };

/** Installs the behaviour on a pool's new connections (`pool.on("connect", watchTransactionStatements)`). */
export function watchTransactionStatements(client: pg.PoolClient): void {
  const send = client.query.bind(client) as (config: unknown, values?: unknown, callback?: unknown) => unknown;
  let commit: Promise<unknown> | undefined;
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    const text = typeof config === "string" ? config : (config as QueryConfig | null)?.text;
    if (commit) {
      const sent = commit;
      commit = undefined;
      // Prisma ending the transaction: it has ended already, with this answer
      if (text === "COMMIT" || text === "ROLLBACK") return sent;
      // anything else would run after the commit, outside the transaction: refuse it loudly
      return Promise.reject(new Error(`a statement was sent after a transaction's last statement: ${String(text)}`));
    }
    if (text === "BEGIN") transactionBegun(client);
    if (typeof text !== "string" || !text.startsWith(COMMITS_BEHIND)) return send(config, values, callback);
    // Prisma waits for each answer, so nothing else is in flight on this connection now. Pipeline
    // mode stays on until the COMMIT's answer is in: both answers are read in that mode.
    // (typed read-only, a connection option: pg reads it on every send and every answer)
    const mode = client as { pipeline: boolean };
    mode.pipeline = true;
    const result = send(config, values, callback);
    const { rowMode, types } = config as QueryConfig;
    commit = (send({ text: "COMMIT", rowMode, types }) as Promise<unknown>).finally(() => {
      mode.pipeline = false;
    });
    // read by Prisma's COMMIT or ROLLBACK that follows; never an unhandled rejection meanwhile
    commit.catch(() => undefined);
    return result;
  }) as typeof client.query;
}
