// npm run db:seed — empties the database (DATABASE_URL, or the embedded one) and fills it with
// the demo data. Every demo account signs in with the same password, printed at the end.
import { resolve } from "node:path";
import { openDatabase } from "../client.ts";
import { holdDataFolder } from "../backup/control-socket.ts";
import { dataDirFromEnv, databaseUrlFromEnv } from "./paths.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, resetDatabase, seedDemoData } from "../seed/index.ts";

// the data folder as the server finds it (relative to the repository root)
const dataDir = dataDirFromEnv();
// PGlite is one process's: refuse while a server holds the folder, and keep a server from starting meanwhile
const hold = databaseUrlFromEnv()
  ? null
  : await holdDataFolder(dataDir, "seed").catch((error: Error) => {
      console.error(`${error.message}: stop the server first.`);
      process.exit(1);
    });

try {
  const started = performance.now();
  const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    if (db.appliedMigrations.length)
      console.log(`Applied ${db.appliedMigrations.length} migration(s): ${db.appliedMigrations.join(", ")}`);
    await resetDatabase(db.prisma);
    const counts = await seedDemoData(db.prisma);
    const where =
      db.kind === "embedded" ? `embedded database in ${resolve(dataDir)}` : "PostgreSQL database (DATABASE_URL)";
    console.log(
      `Seeded the ${where}: ${counts.users} users, ${counts.workOrders} work orders, ${counts.tasks} tasks, ` +
        `${counts.messages} messages (${Math.round(performance.now() - started)} ms).`,
    );
    console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD})`);
    const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
    for (const a of DEMO_ACCOUNTS)
      console.log(`  ${a.email.padEnd(width)}  ${a.role.padEnd(8)} ${a.name} — ${a.description}`);
  } finally {
    await db.close();
    await hold?.close();
  }
} catch (error) {
  console.error("Seeding failed:", error);
  process.exit(1);
}
