// Backups and restores, for both databases.
//
// Embedded (PGlite in the data folder): a backup is a gzipped tar of the database folder, taken by
// the process that holds the folder — through the running server's control socket, or by opening
// the folder when no server does. It is taken inside a transaction of its own after a CHECKPOINT,
// so no write is half in it. A restore loads it into a new folder beside the old one, checks it
// opens, and only then swaps the two: a failed restore leaves the old folder as it was.
//
// PostgreSQL: pg_dump in its custom format, and pg_restore in one transaction.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { PGlite } from "@electric-sql/pglite";
import { withPgClient } from "../client.ts";
import { askStatus, holdDataFolder, requestBackup } from "./control-socket.ts";
import { dumpPglite } from "./dump-pglite.ts";

export { dumpPglite };

/** The database folder inside the data folder (as openDatabase opens it). */
export const pgliteDir = (dataDir: string) => join(dataDir, "pglite");

export interface BackupResult {
  file: string;
  bytes: number;
  /** "server": taken by the running server; "folder": no server held the folder, it was opened here */
  through: "server" | "folder" | "pg_dump";
}

/** Writes `file` only once complete: a failed backup never leaves a truncated file under the name. */
async function writeAtomically(file: string, source: Readable): Promise<number> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    await pipeline(source, createWriteStream(partial, { mode: 0o600 }));
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return statSync(file).size;
}

export async function backupEmbedded(dataDir: string, file: string): Promise<BackupResult> {
  if (await askStatus(dataDir)) {
    const bytes = await writeAtomically(file, await requestBackup(dataDir));
    return { file, bytes, through: "server" };
  }
  if (!existsSync(join(pgliteDir(dataDir), "PG_VERSION")))
    throw new Error(`there is no embedded database in ${dataDir}`);
  // Nobody holds the folder: hold it ourselves (a server starting meanwhile refuses) and open it.
  const hold = await holdDataFolder(dataDir, "backup");
  try {
    const pglite = new PGlite(pgliteDir(dataDir));
    try {
      const bytes = await writeAtomically(file, Readable.from([await dumpPglite(pglite)]));
      return { file, bytes, through: "folder" };
    } finally {
      await pglite.close();
    }
  } finally {
    await hold.close();
  }
}

/** What kind of backup a file is: a PGlite folder (gzip) or a pg_dump archive (custom format). */
export function backupKind(file: string): "embedded" | "pg_dump" | "unknown" {
  const head = readFileSync(file).subarray(0, 5);
  if (head[0] === 0x1f && head[1] === 0x8b) return "embedded";
  if (head.toString("latin1") === "PGDMP") return "pg_dump";
  return "unknown";
}

export class RestoreRefused extends Error {}

export async function restoreEmbedded(dataDir: string, file: string, options: { force: boolean }): Promise<void> {
  if (backupKind(file) !== "embedded") throw new RestoreRefused(`${file} is not a backup of the embedded database`);
  const holder = await askStatus(dataDir);
  if (holder)
    throw new RestoreRefused(
      `stop the server first: the data folder ${dataDir} is in use (${holder.holder}, pid ${holder.pid})`,
    );
  const target = pgliteDir(dataDir);
  const hasData = existsSync(target) && readdirSync(target).length > 0;
  if (hasData && !options.force)
    throw new RestoreRefused(`${target} already holds a database; add --force to replace it with the backup`);
  const hold = await holdDataFolder(dataDir, "restore");
  const fresh = `${target}.restoring-${process.pid}`;
  const old = `${target}.replaced-${process.pid}`;
  try {
    rmSync(fresh, { recursive: true, force: true });
    const pglite = new PGlite(fresh, { loadDataDir: new Blob([readFileSync(file)]) });
    // it must open and be a Crewboard database before it replaces anything
    await pglite.query(`SELECT count(*) FROM "_prisma_migrations"`);
    await pglite.close();
    if (hasData || existsSync(target)) renameSync(target, old);
    renameSync(fresh, target);
    rmSync(old, { recursive: true, force: true });
  } catch (error) {
    rmSync(fresh, { recursive: true, force: true });
    if (!existsSync(target) && existsSync(old)) renameSync(old, target);
    throw error;
  } finally {
    await hold.close();
  }
}

