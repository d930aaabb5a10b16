// A hot read's hand-written statement sent straight through the pg pool behind Prisma's adapter
// (issue 14): `$queryRaw` costs ~0.7 ms of CPU per board page on top of the driver (the query
// engine's request, its tracing span, the adapter's result conversion), for a statement Prisma adds
// nothing to. Only a client that openDatabase registered, which is the plain client of a PostgreSQL
// database; the embedded database keeps `$queryRaw`.
//
// Inside a write's transaction (`inWriteTransaction`, operations/write.ts) a statement given to
// `rawRows` with the transaction's client goes straight to that transaction's own connection: the
// pool's connections note which transaction they began (transaction-statements.ts), so the statement
// stays in the transaction. Outside one, a transaction's or an extended client keeps `$queryRaw`.
import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

export interface DirectRoute {
  pool: pg.Pool;
  /** the Database's query listeners (metrics, statement counts), as Prisma's query events would call them */
  observe?: ((durationMs: number, statement: string) => void) | undefined;
}

const routes = new WeakMap<object, DirectRoute>();

/** A write's transaction: the connection it began on, once its BEGIN is sent. */
interface WriteTransaction {
  route: DirectRoute;
  connection?: pg.PoolClient;
}

const writeTransactions = new AsyncLocalStorage<WriteTransaction>();

/**
 * Runs `fn`, which opens one Prisma transaction on `prisma`, so that `rawRows` inside it goes
 * straight to the transaction's connection. Nothing changes for the embedded database.
 */
export function inWriteTransaction<T>(prisma: PrismaClient, fn: () => Promise<T>): Promise<T> {
  const route = routes.get(prisma);
  return route ? writeTransactions.run({ route }, fn) : fn();
}

/** The pool's connections: `connection` has just sent BEGIN (for the write transaction running, if any). */
export function transactionBegun(connection: pg.PoolClient): void {
  const write = writeTransactions.getStore();
  if (write && !write.connection) write.connection = connection;
}

/** openDatabase: statements given to `rawRows` with this client go through `route.pool`. */
export function routeDirectly(prisma: PrismaClient, route: DirectRoute): void {
  routes.set(prisma, route);
}

const TIMESTAMP = 1114; // timestamp without time zone: how Prisma stores DateTime (as UTC)

/**
 * pg's parsers, except for `timestamp`: pg reads it as local time, Prisma as UTC (both paths must
 * give the same Date whatever the server's time zone).
 */
const prismaLikeTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : (pg.types.getTypeParser as (oid: number, format?: "text" | "binary") => unknown)(
          oid,
          format,
        )) as pg.CustomTypesConfig["getTypeParser"],
};

/** The rows of `sql`, as `$queryRaw` gives them for text, number, boolean, array, json and timestamp columns. */
export async function rawRows<T>(prisma: Pick<PrismaClient, "$queryRaw">, sql: Prisma.Sql): Promise<T[]> {
  const root = routes.get(prisma);
  const write = root ? undefined : writeTransactions.getStore();
  const route = root ?? write?.route;
  const target = root ? root.pool : write?.connection;
  if (!route || !target) return prisma.$queryRaw<T[]>(sql);
  const started = performance.now();
  const { rows } = await target.query<T & pg.QueryResultRow>({
    text: sql.text,
    values: sql.values,
    types: prismaLikeTypes,
  });
  route.observe?.(performance.now() - started, sql.text);
  return rows;
}
