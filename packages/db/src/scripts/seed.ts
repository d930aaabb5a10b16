// npm run db:seed — empties the database (DATABASE_URL, or the embedded one) and fills it with
// the demo data. Every demo account signs in with the same password, printed at the end.
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openDatabase } from "../client.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, resetDatabase, seedDemoData } from "../seed/index.ts";

// npm runs workspace scripts in packages/db: default to the repository root's .data folder.
const REPO_ROOT = fileURLToPath(new URL("../../../..", import.meta.url));
const dataDir = process.env.CREWBOARD_DATA_DIR ?? resolve(REPO_ROOT, ".data");

try {
  const started = performance.now();
  const db = await openDatabase({ databaseUrl: process.env.DATABASE_URL, dataDir });
  try {
    if (db.appliedMigrations.length) console.log(`Applied ${db.appliedMigrations.length} migration(s): ${db.appliedMigrations.join(", ")}`);
    await resetDatabase(db.prisma);
    const counts = await seedDemoData(db.prisma);
    const where = db.kind === "embedded" ? `embedded database in ${resolve(dataDir)}` : "PostgreSQL database (DATABASE_URL)";
    console.log(
      `Seeded the ${where}: ${counts.users} users, ${counts.workOrders} work orders, ${counts.tasks} tasks, ` +
        `${counts.messages} messages (${Math.round(performance.now() - started)} ms).`,
    );
    console.log(`\nDemo logins (password for all: ${DEMO_PASSWORD})`);
    const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.email.length));
    for (const a of DEMO_ACCOUNTS) console.log(`  ${a.email.padEnd(width)}  ${a.role.padEnd(8)} ${a.name} — ${a.description}`);
  } finally {
    await db.close();
  }
} catch (error) {
  console.error("Seeding failed:", error);
  process.exit(1);
}
