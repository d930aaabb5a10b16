// Requests of one session that arrive together share one session lookup (http/session.ts, issue 14),
// and never one that started before they arrived: a sign-out committed before a request arrived
// refuses that request, even while a lookup of the same session that read it as live is still
// under way. Driven by hand: the first lookup is held after its read until the test lets it go.
import type { Request, Response } from "express";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sessionCookieName } from "@crewboard/contracts";
import type { Prisma, PrismaClient } from "@crewboard/db";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { DEFAULT_SESSION_TIMEOUTS } from "../modules/auth/sessions.ts";
import { loadSession } from "./session.ts";

describeEachDatabase("session lookups shared by requests of one session", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => t?.close());

  it("requests that arrive during a lookup share the next one, which sees a sign-out made before they arrived", async () => {
    const client = await t.as("manager1");
    const token = client.cookie!;
    const prisma = t.db.prisma;
    let reads = 0;
    let hold: Promise<void> | null = null;
    let firstReadDone!: () => void;
    const firstRead = new Promise<void>((resolve) => (firstReadDone = resolve));
    // the app's client, except that session reads (one hand-written statement, @crewboard/db
    // session-row.ts; sent through $queryRaw for a client the pool does not know) are counted and
    // the first is held after it has read
    const queryRaw = prisma.$queryRaw.bind(prisma) as (sql: Prisma.Sql) => Promise<unknown>;
    const gated = new Proxy(prisma, {
      get(target, prop) {
        if (prop !== "$queryRaw") return Reflect.get(target, prop) as unknown;
        return async (sql: Prisma.Sql) => {
          if (!sql.text.includes('FROM "Session" s')) return queryRaw(sql);
          reads++;
          const rows = await queryRaw(sql);
          const held = hold;
          hold = null;
          if (held) {
            firstReadDone();
            await held;
          }
          return rows;
        };
      },
    }) as PrismaClient;
    const middleware = loadSession(gated, { secure: false, timeouts: DEFAULT_SESSION_TIMEOUTS });
    const send = (): Promise<Request> =>
      new Promise((resolve, reject) => {
        const req = { cookies: { [sessionCookieName(false)]: token }, get: () => undefined } as unknown as Request;
        const res = { setHeader: () => undefined, cookie: () => undefined } as unknown as Response;
        Promise.resolve(middleware(req, res, (err?: unknown) => (err ? reject(err) : resolve(req)))).catch(reject);
      });

    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    const first = send();
    await firstRead; // the first lookup has read the session as live, and is held
    await prisma.session.deleteMany({ where: { userId: client.user!.id } }); // signed out
    const second = send();
    const third = send();
    release();
    const [a, b, c] = await Promise.all([first, second, third]);
    expect(a.auth?.user.id).toBe(client.user!.id); // it arrived before the sign-out
    expect(b.auth).toBeUndefined();
    expect(c.auth).toBeUndefined();
    expect(reads).toBe(2); // the second and third shared one lookup, started after both arrived
  });

  it("each request gets its own copy of the user and session", async () => {
    const client = await t.as("manager2");
    const middleware = loadSession(t.db.prisma, { secure: false, timeouts: DEFAULT_SESSION_TIMEOUTS });
    const send = (): Promise<Request> =>
      new Promise((resolve, reject) => {
        const req = {
          cookies: { [sessionCookieName(false)]: client.cookie! },
          get: () => undefined,
        } as unknown as Request;
        const res = { setHeader: () => undefined, cookie: () => undefined } as unknown as Response;
        Promise.resolve(middleware(req, res, (err?: unknown) => (err ? reject(err) : resolve(req)))).catch(reject);
      });
    const [a, b] = await Promise.all([send(), send()]);
    expect(a.auth).toEqual(b.auth);
    expect(a.auth!.user).not.toBe(b.auth!.user);
    expect(a.auth!.session).not.toBe(b.auth!.session);
  });
});
