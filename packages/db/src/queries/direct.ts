// A hot read's hand-written statement sent straight through the pg pool behind Prisma's adapter
// (issue 14): `$queryRaw` costs ~0.7 ms of CPU per board page on top of the driver (the query
// engine's request, its tracing span, the adapter's result conversion), for a statement Prisma adds
// nothing to. Only a client that openDatabase registered, which is the plain client of a PostgreSQL
// database; the embedded database keeps `$queryRaw`.
//
// Inside a write's transaction (`inWriteTransaction`, operations/write.ts) a statement given to
// `rawRows` with that transaction's client goes straight to the transaction's own connection: the
// pool's connections note which transaction they began (transaction-statements.ts), so the statement
// stays in the transaction. Any other client keeps `$queryRaw`.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import pg from "pg";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

export interface DirectRoute {
  pool: pg.Pool;
  /** the Database's query listeners (metrics, statement counts), as Prisma's query events would call them */
  observe?: ((durationMs: number, statement: string) => void) | undefined;
}

const routes = new WeakMap<object, DirectRoute>();

/** A write's transaction, as its connection and `rawRows` see it. */
export interface WriteTransaction {
  /** PostgreSQL's pool; none for the embedded database */
  route?: DirectRoute;
  /** the connection it began on, once its BEGIN is sent */
  connection?: pg.PoolClient;
  /** the write's Prisma transaction client (runWrite sets it): only statements given it are sent here */
  client?: object;
  /** Prisma has ended it (its COMMIT or ROLLBACK passed the connection): nothing more is sent */
  ended: boolean;
  /** the COMMIT sent behind its last statement went through (transaction-statements.ts) */
  committed: boolean;
}

const writeTransactions = new AsyncLocalStorage<WriteTransaction>();

/**
 * Runs `fn`, which opens one Prisma transaction on `prisma` and hands its client to
 * `write.client`, so that `rawRows` with that client goes straight to the transaction's connection.
 * For the embedded database `write` is a record nobody fills.
 */
export function inWriteTransaction<T>(prisma: PrismaClient, fn: (write: WriteTransaction) => Promise<T>): Promise<T> {
  const route = routes.get(prisma);
  const write: WriteTransaction = { route, ended: false, committed: false };
  return route ? writeTransactions.run(write, () => fn(write)) : fn(write);
}

/** The pool's connections: `connection` has just begun a transaction; the running write's, if it has none yet. */
export function transactionBegun(connection: pg.PoolClient): WriteTransaction | undefined {
  const write = writeTransactions.getStore();
  if (!write || write.connection) return undefined;
  write.connection = connection;
  return write;
}

/** openDatabase: statements given to `rawRows` with this client go through `route.pool`. */
export function routeDirectly(prisma: PrismaClient, route: DirectRoute): void {
  routes.set(prisma, route);
}

const TIMESTAMP = 1114; // timestamp without time zone: how Prisma stores DateTime (as UTC)

/**
 * A stored time read by `rawRows`, which already knows its ISO text (issue 14): every row of a
 * board page has its times turned back into text for the DTO (toISOString, ~1.5-3 µs each, and
 * parsing the text as a date string ~1.7 µs; ~9 % of the `reads` bench's server CPU for the
 * ~300-500 times of a 100-task page). PostgreSQL sends `2026-11-30 22:47:40.12`; the ISO text is
 * that with a "T", the fraction padded to milliseconds and a "Z", made with a few slices, and the
 * instant comes from Date.UTC over its digits. It is a Date in every other way; one changed after
 * the read (a setter) gives its new time's text.
 */
export class StoredTime extends Date {
  readonly #iso: string | undefined;
  readonly #ms: number;
  constructor(ms: number, iso: string) {
    super(ms);
    this.#ms = ms;
    this.#iso = iso;
  }
  override toISOString(): string {
    // #iso is missing on a copy made as `new date.constructor(ms)` (date libraries, deep clones)
    return this.#iso !== undefined && this.getTime() === this.#ms ? this.#iso : super.toISOString();
  }
}

const digits2 = (s: string, at: number) => (s.charCodeAt(at) - 48) * 10 + s.charCodeAt(at + 1) - 48;
/** `YYYY-MM-DD HH:MM:SS` with an optional fraction of 1-6 digits: all a `timestamp(3)` column sends but ±infinity, BC and years past 9999 */
const PLAIN_TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?$/;

