// A hot read's hand-written statement sent straight through the pg pool behind Prisma's adapter
// (issue 14): `$queryRaw` costs ~0.7 ms of CPU per board page on top of the driver (the query
// engine's request, its tracing span, the adapter's result conversion), for a statement Prisma adds
// nothing to. Only a client that openDatabase registered, which is the plain client of a PostgreSQL
// database: a transaction's client, an extended client or the embedded database are other objects
// and keep `$queryRaw`, so a statement inside a transaction stays in it.
import pg from "pg";
import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

export interface DirectRoute {
  pool: pg.Pool;
  /** the Database's query listeners (metrics, statement counts), as Prisma's query events would call them */
  observe?: ((durationMs: number, statement: string) => void) | undefined;
}

const routes = new WeakMap<object, DirectRoute>();

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
  const route = routes.get(prisma);
  if (!route) return prisma.$queryRaw<T[]>(sql);
  const started = performance.now();
  const { rows } = await route.pool.query<T & pg.QueryResultRow>({
    text: sql.text,
    values: sql.values,
    types: prismaLikeTypes,
  });
  route.observe?.(performance.now() - started, sql.text);
  return rows;
}
