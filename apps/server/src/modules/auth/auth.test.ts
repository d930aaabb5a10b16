import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, startTestApp, testTemplates, type TestApp } from "../../test/test-app.ts";
import { ApiClient } from "../../test/api-client.ts";
import { createApp } from "../../app.ts";
import type { AddressInfo } from "node:net";

describeEachDatabase("accounts and sessions", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(() => t?.close());

  it("reports health and the database in use", async () => {
    const res = await t.anonymous().get("/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok", database: kind });
  });

  it("logs a demo manager in with an httpOnly SameSite cookie and a CSRF token", async () => {
    const c = t.anonymous();
    const res = await c.post("/auth/login", { email: "manager1@crewboard.example", password: "crewboard-demo" });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: "manager1@crewboard.example", role: "manager" });
    expect(res.body.user).not.toHaveProperty("passwordHash");
    expect(typeof res.body.csrfToken).toBe("string");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/crewboard_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    c.csrfToken = res.body.csrfToken;
    const me = await c.get("/me");
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe("manager1@crewboard.example");
    const csrf = await c.get("/auth/csrf");
    expect(csrf.body.csrfToken).toBe(res.body.csrfToken);
  });

  it("refuses a wrong password and an unknown email alike, without saying which", async () => {
    const wrong = await t
      .anonymous()
      .post("/auth/login", { email: "manager1@crewboard.example", password: "nope-nope-nope" });
    const unknown = await t
      .anonymous()
      .post("/auth/login", { email: "nobody@crewboard.example", password: "nope-nope-nope" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(wrong.body.code).toBe("auth.invalid_credentials");
    expect(unknown.body.detail).toBe(wrong.body.detail);
  });

  it("tells a page who is signed in: the user and this session's CSRF token, or nulls (200, not 401) for a visitor", async () => {
    const visitor = await t.anonymous().get("/auth/session");
    expect(visitor.status).toBe(200);
    expect(visitor.body).toEqual({ user: null, csrfToken: null });
    // an unknown or stale cookie is a visitor too
    const stale = await t
      .anonymous()
      .request("GET", "/auth/session", undefined, { headers: { cookie: "crewboard_session=not-a-session" } });
    expect(stale.status).toBe(200);
    expect(stale.body).toEqual({ user: null, csrfToken: null });

    const c = t.anonymous();
    const login = await c.post("/auth/login", { email: "crew3@crewboard.example", password: "crewboard-demo" });
    const session = await c.get("/auth/session");
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ email: "crew3@crewboard.example", role: "crew" });
    expect(session.body.user).not.toHaveProperty("passwordHash");
    expect(session.body.csrfToken).toBe(login.body.csrfToken);
    c.csrfToken = login.body.csrfToken;
    expect((await c.post("/auth/logout")).status).toBe(204);
    expect((await c.get("/auth/session")).body).toEqual({ user: null, csrfToken: null });
  });

  it("describes the demo accounts with facts, no English sentences, for the page to word in its language", async () => {
    const res = await t.anonymous().get("/auth/demo");
    expect(res.status).toBe(200);
    const byEmail = new Map(res.body.accounts.map((a: { email: string }) => [a.email, a]));
    expect(byEmail.get("manager1@crewboard.example")).toEqual({
      email: "manager1@crewboard.example",
      role: "manager",
      name: "高橋 真理子",
      team: "A",
      workStyle: null,
      company: null,
      traits: [],
    });
    expect(byEmail.get("crew3@crewboard.example")).toMatchObject({
      role: "crew",
      team: "A",
      workStyle: "home",
      traits: ["screenReader", "largeText", "highContrast"],
    });
    expect(byEmail.get("client-b2@crewboard.example")).toMatchObject({
      role: "client",
      team: null,
      company: "B",
      traits: ["englishUi"],
    });
    for (const account of res.body.accounts) expect(account).not.toHaveProperty("description");
  });

  it("answers 401 without a session and 403 for a write without the CSRF token", async () => {
    expect((await t.anonymous().get("/me")).status).toBe(401);
    const c = await t.as("manager1");
    const before = await t.db.prisma.workOrder.count();
    const res = await c.patch("/me", { locale: "en" }, { noCsrf: true });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("auth.csrf_invalid");
    const wrongToken = await c.request(
      "PATCH",
      "/me",
      { locale: "en" },
      { noCsrf: true, headers: { "X-CSRF-Token": "forged" } },
    );
    expect(wrongToken.status).toBe(403);
    expect((await c.get("/me")).body.user.locale).toBe("ja");
    expect(await t.db.prisma.workOrder.count()).toBe(before);
  });

  it("saves my settings", async () => {
    const c = await t.as("crew3");
    const res = await c.patch("/me", { locale: "en", accessibility: { reducedMotion: true } });
    expect(res.status).toBe(200);
    expect(res.body.user.locale).toBe("en");
    // earlier preferences are kept, the new one added
    expect(res.body.user.accessibility).toMatchObject({ textSize: "large", highContrast: true, reducedMotion: true });
  });

  it("logs out: the cookie no longer works", async () => {
    const c = await t.as("crew1");
    const cookie = c.cookie;
    expect((await c.post("/auth/logout")).status).toBe(204);
    c.cookie = cookie;
    expect((await c.get("/me")).status).toBe(401);
  });

  it("deactivating a user ends their sessions at once and blocks new logins", async () => {
    const admin = await t.as("admin");
    const crew = await t.as("crew6");
    const res = await admin.patch(`/users/${crew.user!.id}`, { active: false });
    expect(res.status).toBe(200);
    expect(res.body.active).toBe(false);
    expect((await crew.get("/me")).status).toBe(401);
    const again = await t
      .anonymous()
      .post("/auth/login", { email: "crew6@crewboard.example", password: "crewboard-demo" });
    expect(again.status).toBe(401);
    await admin.patch(`/users/${crew.user!.id}`, { active: true });
  });

  it("deactivating a client company signs out its users", async () => {
    const admin = await t.as("admin");
    const client = await t.as("client-b2");
    const res = await admin.patch(`/client-companies/${client.user!.clientCompanyId}`, { active: false });
    expect(res.status).toBe(200);
    expect((await client.get("/me")).status).toBe(401);
    await admin.patch(`/client-companies/${client.user!.clientCompanyId}`, { active: true });
  });

  it("admin creates a user who can then log in; a duplicate email is a 409 naming the field", async () => {
    const admin = await t.as("admin");
    const body = { email: "crew9@crewboard.example", name: "新人 太郎", role: "crew", workStyle: "home" };
    const res = await admin.post("/users", body);
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({
      email: "crew9@crewboard.example",
      role: "crew",
      workStyle: "home",
      active: true,
      mustChangePassword: true,
    });
    await new ApiClient(t.baseUrl).firstLogin("crew9@crewboard.example", res.body.oneTimePassword);
    const dup = await admin.post("/users", body);
    expect(dup.status).toBe(409);
    expect(dup.body.errors[0].path).toBe("body.email");
  });

  it("writes the audit log: logins, failures and changes", async () => {
    const events = await t.db.prisma.auditEvent.findMany({ select: { action: true } });
    const actions = new Set(events.map((e) => e.action));
    for (const a of [
      "auth.login",
      "auth.login_failed",
      "auth.logout",
      "user.deactivate",
      "user.create",
      "client_company.deactivate",
    ]) {
      expect(actions).toContain(a);
    }
  });
});

