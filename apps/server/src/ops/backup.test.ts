// Backups that restore, with the commands an operator runs (npm run db:backup / db:restore):
// - embedded: the backup is taken THROUGH the running server (PGlite is one process's); write,
//   back up, write more, restore: exactly the backed-up data is there, table by table;
// - PostgreSQL: a pg_dump restored into a fresh database, and the server started on it.
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { withPgClient } from "@crewboard/db";
import { ApiClient } from "../test/api-client.ts";
import { runNpm, startServerProcess, type ServerProcess } from "../test/server-process.ts";

/** Every table's rows as a digest, from any SQL runner: what "exactly the same data" means. */
async function tableDigests(query: (sql: string) => Promise<{ rows: unknown[] }>): Promise<Record<string, string>> {
  const { rows } = await query(
    `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
  );
  const digests: Record<string, string> = {};
  for (const { name } of rows as { name: string }[]) {
    const { rows: d } = await query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h FROM "${name}" t`,
    );
    const row = d[0] as { n: number; h: string };
    digests[name] = `${row.n} rows ${row.h}`;
  }
  return digests;
}

const newOrder = (title: string) => ({
  title,
  description: "backup test",
  dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
});

describe("embedded backup and restore, through the running server", () => {
  let work: string;
  let server: ServerProcess | undefined;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "crewboard-backup-"));
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(work, { recursive: true, force: true });
  });

  it("write, back up, write more, restore: exactly the backed-up data", { timeout: 300_000 }, async () => {
    const dataDir = join(work, "data");
    const env = { CREWBOARD_DATA_DIR: dataDir, CREWBOARD_DEMO: "false" };
    // the demo database comes from the test template, itself a PGlite backup: a restore into an empty folder
    const seeded = await runNpm("db:restore", [inject("embeddedTemplateFile")], env);
    expect(seeded.code, seeded.output).toBe(0);

    server = await startServerProcess(env);
    const client = await new ApiClient(server.baseUrl).login("client-a1@crewboard.example");
    const manager = await new ApiClient(server.baseUrl).login("manager1@crewboard.example");
    const kept = await client.post("/work-orders", newOrder("Kept: written before the backup"));
    expect(kept.status, kept.text).toBe(201);
    const boardBefore = (await manager.get("/work-orders?limit=100")).body;

    const file = join(work, "backup.tar.gz");
    const started = performance.now();
    const backup = await runNpm("db:backup", ["--out", file], env);
    const seconds = (performance.now() - started) / 1000;
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain("through the running server");
    console.log(
      `embedded backup: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB in ${seconds.toFixed(1)} s (npm run db:backup, server running); ${backup.output.trim()}`,
    );

    const lost = await client.post("/work-orders", newOrder("Lost: written after the backup"));
    expect(lost.status, lost.text).toBe(201);
    const crew = await new ApiClient(server.baseUrl).login("crew1@crewboard.example");

    // while the server holds the folder: no second server, no restore
    const second = await startServerProcess(env, { waitReady: false });
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain("is in use by another process (server");
    const busy = await runNpm("db:restore", [file, "--force"], env);
    expect(busy.code).toBe(1);
    expect(busy.output).toContain("stop the server first");

    expect(await server.stop()).toBe(0);
    server = undefined;
    const refused = await runNpm("db:restore", [file], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain("add --force");
    const restored = await runNpm("db:restore", [file, "--force"], env);
    expect(restored.code, restored.output).toBe(0);

    // table by table, the restored folder holds exactly what the backup holds
    const fromBackup = new PGlite({ loadDataDir: new Blob([readFileSync(file)]) });
    const fromFolder = new PGlite(join(dataDir, "pglite"));
    try {
      const expected = await tableDigests((sql) => fromBackup.query(sql));
      expect(Object.keys(expected)).toContain("WorkOrder");
      expect(await tableDigests((sql) => fromFolder.query(sql))).toEqual(expected);
      const titles = (await fromFolder.query<{ title: string }>(`SELECT title FROM "WorkOrder"`)).rows.map(
        (r) => r.title,
      );
      expect(titles).toContain("Kept: written before the backup");
      expect(titles).not.toContain("Lost: written after the backup");
    } finally {
      await fromBackup.close();
      await fromFolder.close();
    }

    // and the server runs on it as it was at the backup: the same board, sessions of then and not of later
    server = await startServerProcess(env);
    const managerAgain = new ApiClient(server.baseUrl);
    managerAgain.cookie = manager.cookie;
    expect((await managerAgain.get("/work-orders?limit=100")).body).toEqual(boardBefore);
    const crewAgain = new ApiClient(server.baseUrl);
    crewAgain.cookie = crew.cookie;
    expect((await crewAgain.get("/me")).status).toBe(401);
  });
});

