// The admin's work (journey 9.1): users with one-time passwords and their first sign-in, password
// resets, roles, teams, deactivation; client companies and their users; the audit log's filters
// and its CSV export. The access matrix checks who may call these; this file checks what they do.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import { ApiClient } from "../../test/api-client.ts";
import { connectSocket, type TestSocket } from "../../test/socket-client.ts";
import { generateOneTimePassword, normalizeOneTimePassword } from "./one-time-password.ts";
import { exportAuditEvents, exportFileName, neutralizeFormula } from "../audit/export-audit-events.ts";

const OTP = /^[A-HJKMNP-Z2-9]{4}(-[A-HJKMNP-Z2-9]{4}){3}$/;

describe("one-time passwords", () => {
  it("are four groups of four characters without look-alikes, different every time", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const p = generateOneTimePassword();
      expect(p).toMatch(OTP);
      expect(p).not.toMatch(/[01OIL]/);
      seen.add(p);
    }
    expect(seen.size).toBe(200);
  });

  it("are compared without case, separators or full-width forms", () => {
    expect(normalizeOneTimePassword("k7qm 3xtr-pw9h－ＤＦ２Ｎ")).toBe("K7QM3XTRPW9HDF2N");
    expect(normalizeOneTimePassword("K7QM-3XTR-PW9H-DF2N")).toBe("K7QM3XTRPW9HDF2N");
  });
});

describe("CSV cells", () => {
  it("that a spreadsheet would run as a formula become text", () => {
    for (const bad of ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]) expect(neutralizeFormula(bad)).toBe(`'${bad}`);
    for (const fine of ["高橋 真理子", "check_in.read", "", "a=b", '{"rows":3}'])
      expect(neutralizeFormula(fine)).toBe(fine);
  });

  it("the file is named by the time of the export in Tokyo", () => {
    expect(exportFileName(new Date("2026-11-24T00:05:00Z"))).toBe("crewboard-audit-log-20261124-0905.csv");
  });
});

/** Waits until the socket is disconnected by the server; resolves with the reason. */
function disconnected(s: TestSocket, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the socket was not disconnected")), timeoutMs);
    s.socket.once("disconnect", (reason) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });
}

