// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database.
import { openDatabase } from "../client.ts";
import { holdDataFolder } from "../backup/control-socket.ts";
import { dataDirFromEnv, databaseUrlFromEnv } from "./paths.ts";

// the data folder as the server finds it (relative to the repository root)
const dataDir = dataDirFromEnv();
// PGlite is one process's: refuse while a server holds the folder, and keep a server from starting meanwhile
const hold = databaseUrlFromEnv()
  ? null
  : await holdDataFolder(dataDir, "migrate").catch((error: Error) => {
      console.error(`${error.message}: stop the server first.`);
      process.exit(1);
    });

const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
console.log(
  db.appliedMigrations.length
    ? `Applied ${db.appliedMigrations.length} migration(s) to the ${db.kind} database: ${db.appliedMigrations.join(", ")}`
    : `The ${db.kind} database is up to date.`,
);
await db.close();
await hold?.close();
