// Secrets never reach the log: the app runs with the production logger at its default level
// (info) writing into memory; a person signs in, writes and signs out. The log must first hold
// one access line for each of those requests (a silent logger cannot pass), and then no session
// cookie, CSRF token or password anywhere. Every request has an id, in the X-Request-Id header, in
// its access line and in any problem+json answer.
import { Writable } from "node:stream";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSRF_HEADER, SESSION_COOKIE } from "@crewboard/contracts";
import { DEMO_PASSWORD } from "@crewboard/db";
import { parseEnv } from "../env.ts";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { ApiClient } from "../test/api-client.ts";
import { accessLog, assignRequestId, createLogger, REQUEST_ID_HEADER, withRequestId } from "./logging.ts";
import { connectSocket } from "../test/socket-client.ts";

/** Everything the logger writes, line by line. */
function captureStream() {
  const lines: string[] = [];
  let partial = "";
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      partial += chunk.toString("utf8");
      const parts = partial.split("\n");
      partial = parts.pop()!;
      lines.push(...parts.filter(Boolean));
      done();
    },
  });
  return { stream, lines, text: () => [...lines, partial].join("\n") };
}

interface AccessLine {
  level: number;
  msg: string;
  requestId: string;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  userId: string | null;
  [key: string]: unknown;
}

