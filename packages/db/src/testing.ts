// Fresh databases for tests, one per test file, already migrated and seeded with the demo data.
// The template is built once per run (global setup); each file gets its own copy:
// - embedded: a PGlite data dir dumped to a tarball, loaded into an in-memory PGlite per file;
// - PostgreSQL (TEST_DATABASE_URL): a template database, copied with CREATE DATABASE … TEMPLATE.
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, withPgClient, type Database } from "./client.ts";
import { seedDemoData } from "./seed/index.ts";

export type TestDatabaseKind = "embedded" | "postgresql";

/** Builds the embedded template and writes it to `file`. */
export async function buildEmbeddedTemplate(file: string): Promise<void> {
  const pglite = new PGlite();
  const db = await openDatabase({ pglite });
  await seedDemoData(db.prisma);
  await db.prisma.$disconnect();
  const dump = await pglite.dumpDataDir("gzip");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
}

function databaseUrlWithName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Builds (or rebuilds) the PostgreSQL template database; returns its name. */
export async function buildPostgresTemplate(serverUrl: string, name: string): Promise<string> {
  await withPgClient(serverUrl, async (c) => {
    await c.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.exec(`CREATE DATABASE "${name}"`);
  });
  const db = await openDatabase({ databaseUrl: databaseUrlWithName(serverUrl, name) });
  await seedDemoData(db.prisma);
  await db.close();
  return name;
}

export async function dropPostgresDatabase(serverUrl: string, name: string): Promise<void> {
  await withPgClient(serverUrl, (c) => c.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

export interface TestDatabase extends Database {
  /** drops the per-file database (PostgreSQL) after closing */
  destroy(): Promise<void>;
  /** PostgreSQL: this file's own database (for tools such as pg_dump); unset for the embedded one */
  url?: string;
}

export async function openTestDatabase(
  kind: TestDatabaseKind,
  template: { embeddedFile?: string; postgresServerUrl?: string; postgresTemplate?: string },
  options: { observeQueries?: boolean } = {},
): Promise<TestDatabase> {
  if (kind === "embedded") {
    if (!template.embeddedFile) throw new Error("no embedded template: is the vitest global setup configured?");
    const pglite = new PGlite({ loadDataDir: new Blob([readFileSync(template.embeddedFile)]) });
    const db = await openDatabase({ pglite, ...options });
    return {
      ...db,
      close: async () => {
        await db.close();
        await pglite.close();
      },
      destroy: async () => {
        await db.close();
        await pglite.close();
      },
    };
  }
  const server = template.postgresServerUrl;
  if (!server || !template.postgresTemplate) throw new Error("no PostgreSQL template: TEST_DATABASE_URL is not set");
  const name = `crewboard_test_${randomBytes(6).toString("hex")}`;
  await withPgClient(server, (c) => c.exec(`CREATE DATABASE "${name}" TEMPLATE "${template.postgresTemplate}"`));
  const db = await openDatabase({ databaseUrl: databaseUrlWithName(server, name), ...options });
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await db.close();
  };
  return {
    ...db,
    url: databaseUrlWithName(server, name),
    close,
    destroy: async () => {
      await close();
      await dropPostgresDatabase(server, name);
    },
  };
}
export { previousRelease, type Release } from "./previous-release.ts";
