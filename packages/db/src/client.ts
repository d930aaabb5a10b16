// One Prisma client, two databases: an embedded PGlite in a data folder (the default, no
// server needed) or a PostgreSQL server when a connection string is given.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { applyMigrations, type SqlRunner } from "./migrations.ts";
import { dumpPglite } from "./backup/dump-pglite.ts";
import { routeDirectly } from "./queries/direct.ts";
import { watchTransactionStatements } from "./queries/transaction-statements.ts";

export type DatabaseKind = "embedded" | "postgresql";

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** migrations applied by this open (empty when the database was up to date) */
  appliedMigrations: string[];
  /** PostgreSQL: the connection pool's use right now (for metrics); the embedded database has one connection and no pool */
  poolStats?: () => PoolStats;
  /** embedded: a consistent backup of the database folder (a gzipped tar; see backup/backup.ts) */
  backup?: () => Promise<Uint8Array>;
  /** when opened with `observeQueries`: calls `listener` with each statement's duration in milliseconds and its text (metrics, statement counts) */
  onQuery?: (listener: QueryListener) => void;
  close(): Promise<void>;
}

export interface PoolStats {
  /** connections open, busy or idle */
  total: number;
  idle: number;
  /** queries waiting for a connection */
  waiting: number;
  max: number;
}

export interface OpenDatabaseOptions {
  /** postgres://… — when absent, the embedded database is used */
  databaseUrl?: string | undefined;
  /** folder of the embedded database; default ./.data */
  dataDir?: string | undefined;
  /** an already open PGlite (tests hand in an in-memory one) */
  pglite?: PGlite | undefined;
  /** apply pending migrations before returning (default true) */
  migrate?: boolean;
  /** report each query's duration through `Database.onQuery` (Prisma query events; off by default, they cost a little) */
  observeQueries?: boolean;
}

export type QueryListener = (durationMs: number, statement: string) => void;

/**
 * Prisma with query events when asked; `onQuery` hands them, and the statements sent directly
 * (queries/direct.ts), to listeners through `observe`.
 */
function prismaClient(
  adapter: PrismaPg | PrismaPGlite,
  observe: boolean,
): Pick<Database, "prisma" | "onQuery"> & { observe?: QueryListener } {
  if (!observe) return { prisma: new PrismaClient({ adapter }) };
  const prisma = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
  const listeners: QueryListener[] = [];
  const notify: QueryListener = (durationMs, statement) => {
    for (const l of listeners) l(durationMs, statement);
  };
  prisma.$on("query", (e) => notify(e.duration, e.query));
  return { prisma, onQuery: (listener) => void listeners.push(listener), observe: notify };
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const migrate = options.migrate ?? true;
  if (options.databaseUrl) {
    let appliedMigrations: string[] = [];
    if (migrate) appliedMigrations = await withPgClient(options.databaseUrl, (c) => applyMigrations(c));
    // Our own pool (the adapter would make the same one) so that its use can be measured.
    const pool = new pg.Pool({ connectionString: options.databaseUrl });
    // An idle connection that the server ends (a restart, a failover, a test database dropped with
    // FORCE) is not a crash: the pool opens a new one for the next query, and the query that needs
    // the database answers 503 meanwhile. Prisma's adapter listens too, but stops at $disconnect,
    // so without this an idle connection ended during close() would be an unhandled 'error' (57P01).
    pool.on("error", () => undefined);
    pool.on("connect", watchTransactionStatements);
    const { prisma, onQuery, observe } = prismaClient(new PrismaPg(pool), options.observeQueries ?? false);
    routeDirectly(prisma, { pool, observe });
    return {
      prisma,
      kind: "postgresql",
      appliedMigrations,
      onQuery,
      poolStats: () => ({
        total: pool.totalCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
        max: pool.options.max ?? 10,
      }),
      async close() {
        await prisma.$disconnect();
        await pool.end();
      },
    };
  }

  let pglite = options.pglite;
  const ownsPglite = !pglite;
  if (!pglite) {
    const dataDir = resolve(options.dataDir ?? ".data", "pglite");
    // PGlite fails with an opaque "External error" when the parent folder is missing.
    mkdirSync(dirname(dataDir), { recursive: true });
    pglite = new PGlite(dataDir);
  }
  const appliedMigrations = migrate ? await applyMigrations(pglite) : [];
  const { prisma, onQuery } = prismaClient(new PrismaPGlite(pglite), options.observeQueries ?? false);
  const db = pglite;
  return {
    prisma,
    kind: "embedded",
    appliedMigrations,
    onQuery,
    backup: () => dumpPglite(db),
    async close() {
      await prisma.$disconnect();
      if (ownsPglite) await db.close();
    },
  };
}

/** Runs `fn` with a plain `pg` client (migrations, creating test databases). */
export async function withPgClient<T>(connectionString: string, fn: (client: SqlRunner) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn({
      query: (sql, params) => client.query(sql, params as unknown[]),
      exec: (sql) => client.query(sql),
    });
  } finally {
    await client.end();
  }
}
