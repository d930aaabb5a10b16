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

export type DatabaseKind = "embedded" | "postgresql";

export interface Database {
  prisma: PrismaClient;
  kind: DatabaseKind;
  /** migrations applied by this open (empty when the database was up to date) */
  appliedMigrations: string[];
  close(): Promise<void>;
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
}

export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  const migrate = options.migrate ?? true;
  if (options.databaseUrl) {
    let appliedMigrations: string[] = [];
    if (migrate) appliedMigrations = await withPgClient(options.databaseUrl, (c) => applyMigrations(c));
    const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: options.databaseUrl }) });
    return { prisma, kind: "postgresql", appliedMigrations, close: () => prisma.$disconnect() };
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
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const db = pglite;
  return {
    prisma,
    kind: "embedded",
    appliedMigrations,
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
    return await fn({ query: (sql, params) => client.query(sql, params as unknown[]), exec: (sql) => client.query(sql) });
  } finally {
    await client.end();
  }
}
