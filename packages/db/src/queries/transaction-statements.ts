// What the pool's connections do with a transaction's statements (PostgreSQL; issue 14):
// - BEGIN: the connection is noted as the running write transaction's (queries/direct.ts), so that
//   its hand-written statements go straight to it instead of through Prisma's query engine. It is
//   answered at once and sent with the transaction's first statement, in one round trip (BEGIN
//   fails only when the connection does, and then the statement behind it fails too);
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
// One difference: Prisma may give up on the transaction (its timeout) while the last statement is
// on its way; the COMMIT behind it then commits anyway, and Prisma's ROLLBACK is answered with it.
// The write path asks `WriteTransaction.committed` and reports such a write as done (write.ts).
// Statements sent after the transaction ended are refused (`ended`, and rawRows in direct.ts).
//
// Only PostgreSQL's pool; the embedded database has no network round trip to save.
import type { Writable } from "node:stream";
import type pg from "pg";
import { transactionBegun, type WriteTransaction } from "./direct.ts";

/** The comment that starts a transaction's last statement, to be committed right behind it. */
export const COMMITS_BEHIND = "/* crewboard: commit behind */";

type QueryConfig = { text?: unknown; rowMode?: unknown; types?: unknown };
type Send = (config: unknown, values?: unknown, callback?: unknown) => unknown;

/** What a statement that was not sent answers (Prisma reads nothing of BEGIN's, COMMIT's or ROLLBACK's answer but the row count). */
const unsent = (command: string) => Promise.resolve({ command, rowCount: null, oid: null, rows: [], fields: [] });

/** Installs the behaviour on a pool's new connections (`pool.on("connect", watchTransactionStatements)`). */
export function watchTransactionStatements(client: pg.PoolClient): void {
  const send = client.query.bind(client) as Send;
  // (typed read-only, a connection option: pg reads it on every send and every answer)
  const mode = client as { pipeline: boolean };
  /** Statements sent and not answered yet: pipeline mode goes off only when none is left. */
  let inFlight = 0;
  const sendCounted = (config: unknown): Promise<unknown> => {
    inFlight++;
    const answer = send(config) as Promise<unknown>;
    const done = () => {
      if (--inFlight === 0) mode.pipeline = false;
    };
    answer.then(done, done);
    return answer;
  };
  // pg corks the socket around one extended-protocol statement's messages, not around several
  // statements; BEGIN and COMMIT (simple queries) are each a write of their own. Pipelined
  // statements are submitted at once, so corking around them sends them in one write (writev):
  // the same bytes, one system call instead of two (writev was 13-17 % of the server's CPU under
  // the writes bench; issue 14).
  // (read at each send: with TLS, pg replaces the plain socket once the connection is upgraded)
  const connection = client as { connection?: { stream?: Partial<Pick<Writable, "cork" | "uncork">> } };
  /** Sends `configs` at once, each answered in turn. */
  const sendTogether = (configs: QueryConfig[]): Promise<unknown>[] => {
    mode.pipeline = true;
    const stream = connection.connection?.stream;
    stream?.cork?.();
    try {
      return configs.map(sendCounted);
    } finally {
      stream?.uncork?.();
    }
  };
  /** The write transaction this connection is in, if a write began it (queries/direct.ts). */
  let owner: WriteTransaction | undefined;
  const ended = () => {
    if (owner) owner.ended = true;
    owner = undefined;
  };
  /** A BEGIN answered but not sent yet: it goes with the transaction's first statement (one round trip less). */
  let begin: QueryConfig | undefined;
  /** The COMMIT sent behind a transaction's last statement, for Prisma's COMMIT or ROLLBACK to read. */
  let commit: Promise<unknown> | undefined;
  client.query = ((config: unknown, values?: unknown, callback?: unknown) => {
    const text = typeof config === "string" ? config : (config as QueryConfig | null)?.text;
    const ends = text === "COMMIT" || text === "ROLLBACK";
    if (ends) ended();
    if (commit) {
      const sent = commit;
      commit = undefined;
      // Prisma ending the transaction: it has ended already, with this answer
      if (ends) return sent;
      // anything else would run after the commit, outside the transaction: refuse it loudly
      const refused = new Error(`a statement was sent after a transaction's last statement: ${String(text)}`);
      if (typeof callback === "function") return void (callback as (error: Error) => void)(refused);
      if (typeof values === "function") return void (values as (error: Error) => void)(refused);
      return Promise.reject(refused);
    }
    // only Prisma's form (a config object, a promise); anything else is sent as it comes
    const plain = typeof config === "object" && values === undefined && callback === undefined;
    if (!plain || typeof text !== "string") return send(config, values, callback);
    if (text === "BEGIN" && !begin) {
      owner = transactionBegun(client);
      begin = config as QueryConfig;
      return unsent("BEGIN");
    }
    const first = begin;
    begin = undefined;
    // a transaction without a statement: nothing to begin or end
    if (first && ends) return unsent(text);
    const last = text.startsWith(COMMITS_BEHIND);
    if (!first && !last) return sendCounted(config);
    const { rowMode, types } = config as QueryConfig;
    const sent = sendTogether([
      ...(first ? [first] : []),
      config as QueryConfig,
      ...(last ? [{ text: "COMMIT", rowMode, types }] : []),
    ]);
    // BEGIN's own failure (the connection lost) fails the statement behind it too
    if (first) sent[0]!.catch(() => undefined);
    if (last) {
      const write = owner;
      commit = sent.at(-1)!;
      // a failed statement's transaction answers COMMIT with ROLLBACK
      commit.then(
        (answer) => {
          if (write && (answer as { command?: string }).command === "COMMIT") write.committed = true;
        },
        // read by Prisma's COMMIT or ROLLBACK that follows; never an unhandled rejection meanwhile
        () => undefined,
      );
    }
    return sent[first ? 1 : 0];
  }) as typeof client.query;
}
