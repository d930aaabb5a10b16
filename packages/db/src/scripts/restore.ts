// npm run db:restore -- FILE [--force]
// Embedded: replaces the data folder's database (CREWBOARD_DATA_DIR) with the backup; the server
// must be stopped. PostgreSQL (DATABASE_URL): pg_restore into the database, in one transaction.
// Either way an existing database is replaced only with --force.
import { parseArgs } from "node:util";
import { existsSync } from "node:fs";
import { restoreEmbedded, restorePostgres } from "../backup/backup.ts";
import { dataDirFromEnv, databaseUrlFromEnv, userPath } from "./paths.ts";

const { values, positionals } = parseArgs({
  options: { force: { type: "boolean", default: false } },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  console.error("Usage: npm run db:restore -- FILE [--force]");
  process.exit(2);
}
const file = userPath(positionals[0]!);
const databaseUrl = databaseUrlFromEnv();

try {
  if (!existsSync(file)) throw new Error(`${file} does not exist`);
  const started = performance.now();
  if (databaseUrl) await restorePostgres(databaseUrl, file, { force: values.force });
  else await restoreEmbedded(dataDirFromEnv(), file, { force: values.force });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Restored the ${databaseUrl ? "PostgreSQL" : "embedded"} database from ${file} in ${seconds} s.${databaseUrl ? "" : ` Data folder: ${dataDirFromEnv()}`}`,
  );
} catch (error) {
  console.error(`Restore refused or failed: ${(error as Error).message}`);
  process.exit(1);
}
