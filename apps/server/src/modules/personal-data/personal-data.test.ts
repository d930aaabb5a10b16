// Issue 15 (APPI): retention, a person's export, erasure of a departed person, a company's export.
// The erasure test plants the person's values everywhere they are copied (room events, other
// people's notifications and emails, audit metadata, messages) and then searches a FULL dump of the
// database — pg_dump on PostgreSQL, every table's rows as text on the embedded one — for them.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { promisify } from "node:util";
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO_PASSWORD, hashPassword, type PrismaClient } from "@crewboard/db";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import { ApiClient } from "../../test/api-client.ts";
import { RETENTION_JOB } from "./personal-data.jobs.ts";
import { DEFAULT_RETENTION } from "./retention.ts";

const DAY = 24 * 60 * 60 * 1000;
const ago = (now: Date, days: number) => new Date(now.getTime() - days * DAY);

/** Every row of every table of the database as text: what a full dump holds. */
async function fullDump(t: TestApp): Promise<string> {
  if (t.db.url) {
    const { stdout } = await promisify(execFile)("pg_dump", ["--no-owner", t.db.url], { maxBuffer: 512 * 1024 * 1024 });
    return stdout;
  }
  const p = t.db.prisma;
  const tables = await p.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows = await p.$queryRawUnsafe<{ row: string }[]>(`SELECT t::text AS row FROM "${name}" t`);
    parts.push(`-- ${name}\n${rows.map((r) => r.row).join("\n")}`);
  }
  return parts.join("\n");
}

async function makePerson(p: PrismaClient, label: string) {
  const manager = await p.user.findUniqueOrThrow({ where: { email: "manager1@crewboard.example" } });
  const tag = randomUUID().slice(0, 8);
  const user = await p.user.create({
    data: {
      email: `pd-${label}-${tag}@crewboard.example`,
      passwordHash: await hashPassword(DEMO_PASSWORD),
      name: `個人 ${label}${tag}`,
      role: "crew",
      workStyle: "home",
      teamId: manager.teamId,
    },
  });
  return { user, manager, tag };
}

async function download(client: ApiClient, path: string) {
  const res = await fetch(`${client.baseUrl}/api/v1${path}`, { headers: { cookie: client.cookieHeader ?? "" } });
  return { status: res.status, type: res.headers.get("content-type"), bytes: new Uint8Array(await res.arrayBuffer()) };
}