const pgServer = () => inject("postgresServerUrl");

(pgServer() ? describe : describe.skip)(
  `PostgreSQL backup and restore${pgServer() ? "" : " (skipped: TEST_DATABASE_URL not set)"}`,
  () => {
    const suffix = randomBytes(4).toString("hex");
    const source = `crewboard_backup_src_${suffix}`;
    const target = `crewboard_backup_dst_${suffix}`;
    const urlOf = (name: string) => Object.assign(new URL(pgServer()!), { pathname: `/${name}` }).toString();
    let work: string;
    let server: ServerProcess | undefined;

    beforeAll(async () => {
      work = mkdtempSync(join(tmpdir(), "crewboard-pgbackup-"));
      await withPgClient(pgServer()!, async (c) => {
        await c.exec(`CREATE DATABASE "${source}" TEMPLATE "${inject("postgresTemplate")}"`);
        await c.exec(`CREATE DATABASE "${target}"`);
      });
    });
    afterAll(async () => {
      await server?.stop();
      await withPgClient(pgServer()!, async (c) => {
        await c.exec(`DROP DATABASE IF EXISTS "${source}" WITH (FORCE)`);
        await c.exec(`DROP DATABASE IF EXISTS "${target}" WITH (FORCE)`);
      });
      rmSync(work, { recursive: true, force: true });
    });

    it("pg_dump → pg_restore into a fresh database, and the server starts on it", { timeout: 300_000 }, async () => {
      const marker = `restored-${suffix}`;
      await withPgClient(urlOf(source), (c) =>
        c.query(
          `UPDATE "WorkOrder" SET title = $1 WHERE id = (SELECT id FROM "WorkOrder" WHERE status = 'in_progress' ORDER BY id LIMIT 1)`,
          [marker],
        ),
      );
      const file = join(work, "crewboard.dump");
      const started = performance.now();
      const backup = await runNpm("db:backup", ["--out", file], { DATABASE_URL: urlOf(source) });
      expect(backup.code, backup.output).toBe(0);
      console.log(
        `PostgreSQL backup: ${(statSync(file).size / 1024 / 1024).toFixed(1)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s (npm run db:backup → pg_dump); ${backup.output.trim()}`,
      );

      const restore = await runNpm("db:restore", [file], { DATABASE_URL: urlOf(target) });
      expect(restore.code, restore.output).toBe(0);
      const expected = await withPgClient(urlOf(source), (c) => tableDigests((sql) => c.query(sql)));
      expect(await withPgClient(urlOf(target), (c) => tableDigests((sql) => c.query(sql)))).toEqual(expected);

      // a database that holds data is replaced only with --force, in one transaction
      const refused = await runNpm("db:restore", [file], { DATABASE_URL: urlOf(target) });
      expect(refused.code).toBe(1);
      expect(refused.output).toContain("add --force");
      await withPgClient(urlOf(target), (c) =>
        c.query(`UPDATE "WorkOrder" SET title = 'changed after the restore' WHERE title = $1`, [marker]),
      );
      const forced = await runNpm("db:restore", [file, "--force"], { DATABASE_URL: urlOf(target) });
      expect(forced.code, forced.output).toBe(0);
      expect(await withPgClient(urlOf(target), (c) => tableDigests((sql) => c.query(sql)))).toEqual(expected);

      server = await startServerProcess({ DATABASE_URL: urlOf(target), CREWBOARD_DEMO: "false" });
      const manager = await new ApiClient(server.baseUrl).login("manager1@crewboard.example");
      const orders = (await manager.get("/work-orders?status=in_progress&limit=100")).body.items as { title: string }[];
      expect(orders.map((o) => o.title)).toContain(marker);
    });
  },
);
