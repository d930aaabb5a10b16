// Starts the real app on port 0 over a fresh copy of the seeded database, for one test file.
import type { AddressInfo } from "node:net";
import { describe } from "vitest";
import { openTestDatabase, type TestDatabase, type TestDatabaseKind } from "@crewboard/db/testing";
import { createApp, type AppDeps } from "../app.ts";
import { TEST_SOCKET_LIMITS } from "./socket-limits.ts";
import { ApiClient } from "./api-client.ts";
import { databaseKinds, testTemplates } from "./templates.ts";

export { databaseKinds, testTemplates };

export interface TestApp {
  kind: TestDatabaseKind;
  baseUrl: string;
  db: TestDatabase;
  apiRouter: ReturnType<typeof createApp>["apiRouter"];
  realtime: ReturnType<typeof createApp>["realtime"];
  /** due jobs run when a test calls `jobs.runDue(now)` (no polling in tests) */
  jobs: ReturnType<typeof createApp>["jobs"];
  /** a new client, signed in as the demo account `name` (e.g. "manager1") */
  as(name: string): Promise<ApiClient>;
  anonymous(): ApiClient;
  close(): Promise<void>;
}

export async function startTestApp(
  kind: TestDatabaseKind,
  deps: Partial<AppDeps> = {},
  options: {
    /** the app's database client, changed (the fuzz's planted fault); the test's own `db` stays as it was */
    wrapPrisma?: (prisma: TestDatabase["prisma"]) => TestDatabase["prisma"];
  } = {},
): Promise<TestApp> {
  const db = await openTestDatabase(kind, testTemplates());
  const { httpServer, apiRouter, realtime, jobs } = createApp({
    db: options.wrapPrisma ? { ...db, prisma: options.wrapPrisma(db.prisma) } : db,
    demoMode: true,
    loginRateLimit: { limit: 1000, windowMs: 60_000 },
    // tests send far more than a person would: the same options an operator has, raised
    socketLimits: TEST_SOCKET_LIMITS,
    ...deps,
  });
  await new Promise<void>((resolve) => httpServer.listen(0, "127.0.0.1", resolve));
  const baseUrl = `http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`;
  return {
    kind,
    baseUrl,
    db,
    apiRouter,
    as: (name) => new ApiClient(baseUrl).login(`${name}@crewboard.example`),
    anonymous: () => new ApiClient(baseUrl),
    realtime,
    jobs,
    async close() {
      await realtime.close();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
      await db.destroy();
    },
  };
}

/** Declares `body` once per database kind; the PostgreSQL copy is skipped, with the reason in its name, when unavailable. */
export function describeEachDatabase(name: string, body: (kind: TestDatabaseKind) => void): void {
  for (const { kind, available, label } of databaseKinds()) {
    (available ? describe : describe.skip)(`${name} — ${label}`, () => body(kind));
  }
}
