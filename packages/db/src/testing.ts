// Fresh databases for tests, one per test file, already migrated and seeded with the demo data.
// The template is built once per run (global setup); each file gets its own copy:
// - embedded: a PGlite data dir dumped to a tarball, loaded into an in-memory PGlite per file;
// - PostgreSQL (TEST_DATABASE_URL): a template database, copied with CREATE DATABASE … TEMPLATE.
// The demo data is relative to "today" in Tokyo (today's check-ins, due dates, reviews in three
// weeks). A run that crosses midnight there would copy yesterday's data into today's tests, so a
// file opened on a later day than the template was seeded for gets a template of that day,
// built once by whichever test process needs it first (templateForToday).
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { companyDay } from "@crewboard/domain";
import { openDatabase, withPgClient, type Database } from "./client.ts";
import { seedDemoData } from "./seed/index.ts";

export type TestDatabaseKind = "embedded" | "postgresql";

/** The templates a test run built (its global setup) and the Tokyo day their demo data is for. */
export interface TestTemplates {
  embeddedFile?: string;
  postgresServerUrl?: string;
  postgresTemplate?: string;
  /** `companyDay()` of the seed's "now"; without it the templates are used whatever the day */
  seededOn?: string;
}

/**
 * Builds the embedded template and writes it to `file`; `now` is the demo data's "now".
 * Returns the Tokyo day the data is for (`TestTemplates.seededOn`).
 */
export async function buildEmbeddedTemplate(file: string, now = new Date()): Promise<string> {
  const pglite = new PGlite();
  const db = await openDatabase({ pglite });
  await seedDemoData(db.prisma, { now });
  await db.prisma.$disconnect();
  const dump = await pglite.dumpDataDir("gzip");
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await pglite.close();
  return companyDay(now);
}

function databaseUrlWithName(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Builds (or rebuilds) the PostgreSQL template database; returns its name. */
export async function buildPostgresTemplate(serverUrl: string, name: string, now = new Date()): Promise<string> {
  await withPgClient(serverUrl, async (c) => {
    await c.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.exec(`CREATE DATABASE "${name}"`);
  });
  const db = await openDatabase({ databaseUrl: databaseUrlWithName(serverUrl, name) });
  await seedDemoData(db.prisma, { now });
  await db.close();
  return name;
}

export async function dropPostgresDatabase(serverUrl: string, name: string): Promise<void> {
  await withPgClient(serverUrl, (c) => c.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** The name of a later day's copy of a template (file or database), beside the run's own. */
export function templateOfDay(name: string, day: string): string {
  return `${name}_${day.replaceAll("-", "")}`;
}

/**
 * The templates to copy today: the run's own while it is still the day they were seeded for,
 * otherwise today's (built here if no test process has yet). The global teardown removes every
 * day's copy with the run's own (`dropPostgresTemplates`, and the embedded files share its folder).
 */
export async function templateForToday(templates: TestTemplates, kind: TestDatabaseKind): Promise<TestTemplates> {
  const today = companyDay();
  if (!templates.seededOn || templates.seededOn === today) return templates;
  if (kind === "embedded") {
    const file = templateOfDay(templates.embeddedFile!, today);
    if (!existsSync(file)) {
      // processes that get here together each build one; the rename makes whichever is last the file
      const building = `${file}.${process.pid}.${randomBytes(3).toString("hex")}`;
      await buildEmbeddedTemplate(building);
      renameSync(building, file);
    }
    return { ...templates, embeddedFile: file, seededOn: today };
  }
  const server = templates.postgresServerUrl!;
  const name = templateOfDay(templates.postgresTemplate!, today);
  await withPgClient(server, async (c) => {
    // one builder per day across the test processes; the others wait for it, then copy its database
    await c.query("SELECT pg_advisory_lock(hashtext($1))", [name]);
    try {
      const { rows } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (rows.length === 0) {
        // built under another name and renamed when whole: a builder that dies half-way leaves
        // no template for the others to copy (the teardown drops its leftover with the rest)
        const building = `${name}_building_${process.pid}`;
        await buildPostgresTemplate(server, building);
        await c.exec(`ALTER DATABASE "${building}" RENAME TO "${name}"`);
      }
    } finally {
      await c.query("SELECT pg_advisory_unlock(hashtext($1))", [name]);
    }
  });
  return { ...templates, postgresTemplate: name, seededOn: today };
}

/** Drops the run's PostgreSQL template and every later day's copy of it. */
export async function dropPostgresTemplates(serverUrl: string, name: string): Promise<void> {
  const { rows } = await withPgClient(serverUrl, (c) =>
    c.query("SELECT datname FROM pg_database WHERE datname = $1 OR starts_with(datname, $2)", [name, `${name}_`]),
  );
  // each is tried: one that cannot be dropped does not keep the others
  const dropped = await Promise.allSettled(
    (rows as { datname: string }[]).map(({ datname }) => dropPostgresDatabase(serverUrl, datname)),
  );
  const failed = dropped.find((d) => d.status === "rejected");
  if (failed) throw failed.reason;
}

export interface TestDatabase extends Database {
  /** drops the per-file database (PostgreSQL) after closing */
  destroy(): Promise<void>;
  /** PostgreSQL: this file's own database (for tools such as pg_dump); unset for the embedded one */
  url?: string;
}

export async function openTestDatabase(
  kind: TestDatabaseKind,
  templates: TestTemplates,
  options: { observeQueries?: boolean } = {},
): Promise<TestDatabase> {
  const template = await templateForToday(templates, kind);
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
