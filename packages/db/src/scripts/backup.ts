// npm run db:backup -- [--out FILE]
// Embedded: a consistent copy of the data folder (CREWBOARD_DATA_DIR), taken through the running
// server's control socket, or from the folder when no server holds it. PostgreSQL (DATABASE_URL):
// pg_dump in its custom format.
import { parseArgs } from "node:util";
import { backupEmbedded, backupPostgres, checkBackupTarget } from "../backup/backup.ts";
import { dataDirFromEnv, databaseUrlFromEnv, userPath } from "./paths.ts";

const { values } = parseArgs({ options: { out: { type: "string" } }, allowPositionals: false });
const databaseUrl = databaseUrlFromEnv();
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const file = userPath(
  values.out ?? `crewboard-${databaseUrl ? "postgresql" : "embedded"}-${stamp}.${databaseUrl ? "dump" : "tar.gz"}`,
);

try {
  checkBackupTarget(file);
  const started = performance.now();
  const result = databaseUrl ? await backupPostgres(databaseUrl, file) : await backupEmbedded(dataDirFromEnv(), file);
  const how = {
    server: "through the running server",
    folder: "from the data folder (no server was running)",
    pg_dump: "with pg_dump",
  }[result.through];
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `Backed up the ${databaseUrl ? "PostgreSQL" : "embedded"} database ${how} to ${file}: ${(result.bytes / 1024 / 1024).toFixed(1)} MB in ${seconds} s.`,
  );
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