describeEachDatabase("login rate limit", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { loginRateLimit: { limit: 3, windowMs: 60_000 } });
  });
  afterAll(() => t?.close());

  it("answers 429 problem+json with Retry-After after too many attempts", async () => {
    const c = t.anonymous();
    for (let i = 0; i < 3; i++) {
      expect(
        (await c.post("/auth/login", { email: "crew2@crewboard.example", password: "wrong-password!" })).status,
      ).toBe(401);
    }
    const res = await c.post("/auth/login", { email: "crew2@crewboard.example", password: "crewboard-demo" });
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe("auth.rate_limited");
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    // another person at the same address is not locked out
    expect((await c.post("/auth/login", { email: "crew1@crewboard.example", password: "crewboard-demo" })).status).toBe(
      200,
    );
  });
});

it("demo accounts are listed only in demo mode", async () => {
  const { openTestDatabase } = await import("@crewboard/db/testing");
  const db = await openTestDatabase("embedded", testTemplates());
  const { httpServer } = createApp({ db, demoMode: false });
  await new Promise<void>((r) => httpServer.listen(0, "127.0.0.1", r));
  const c = new ApiClient(`http://127.0.0.1:${(httpServer.address() as AddressInfo).port}`);
  const res = await c.get("/auth/demo");
  expect(res.body).toEqual({ enabled: false, password: null, accounts: [] });
  httpServer.close();
  await db.destroy();
});
