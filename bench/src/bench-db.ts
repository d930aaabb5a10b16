// The database of one bench run: a fresh PostgreSQL database (crewboard_bench_<random>) created
// on the server named by DATABASE_URL and dropped at the end, or, without DATABASE_URL, a fresh
// embedded (PGlite) data folder in the temporary directory, removed at the end.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openDatabase, type Database } from "@crewboard/db";

export interface BenchDatabase {
  kind: "postgresql" | "embedded";
  /** shown in the output: where the data lives */
  label: string;
  /** the variables that point the server under test at it */
  serverEnv: Record<string, string>;
  /** the arguments that point a bare baseline at the same data */
  baselineArgs: string[];
  /**
   * Opens it with the project's own database package (for seeding). On the embedded database only
   * one process may have it open: call this only while no server runs.
   */
  open(): Promise<Database>;
  /**
   * Writes the database's changed pages to disk now (CHECKPOINT), so that a checkpoint due to the
   * seeding does not land in a scenario; false when the server refused (CHECKPOINT needs a
   * superuser or pg_checkpoint). Null on the embedded database, which has none to force: its files
   * are flushed with the rest of the page cache (context.ts settleDisk).
   */
  checkpoint(): Promise<boolean | null>;
  drop(): Promise<void>;
}

export async function createBenchDatabase(databaseUrl: string | undefined): Promise<BenchDatabase> {
  if (databaseUrl) {
    const name = `crewboard_bench_${randomBytes(4).toString("hex")}`;
    await withClient(databaseUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    const benchUrl = url.toString();
    let dropped = false;
    return {
      kind: "postgresql",
      label: `PostgreSQL (database ${name} on ${url.host}, created for this run)`,
      serverEnv: { DATABASE_URL: benchUrl },
      baselineArgs: ["--pg", benchUrl],
      open: () => openDatabase({ databaseUrl: benchUrl, migrate: false }),
      checkpoint: () =>
        withClient(benchUrl, (c) => c.query("CHECKPOINT")).then(
          () => true,
          () => false,
        ),
      async drop() {
        if (dropped) return;
        dropped = true;
        await withClient(databaseUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "crewboard-bench-"));
  return {
    kind: "embedded",
    label: `embedded PGlite (${dir}, created for this run)`,
    serverEnv: { CREWBOARD_DATA_DIR: dir },
    // openDatabase keeps PGlite's files in <data dir>/pglite
    baselineArgs: ["--pglite", join(dir, "pglite")],
    open: () => openDatabase({ dataDir: dir, migrate: false }),
    checkpoint: async () => null,
    async drop() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function withClient<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
