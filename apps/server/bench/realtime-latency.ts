// Measures how long a change takes to reach another person's screen: from sending a REST write
// (crew3 logs progress) to the Socket.IO event arriving at a manager's and a client's connection.
//
//   npm run bench:realtime -w @crewboard/server                 # embedded PGlite, one instance
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \
//   BENCH_REDIS_URL=redis://127.0.0.1:6379 npm run bench:realtime -w @crewboard/server
//                                                                # PostgreSQL, two instances over Redis
//
// Prints p50/p95/max over BENCH_N changes (default 200). Nothing is asserted: it reports.
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import { openDatabase, seedDemoData, withPgClient } from "@crewboard/db";
import { createApp } from "../src/app.ts";
import { createRedisAdapter } from "../src/realtime/redis-adapter.ts";
import { ApiClient } from "../src/test/api-client.ts";
import { connectSocket } from "../src/test/socket-client.ts";

const N = Number(process.env.BENCH_N ?? 200);
const pgServer = process.env.BENCH_DATABASE_URL;
const redisUrl = process.env.BENCH_REDIS_URL;

async function openBenchDatabase() {
  if (!pgServer) return { db: await openDatabase({ pglite: new PGlite() }), url: undefined, drop: async () => {} };
  const name = `crewboard_bench_${randomBytes(4).toString("hex")}`;
  await withPgClient(pgServer, (c) => c.exec(`CREATE DATABASE "${name}"`));
  const url = new URL(pgServer);
  url.pathname = `/${name}`;
  return {
    db: await openDatabase({ databaseUrl: url.toString() }),
    url: url.toString(),
    drop: () => withPgClient(pgServer, (c) => c.exec(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

async function startInstance(db: Awaited<ReturnType<typeof openDatabase>>, stream: string | undefined) {
  const redis = redisUrl && stream ? await createRedisAdapter(redisUrl, { streamName: stream }) : null;
  const app = createApp({
    db,
    demoMode: true,
    socketAdapter: redis?.adapter,
    loginRateLimit: { limit: 1000, windowMs: 60_000 },
  });
  await new Promise<void>((r) => app.httpServer.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  return {
    url,
    async close() {
      await app.realtime.close();
      app.httpServer.closeAllConnections();
      await new Promise((r) => app.httpServer.close(r));
      await redis?.close();
    },
  };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const { db, url: dbUrl, drop } = await openBenchDatabase();
await seedDemoData(db.prisma);
const stream = redisUrl && pgServer ? `crewboard:bench:${randomBytes(4).toString("hex")}` : undefined;
const a = await startInstance(db, stream);
// Scaled shape: the watchers connect to a second instance with its own database connection.
const dbB = stream && dbUrl ? await openDatabase({ databaseUrl: dbUrl, migrate: false }) : db;
const b = stream ? await startInstance(dbB, stream) : a;

const crew3 = await new ApiClient(a.url).login("crew3@crewboard.example");
const manager = await new ApiClient(b.url).login("manager1@crewboard.example");
const client = await new ApiClient(b.url).login("client-a1@crewboard.example");
const [managerSocket, clientSocket] = await Promise.all([connectSocket(b.url, manager), connectSocket(b.url, client)]);
const task = (await crew3.get("/tasks?assigneeId=me&status=todo,doing,blocked")).body.items[0];

const toManager: number[] = [];
const toClient: number[] = [];
const writes: number[] = [];
for (let i = 0; i < N; i++) {
  const note = `bench ${i}`;
  const arrived = (s: typeof managerSocket) =>
    s.waitFor(
      () =>
        s
          .eventsOf("progress:created")
          .some((e) => (e.data as { progressUpdate: { note: string } }).progressUpdate.note === note),
      10_000,
      note,
    );
  const started = performance.now();
  const mDone = arrived(managerSocket).then(() => toManager.push(performance.now() - started));
  const cDone = arrived(clientSocket).then(() => toClient.push(performance.now() - started));
  const res = await crew3.post(`/tasks/${task.id}/progress`, { percent: i % 100, note, minutesSpent: 1 });
  if (res.status !== 201) throw new Error(`write failed: ${res.status} ${res.text}`);
  writes.push(performance.now() - started);
  await Promise.all([mDone, cDone]);
}

const report = (label: string, xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  console.log(
    `${label.padEnd(44)} p50 ${percentile(s, 50).toFixed(1)} ms   p95 ${percentile(s, 95).toFixed(1)} ms   max ${s[s.length - 1]!.toFixed(1)} ms`,
  );
};
console.log(
  `\nrealtime latency, ${N} progress updates, ${pgServer ? "PostgreSQL" : "embedded PGlite"}, ${stream ? "two instances over Redis streams" : "one instance"}`,
);
report("REST write answered", writes);
report("event at the manager's connection", toManager);
report("event at the client's connection", toClient);

managerSocket.close();
clientSocket.close();
if (b !== a) await b.close();
await a.close();
if (dbB !== db) await dbB.close();
await db.close();
await drop();
process.exit(0);
