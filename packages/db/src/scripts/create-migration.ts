// Creates prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
// committed migrations and prisma/schema.prisma, without Prisma's downloadable native engine
// (see ../schema-diff.ts). Usage: npm run db:migration:create -- add_something
import { writeFileSync, mkdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { MIGRATIONS_DIR } from "../migrations.ts";
import { diffMigrationsToSchema, MIGRATION_LOCK } from "../schema-diff.ts";

const name = (process.argv[2] ?? "")
  .trim()
  .replace(/[^a-z0-9_]+/gi, "_")
  .toLowerCase();
if (!name) {
  console.error("Usage: npm run db:migration:create -- <name>");
  process.exit(2);
}

const lockPath = join(MIGRATIONS_DIR, "migration_lock.toml");
if (!existsSync(lockPath)) {
  mkdirSync(MIGRATIONS_DIR, { recursive: true });
  writeFileSync(lockPath, MIGRATION_LOCK);
}
const result = await diffMigrationsToSchema({ log: (msg) => process.env.DEBUG && console.error(msg) });

if (result.upToDate) {
  console.log("The schema matches the migrations: nothing to create.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(MIGRATIONS_DIR, `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, "migration.sql"), result.sql);
console.log(`Created ${dir}/migration.sql`);
// The engine leaves a timer pending.
process.exit(0);
