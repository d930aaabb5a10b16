// The inbox and how people hear of things: fan-out to the right people, paging with the unread
// count, read state (one or all, heard on the person's other connections), each person's choice per
// kind (live only, email, digest), a mention emailed only when still unread after 30 minutes, and
// the morning's due-date reminders (fake clock).
import { afterAll, beforeAll, expect, it } from "vitest";
import { companyDay, companyTime, nextCompanyDay } from "@crewboard/domain";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import type { ApiClient } from "../../test/api-client.ts";
import { connectSocket } from "../../test/socket-client.ts";
import { runWrite } from "../../operations/write.ts";
import { scheduleJob } from "../../jobs/schedule.ts";

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describeEachDatabase("notifications", (kind) => {
  let t: TestApp;
  let crew3: ApiClient, manager1: ApiClient, sato: ApiClient;

  beforeAll(async () => {
    t = await startTestApp(kind);
    [crew3, manager1, sato] = await Promise.all([t.as("crew3"), t.as("manager1"), t.as("client-a1")]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const schedule = (job: Parameters<typeof scheduleJob>[1]) =>
    runWrite({ prisma: t.db.prisma, publish: () => undefined }, ({ tx }) => scheduleJob(tx, job));

  it("pages the inbox newest first with the unread count; marking one read is heard on the person's other connections", async () => {
    const p = t.db.prisma;
    await p.notification.deleteMany({ where: { userId: crew3.user!.id } });
    for (let i = 0; i < 5; i++)
      await p.notification.create({
        data: {
          userId: crew3.user!.id,
          kind: "task.assigned",
          data: { title: `T${i}` },
          createdAt: new Date(Date.now() - (5 - i) * 60_000),
        },
      });
    const first = await crew3.get("/notifications?limit=3");
    expect(first.status).toBe(200);
    expect(first.body.unreadCount).toBe(5);
    expect(first.body.items.map((n: { data: { title: string } }) => n.data.title)).toEqual(["T4", "T3", "T2"]);
    expect(first.body.items[0]).toMatchObject({ category: "assignment", readAt: null });
    const second = await crew3.get(`/notifications?limit=3&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((n: { data: { title: string } }) => n.data.title)).toEqual(["T1", "T0"]);
    expect(second.body.nextCursor).toBeNull();

    const socket = await connectSocket(t.baseUrl, crew3);
    try {
      await socket.sync();
      const id = first.body.items[0].id;
      const read = await crew3.post(`/notifications/${id}/read`);
      expect(read.status).toBe(200);
      expect(read.body.readAt).not.toBeNull();
      await socket.waitFor(() => socket.eventsOf("notification:read").length > 0, 5_000, "notification:read");
      expect(socket.eventsOf("notification:read")[0]!.data).toMatchObject({ ids: [id], unreadCount: 4 });
      expect((await crew3.get("/notifications?unread=true")).body.items).toHaveLength(4);
      // someone else's notification is not there for them
      expect((await manager1.post(`/notifications/${id}/read`)).status).toBe(404);
      const all = await crew3.post("/notifications/read-all");
      expect(all.body).toEqual({ updated: 4, unreadCount: 0 });
      expect((await crew3.get("/notifications")).body.unreadCount).toBe(0);
    } finally {
      socket.close();
    }
  });

  it("each person chooses per kind: live only, email, or a digest; the defaults depend on the role", async () => {
    const prefs = await crew3.get("/me/notification-preferences");
    expect(prefs.body).toMatchObject({
      choices: { assignment: "live", mention: "email", due_reminder: "email" },
      chosen: [],
      emailEnabled: false,
    });
    expect((await manager1.get("/me/notification-preferences")).body.choices.assignment).toBe("digest");
    expect((await sato.get("/me/notification-preferences")).body.choices.order_update).toBe("email");
    const bad = await crew3.put("/me/notification-preferences", { choices: { assignment: "pigeon" } });
    expect(bad.status).toBe(400);
    const set = await crew3.put("/me/notification-preferences", { choices: { assignment: "email" } });
    expect(set.body.choices.assignment).toBe("email");
    expect(set.body.chosen).toEqual(["assignment"]);

    // an assignment now reaches crew3 by email too (queued in the same transaction), crew1 (default: live) not
    const order = (await sato.post("/work-orders", { title: "住所録の入力", dueAt: inDays(4) })).body;
    await manager1.patch(`/work-orders/${order.id}`, { status: "accepted", version: 1 });
    const crew1 = await t.db.prisma.user.findUniqueOrThrow({ where: { email: "crew1@crewboard.example" } });
    const split = await manager1.post(`/work-orders/${order.id}/tasks`, {
      tasks: [
        { title: "前半", assigneeId: crew3.user!.id },
        { title: "後半", assigneeId: crew1.id },
      ],
    });
    expect(split.status).toBe(201);
    expect(await t.db.prisma.outboxEmail.count({ where: { userId: crew3.user!.id, kind: "task.assigned" } })).toBe(1);
    expect(await t.db.prisma.outboxEmail.count({ where: { userId: crew1.id, kind: "task.assigned" } })).toBe(0);
    expect(
      await t.db.prisma.notification.count({ where: { userId: crew1.id, kind: "task.assigned" } }),
    ).toBeGreaterThan(0);
  });

  it("a mention is emailed only if still unread 30 minutes later", async () => {
    const p = t.db.prisma;
    const room = await p.chatRoom.findFirstOrThrow({
      where: { kind: "team", members: { some: { userId: crew3.user!.id } } },
      include: { members: true },
    });
    const socket = await connectSocket(t.baseUrl, manager1);
    const send = async (body: string) => {
      const ack = await socket.request("message:send", {
        roomId: room.id,
        body,
        clientKey: crypto.randomUUID(),
        mentions: [crew3.user!.id],
      });
      expect(ack.ok, JSON.stringify(ack)).toBe(true);
      return p.notification.findFirstOrThrow({
        where: { userId: crew3.user!.id, kind: "message.mention" },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
    };
    try {
      const unread = await send("@crew3 この件、確認できますか？");
      const answered = await send("@crew3 もう一件あります");
      await crew3.post(`/notifications/${answered.id}/read`);
      expect(await p.outboxEmail.count({ where: { userId: crew3.user!.id, kind: "message.mention" } })).toBe(0);
      await t.jobs.runDue(new Date(unread.createdAt.getTime() + 29 * 60_000));
      expect(await p.outboxEmail.count({ where: { userId: crew3.user!.id, kind: "message.mention" } })).toBe(0);
      await t.jobs.runDue(new Date(answered.createdAt.getTime() + 31 * 60_000));
      const emails = await p.outboxEmail.findMany({ where: { userId: crew3.user!.id, kind: "message.mention" } });
      expect(emails).toHaveLength(1);
      expect(emails[0]!.text).toContain("この件、確認できますか");
      expect(emails[0]!.subject).not.toContain("確認");
    } finally {
      socket.close();
    }
  });

  it("members away from a room for a while hear of the messages they missed (30 minutes on), once until they read it", async () => {
    const p = t.db.prisma;
    const room = await p.chatRoom.findFirstOrThrow({
      where: { kind: "team", members: { some: { userId: crew3.user!.id } } },
    });
    await crew3.post("/notifications/read-all");
    const socket = await connectSocket(t.baseUrl, manager1);
    try {
      const ack = await socket.request<{ createdAt: string }>("message:send", {
        roomId: room.id,
        body: "午後の予定を確認してください",
        clientKey: crypto.randomUUID(),
      });
      expect(ack.ok).toBe(true);
      const sentAt = new Date((ack as { ok: true; data: { createdAt: string } }).data.createdAt);
      await t.jobs.runDue(new Date(sentAt.getTime() + 31 * 60_000));
      const about = (userId: string) =>
        p.notification.findMany({
          where: { userId, kind: "chat.unread_messages", readAt: null, data: { path: ["roomId"], equals: room.id } },
        });
      expect(await about(crew3.user!.id)).toHaveLength(1);
      expect(await about(manager1.user!.id)).toHaveLength(0); // the author
      // another message, another check: still one unread reminder for crew3
      const again = await socket.request("message:send", {
        roomId: room.id,
        body: "もう一件です",
        clientKey: crypto.randomUUID(),
      });
      expect(again.ok).toBe(true);
      await t.jobs.runDue(new Date(Date.now() + 31 * 60_000));
      expect(await about(crew3.user!.id)).toHaveLength(1);
    } finally {
      socket.close();
    }
  });

  it("every morning: a task due tomorrow and an overdue one remind the assignee and their manager (fake clock)", async () => {
    const p = t.db.prisma;
    const now = new Date();
    const morning = companyTime(nextCompanyDay(companyDay(now)), 9);
    const dayAfter = companyTime(nextCompanyDay(nextCompanyDay(companyDay(now))), 15);
    const order = await p.workOrder.create({
      data: {
        clientCompanyId: sato.user!.clientCompanyId!,
        createdById: sato.user!.id,
        title: "リマインダーの確認",
        dueAt: new Date(dayAfter.getTime() + 7 * 86_400_000),
        status: "in_progress",
        tasks: {
          create: [
            { title: "明日が期限", assigneeId: crew3.user!.id, dueAt: dayAfter },
            { title: "期限切れ", assigneeId: crew3.user!.id, dueAt: new Date(morning.getTime() - 3_600_000) },
            { title: "完了済み", assigneeId: crew3.user!.id, dueAt: dayAfter, status: "done" },
          ],
        },
      },
    });
    await schedule({ kind: "reminders.due", key: "reminders.due", runAt: morning });
    expect(await t.jobs.runDue(morning)).toBeGreaterThanOrEqual(1);
    const about = (kind: string) =>
      p.notification.findMany({ where: { kind, data: { path: ["workOrderId"], equals: order.id } } });
    const tomorrow = await about("task.due_tomorrow");
    const overdue = await about("task.overdue");
    expect(tomorrow.map((n) => (n.data as { title: string }).title)).toContain("明日が期限");
    expect(overdue.map((n) => (n.data as { title: string }).title)).toContain("期限切れ");
    expect([...tomorrow, ...overdue].some((n) => (n.data as { title: string }).title === "完了済み")).toBe(false);
    expect(new Set(tomorrow.map((n) => n.userId))).toEqual(new Set([crew3.user!.id, manager1.user!.id]));
    // due reminders go by email by default
    expect(
      await p.outboxEmail.count({ where: { userId: crew3.user!.id, kind: "task.due_tomorrow" } }),
    ).toBeGreaterThanOrEqual(1);
    // it comes again the next morning
    const job = await p.job.findUniqueOrThrow({ where: { key: "reminders.due" } });
    expect(job.runAt).toEqual(companyTime(nextCompanyDay(companyDay(morning)), 9));
  });

  it("the daily digest gathers, for those who chose it, the unread notifications of the last day in one email", async () => {
    const p = t.db.prisma;
    const at = new Date(Date.now() + 60_000);
    await schedule({ kind: "notifications.digest", key: "notifications.digest", runAt: at });
    await t.jobs.runDue(at);
    const digest = await p.outboxEmail.findFirstOrThrow({ where: { userId: manager1.user!.id, kind: "digest" } });
    expect(digest.subject).toMatch(/^\[Crewboard\] 今日のまとめ/);
    expect(digest.text).toContain("•");
    // crew3 chose nothing as a digest (crew default: live or email): no digest
    expect(await p.outboxEmail.count({ where: { userId: crew3.user!.id, kind: "digest" } })).toBe(0);
  });
});
