// /metrics is scraped as Prometheus would: with the bearer token (401 without, 404 when no token
// is configured), or on a port of its own. What the scrape shows must follow what was done: a
// write, a socket in its rooms, a sync with a reset, refused sign-ins, database queries.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "@crewboard/db";
import type { TestDatabase } from "@crewboard/db/testing";
import { describeEachDatabase } from "../test/test-app.ts";
import { openFreshTestDatabase, startInstance, type Instance } from "../test/instances.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import { ApiClient } from "../test/api-client.ts";
import { createMetricsServer } from "./metrics.ts";

const TOKEN = "metrics-token-for-tests-0123456789";

/** The samples of a Prometheus text exposition: `name{labels}` → value. */
function parse(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (!line || line.startsWith("#")) continue;
    const at = line.lastIndexOf(" ");
    samples.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return samples;
}

async function scrape(baseUrl: string, token = TOKEN): Promise<Map<string, number>> {
  const res = await fetch(`${baseUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toContain("text/plain");
  return parse(await res.text());
}

describeEachDatabase("metrics", (kind) => {
  let db: TestDatabase;
  let app: Instance;
  let socket: TestSocket | undefined;

  beforeAll(async () => {
    db = await openFreshTestDatabase(kind, { observeQueries: true });
    app = await startInstance(db, { metricsToken: TOKEN, loginRateLimit: { limit: 2, windowMs: 60_000 } });
  });
  afterAll(async () => {
    socket?.close();
    await app?.stop();
    await db?.destroy();
  });

  it("answers only with the bearer token", async () => {
    const none = await fetch(`${app.baseUrl}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="metrics"');
    expect(none.headers.get("content-type")).toContain("application/problem+json");
    const wrong = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain("crewboard_");
    const right = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(right.status).toBe(200);
  });

  it("shows requests by route and status, sockets and rooms, publish lag, syncs and resets, the database, due jobs and limiter hits", async () => {
    const manager = await app.as("manager1");
    socket = await connectSocket(app.baseUrl, manager);
    const order = await db.prisma.workOrder.findFirstOrThrow({
      where: { status: "in_progress" },
      select: { id: true },
    });
    const write = await manager.patch(`/work-orders/${order.id}`, { priority: "urgent" });
    expect(write.status, write.text).toBe(200);
    await socket.waitFor(() => socket!.eventsOf("work_order:updated").length > 0, 5000, "the order's event");
    // a client far ahead of the server: its room cannot be replayed, it is reset
    const sync = await socket.request<{ rooms: Record<string, { reset?: boolean }> }>("sync:request", {
      rooms: { board: 1_000_000 },
    });
    expect(sync.ok && sync.data.rooms.board?.reset).toBe(true);
    // the limiter allows 2 attempts per address and email here
    const guesser = new ApiClient(app.baseUrl);
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++)
      statuses.push(
        (await guesser.post("/auth/login", { email: "crew1@crewboard.example", password: `${DEMO_PASSWORD}-wrong` }))
          .status,
      );
    expect(statuses).toEqual([401, 401, 429]);

    // one email waiting for ten minutes (the mail server refuses), one given up on
    const email = { to: "crew1@crewboard.example", locale: "ja", kind: "digest", subject: "s", text: "t", html: "h" };
    await db.prisma.outboxEmail.create({ data: { ...email, createdAt: new Date(Date.now() - 600_000), attempts: 3 } });
    await db.prisma.outboxEmail.create({ data: { ...email, failedAt: new Date(), attempts: 8 } });
    const m = await scrape(app.baseUrl);
    expect(
      m.get(
        'crewboard_http_request_duration_seconds_count{method="PATCH",route="/api/v1/work-orders/:id",status="200"}',
      ),
    ).toBe(1);
    expect(
      m.get('crewboard_http_request_duration_seconds_count{method="POST",route="/api/v1/auth/login",status="401"}'),
    ).toBe(2);
    expect(m.get("crewboard_login_limiter_hits_total")).toBe(1);
    expect(m.get("crewboard_socket_connections")).toBe(1);
    expect(m.get('crewboard_socket_rooms{kind="board"}')).toBe(1);
    expect(m.get('crewboard_socket_rooms{kind="user"}')).toBe(1);
    expect(m.get("crewboard_event_publish_lag_seconds_count")).toBeGreaterThanOrEqual(1);
    expect(m.get("crewboard_events_published_total")).toBeGreaterThanOrEqual(1);
    expect(m.get("crewboard_sync_requests_total")).toBe(1);
    expect(m.get("crewboard_sync_rooms_total")).toBe(1);
    expect(m.get("crewboard_sync_resets_total")).toBe(1);
    expect(m.get("crewboard_db_query_duration_seconds_count")).toBeGreaterThan(5);
    expect(m.get("crewboard_jobs_due")).toEqual(expect.any(Number));
    const waiting = await db.prisma.outboxEmail.count({ where: { sentAt: null, failedAt: null } });
    const failed = await db.prisma.outboxEmail.count({ where: { failedAt: { not: null } } });
    expect(m.get('crewboard_email_outbox{state="waiting"}')).toBe(waiting);
    expect(m.get('crewboard_email_outbox{state="failed"}')).toBe(failed);
    expect(waiting).toBeGreaterThanOrEqual(1);
    expect(failed).toBeGreaterThanOrEqual(1);
    expect(m.get("crewboard_email_outbox_oldest_waiting_seconds")).toBeGreaterThanOrEqual(600);
    expect(m.get("process_cpu_user_seconds_total")).toBeGreaterThan(0);
    if (kind === "postgresql") {
      expect(m.get("crewboard_db_pool_max")).toBe(10);
      expect(m.get('crewboard_db_pool_connections{state="idle"}')).toBeGreaterThanOrEqual(1);
      expect(m.get('crewboard_db_pool_connections{state="waiting"}')).toBe(0);
    } else {
      // one embedded connection: no pool to show
      expect(m.has("crewboard_db_pool_max")).toBe(false);
    }

    // the socket goes: the gauges follow
    socket.close();
    socket = undefined;
    await expect.poll(async () => (await scrape(app.baseUrl)).get("crewboard_socket_connections")).toBe(0);
    expect((await scrape(app.baseUrl)).has('crewboard_socket_rooms{kind="board"}')).toBe(false);
  });
});

