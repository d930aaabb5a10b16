// A rolling upgrade from the previous release (the newest v* tag before HEAD), on the private
// PostgreSQL and Redis: the old release runs on its schema; an instance of this version starts on
// the same database and applies its migrations while the old one serves (expand, see
// ARCHITECTURE.md); the old one keeps reading and writing, survives a restart on the new schema,
// and both versions see each other's changes, over the API and live over Redis.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { readMigrations, withPgClient } from "@crewboard/db";
import { ApiClient } from "@crewboard/server/testing/api-client";
import { LiveClient } from "./lib/live-client.ts";
import { freePort, sleep } from "./lib/services.ts";
import { runNpm } from "./lib/npm.ts";
import { checkOutPreviousRelease, type PreviousRelease } from "./lib/previous-release.ts";
import { REPO_ROOT } from "./lib/deployment.ts";

const DATABASE = "crewboard_upgrade";

interface Server {
  url: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  log: string;
}

/** The server of the release in `dir`, started as that release started it (node + tsx on apps/server/src/index.ts). */
async function startServer(dir: string, name: string, env: Record<string, string>): Promise<Server> {
  const port = await freePort();
  const log = join(inject("workDir"), `${name}-${port}.log`);
  const out = createWriteStream(log);
  const { DATABASE_URL: _d, REDIS_URL: _r, CREWBOARD_DATA_DIR: _c, PORT: _p, ...inherited } = process.env;
  const child = spawn(process.execPath, ["--import", "tsx", "apps/server/src/index.ts"], {
    cwd: dir,
    env: { ...inherited, PORT: String(port), HOST: "127.0.0.1", CREWBOARD_DEMO: "false", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(out);
  child.stderr!.pipe(out);
  let exit: number | null | undefined;
  const exited = new Promise<number | null>((r) => child.once("exit", (code) => r((exit = code))));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (exit !== undefined) throw new Error(`${name} exited with ${exit}:\n${readFileSync(log, "utf8").slice(-3000)}`);
    // the previous release has no /ready: its liveness answer is enough to talk to it
    if (
      (await fetch(`${url}/api/v1/health`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      break;
    if (i > 720) throw new Error(`${name} did not answer within 3 minutes`);
    await sleep(250);
  }
  return { url, child, exited, log };
}

describe("rolling upgrade from the previous release", () => {
  const databaseUrl = `postgres://postgres@127.0.0.1:${inject("postgresPort")}/${DATABASE}`;
  const env = { DATABASE_URL: databaseUrl, REDIS_URL: inject("redisUrl") };
  let previous: PreviousRelease;
  let old: Server | undefined;
  let current: Server | undefined;
  const sockets: LiveClient[] = [];

  beforeAll(async () => {
    const started = performance.now();
    previous = checkOutPreviousRelease(inject("workDir"));
    console.log(
      `[upgrade] ${previous.tag} checked out and installed (${previous.install}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    await withPgClient(`postgres://postgres@127.0.0.1:${inject("postgresPort")}/postgres`, (c) =>
      c.exec(`CREATE DATABASE "${DATABASE}"`),
    );
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const s of [old, current]) s?.child.kill("SIGKILL");
  });

  it("the previous release runs on its own schema and demo data", async () => {
    // the old release's own seed: its migrations, its demo data
    const seeded = await runNpm("db:seed", [], { DATABASE_URL: databaseUrl }, previous.dir);
    expect(seeded.code, seeded.output).toBe(0);
    old = await startServer(previous.dir, `old-${previous.tag}`, env);
    const manager = await new ApiClient(old.url).login("manager1@crewboard.example");
    expect((await manager.get("/work-orders?limit=5")).status).toBe(200);
  });

  it("this version starts beside it and applies its new migrations while the old one serves", async () => {
    const before = await withPgClient(
      databaseUrl,
      async (c) =>
        (await c.query(`SELECT migration_name AS name FROM "_prisma_migrations"`)).rows as { name: string }[],
    );
    const pending = readMigrations().filter((m) => !before.some((b) => b.name === m.name));
    console.log(`[upgrade] migrations new since ${previous.tag}: ${pending.map((m) => m.name).join(", ") || "none"}`);
    current = await startServer(REPO_ROOT, "current", env);
    expect((await fetch(`${current.url}/api/v1/ready`)).status).toBe(200);
    const after = await withPgClient(
      databaseUrl,
      async (c) =>
        (await c.query(`SELECT migration_name AS name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL`))
          .rows as { name: string }[],
    );
    expect(after.map((r) => r.name).sort()).toEqual(
      readMigrations()
        .map((m) => m.name)
        .sort(),
    );
  });

  it("the old release keeps working on the new schema, and the two see each other's changes live", async () => {
    const oldClient = await new ApiClient(old!.url).login("client-a1@crewboard.example");
    const oldManager = await new ApiClient(old!.url).login("manager1@crewboard.example");
    const newManager = await new ApiClient(current!.url).login("manager2@crewboard.example");
    // a watcher on each version
    const onOld = new LiveClient("board on the old release", old!.url, oldManager.cookieHeader!, ["board"]);
    const onNew = new LiveClient("board on this version", current!.url, newManager.cookieHeader!, ["board"]);
    sockets.push(onOld, onNew);
    await Promise.all(sockets.map((s) => s.open()));

    const created = await oldClient.post("/work-orders", {
      title: "Ordered on the old release",
      description: "",
      dueAt: new Date(Date.now() + 5 * 86_400_000).toISOString(),
    });
    expect(created.status, created.text).toBe(201);
    const accepted = await newManager.patch(`/work-orders/${created.body.id}`, { status: "accepted" });
    expect(accepted.status, accepted.text).toBe(200);
    const split = await oldManager.post(`/work-orders/${created.body.id}/tasks`, {
      tasks: [{ title: "Split on the old release" }],
    });
    expect(split.status, split.text).toBe(201);
    const read = await newManager.get(`/tasks?workOrderId=${created.body.id}`);
    expect(read.body.items.map((t: { title: string }) => t.title)).toEqual(["Split on the old release"]);

    // both watchers took the same events, in order, whichever version wrote them
    const names = ["work_order:created", "work_order:updated", "task:created"];
    for (const s of sockets) {
      await expect
        .poll(() => s.taken.board!.map((e) => e.split(" ")[1]).filter((n) => names.includes(n!)), { timeout: 15_000 })
        .toEqual(expect.arrayContaining(names));
    }
    await expect.poll(() => onOld.taken.board, { timeout: 15_000 }).toEqual(onNew.taken.board!);
  });

  it("the old release starts again on the new schema (an old instance restarting during the upgrade)", async () => {
    old!.child.kill("SIGTERM");
    expect(await old!.exited).toBe(0);
    old = await startServer(previous.dir, `old-${previous.tag}-again`, env);
    const manager = await new ApiClient(old.url).login("manager1@crewboard.example");
    const orders = await manager.get("/work-orders?limit=100");
    expect(orders.body.items.map((o: { title: string }) => o.title)).toContain("Ordered on the old release");
  });
});
