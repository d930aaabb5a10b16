// prisma/schema.prisma and the committed migrations must describe the same database: a schema
// change without its migration (npm run db:migration:create -- <name>) fails here, offline.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffMigrationsToSchema, SCHEMA_PATH } from "./schema-diff.ts";

// The schema engine replays every migration into an in-memory shadow database: seconds, more on
// a busy machine.
const ENGINE_TIMEOUT = 180_000;

describe("schema.prisma against the migrations", () => {
  it(
    "the migrations produce exactly prisma/schema.prisma",
    async () => {
      const diff = await diffMigrationsToSchema();
      expect(
        diff.sql,
        "prisma/schema.prisma differs from prisma/migrations: run npm run db:migration:create -- <name>",
      ).toBe("");
      expect(diff.upToDate).toBe(true);
    },
    ENGINE_TIMEOUT,
  );

  it(
    "a schema change without a migration is caught, with the SQL it lacks",
    async () => {
      const schema = readFileSync(SCHEMA_PATH, "utf8");
      const changed = schema.replace(/^model Team \{\n/m, "model Team {\n  schemaDiffProbe String?\n");
      expect(changed).not.toBe(schema);
      const diff = await diffMigrationsToSchema({ schema: changed });
      expect(diff.upToDate).toBe(false);
      expect(diff.sql).toMatch(/ALTER TABLE "Team" ADD COLUMN\s+"schemaDiffProbe" TEXT/);
    },
    ENGINE_TIMEOUT,
  );
});