/** A `timestamp` column's text as the UTC time Prisma reads it; the same Date (and ISO text) as `new Date("<text>Z")` gives. */
export function parseStoredTime(value: string): Date {
  if (!PLAIN_TIMESTAMP.test(value)) return new Date(`${value.replace(" ", "T")}Z`);
  const fraction = value.length > 19 ? `${value.slice(20, 23)}00`.slice(0, 3) : "000"; // milliseconds, truncated as Date does
  const ms = Date.UTC(
    digits2(value, 0) * 100 + digits2(value, 2),
    digits2(value, 5) - 1,
    digits2(value, 8),
    digits2(value, 11),
    digits2(value, 14),
    digits2(value, 17),
    Number(fraction),
  );
  // Date.UTC takes years 0-99 as 1900-99, and an impossible day (02-30) rolls over where the
  // string form is invalid: PostgreSQL sends neither; should it, the string form decides
  const date = new StoredTime(ms, `${value.slice(0, 10)}T${value.slice(11, 19)}.${fraction}Z`);
  return date.getUTCFullYear() === digits2(value, 0) * 100 + digits2(value, 2) &&
    date.getUTCDate() === digits2(value, 8)
    ? date
    : new Date(`${value.replace(" ", "T")}Z`);
}

/**
 * pg's parsers, except for `timestamp`: pg reads it as local time, Prisma as UTC (both paths must
 * give the same Date whatever the server's time zone).
 */
const prismaLikeTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP
      ? parseStoredTime
      : (pg.types.getTypeParser as (oid: number, format?: "text" | "binary") => unknown)(
          oid,
          format,
        )) as pg.CustomTypesConfig["getTypeParser"],
};

/**
 * A statement's text is sent as a named prepared statement (issue 14): PostgreSQL parses it once
 * per connection, and after five runs keeps a generic plan when it costs no more than the custom
 * ones. Planning the board page's joins again on every read was half of PostgreSQL's CPU for it:
 * 2.7 ms per page unnamed, 1.35 ms named (300 runs each, backend CPU from /proc). A write's
 * statements (the read of its task, its progress statement, its events) are named too: on the
 * writes bench PostgreSQL shares the server's two cores, and parsing and planning each write's
 * statements again was CPU taken from both: PostgreSQL's CPU per progress write 3.3–3.7 ms
 * unnamed, 1.3–1.4 ms named (its backends' CPU from /proc over 20 s of the bench, four runs). The texts are few (a statement's shape; its
 * values are parameters); past STATEMENTS_MAX distinct texts the rest go unnamed, so that a caller
 * building many texts cannot grow every connection's cache.
 *
 * A statement whose result columns are `*` (`RETURNING *`) stays unnamed: PostgreSQL refuses to
 * run a prepared statement whose row type has changed ("cached plan must not change result type"),
 * which a column added by a rolling upgrade's migration would do. Statements meant to be named
 * list their columns.
 */
const statementNames = new Map<string, string | null>();
const STATEMENTS_MAX = 200;
const STAR_RESULT = /\bRETURNING\s+\*/i;

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < STATEMENTS_MAX) {
    // from the text itself: pg refuses one name for two texts on a connection
    name = STAR_RESULT.test(text) ? null : `crewboard_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name ?? undefined;
}

/** The rows of `sql`, as `$queryRaw` gives them for text, number, boolean, array, json and timestamp columns. */
export async function rawRows<T>(prisma: Pick<PrismaClient, "$queryRaw">, sql: Prisma.Sql): Promise<T[]> {
  const root = routes.get(prisma);
  const store = root ? undefined : writeTransactions.getStore();
  const write = store?.client === prisma && store.connection ? store : undefined;
  // what Prisma would refuse too ("transaction already closed"): a statement sent now would run
  // outside the transaction, in autocommit, on a connection back in the pool
  if (write?.ended) throw new Error("the write's transaction has ended (timed out or rolled back)");
  const route = root ?? write?.route;
  const target = root ? root.pool : write?.connection;
  if (!route || !target) return prisma.$queryRaw<T[]>(sql);
  const started = performance.now();
  const { rows } = await target.query<T & pg.QueryResultRow>({
    name: statementName(sql.text),
    text: sql.text,
    values: sql.values,
    types: prismaLikeTypes,
  });
  route.observe?.(performance.now() - started, sql.text);
  return rows;
}
