// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../client.ts";

// npm runs workspace scripts in packages/db: default to the repository root's .data folder.
const REPO_ROOT = fileURLToPath(new URL("../../../..", import.meta.url));
const dataDir = process.env.CREWBOARD_DATA_DIR ?? resolve(REPO_ROOT, ".data");

const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
console.log(
  db.appliedMigrations.length
    ? `Applied ${db.appliedMigrations.length} migration(s) to the ${db.kind} database: ${db.appliedMigrations.join(", ")}`
    : `The ${db.kind} database is up to date.`,
);
await db.close();
