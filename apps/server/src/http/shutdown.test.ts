// Graceful shutdown: a request in flight when it begins is finished and kept; new connections are
// refused; sockets are closed so that they reconnect by themselves (elsewhere); and a request that
// never ends cannot hold the process past its deadline. Proven in-process, then on the real server
// process with SIGTERM and CREWBOARD_SHUTDOWN_TIMEOUT_MS.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { CSRF_HEADER, SESSION_COOKIE } from "@crewboard/contracts";
import type { TestDatabase } from "@crewboard/db/testing";
import { createApp, type CrewboardApp } from "../app.ts";
import { ApiClient } from "../test/api-client.ts";
import { connectSocket } from "../test/socket-client.ts";
import { openFreshTestDatabase } from "../test/instances.ts";
import { freePort } from "../test/server-process.ts";
import { SERVER_ENTRY } from "../../build.ts";

const REPO_ROOT = fileURLToPath(new URL("../../../..", import.meta.url));

/**
 * A PATCH whose headers and first half of the body are sent now; `finish()` sends the rest.
 * Until then the request is in flight on the server (its handler waits for the body).
 */
function halfSentPatch(baseUrl: string, api: ApiClient, path: string, body: unknown) {
  const text = JSON.stringify(body);
  const url = new URL(`${baseUrl}/api/v1${path}`);
  const sent: { req?: ClientRequest } = {};
  const answer = new Promise<{ status: number; headers: IncomingMessage["headers"]; body: any }>((resolve, reject) => {
    const req: ClientRequest = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "PATCH",
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(text),
          cookie: `${SESSION_COOKIE}=${api.cookie}`,
          [CSRF_HEADER]: api.csrfToken!,
        },
      },
      (res) => {
        let data = "";
        res.on("data", (c: Buffer) => (data += c.toString()));
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: data ? JSON.parse(data) : null }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.write(text.slice(0, 10));
    sent.req = req;
  });
  return { answer, finish: () => sent.req!.end(text.slice(10)) };
}

async function inFlight(app: CrewboardApp): Promise<number> {
  const metric = await app.metrics.getSingleMetric("crewboard_http_requests_in_flight")!.get();
  return metric.values[0]?.value ?? 0;
}

