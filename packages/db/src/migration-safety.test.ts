// The expand/contract rule, checked on every migration added since the previous release, and
// the released migrations checked unchanged (a changed one would be refused at start anyway: its
// checksum differs). npm run test:scaled then runs the previous release on the new schema.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readMigrations } from "./migrations.ts";
import { unsafeStatements } from "./migration-safety.ts";
import { previousRelease } from "./previous-release.ts";

const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const git = (args: string[]) => spawnSync("git", ["-C", REPO_ROOT, ...args], { encoding: "utf8" });

describe("the expand/contract check itself", () => {
  it("flags what the previous release could trip on, and lets expand steps and new tables through", () => {
    const unsafe = [
      `DROP TABLE "Feedback";`,
      `ALTER TABLE "Task" DROP COLUMN "estimateMinutes";`,
      `ALTER TABLE "Task" RENAME COLUMN "title" TO "name";`,
      `ALTER TABLE "Task" ALTER COLUMN "title" SET DATA TYPE VARCHAR(50);`,
      `ALTER TABLE "Task" ALTER COLUMN "dueAt" SET NOT NULL;`,
      `ALTER TABLE "Task" ADD COLUMN "colour" TEXT NOT NULL;`,
      `CREATE UNIQUE INDEX "Task_title_key" ON "Task"("title");`,
      `ALTER TYPE "TaskStatus" RENAME VALUE 'doing' TO 'active';`,
    ];
    for (const sql of unsafe) expect(unsafeStatements(sql), sql).toHaveLength(1);
    const safe = [
      `ALTER TABLE "Task" ADD COLUMN "colour" TEXT;`,
      `ALTER TABLE "Task" ADD COLUMN "colour" TEXT NOT NULL DEFAULT 'grey';`,
      `CREATE INDEX "Task_colour_idx" ON "Task"("colour");`,
      `ALTER TYPE "TaskStatus" ADD VALUE 'paused';`,
      `CREATE TABLE "Label" ("id" UUID NOT NULL, "name" TEXT NOT NULL); CREATE UNIQUE INDEX "Label_name_key" ON "Label"("name"); ALTER TABLE "Label" ALTER COLUMN "name" SET NOT NULL;`,
      // a contract step says which release stopped using what it removes
      `-- contract: v0.3.0 no longer reads Task.legacyNote\nALTER TABLE "Task" DROP COLUMN "legacyNote";`,
    ];
    for (const sql of safe) expect(unsafeStatements(sql), sql).toEqual([]);
  });
});

const release = previousRelease(REPO_ROOT);
const tag = release?.commit;
(release ? describe : describe.skip)(
  `migrations since the previous release${release ? ` (${release.version})` : " (skipped: not a git checkout)"}`,
  () => {
    const released = tag
      ? git(["ls-tree", "--name-only", `${tag}:packages/db/prisma/migrations`])
          .stdout.split("\n")
          .filter((n) => /^\d+_/.test(n))
      : [];

    it("leaves the released migrations exactly as they were", () => {
      expect(released.length).toBeGreaterThan(0);
      const current = new Map(readMigrations().map((m) => [m.name, m.sql]));
      for (const name of released) {
        expect(current.has(name), `${name} was removed`).toBe(true);
        expect(current.get(name), `${name} was changed`).toBe(
          git(["show", `${tag}:packages/db/prisma/migrations/${name}/migration.sql`]).stdout,
        );
      }
    });

    it("only expands the schema (or says which release a contract step waited for)", () => {
      const added = readMigrations().filter((m) => !released.includes(m.name));
      for (const m of added) expect(unsafeStatements(m.sql), m.name).toEqual([]);
    });
  },
);