/** Runs a PostgreSQL client program; rejects with its error output when it fails. */
function run(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => {
      stderr += c.toString();
      process.stderr.write(c);
    });
    child.on("error", (error) =>
      reject(new Error(`could not run ${program} (is the PostgreSQL client installed?): ${error.message}`)),
    );
    child.on("exit", (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${program} failed (exit code ${code}): ${stderr.trim().split("\n").at(-1) ?? ""}`)),
    );
  });
}

export async function backupPostgres(databaseUrl: string, file: string): Promise<BackupResult> {
  const partial = `${file}.partial-${process.pid}`;
  try {
    // custom format: compressed, and pg_restore can restore it into another database
    await run("pg_dump", [
      "--format=custom",
      "--no-owner",
      "--no-privileges",
      `--file=${partial}`,
      `--dbname=${databaseUrl}`,
    ]);
    renameSync(partial, file);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return { file, bytes: statSync(file).size, through: "pg_dump" };
}

export async function restorePostgres(databaseUrl: string, file: string, options: { force: boolean }): Promise<void> {
  if (backupKind(file) !== "pg_dump") throw new RestoreRefused(`${file} is not a pg_dump archive (custom format)`);
  const tables = await withPgClient(databaseUrl, async (c) => {
    const { rows } = await c.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`);
    return (rows[0] as { n: number }).n;
  });
  if (tables > 0 && !options.force)
    throw new RestoreRefused(
      `the database already holds ${tables} tables; add --force to replace them with the backup`,
    );
  if (tables === 0) {
    // one transaction: a failed restore leaves the database as it was (empty)
    await run("pg_restore", [
      "--no-owner",
      "--no-privileges",
      "--exit-on-error",
      "--single-transaction",
      `--dbname=${databaseUrl}`,
      file,
    ]);
    return;
  }
  // --force: the schema is emptied and restored in ONE transaction (pg_restore's own --clean would
  // keep tables the backup does not know, e.g. from a newer migration, and is not atomic with it)
  await replaceSchema(databaseUrl, file);
}

async function replaceSchema(databaseUrl: string, file: string): Promise<void> {
  const restore = spawn("pg_restore", ["--no-owner", "--no-privileges", "--file=-", file], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const psql = spawn(
    "psql",
    [
      "-X",
      "-q",
      "-v",
      "ON_ERROR_STOP=1",
      "--single-transaction",
      "-c",
      "DROP SCHEMA public CASCADE",
      "-c",
      "CREATE SCHEMA public",
      "-f",
      "-",
      databaseUrl,
    ],
    { stdio: ["pipe", "ignore", "pipe"] },
  );
  restore.stdout.pipe(psql.stdin);
  let stderr = "";
  psql.stderr.on("data", (c: Buffer) => {
    stderr += c.toString();
    process.stderr.write(c);
  });
  const exitOf = (child: ChildProcess) =>
    new Promise<number | null>((resolve, reject) => {
      child.on("error", reject);
      child.on("exit", (code) => resolve(code));
    });
  const [restoreCode, psqlCode] = await Promise.all([exitOf(restore), exitOf(psql)]);
  if (restoreCode !== 0 || psqlCode !== 0) {
    throw new Error(
      `the restore failed (pg_restore ${restoreCode}, psql ${psqlCode}): ${stderr.trim().split("\n").at(-1) ?? ""}`,
    );
  }
}

/** The folder a backup file is written into must exist (a clear message rather than ENOENT). */
export function checkBackupTarget(file: string): void {
  if (!existsSync(dirname(file))) throw new Error(`the folder ${dirname(file)} does not exist`);
}