describe("graceful shutdown, in-process", () => {
  let db: TestDatabase | undefined;
  afterEach(async () => {
    await db?.destroy();
    db = undefined;
  });

  async function start() {
    db = await openFreshTestDatabase("embedded");
    const app = createApp({ db, demoMode: true });
    await new Promise<void>((r) => app.httpServer.listen(0, "127.0.0.1", r));
    const baseUrl = `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
    return { app, baseUrl, db };
  }

  it("finishes the request in flight, refuses new connections and closes sockets so that they reconnect", async () => {
    const { app, baseUrl, db } = await start();
    const manager = await new ApiClient(baseUrl).login("manager1@crewboard.example");
    const socket = await connectSocket(baseUrl, manager);
    const disconnected = new Promise<string>((r) => socket.socket.once("disconnect", r));
    const order = await db.prisma.workOrder.findFirstOrThrow({
      where: { status: "in_progress", priority: { not: "urgent" } },
    });
    const patch = halfSentPatch(baseUrl, manager, `/work-orders/${order.id}`, { priority: "urgent" });
    await expect.poll(() => inFlight(app)).toBe(1);

    const done = app.shutdown({ drainDelayMs: 0, timeoutMs: 30_000 });
    // a client reconnects by itself after a transport close (a server-side disconnect would stop it)
    expect(await disconnected).toBe("transport close");
    await expect(fetch(`${baseUrl}/api/v1/health`)).rejects.toThrow();

    patch.finish();
    const answer = await patch.answer;
    expect(answer.status).toBe(200);
    expect(answer.headers.connection).toBe("close");
    expect(answer.body.priority).toBe("urgent");
    expect(await done).toEqual({ forced: false, cut: 0 });
    expect((await db.prisma.workOrder.findUniqueOrThrow({ where: { id: order.id } })).priority).toBe("urgent");
    await app.realtime.close();
  });

  it("cuts a request that never ends at the deadline, and writes nothing of it", async () => {
    const { app, baseUrl, db } = await start();
    const manager = await new ApiClient(baseUrl).login("manager1@crewboard.example");
    const order = await db.prisma.workOrder.findFirstOrThrow({
      where: { status: "in_progress", priority: { not: "urgent" } },
    });
    const stalled = halfSentPatch(baseUrl, manager, `/work-orders/${order.id}`, { priority: "urgent" });
    const outcome = stalled.answer.then(
      () => "answered",
      (e: Error) => e.message,
    );
    await expect.poll(() => inFlight(app)).toBe(1);
    expect(await app.shutdown({ drainDelayMs: 0, timeoutMs: 500 })).toEqual({ forced: true, cut: 1 });
    expect(await outcome).toMatch(/socket hang up|ECONNRESET/);
    expect((await db.prisma.workOrder.findUniqueOrThrow({ where: { id: order.id } })).priority).toBe(order.priority);
    await app.realtime.close();
  });
});

describe("graceful shutdown of the server process (SIGTERM)", () => {
  it(
    "answers the request in flight, then exits within CREWBOARD_SHUTDOWN_TIMEOUT_MS although another never ends (exit code 1, said in the log)",
    { timeout: 180_000 },
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), "crewboard-shutdown-"));
      const port = await freePort();
      // eslint-disable-next-line no-restricted-properties -- the child server inherits this process's environment, minus the database and Redis
      const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
      const token = "shutdown-test-metrics-token";
      const child = spawn(process.execPath, [SERVER_ENTRY], {
        cwd: REPO_ROOT,
        env: {
          ...inherited,
          PORT: String(port),
          HOST: "127.0.0.1",
          CREWBOARD_DATA_DIR: dataDir,
          CREWBOARD_DEMO: "true",
          CREWBOARD_SHUTDOWN_TIMEOUT_MS: "3000",
          METRICS_TOKEN: token,
          LOG_LEVEL: "info",
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (c: Buffer) => (output += c.toString()));
      child.stderr.on("data", (c: Buffer) => (output += c.toString()));
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      try {
        const baseUrl = `http://127.0.0.1:${port}`;
        await expect
          .poll(async () => (await fetch(`${baseUrl}/api/v1/ready`).catch(() => null))?.status, {
            timeout: 120_000,
            interval: 250,
          })
          .toBe(200);
        const manager = await new ApiClient(baseUrl).login("manager1@crewboard.example");
        const orders = (await manager.get("/work-orders?status=in_progress")).body.items as {
          id: string;
          priority: string;
        }[];
        const [first, second] = orders.filter((o) => o.priority !== "urgent");
        const finished = halfSentPatch(baseUrl, manager, `/work-orders/${first!.id}`, { priority: "urgent" });
        const stalled = halfSentPatch(baseUrl, manager, `/work-orders/${second!.id}`, { priority: "urgent" });
        void stalled.answer.catch(() => undefined);
        // both are in the server's hands before the signal (the scrape itself is the third)
        const inFlightNow = async () => {
          const text = await (
            await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } })
          ).text();
          return Number(/^crewboard_http_requests_in_flight (\d+)$/m.exec(text)?.[1]);
        };
        await expect.poll(inFlightNow).toBe(3);
        child.kill("SIGTERM");
        await expect
          .poll(
            async () =>
              await fetch(`${baseUrl}/api/v1/health`).then(
                () => "answered",
                () => "refused",
              ),
            { timeout: 10_000, interval: 50 },
          )
          .toBe("refused");
        finished.finish();
        const answer = await finished.answer;
        expect(answer.status).toBe(200);
        expect(answer.body.priority).toBe("urgent");
        expect(await exited).toBe(1);
        expect(output).toContain("requests still in flight at the deadline were cut");
        expect(output).toContain('"msg":"shut down"');
      } finally {
        if (child.exitCode === null) child.kill("SIGKILL");
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  );
});