describeEachDatabase("administration", (kind) => {
  let t: TestApp;
  let admin: ApiClient;
  let teams: { id: string; name: string }[];

  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.as("admin");
    teams = (await admin.get("/teams")).body.items;
  });
  afterAll(() => t?.close());

  const uniqueEmail = (what: string) => `${what}-${randomUUID().slice(0, 8)}@crewboard.example`;

  async function newUser(body: Record<string, unknown>) {
    const res = await admin.post("/users", {
      email: uniqueEmail("admin-test"),
      name: "管理 テスト",
      role: "crew",
      workStyle: "home",
      ...body,
    });
    expect(res.status, res.text).toBe(201);
    return res.body as { user: { id: string; email: string; mustChangePassword: boolean }; oneTimePassword: string };
  }

  describe("a new user and the first sign-in", () => {
    it("gets a one-time password once, which is stored only as an argon2 hash and never in the audit log", async () => {
      const { user, oneTimePassword } = await newUser({ teamId: teams[0]!.id });
      expect(oneTimePassword).toMatch(OTP);
      expect(user.mustChangePassword).toBe(true);
      const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
      expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      // the answer is the only place it appears: not on the user afterwards, not in the audit log
      expect((await admin.get(`/users/${user.id}`)).text).not.toContain(oneTimePassword);
      const audit = await t.db.prisma.auditEvent.findMany({ where: { entityId: user.id } });
      expect(audit.map((e) => e.action)).toContain("user.create");
      expect(JSON.stringify(audit)).not.toContain(oneTimePassword);
      expect(JSON.stringify(audit)).not.toContain(normalizeOneTimePassword(oneTimePassword));
    });

    it("signs in with the one-time password typed loosely, must choose a password, and then has a new session", async () => {
      const { user, oneTimePassword } = await newUser({});
      const typed = oneTimePassword.toLowerCase().replace(/-/g, " ");
      const c = await new ApiClient(t.baseUrl).login(user.email, typed);
      expect(c.user).toMatchObject({ id: user.id, mustChangePassword: true });
      const firstCookie = c.cookie;
      expect((await c.get("/tasks")).body.code).toBe("auth.password_change_required");

      // a second device signed in with it too: it ends with the change
      const other = await new ApiClient(t.baseUrl).login(user.email, oneTimePassword);

      const changed = await c.post("/me/password", { currentPassword: typed, newPassword: "my own password, long" });
      expect(changed.status, changed.text).toBe(200);
      expect(changed.body.user.mustChangePassword).toBe(false);
      expect(changed.body.csrfToken).not.toBe(c.csrfToken);
      c.csrfToken = changed.body.csrfToken;
      expect(c.cookie).not.toBe(firstCookie);
      expect((await c.get("/tasks?assigneeId=me")).status).toBe(200);
      expect((await other.get("/me")).status).toBe(401);
      const old = new ApiClient(t.baseUrl);
      old.cookie = firstCookie;
      expect((await old.get("/me")).status).toBe(401);

      // the one-time password is spent; the new one works exactly as typed
      expect((await t.anonymous().post("/auth/login", { email: user.email, password: oneTimePassword })).status).toBe(
        401,
      );
      expect(
        (await t.anonymous().post("/auth/login", { email: user.email, password: "MY OWN PASSWORD, LONG" })).status,
      ).toBe(401);
      await new ApiClient(t.baseUrl).login(user.email, "my own password, long");
      const actions = (
        await t.db.prisma.auditEvent.findMany({ where: { entityId: user.id }, orderBy: { createdAt: "asc" } })
      ).map((e) => e.action);
      expect(actions).toContain("user.change_password");
    });

    it("refuses a new password that is the one-time password in another spelling, and a wrong current password (audited)", async () => {
      const { user, oneTimePassword } = await newUser({});
      const c = await new ApiClient(t.baseUrl).login(user.email, oneTimePassword);
      const same = await c.post("/me/password", {
        currentPassword: oneTimePassword,
        newPassword: `  ${oneTimePassword.toLowerCase()}  `,
      });
      expect(same.status).toBe(400);
      expect(same.body.errors[0].path).toBe("body.newPassword");
      const wrong = await c.post("/me/password", {
        currentPassword: "AAAA-BBBB-CCCC-DDDD",
        newPassword: "my own password, long",
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body).toMatchObject({
        code: "auth.current_password_wrong",
        errors: [{ path: "body.currentPassword" }],
      });
      expect(
        await t.db.prisma.auditEvent.count({ where: { entityId: user.id, action: "user.change_password_failed" } }),
      ).toBe(1);
      expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).mustChangePassword).toBe(true);
    });

    it("everyone can change their own password; other sessions end and the live connection is renewed", async () => {
      const { user, oneTimePassword } = await newUser({});
      const c = await new ApiClient(t.baseUrl).firstLogin(user.email, oneTimePassword, "first own password");
      const socket = await connectSocket(t.baseUrl, c);
      const gone = disconnected(socket);
      const res = await c.post("/me/password", {
        currentPassword: "first own password",
        newPassword: "second own password",
      });
      expect(res.status, res.text).toBe(200);
      expect(await gone).toBe("io server disconnect");
      // the new cookie connects again
      const again = await connectSocket(t.baseUrl, c);
      again.socket.close();
    });
  });

  describe("resetting a password", () => {
    it("ends the user's sessions and connections at once and gives a new one-time password", async () => {
      const { user, oneTimePassword } = await newUser({});
      const c = await new ApiClient(t.baseUrl).firstLogin(user.email, oneTimePassword, "forgotten password");
      const socket = await connectSocket(t.baseUrl, c);
      const gone = disconnected(socket);
      const reset = await admin.post(`/users/${user.id}/password-reset`);
      expect(reset.status, reset.text).toBe(200);
      expect(reset.body.oneTimePassword).toMatch(OTP);
      expect(reset.body.oneTimePassword).not.toBe(oneTimePassword);
      expect(reset.body.user.mustChangePassword).toBe(true);
      expect(await gone).toBe("io server disconnect");
      expect((await c.get("/me")).status).toBe(401);
      expect(
        (await t.anonymous().post("/auth/login", { email: user.email, password: "forgotten password" })).status,
      ).toBe(401);
      const fresh = await new ApiClient(t.baseUrl).login(user.email, reset.body.oneTimePassword);
      expect(fresh.user!.mustChangePassword).toBe(true);
      const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
        where: { entityId: user.id, action: "user.reset_password" },
      });
      expect(audit.actorId).toBe(admin.user!.id);
      expect(JSON.stringify(audit)).not.toContain(reset.body.oneTimePassword);
    });

    it("of someone who does not exist is a 404", async () => {
      const res = await admin.post(`/users/${randomUUID()}/password-reset`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("user.not_found");
    });
  });

  describe("changing and deactivating users", () => {
    it("a new role and team take effect at once: the connection is renewed into the new rooms", async () => {
      const { user, oneTimePassword } = await newUser({ teamId: teams[0]!.id });
      const c = await new ApiClient(t.baseUrl).firstLogin(user.email, oneTimePassword);
      expect((await c.get("/work-orders?status=requested")).body.items).toEqual([]);
      const socket = await connectSocket(t.baseUrl, c);
      const gone = disconnected(socket);
      const res = await admin.patch(`/users/${user.id}`, { role: "manager", teamId: teams[1]!.id });
      expect(res.status, res.text).toBe(200);
      // a manager has no work style
      expect(res.body).toMatchObject({ role: "manager", teamId: teams[1]!.id, workStyle: null });
      expect(await gone).toBe("io server disconnect");
      // the session stays, with the new rights, under a new token (ASVS 7.2.4): the next request
      // gets a new cookie; the old token is accepted only for requests already on their way
      const oldCookie = c.cookieHeader!;
      const sessionsBefore = await t.db.prisma.session.findMany({ where: { userId: user.id }, select: { id: true } });
      // two requests racing with the old token: both answered, one of them with the new cookie
      const raced = await Promise.all(
        [1, 2].map(() => fetch(`${t.baseUrl}/api/v1/work-orders?status=requested`, { headers: { cookie: oldCookie } })),
      );
      expect(raced.map((r) => r.status)).toEqual([200, 200]);
      const newCookies = raced.map((r) => r.headers.get("set-cookie")).filter(Boolean);
      expect(newCookies).toHaveLength(1);
      c.cookie = newCookies[0]!.split(";")[0]!.split("=")[1]!;
      expect(c.cookieHeader).not.toBe(oldCookie);
      const next = await c.get("/work-orders?status=requested");
      expect(next.body.items.length).toBeGreaterThan(0);
      expect(next.headers.get("set-cookie")).toBeNull();
      expect(await t.db.prisma.session.findMany({ where: { userId: user.id }, select: { id: true } })).toEqual(
        sessionsBefore,
      );
      const withOld = () => fetch(`${t.baseUrl}/api/v1/me`, { headers: { cookie: oldCookie } });
      expect((await withOld()).status).toBe(200);
      await t.db.prisma.session.updateMany({
        where: { userId: user.id },
        data: { previousTokenValidUntil: new Date(Date.now() - 1) },
      });
      expect((await withOld()).status).toBe(401);
      // the new token is rotated once, not on every request
      const again = await c.get("/me");
      expect(again.status).toBe(200);
      expect(again.headers.get("set-cookie")).toBeNull();
      const audit = await t.db.prisma.auditEvent.findFirstOrThrow({
        where: { entityId: user.id, action: "user.change_role" },
      });
      expect(audit.metadata).toMatchObject({
        from: "crew",
        to: "manager",
        teamFrom: teams[0]!.id,
        teamTo: teams[1]!.id,
      });
    });

    it("deactivating ends sessions and connections at once; reactivating lets them sign in again", async () => {
      const { user, oneTimePassword } = await newUser({});
      const c = await new ApiClient(t.baseUrl).firstLogin(user.email, oneTimePassword, "my password here");
      const socket = await connectSocket(t.baseUrl, c);
      const gone = disconnected(socket);
      expect((await admin.patch(`/users/${user.id}`, { active: false })).body.active).toBe(false);
      expect(await gone).toBe("io server disconnect");
      expect((await c.get("/me")).status).toBe(401);
      expect(
        (await t.anonymous().post("/auth/login", { email: user.email, password: "my password here" })).status,
      ).toBe(401);
      expect((await admin.patch(`/users/${user.id}`, { active: true })).body.active).toBe(true);
      await new ApiClient(t.baseUrl).login(user.email, "my password here");
      const actions = (
        await t.db.prisma.auditEvent.findMany({ where: { entityId: user.id }, orderBy: { createdAt: "asc" } })
      ).map((e) => e.action);
      expect(actions).toEqual(expect.arrayContaining(["user.deactivate", "user.reactivate"]));
    });

    it("lists users by role, team, active and a search over name and email", async () => {
      const suffix = randomUUID().slice(0, 8);
      const { user: match } = await newUser({ name: `検索 花子 ${suffix}`, teamId: teams[1]!.id });
      const { user: inactive } = await newUser({
        email: `Search.${suffix}@crewboard.example`,
        name: "検索 対象外",
        teamId: teams[1]!.id,
      });
      await admin.patch(`/users/${inactive.id}`, { active: false });

      const byName = await admin.get(`/users?q=${encodeURIComponent(`花子 ${suffix}`)}`);
      expect(byName.body.items.map((u: { id: string }) => u.id)).toEqual([match.id]);
      const byEmail = await admin.get(`/users?q=${encodeURIComponent(`SEARCH.${suffix}`)}`);
      expect(byEmail.body.items.map((u: { id: string }) => u.id)).toEqual([inactive.id]);
      const activeOnly = await admin.get(`/users?q=${suffix}&active=true`);
      expect(activeOnly.body.items.map((u: { id: string }) => u.id)).toEqual([match.id]);
      const team = await admin.get(`/users?teamId=${teams[1]!.id}&role=crew&limit=100`);
      for (const u of team.body.items) expect(u).toMatchObject({ teamId: teams[1]!.id, role: "crew" });
      expect(team.body.items.map((u: { id: string }) => u.id)).toContain(match.id);
      // a search is a filter, not a pattern: % and _ match themselves
      expect((await admin.get(`/users?q=${encodeURIComponent("%")}`)).body.items).toEqual([]);
    });
  });

  describe("client companies", () => {
    it("are created, renamed, deactivated and reactivated, with their client users", async () => {
      const created = await admin.post("/client-companies", { name: "株式会社みらい工房", nameEn: "Mirai Kobo Inc." });
      expect(created.status).toBe(201);
      const id = created.body.id as string;
      const renamed = await admin.patch(`/client-companies/${id}`, { name: "株式会社みらい工房 東京" });
      expect(renamed.body.name).toBe("株式会社みらい工房 東京");
      expect((await admin.get(`/client-companies/${id}`)).body).toMatchObject({
        id,
        name: "株式会社みらい工房 東京",
        active: true,
      });
      expect(
        (await admin.get(`/client-companies?q=${encodeURIComponent("mirai")}`)).body.items.map(
          (c: { id: string }) => c.id,
        ),
      ).toEqual([id]);

      const { user, oneTimePassword } = await newUser({ role: "client", workStyle: undefined, clientCompanyId: id });
      const client = await new ApiClient(t.baseUrl).firstLogin(user.email, oneTimePassword);
      expect((await admin.get(`/users?clientCompanyId=${id}`)).body.items.map((u: { id: string }) => u.id)).toEqual([
        user.id,
      ]);

      const socket = await connectSocket(t.baseUrl, client);
      const gone = disconnected(socket);
      expect((await admin.patch(`/client-companies/${id}`, { active: false })).body.active).toBe(false);
      expect(await gone).toBe("io server disconnect");
      expect((await client.get("/me")).status).toBe(401);
      expect(
        (await admin.get(`/client-companies?q=${encodeURIComponent("みらい")}&active=false`)).body.items.map(
          (c: { id: string }) => c.id,
        ),
      ).toEqual([id]);
      // no new users for a deactivated company
      const refused = await admin.post("/users", {
        email: uniqueEmail("late"),
        name: "x",
        role: "client",
        clientCompanyId: id,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors[0].path).toBe("body.clientCompanyId");

      await admin.patch(`/client-companies/${id}`, { active: true });
      await new ApiClient(t.baseUrl).login(user.email, "a-long-enough-password-1");
      const actions = (
        await t.db.prisma.auditEvent.findMany({ where: { entityId: id }, orderBy: { createdAt: "asc" } })
      ).map((e) => e.action);
      expect(actions).toEqual([
        "client_company.create",
        "client_company.update",
        "client_company.deactivate",
        "client_company.reactivate",
      ]);
    });

    it("an unknown company is a 404", async () => {
      expect((await admin.get(`/client-companies/${randomUUID()}`)).body.code).toBe("client_company.not_found");
    });
  });

  describe("the audit log", () => {
    it("filters by action (several), time range, person and entity, newest first, in pages", async () => {
      const manager = await t.as("manager1");
      const crew3 = await t.db.prisma.user.findUniqueOrThrow({ where: { email: "crew3@crewboard.example" } });
      // health-data reads by manager1: check-ins and accommodations
      const started = new Date(Date.now() - 1000).toISOString();
      await manager.get(`/check-ins?userId=${crew3.id}`);
      await manager.get(`/users/${crew3.id}/accommodations`);
      await manager.get(`/users/${crew3.id}/accommodations`);

      const res = await admin.get(
        `/audit-events?action=check_in.read,accommodation.read&actorId=${manager.user!.id}&from=${encodeURIComponent(started)}&limit=2`,
      );
      expect(res.status, res.text).toBe(200);
      expect(res.body.items).toHaveLength(2);
      for (const e of res.body.items) {
        expect(["check_in.read", "accommodation.read"]).toContain(e.action);
        expect(e.actor).toEqual({ id: manager.user!.id, name: "高橋 真理子", displayName: "高橋", role: "manager" });
      }
      const times = res.body.items.map((e: { createdAt: string }) => e.createdAt);
      expect([...times].sort().reverse()).toEqual(times);
      const next = await admin.get(
        `/audit-events?action=check_in.read,accommodation.read&actorId=${manager.user!.id}&from=${encodeURIComponent(started)}&limit=2&cursor=${res.body.nextCursor}`,
      );
      expect(next.body.items.map((e: { action: string }) => e.action)).toEqual(["check_in.read"]);
      expect(next.body.nextCursor).toBeNull();

      const byEntity = await admin.get(`/audit-events?entityType=user&entityId=${crew3.id}&action=accommodation.read`);
      expect(byEntity.body.items.length).toBeGreaterThanOrEqual(2);
      for (const e of byEntity.body.items) expect(e).toMatchObject({ entityType: "user", entityId: crew3.id });

      const future = new Date(Date.now() + 3600_000).toISOString();
      expect((await admin.get(`/audit-events?from=${encodeURIComponent(future)}`)).body.items).toEqual([]);
      const before = await admin.get(
        `/audit-events?to=${encodeURIComponent(started)}&action=accommodation.read&actorId=${manager.user!.id}`,
      );
      for (const e of before.body.items) expect(Date.parse(e.createdAt)).toBeLessThan(Date.parse(started));
    });

    it("exports the filtered log as CSV: UTF-8 with BOM, a dated file name, formula-safe cells, and the export audited", async () => {
      // a person whose name and browser a spreadsheet would take for formulas
      const { user, oneTimePassword } = await newUser({ name: '=HYPERLINK("https://evil.example","x")' });
      const login = await fetch(`${t.baseUrl}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "@SUM(1+1)*cmd|' /C calc'!A0" },
        body: JSON.stringify({ email: user.email, password: oneTimePassword }),
      });
      expect(login.status).toBe(200);

      const query = `action=auth.login&actorId=${user.id}`;
      const res = await fetch(`${t.baseUrl}/api/v1/audit-events/export?${query}`, {
        headers: { cookie: `crewboard_session=${admin.cookie}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(
        /^attachment; filename="crewboard-audit-log-\d{8}-\d{4}\.csv"$/,
      );
      expect(res.headers.get("cache-control")).toBe("no-store");
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes).slice(1);
      const lines = text.split("\r\n").filter(Boolean);
      expect(lines[0]).toBe(
        "日時（日本時間）,日時（UTC）,操作した人,操作した人のID,操作,対象の種類,対象のID,IPアドレス,ブラウザ,詳細",
      );
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`"'=HYPERLINK(""https://evil.example"",""x"")"`);
      expect(lines[1]).toContain("'@SUM(1+1)*cmd|' /C calc'!A0");
      expect(lines[1]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{4}-\d{2}-\d{2}T/);

      const recorded = await admin.get("/audit-events?action=audit_log.export&limit=1");
      expect(recorded.body.items[0]).toMatchObject({
        actorId: admin.user!.id,
        entityType: "audit_log",
        metadata: { rows: 1, filter: { action: ["auth.login"], actorId: user.id } },
      });
      // the export's own record is not in the file it wrote
      const again = await fetch(`${t.baseUrl}/api/v1/audit-events/export?action=audit_log.export`, {
        headers: { cookie: `crewboard_session=${admin.cookie}` },
      });
      const exported = (await again.text()).split("\r\n").filter(Boolean);
      const count = await t.db.prisma.auditEvent.count({ where: { action: "audit_log.export" } });
      expect(exported).toHaveLength(1 + count - 1);
    });

    it("writes its column names in the admin's language", async () => {
      const en = await t.as("admin");
      await en.patch("/me", { locale: "en" });
      const res = await en.get("/audit-events/export?action=auth.login&limit=1".replace("&limit=1", ""));
      expect(res.text.split("\r\n")[0]).toBe(
        "Time (Japan),Time (UTC),Actor,Actor ID,Action,Entity type,Entity ID,IP address,User agent,Details",
      );
      await en.patch("/me", { locale: "ja" });
    });

    it("refuses an export larger than the limit, saying so, before writing anything", async () => {
      const actor = {
        user: { ...admin.user!, name: "admin", teamId: null, mustChangePassword: false } as never,
        ip: null,
        userAgent: null,
      };
      const before = await t.db.prisma.auditEvent.count();
      await expect(
        exportAuditEvents(t.db.prisma, { actor, query: {}, locale: "ja", maxRows: 3 }),
      ).rejects.toMatchObject({ code: "audit.export_too_large", status: 422 });
      expect(await t.db.prisma.auditEvent.count()).toBe(before);
    });
  });
});
