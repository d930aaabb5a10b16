// A PostgreSQL outage answered honestly (issue 13, item 3), against a PRIVATE cluster this test
// starts with initdb/pg_ctl on a port of its own (never the machine's shared server): while it is
// stopped, reads and writes answer 503 problem+json `database.unavailable` with Retry-After (never
// 500 "internal"), /health stays 200 (liveness), /ready answers 503 naming the database, sockets
// stay connected; once it is started again everything recovers by itself, and every acknowledged
// write is there.
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, seedDemoData, type Database } from "@crewboard/db";
import { startInstance, type Instance } from "../test/instances.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import type { ApiClient } from "../test/api-client.ts";
import { freePort } from "../test/server-process.ts";

const isRoot = process.getuid?.() === 0;

function pgBin(): string {
  const found = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (found.status !== 0) throw new Error("PostgreSQL's pg_config is not installed (initdb and pg_ctl are needed)");
  return found.stdout.trim();
}

/** A PostgreSQL program, as the postgres user when root (PostgreSQL refuses to run as root). */
function runPg(program: string, args: string[]): void {
  const [cmd, argv] = isRoot ? ["runuser", ["-u", "postgres", "--", program, ...args]] : [program, args];
  const result = spawnSync(cmd as string, argv as string[], { encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${program} ${args.join(" ")} failed:\n${result.stdout}${result.stderr}`);
}

describe("a PostgreSQL outage (private cluster)", () => {
  const bin = pgBin();
  const workDir = mkdtempSync(join(tmpdir(), "crewboard-outage-"));
  const dir = join(workDir, "pg");
  const data = join(dir, "data");
  let port = 0;
  let db: Database;
  let app: Instance;
  let manager: ApiClient;
  let socket: TestSocket;
  const pgCtl = (...args: string[]) => runPg(join(bin, "pg_ctl"), ["-D", data, "-w", "-t", "60", ...args]);
  const startPg = () =>
    pgCtl(
      "-l",
      join(dir, "server.log"),
      "-o",
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`,
      "start",
    );

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    if (isRoot) {
      chmodSync(workDir, 0o755);
      const id = (flag: string) => Number(spawnSync("id", [flag, "postgres"], { encoding: "utf8" }).stdout.trim());
      chownSync(dir, id("-u"), id("-g"));
    }
    port = await freePort();
    runPg(join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C"]);
    startPg();
    db = await openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await seedDemoData(db.prisma);
    app = await startInstance(db);
    manager = await app.as("manager1");
    socket = await connectSocket(app.baseUrl, manager);
  }, 180_000);

  afterAll(async () => {
    socket?.close();
    await app?.stop();
    await db?.close().catch(() => undefined);
    try {
      pgCtl("-m", "immediate", "stop");
    } catch {
      // already stopped
    }
    rmSync(workDir, { recursive: true, force: true });
  });

  it("503 database.unavailable with Retry-After while it is down, liveness 200, readiness names the database, sockets stay, recovery by itself, no acknowledged write lost", async () => {
    const task = (await manager.get("/tasks?status=todo&limit=1")).body.items[0] as { id: string; version: number };
    const startVersion = task.version;
    let version = task.version;
    let acknowledged = 0;
    const write = async () => {
      const r = await manager.patch(`/tasks/${task.id}`, { version, title: `outage ${acknowledged}` });
      if (r.status === 200) {
        acknowledged++;
        version = r.body.version;
      }
      return r;
    };
    for (let i = 0; i < 5; i++) expect((await write()).status).toBe(200);
    // the live connection says what the server knows of its database
    const statuses: unknown[] = [];
    socket.socket.on("server:status", (status) => statuses.push(status));

    pgCtl("-m", "fast", "stop");

    const refused = await write();
    expect(refused.status, refused.text).toBe(503);
    expect(refused.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(refused.body.code).toBe("database.unavailable");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    await expect.poll(() => statuses, { timeout: 10_000 }).toEqual([{ database: "unavailable" }]);
    const read = await manager.get(`/tasks/${task.id}`);
    expect(read.status).toBe(503);
    expect(read.body.code).toBe("database.unavailable");
    expect((await manager.get("/health")).status).toBe(200);
    const ready = await manager.get("/ready");
    expect(ready.status).toBe(503);
    expect(ready.body.notReady).toContain("database");
    // a socket event that needs the database: the same answer as an ack; the socket stays connected
    const ack = (await socket.request("chat:rooms", {}, 30_000)) as { ok: boolean; error?: { code: string } };
    expect(ack).toMatchObject({ ok: false, error: { code: "database.unavailable" } });
    expect(socket.socket.connected).toBe(true);

    startPg();

    // recovery is automatic: the pool reconnects; no restart of the app
    await expect.poll(async () => (await write()).status, { timeout: 60_000, interval: 250 }).toBe(200);
    for (let i = 0; i < 5; i++) expect((await write()).status).toBe(200);
    expect((await manager.get("/ready")).status).toBe(200);
    expect(socket.socket.connected).toBe(true);
    await expect.poll(() => statuses, { timeout: 20_000 }).toEqual([{ database: "unavailable" }, { database: "ok" }]);
    // every acknowledged write is there: one version step each
    const stored = await db.prisma.task.findUniqueOrThrow({
      where: { id: task.id },
      select: { version: true, title: true },
    });
    expect(stored.version - startVersion).toBe(acknowledged);
    expect(stored.title).toBe(`outage ${acknowledged - 1}`);
  }, 180_000);
});
