// Helpers for realtime tests that need more than startTestApp gives: app instances that can be
// stopped and started again over one database (a "restart"), two instances on one PostgreSQL
// database with their own Prisma clients (scale-out), and a raw record of what a socket receives.
import type { AddressInfo } from "node:net";
import type { Server as HttpServer } from "node:http";
import { randomBytes } from "node:crypto";
import { inject } from "vitest";
import { openDatabase, type Database } from "@crewboard/db";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "@crewboard/db/testing";
import type { RoomEnvelope } from "@crewboard/contracts";
import { createApp, type AppDeps } from "../app.ts";
import { TEST_SOCKET_LIMITS } from "./socket-limits.ts";
import { testTemplates } from "./test-app.ts";
import { ApiClient } from "./api-client.ts";
import type { TestSocket } from "./socket-client.ts";

/** A fresh copy of the seeded database for one test file (the same as startTestApp uses). */
export function openFreshTestDatabase(
  kind: TestDatabaseKind,
  options: { observeQueries?: boolean } = {},
): Promise<TestDatabase> {
  return openTestDatabase(kind, testTemplates(), options);
}

/**
 * A second, independent Prisma client on the same PostgreSQL database as `db` (what a second
 * server process would have). Only for PostgreSQL: the embedded PGlite cannot be shared.
 */
export async function openSecondClient(db: Database): Promise<Database> {
  if (db.kind !== "postgresql") throw new Error("a second client needs PostgreSQL");
  const server = testDatabaseUrl() || inject("postgresServerUrl");
  if (!server) throw new Error("TEST_DATABASE_URL is not set");
  const [row] = await db.prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
  const name = row!.name;
  const url = new URL(server);
  url.pathname = `/${name}`;
  return openDatabase({ databaseUrl: url.toString(), migrate: false });
}

export interface Instance {
  baseUrl: string;
  httpServer: HttpServer;
  realtime: ReturnType<typeof createApp>["realtime"];
  jobs: ReturnType<typeof createApp>["jobs"];
  metrics: ReturnType<typeof createApp>["metrics"];
  db: Database;
  as(name: string): Promise<ApiClient>;
  /** the same signed-in user, talking to this instance (sessions live in the database) */
  reuse(client: ApiClient): ApiClient;
  /** closes Socket.IO and the HTTP server; the database stays open */
  stop(): Promise<void>;
}

/** Starts one app instance on port 0 over `db`. */
export async function startInstance(db: Database, deps: Partial<AppDeps> = {}): Promise<Instance> {
  const { httpServer, realtime, jobs, metrics } = createApp({
    db,
    demoMode: true,
    loginRateLimit: { limit: 1000, windowMs: 60_000 },
    // tests send far more than a person would: the same options an operator has, raised
    socketLimits: TEST_SOCKET_LIMITS,
    ...deps,
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  let stopped = false;
  return {
    baseUrl,
    httpServer,
    realtime,
    jobs,
    metrics,
    db,
    as: (name) => new ApiClient(baseUrl).login(`${name}@crewboard.example`),
    reuse(client) {
      const copy = new ApiClient(baseUrl);
      copy.cookie = client.cookie;
      copy.csrfToken = client.csrfToken;
      copy.user = client.user;
      return copy;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await realtime.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/** The PostgreSQL server for tests on two instances: its URL, or null when TEST_DATABASE_URL is not set. */
export function testDatabaseUrl(): string | null {
  return process.env.TEST_DATABASE_URL || null;
}

/** Redis for scale-out tests: the URL, or null when TEST_REDIS_URL is not set. */
export function testRedisUrl(): string | null {
  return process.env.TEST_REDIS_URL || null;
}

/** A stream name of its own per test file run, so parallel runs on one Redis do not mix. */
export function uniqueStreamName(file: string): string {
  return `crewboard:test:${file}:${process.pid}:${randomBytes(4).toString("hex")}`;
}

export interface RawEvent {
  event: string;
  payload: unknown;
  /** when it arrived (performance.now()) */
  at: number;
}

/** Everything a socket receives, as it arrives: duplicates and ephemeral events included. */
export function recordRaw(s: TestSocket): RawEvent[] {
  const raw: RawEvent[] = [];
  s.socket.onAny((event: string, payload: unknown) => {
    raw.push({ event, payload, at: performance.now() });
    s.check(); // a waitFor over this list: its event arrived only now
  });
  return raw;
}

export const isEnvelope = (p: unknown): p is RoomEnvelope =>
  typeof p === "object" &&
  p !== null &&
  typeof (p as RoomEnvelope).room === "string" &&
  typeof (p as RoomEnvelope).seq === "number";

/** Resolves when the socket is disconnected by the server (rejects after `timeoutMs`). */
export function waitForDisconnect(s: TestSocket, timeoutMs = 3000): Promise<string> {
  if (!s.socket.connected) return Promise.resolve("already disconnected");
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the socket was not disconnected")), timeoutMs);
    s.socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
