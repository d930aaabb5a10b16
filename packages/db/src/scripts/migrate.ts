// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded database.
import { openDatabase } from "../client.ts";

const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir: process.env.CREWBOARD_DATA_DIR });
console.log(
  db.appliedMigrations.length
    ? `Applied ${db.appliedMigrations.length} migration(s) to the ${db.kind} database: ${db.appliedMigrations.join(", ")}`
    : `The ${db.kind} database is up to date.`,
);
await db.close();
