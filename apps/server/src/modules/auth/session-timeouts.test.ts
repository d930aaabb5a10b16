// Sessions end after a time without anything the user does, and a fixed time after sign-in
// (issue 13, ASVS 7.3). Requests and socket events the user sends keep a session alive; a page's
// own polls and catch-up do not. Over HTTPS the cookie is `__Host-`. The clock is moved by moving
// the session's row into the past, so nothing here waits.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  BACKGROUND_REQUEST_HEADER,
  rooms,
  SECURE_SESSION_COOKIE,
  SESSION_COOKIE,
  SESSION_ABSOLUTE_END_HEADER,
  SESSION_EXPIRES_HEADER,
} from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import { connectSocket } from "../../test/socket-client.ts";
import type { ApiClient } from "../../test/api-client.ts";

const IDLE_MS = 20 * 60_000;
const ABSOLUTE_MS = 8 * 60 * 60_000;
const MINUTE = 60_000;

describeEachDatabase("session timeouts", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { sessionTimeouts: { idleMs: IDLE_MS, absoluteMs: ABSOLUTE_MS } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const sessionOf = async (api: ApiClient | string) => {
    const email = typeof api === "string" ? api : (api.user as { email: string }).email;
    const rows = await t.db.prisma.session.findMany({ where: { user: { email } } });
    expect(rows).toHaveLength(1);
    return rows[0]!;
  };
  /** as if the user last did something `minutesAgo` and signed in `signedInMinutesAgo` */
  const age = async (api: ApiClient, minutesAgo: number, signedInMinutesAgo = minutesAgo) => {
    const row = await sessionOf(api);
    const lastSeenAt = new Date(Date.now() - minutesAgo * MINUTE);
    await t.db.prisma.session.update({
      where: { id: row.id },
      data: {
        lastSeenAt,
        createdAt: new Date(Date.now() - signedInMinutesAgo * MINUTE),
        expiresAt: new Date(lastSeenAt.getTime() + IDLE_MS),
      },
    });
  };
  const expiresHeader = (res: { headers: Headers }) => Date.parse(res.headers.get(SESSION_EXPIRES_HEADER) ?? "");

  it("signing in says when the session ends: the idle timeout from now", async () => {
    const api = t.anonymous();
    const res = await api.post("/auth/login", { email: "crew5@crewboard.example", password: "crewboard-demo" });
    expect(res.status).toBe(200);
    expect(Math.abs(expiresHeader(res) - (Date.now() + IDLE_MS))).toBeLessThan(MINUTE);
    expect((await sessionOf("crew5@crewboard.example")).expiresAt.getTime()).toBe(expiresHeader(res));
  });

  it("a request the user sends keeps the session alive; a background poll does not", async () => {
    const api = await t.as("crew6");
    await age(api, 10);
    const before = (await sessionOf(api)).expiresAt.getTime();

    const poll = await api.get("/me", { headers: { [BACKGROUND_REQUEST_HEADER]: "1" } });
    expect(poll.status).toBe(200);
    expect((await sessionOf(api)).expiresAt.getTime()).toBe(before);
    expect(expiresHeader(poll)).toBe(before);

    const read = await api.get("/me");
    expect(read.status).toBe(200);
    const after = (await sessionOf(api)).expiresAt.getTime();
    expect(after - before).toBeGreaterThan(9 * MINUTE);
    expect(expiresHeader(read)).toBe(after);
  });

  it("after the idle timeout the cookie is worth nothing, background or not", async () => {
    const api = await t.as("crew7");
    await age(api, IDLE_MS / MINUTE + 1);
    expect((await api.get("/me", { headers: { [BACKGROUND_REQUEST_HEADER]: "1" } })).status).toBe(401);
    expect((await api.get("/me")).status).toBe(401);
    expect(((await api.get("/auth/session")).body as { user: unknown }).user).toBeNull();
    // and the extend of a warning that came too late cannot bring it back
    expect((await api.post("/auth/session/extend")).status).toBe(401);
  });

  it("a session stored before the timeouts (its end a week away) still ends by them, for requests and sockets", async () => {
    const api = await t.as("crew2");
    const row = await sessionOf(api);
    const socket = await connectSocket(t.baseUrl, api);
    socket.close();
    await t.db.prisma.session.update({
      where: { id: row.id },
      data: {
        lastSeenAt: new Date(Date.now() - IDLE_MS - MINUTE),
        expiresAt: new Date(Date.now() + 7 * 24 * 60 * MINUTE),
      },
    });
    expect((await api.get("/me", { headers: { [BACKGROUND_REQUEST_HEADER]: "1" } })).status).toBe(401);
    await expect(connectSocket(t.baseUrl, api)).rejects.toMatchObject({ data: { code: "auth.required" } });
  });

  it("'stay signed in' starts the idle timeout again at once, but never past the absolute end", async () => {
    const api = await t.as("crew8");
    await age(api, 1); // within the touch interval: an ordinary request would not write
    const extended = await api.post<{ expiresAt: string; absoluteExpiresAt: string }>("/auth/session/extend");
    expect(extended.status, extended.text).toBe(200);
    expect(Math.abs(Date.parse(extended.body.expiresAt) - (Date.now() + IDLE_MS))).toBeLessThan(MINUTE);
    expect(expiresHeader(extended)).toBe(Date.parse(extended.body.expiresAt));
    expect(extended.headers.get(SESSION_ABSOLUTE_END_HEADER)).toBe(extended.body.absoluteExpiresAt);

    // signed in 7 h 50 min ago: the session can go on for 10 more minutes, not 20
    await age(api, 5, 470);
    const capped = await api.post<{ expiresAt: string; absoluteExpiresAt: string }>("/auth/session/extend");
    expect(capped.status).toBe(200);
    expect(capped.body.expiresAt).toBe(capped.body.absoluteExpiresAt);
    // the headers say so too: the web app's notice then says the session reached its length, not "idle"
    expect(capped.headers.get(SESSION_ABSOLUTE_END_HEADER)).toBe(capped.body.absoluteExpiresAt);
    expect(expiresHeader(capped)).toBe(Date.parse(capped.body.absoluteExpiresAt));
    const read = await api.get("/me");
    expect(read.headers.get(SESSION_ABSOLUTE_END_HEADER)).toBe(capped.body.absoluteExpiresAt);
    expect(Math.abs(Date.parse(capped.body.absoluteExpiresAt) - (Date.now() + 10 * MINUTE))).toBeLessThan(MINUTE);

    // past the absolute end, activity does not help
    await age(api, 1, ABSOLUTE_MS / MINUTE + 1);
    await t.db.prisma.session.updateMany({
      where: { id: (await sessionOf(api)).id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await api.get("/me")).status).toBe(401);
  });

  it("socket events the user sends count as activity; catching up does not", async () => {
    const api = await t.as("crew1");
    const socket = await connectSocket(t.baseUrl, api);
    try {
      await age(api, 10);
      const before = (await sessionOf(api)).expiresAt.getTime();
      await socket.sync();
      expect((await sessionOf(api)).expiresAt.getTime()).toBe(before);
      // joining its rooms is what every (re)connect does by itself
      expect(await socket.request("room:join", { room: rooms.user(api.user!.id) })).toMatchObject({ ok: true });
      expect((await sessionOf(api)).expiresAt.getTime()).toBe(before);

      const ack = await socket.socket.emitWithAck("chat:rooms", {});
      expect(ack).toMatchObject({ ok: true });
      const roomId = (ack as { ok: true; data: { items: { id: string }[] } }).data.items[0]!.id;
      expect((await sessionOf(api)).expiresAt.getTime()).toBe(before);

      expect(await socket.socket.emitWithAck("typing:update", { roomId, typing: true })).toMatchObject({ ok: true });
      await expect.poll(async () => (await sessionOf(api)).expiresAt.getTime()).toBeGreaterThan(before + 9 * MINUTE);
    } finally {
      socket.close();
    }
  });
});

describeEachDatabase("the session cookie over HTTPS", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind, { cookieSecure: true });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("is __Host-, Secure, host-only and for the whole site; the plain name is not a session there", async () => {
    const api = t.anonymous();
    const res = await api.post("/auth/login", { email: "manager1@crewboard.example", password: "crewboard-demo" });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie.startsWith(`${SECURE_SESSION_COOKIE}=`)).toBe(true);
    expect(setCookie).toMatch(/;\s*Secure/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect((await api.get("/me")).status).toBe(200);

    const plain = await fetch(`${t.baseUrl}/api/v1/me`, { headers: { cookie: `${SESSION_COOKIE}=${api.cookie}` } });
    expect(plain.status).toBe(401);
    // and the socket takes the same cookie
    const socket = await connectSocket(t.baseUrl, api);
    socket.close();
  });
});