describeEachDatabase("personal data (issue 15)", (kind) => {
  let t: TestApp;
  let admin: ApiClient;
  beforeAll(async () => {
    t = await startTestApp(kind);
    admin = await t.as("admin");
  });
  afterAll(() => t?.close());

  it("the daily retention job removes exactly what is past its period, and records one audit row with counts", async () => {
    const p = t.db.prisma;
    const now = new Date();
    const { user, manager } = await makePerson(p, "retention");
    const left = (await makePerson(p, "left")).user;
    await p.user.update({ where: { id: left.id }, data: { active: false, deactivatedAt: ago(now, 1200) } });
    const room = await p.chatRoom.findFirstOrThrow({ where: { teamId: manager.teamId } });

    const checkIns = {
      noteExpired: await p.checkIn.create({
        data: { userId: user.id, day: ago(now, 200), condition: "tired", note: "old note" },
      }),
      rowExpired: await p.checkIn.create({
        data: { userId: user.id, day: ago(now, 1200), condition: "okay", note: "very old" },
      }),
      recent: await p.checkIn.create({
        data: { userId: user.id, day: ago(now, 10), condition: "good", note: "recent note" },
      }),
    };
    const accommodations = {
      leftLongAgo: await p.accommodation.create({
        data: { userId: left.id, writtenById: manager.id, title: "old", note: "x" },
      }),
      stillHere: await p.accommodation.create({
        data: { userId: user.id, writtenById: manager.id, title: "here", note: "y" },
      }),
    };
    const oldMessage = await p.message.create({
      data: { roomId: room.id, authorId: user.id, body: "old message", createdAt: ago(now, 800) },
    });
    await p.messageRevision.create({
      data: { messageId: oldMessage.id, body: "older body", createdAt: ago(now, 800) },
    });
    const recentMessage = await p.message.create({
      data: { roomId: room.id, authorId: user.id, body: "recent message" },
    });
    const notifications = {
      old: await p.notification.create({ data: { userId: user.id, kind: "mention", createdAt: ago(now, 200) } }),
      recent: await p.notification.create({ data: { userId: user.id, kind: "mention" } }),
    };
    const email = (createdAt: Date, sentAt: Date | null) =>
      p.outboxEmail.create({
        data: {
          userId: user.id,
          to: user.email,
          locale: "ja",
          kind: "digest",
          subject: "s",
          text: "t",
          html: "h",
          createdAt,
          sentAt,
        },
      });
    const emails = {
      sentOld: await email(ago(now, 40), ago(now, 40)),
      unsentOld: await email(ago(now, 40), null),
      sentRecent: await email(ago(now, 2), ago(now, 2)),
    };
    const session = (expiresAt: Date) =>
      p.session.create({ data: { tokenHash: randomUUID(), csrfToken: "c", userId: user.id, expiresAt } });
    const sessions = {
      expiredLongAgo: await session(ago(now, 40)),
      live: await session(new Date(now.getTime() + DAY)),
    };
    const audit = {
      old: await p.auditEvent.create({ data: { action: "test.old", entityType: "test", createdAt: ago(now, 1200) } }),
      recent: await p.auditEvent.create({
        data: { action: "test.recent", entityType: "test", createdAt: ago(now, 10) },
      }),
    };

    await p.job.upsert({
      where: { key: RETENTION_JOB },
      create: { kind: RETENTION_JOB, key: RETENTION_JOB, runAt: now },
      update: { runAt: now, doneAt: null },
    });
    expect(await t.jobs.runDue(now)).toBeGreaterThanOrEqual(1);

    const checkInNotes = await p.checkIn.findMany({ where: { userId: user.id }, orderBy: { day: "asc" } });
    expect(checkInNotes.map((c) => [c.id, c.note])).toEqual([
      [checkIns.noteExpired.id, ""],
      [checkIns.recent.id, "recent note"],
    ]);
    expect(await p.accommodation.findUnique({ where: { id: accommodations.leftLongAgo.id } })).toBeNull();
    expect(await p.accommodation.findUnique({ where: { id: accommodations.stillHere.id } })).not.toBeNull();
    expect(await p.message.findUnique({ where: { id: oldMessage.id } })).toBeNull();
    expect(await p.messageRevision.count({ where: { messageId: oldMessage.id } })).toBe(0);
    expect(await p.message.findUnique({ where: { id: recentMessage.id } })).not.toBeNull();
    expect(await p.notification.findUnique({ where: { id: notifications.old.id } })).toBeNull();
    expect(await p.notification.findUnique({ where: { id: notifications.recent.id } })).not.toBeNull();
    expect(await p.outboxEmail.findUnique({ where: { id: emails.sentOld.id } })).toBeNull();
    expect(await p.outboxEmail.findUnique({ where: { id: emails.unsentOld.id } })).not.toBeNull();
    expect(await p.outboxEmail.findUnique({ where: { id: emails.sentRecent.id } })).not.toBeNull();
    expect(await p.session.findUnique({ where: { id: sessions.expiredLongAgo.id } })).toBeNull();
    expect(await p.session.findUnique({ where: { id: sessions.live.id } })).not.toBeNull();
    expect(await p.auditEvent.findUnique({ where: { id: audit.old.id } })).toBeNull();
    expect(await p.auditEvent.findUnique({ where: { id: audit.recent.id } })).not.toBeNull();

    const runs = await p.auditEvent.findMany({ where: { action: "retention.applied" } });
    expect(runs).toHaveLength(1);
    const meta = runs[0]!.metadata as { counts: Record<string, number>; settings: object };
    expect(meta.settings).toEqual(DEFAULT_RETENTION);
    expect(meta.counts).toMatchObject({
      checkInNotesEmptied: expect.any(Number),
      auditEventsDeleted: expect.any(Number),
    });
    for (const key of [
      "checkInNotesEmptied",
      "checkInsDeleted",
      "accommodationsDeleted",
      "messagesDeleted",
      "messageRevisionsDeleted",
      "auditEventsDeleted",
      "notificationsDeleted",
      "outboxEmailsDeleted",
      "sessionsDeleted",
    ])
      expect(meta.counts[key], key).toBeGreaterThanOrEqual(1);
    // the job comes back tomorrow at 03:00 Tokyo time
    const job = await p.job.findUniqueOrThrow({ where: { key: RETENTION_JOB } });
    expect(job.doneAt).toBeNull();
    expect(job.runAt.getTime()).toBeGreaterThan(now.getTime());
    expect(job.runAt.getTime() - now.getTime()).toBeLessThanOrEqual(DAY);
  });

  it("a person exports all of their own data, private notes included; an admin anyone's; nobody else", async () => {
    const p = t.db.prisma;
    const { user, manager } = await makePerson(p, "export");
    const me = await new ApiClient(t.baseUrl).login(user.email);
    expect(
      (await me.put("/check-ins/today", { condition: "tired", note: "my private diary line", noteShared: false }))
        .status,
    ).toBe(200);
    await p.accommodation.create({
      data: { userId: user.id, writtenById: manager.id, title: "quiet desk", note: "agreed" },
    });

    const own = await me.get(`/users/${user.id}/personal-data`);
    expect(own.status, own.text).toBe(200);
    expect(own.headers.get("content-disposition")).toMatch(/^attachment; filename="crewboard-personal-data-.*\.json"$/);
    expect(own.body.person.email).toBe(user.email);
    expect(own.body.person.passwordHash).toBeUndefined();
    expect(own.text).not.toContain("$argon2");
    expect(own.body.kinds.checkIns[0].note).toBe("my private diary line");
    expect(own.body.kinds.accommodations[0].title).toBe("quiet desk");
    expect(own.body.kinds.auditEvents.length).toBeGreaterThan(0);

    const byAdmin = await admin.get(`/users/${user.id}/personal-data`);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.text).toContain("my private diary line");

    const zip = await download(admin, `/users/${user.id}/personal-data/csv`);
    expect(zip.status).toBe(200);
    expect(zip.type).toBe("application/zip");
    const files = unzipSync(zip.bytes);
    expect(Object.keys(files)).toEqual(
      expect.arrayContaining(["person.csv", "checkIns.csv", "accommodations.csv", "messages.csv", "auditEvents.csv"]),
    );
    // UTF-8 with a byte order mark, so that Excel in Japan reads it (TextDecoder drops the mark: check the bytes)
    expect([...files["checkIns.csv"]!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const checkInsCsv = strFromU8(files["checkIns.csv"]!);
    expect(checkInsCsv).toContain("my private diary line");

    // their own team's manager sees shared notes, but the export is the person's or an admin's
    for (const other of [await t.as("manager1"), await t.as("crew1")]) {
      const res = await other.get(`/users/${user.id}/personal-data`);
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("user.not_found");
    }
    const audited = await p.auditEvent.findMany({
      where: { action: "user.export_personal_data", entityId: user.id },
      orderBy: { createdAt: "asc" },
    });
    expect(audited.map((a) => [a.actorId, (a.metadata as { format: string }).format])).toEqual([
      [user.id, "json"],
      [admin.user!.id, "json"],
      [admin.user!.id, "csv"],
    ]);
  });

  it("erasing refuses an active person with problem+json: deactivate first", async () => {
    const { user } = await makePerson(t.db.prisma, "active");
    const res = await admin.post(`/users/${user.id}/erase`);
    expect(res.status).toBe(409);
    expect(res.headers.get("content-type")).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe("user.still_active");
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe(user.name);
    expect((await (await t.as("manager1")).post(`/users/${user.id}/erase`)).status).toBe(403);
  });

  it("erasing a departed person leaves none of their name, email or notes anywhere in a full dump; the work stays", async () => {
    const p = t.db.prisma;
    const { user, manager, tag } = await makePerson(p, "erase");
    const privateNote = `誰にも見せない日記 ${tag}`;
    const sharedNote = `頭痛がひどい ${tag}`;
    const accommodationNote = `静かな席と短い休憩 ${tag}`;
    const messageBody = `来週は通院で休みます ${tag}`;
    const secrets = [user.name, user.email, privateNote, sharedNote, accommodationNote, messageBody];

    // through the API: a sign-in (session, audit with IP), a check-in with a private note
    const me = await new ApiClient(t.baseUrl).login(user.email);
    expect(
      (await me.put("/check-ins/today", { condition: "unwell", note: privateNote, noteShared: false })).status,
    ).toBe(200);
    await p.checkIn.create({
      data: { userId: user.id, day: ago(new Date(), 3), condition: "tired", note: sharedNote },
    });
    await p.accommodation.create({
      data: { userId: user.id, writtenById: manager.id, title: "配慮", note: accommodationNote },
    });
    // work records that stay
    const order = await p.workOrder.findFirstOrThrow({ include: { tasks: true, chatRoom: true } });
    const task = order.tasks[0]!;
    const progress = await p.progressUpdate.create({
      data: { taskId: task.id, authorId: user.id, percent: 40, note: "half way" },
    });
    const room = order.chatRoom!;
    const message = await p.message.create({ data: { roomId: room.id, authorId: user.id, body: messageBody } });
    await p.messageRevision.create({ data: { messageId: message.id, body: `${messageBody} (first)` } });
    // copies elsewhere: room events, someone else's notification and email, audit metadata, the outbox
    await p.roomEvent.create({
      data: {
        room: `test-room-${tag}`,
        seq: 1,
        event: "message:created",
        payload: {
          message: { id: message.id, body: messageBody, author: { id: user.id, name: user.name, displayName: "個人" } },
        },
      },
    });
    await p.notification.create({
      data: {
        userId: manager.id,
        kind: "check_in.unwell",
        data: { person: { id: user.id, name: user.name }, note: sharedNote },
      },
    });
    await p.notification.create({ data: { userId: user.id, kind: "mention", data: { preview: messageBody } } });
    await p.outboxEmail.create({
      data: {
        userId: manager.id,
        to: manager.email,
        locale: "ja",
        kind: "check_in.unwell",
        subject: `${user.name}さんの体調`,
        text: `${user.name}: ${sharedNote}`,
        html: `<p>${user.name}</p>`,
      },
    });
    await p.outboxEmail.create({
      data: {
        userId: user.id,
        to: user.email,
        locale: "ja",
        kind: "digest",
        subject: "今日",
        text: messageBody,
        html: "",
      },
    });
    await p.auditEvent.create({
      data: { action: "auth.login_failed", entityType: "user", metadata: { email: user.email, name: user.name } },
    });

    // deactivate, then erase
    expect((await admin.patch(`/users/${user.id}`, { active: false })).status).toBe(200);
    const res = await admin.post(`/users/${user.id}/erase`);
    expect(res.status, res.text).toBe(200);
    expect(res.body.user).toMatchObject({ name: "退職したメンバー", displayName: "退職したメンバー", active: false });
    expect(res.body.user.email).toBe(`erased-${user.id}@erased.invalid`);
    expect(res.body.user.erasedAt).toEqual(expect.any(String));
    expect(res.body.counts).toMatchObject({ checkIns: 2, accommodations: 1, messageBodies: 1, messageRevisions: 1 });

    const dump = await fullDump(t);
    expect(dump.length).toBeGreaterThan(10_000);
    for (const secret of secrets) expect(dump.includes(secret), `"${secret}" is still in the dump`).toBe(false);

    // the work stays, under the placeholder
    expect(await p.progressUpdate.findUnique({ where: { id: progress.id } })).toMatchObject({
      authorId: user.id,
      percent: 40,
    });
    expect(await p.message.findUnique({ where: { id: message.id } })).toMatchObject({
      authorId: user.id,
      body: "退職したメンバー",
    });
    expect(await p.session.count({ where: { userId: user.id } })).toBe(0);
    // audited: who erased whom — without the erased values
    const [row] = await p.auditEvent.findMany({ where: { action: "user.erase_personal_data", entityId: user.id } });
    expect(row).toMatchObject({ actorId: admin.user!.id, entityType: "user" });
    // and the erased person cannot sign in
    expect((await t.anonymous().post("/auth/login", { email: user.email, password: DEMO_PASSWORD })).status).toBe(401);
  });

  it("a client company's data is exported in full at contract end, and never another company's rows", async () => {
    const p = t.db.prisma;
    const [a, b] = await Promise.all(
      ["client-a1", "client-b1"].map((n) =>
        p.user.findUniqueOrThrow({ where: { email: `${n}@crewboard.example` }, include: { clientCompany: true } }),
      ),
    );
    expect(a!.clientCompanyId).not.toBe(b!.clientCompanyId);
    const res = await admin.get(`/client-companies/${a!.clientCompanyId}/export`);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="crewboard-company-data-.*\.json"$/);
    const data = res.body as {
      company: { id: string };
      users: { email: string }[];
      workOrders: { id: string; clientCompanyId: string }[];
    };
    expect(data.company.id).toBe(a!.clientCompanyId);
    expect(data.users.map((u) => u.email)).toContain(a!.email);
    const ownOrders = await p.workOrder.findMany({
      where: { clientCompanyId: a!.clientCompanyId! },
      select: { id: true },
    });
    expect(data.workOrders.map((o) => o.id).sort()).toEqual(ownOrders.map((o) => o.id).sort());
    expect(data.workOrders.every((o) => o.clientCompanyId === a!.clientCompanyId)).toBe(true);
    // nothing of company B: its name, its users, its orders
    const bOrders = await p.workOrder.findMany({
      where: { clientCompanyId: b!.clientCompanyId! },
      select: { id: true, title: true },
    });
    const bUsers = await p.user.findMany({ where: { clientCompanyId: b!.clientCompanyId! }, select: { email: true } });
    for (const needle of [
      b!.clientCompany!.name,
      b!.clientCompanyId!,
      ...bUsers.map((u) => u.email),
      ...bOrders.map((o) => o.id),
    ])
      expect(res.text.includes(needle), needle).toBe(false);
    expect(res.text).not.toContain("$argon2");
    expect(
      await p.auditEvent.count({ where: { action: "client_company.export_data", entityId: a!.clientCompanyId } }),
    ).toBe(1);
    expect((await (await t.as("manager1")).get(`/client-companies/${a!.clientCompanyId}/export`)).status).toBe(403);
  });
});