describe("metrics switched off, or on a port of their own", () => {
  let db: TestDatabase;
  let app: Instance;
  beforeAll(async () => {
    db = await openFreshTestDatabase("embedded");
    app = await startInstance(db);
  });
  afterAll(async () => {
    await app?.stop();
    await db?.destroy();
  });

  it("without METRICS_TOKEN, /metrics on the app's port does not exist", async () => {
    const res = await fetch(`${app.baseUrl}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("crewboard_");
  });

  it("METRICS_PORT serves the same registry on its own port, with the token when one is set", async () => {
    await app.as("crew1");
    const open = createMetricsServer(app.metrics, undefined);
    const guarded = createMetricsServer(app.metrics, TOKEN);
    const listen = (s: typeof open) =>
      new Promise<string>((r) =>
        s.listen(0, "127.0.0.1", () => r(`http://127.0.0.1:${(s.address() as AddressInfo).port}`)),
      );
    const [openUrl, guardedUrl] = [await listen(open), await listen(guarded)];
    try {
      const text = await (await fetch(`${openUrl}/metrics`)).text();
      expect(
        parse(text).get(
          'crewboard_http_request_duration_seconds_count{method="POST",route="/api/v1/auth/login",status="200"}',
        ),
      ).toBe(1);
      expect((await fetch(`${openUrl}/other`)).status).toBe(404);
      expect((await fetch(`${guardedUrl}/metrics`)).status).toBe(401);
      expect((await scrape(guardedUrl)).has("crewboard_socket_connections")).toBe(true);
    } finally {
      open.close();
      guarded.close();
    }
  });
});