/** The log has flushed once a line for `requestId` is there (pino writes when the response finishes). */
async function lineFor(lines: string[], requestId: string): Promise<AccessLine> {
  for (let i = 0; i < 100; i++) {
    const found = lines.map((l) => JSON.parse(l) as AccessLine).filter((l) => l.requestId === requestId && l.route);
    if (found.length) {
      expect(found, `one access line for request ${requestId}`).toHaveLength(1);
      return found[0]!;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no access line for request ${requestId}`);
}

describeEachDatabase("the access log and secrets", (kind) => {
  let t: TestApp;
  const log = captureStream();

  beforeAll(async () => {
    // the production logger at the level a default start uses
    const level = parseEnv({}).logLevel;
    expect(level).toBe("info");
    t = await startTestApp(kind, { logger: createLogger({ level, destination: log.stream }) });
  });
  afterAll(() => t?.close());

  it("writes one line per request for sign-in, a write and sign-out, and no cookie, CSRF token or password", async () => {
    const c = new ApiClient(t.baseUrl);
    const login = await c.post("/auth/login", { email: "manager1@crewboard.example", password: DEMO_PASSWORD });
    expect(login.status).toBe(200);
    c.csrfToken = login.body.csrfToken;
    const cookie = c.cookie!;
    const csrf = c.csrfToken!;
    expect(cookie.length).toBeGreaterThan(20);
    expect(csrf.length).toBeGreaterThan(20);

    const order = await t.db.prisma.workOrder.findFirstOrThrow({
      where: { status: "in_progress" },
      select: { id: true },
    });
    const write = await c.patch(`/work-orders/${order.id}?source=logging-test`, { priority: "urgent" });
    expect(write.status, write.text).toBe(200);
    const logout = await c.post("/auth/logout");
    expect(logout.status).toBe(204);

    const userId = login.body.user.id as string;
    const requests = [
      { res: login, method: "POST", route: "/api/v1/auth/login", status: 200 },
      { res: write, method: "PATCH", route: "/api/v1/work-orders/:id", status: 200 },
      { res: logout, method: "POST", route: "/api/v1/auth/logout", status: 204 },
    ];
    // First: the lines are there (a silent or broken logger fails here).
    for (const r of requests) {
      const requestId = r.res.headers.get(REQUEST_ID_HEADER)!;
      expect(requestId, `X-Request-Id of ${r.route}`).toMatch(/^[0-9a-f-]{36}$/);
      const line = await lineFor(log.lines, requestId);
      expect(line).toMatchObject({ level: 30, method: r.method, route: r.route, status: r.status, userId });
      expect(line.durationMs).toEqual(expect.any(Number));
      // a short line: no headers, no request or response object, no raw URL
      for (const key of ["req", "res", "headers", "url", "body"])
        expect(line, `${r.route} line has ${key}`).not.toHaveProperty(key);
      expect(JSON.stringify(line)).not.toContain(order.id);
      expect(JSON.stringify(line)).not.toContain("logging-test");
    }
    // Then: no secret anywhere in the log.
    const text = log.text();
    expect(text).not.toContain(cookie);
    expect(text).not.toContain(csrf);
    expect(text).not.toContain(DEMO_PASSWORD);
    expect(text.toLowerCase()).not.toContain(SESSION_COOKIE);
    expect(text.toLowerCase()).not.toContain(CSRF_HEADER.toLowerCase());
  });

  it("keeps a sane incoming X-Request-Id, replaces any other, and puts the id in problem+json answers", async () => {
    const given = "lb-7f3a.2026:42";
    const kept = await t.anonymous().get("/me", { headers: { [REQUEST_ID_HEADER]: given } });
    expect(kept.status).toBe(401);
    expect(kept.headers.get(REQUEST_ID_HEADER)).toBe(given);
    expect(kept.headers.get("content-type")).toMatch(/^application\/problem\+json/);
    expect(kept.body.requestId).toBe(given);
    expect(await lineFor(log.lines, given)).toMatchObject({ route: "/api/v1/me", status: 401, userId: null });

    for (const bad of ["has spaces in it", "x".repeat(200), "<script>", "a\tb"]) {
      const res = await t.anonymous().get("/no-such-route", { headers: { [REQUEST_ID_HEADER]: bad } });
      expect(res.status).toBe(404);
      const id = res.headers.get(REQUEST_ID_HEADER)!;
      expect(id).not.toBe(bad);
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.body.requestId).toBe(id);
      expect(await lineFor(log.lines, id)).toMatchObject({ route: "/api/v1/(unmatched)", status: 404 });
    }
    // every answer has one, not only the errors
    const health = await t.anonymous().get("/health");
    expect(health.headers.get(REQUEST_ID_HEADER)).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("gives a refused socket event an id of its own in its error answer", async () => {
    const api = await t.as("crew3");
    const s = await connectSocket(t.baseUrl, api);
    try {
      const refused = await s.request("room:join", { room: 42 });
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.requestId).toMatch(/^[0-9a-f-]{36}$/);
      const again = await s.request("room:join", { room: 43 });
      if (!again.ok && !refused.ok) expect(again.error.requestId).not.toBe(refused.error.requestId);
    } finally {
      s.close();
    }
  });

  it("puts a request id on every line it wrote, exactly once per line", () => {
    expect(log.lines.length).toBeGreaterThan(5);
    for (const raw of log.lines) {
      expect(JSON.parse(raw).requestId, raw).toEqual(expect.any(String));
      expect(raw.match(/"requestId"/g), raw).toHaveLength(1);
    }
  });
});

describe("request ids on lines written while handling a request", () => {
  it("the line a handler writes after reading the body and waiting carries the request's id, as the header says", async () => {
    const log = captureStream();
    const logger = createLogger({ level: "info", destination: log.stream });
    const app = express();
    app.use(assignRequestId);
    app.use(express.json({ limit: "1mb" }));
    app.post("/x", async (req, res) => {
      await new Promise((r) => setTimeout(r, 5));
      logger.info({ size: JSON.stringify(req.body).length }, "handled");
      res.json({ ok: true });
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
      // two at once, with a large body read in several chunks: each line keeps its own request's id
      const answers = await Promise.all(
        ["a", "b"].map((c) =>
          fetch(url, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ text: c.repeat(200_000) }),
          }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const ids = answers.map((a) => a.headers.get(REQUEST_ID_HEADER));
      await new Promise((r) => setTimeout(r, 20));
      const lines = log.lines.map((l) => JSON.parse(l) as { requestId?: string; msg: string });
      expect(lines.map((l) => l.requestId).sort()).toEqual([...ids].sort());
      expect(new Set(ids).size).toBe(2);
    } finally {
      server.close();
    }
  });

  it("lines written outside any request carry none; inside withRequestId they carry it", async () => {
    const log = captureStream();
    const logger = createLogger({ level: "info", destination: log.stream });
    logger.info("at start");
    await withRequestId("job-pass-1", async () => {
      await new Promise((r) => setTimeout(r, 1));
      logger.warn("inside");
    });
    await new Promise((r) => setTimeout(r, 20));
    const [outside, inside] = log.lines.map((l) => JSON.parse(l) as { requestId?: string });
    expect(outside).not.toHaveProperty("requestId");
    expect(inside!.requestId).toBe("job-pass-1");
  });
});

describe("the production logger", () => {
  it("a handler logging through req.log or res.log is redacted, though the access line itself is not", async () => {
    const log = captureStream();
    const logger = createLogger({ level: "info", destination: log.stream });
    const app = express();
    app.use(assignRequestId);
    app.use(accessLog(logger));
    app.get("/x", (req, res) => {
      req.log.info({ password: "req-log-secret" }, "from req.log");
      res.log.info({ token: "res-log-secret" }, "from res.log");
      res.json({ ok: true });
    });
    const server = app.listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    try {
      await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/x`);
      await expect.poll(() => log.lines.length).toBe(3);
      expect(log.text()).not.toContain("log-secret");
      const [fromReq, fromRes, access] = log.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(fromReq).toMatchObject({ msg: "from req.log", password: "[redacted]" });
      expect(fromRes).toMatchObject({ msg: "from res.log", token: "[redacted]" });
      expect(fromReq!.requestId).toBe(access!.requestId);
      expect(access).toMatchObject({ method: "GET", status: 200 });
    } finally {
      server.close();
    }
  });

  it("redacts cookies, Set-Cookie, CSRF and authorization headers, passwords and tokens wherever they are logged", async () => {
    const log = captureStream();
    const logger = createLogger({ level: "info", destination: log.stream });
    const secrets = [
      "cookie-secret-1",
      "set-cookie-secret-2",
      "csrf-secret-3",
      "bearer-secret-4",
      "password-secret-5",
      "token-secret-6",
      "csrf-secret-7",
    ];
    logger.info(
      {
        req: {
          method: "POST",
          url: "/x",
          headers: {
            cookie: `crewboard_session=${secrets[0]}`,
            "x-csrf-token": secrets[2],
            authorization: `Bearer ${secrets[3]}`,
          },
        },
        res: { statusCode: 200, headers: { "set-cookie": `crewboard_session=${secrets[1]}` } },
      },
      "a request logged by mistake",
    );
    logger.info(
      { body: { email: "a@b.example", password: secrets[4] }, session: { token: secrets[5], csrfToken: secrets[6] } },
      "a body logged by mistake",
    );
    logger.info(
      {
        headers: {
          cookie: secrets[0],
          authorization: secrets[3],
          "x-csrf-token": secrets[2],
          "set-cookie": secrets[1],
        },
      },
      "headers",
    );
    await new Promise((r) => setTimeout(r, 50));
    const text = log.text();
    expect(log.lines).toHaveLength(3);
    for (const s of secrets) expect(text).not.toContain(s);
    expect(text).toContain("a@b.example"); // not everything is hidden: only the secrets
  });
});
