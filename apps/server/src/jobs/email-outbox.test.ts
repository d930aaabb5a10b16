// The email outbox against a real SMTP server started by the test: delivery (text and HTML, in the
// recipient's language, nothing confidential in the subject), a retry with backoff after the server
// refuses, and emails queued while email was off (or the server down) surviving a restart.
import { afterAll, beforeAll, expect, it } from "vitest";
import { createApp } from "../app.ts";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { startTestSmtp, type TestSmtp } from "../test/smtp.ts";
import type { ApiClient } from "../test/api-client.ts";
import { retryDelayMs } from "./runner.ts";

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
const TITLE = "極秘: 合併先リストの入力";

describeEachDatabase("email outbox", (kind) => {
  let smtp: TestSmtp;
  let t: TestApp;
  let sato: ApiClient, kimura: ApiClient, manager: ApiClient;

  /** An order of the client's company delivered by manager1: the client's company hears of it (clients get deliveries by email). */
  async function deliverOrderOf(client: ApiClient, title: string): Promise<string> {
    const order = (await client.post("/work-orders", { title, dueAt: inDays(2) })).body;
    expect((await manager.patch(`/work-orders/${order.id}`, { status: "accepted", version: 1 })).status).toBe(200);
    await t.db.prisma.workOrder.update({ where: { id: order.id }, data: { status: "in_progress" } });
    expect((await manager.patch(`/work-orders/${order.id}`, { status: "delivered" })).status).toBe(200);
    return order.id;
  }

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp(kind, {
      email: {
        smtpUrl: smtp.url,
        from: "Crewboard <crewboard@test.example>",
        publicUrl: "https://crewboard.test.example",
      },
    });
    [sato, kimura, manager] = await Promise.all([t.as("client-a1"), t.as("client-b2"), t.as("manager1")]);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it("delivers: text and HTML, in each recipient's language, with nothing confidential in the subject", async () => {
    const started = new Date();
    const orderId = await deliverOrderOf(sato, TITLE);
    await deliverOrderOf(kimura, "Survey tabulation");
    // (the demo data's own queued email is left out: it is dated at noon, maybe later today)
    const queued = await t.db.prisma.outboxEmail.findMany({
      where: { kind: "work_order.delivered", sentAt: null, createdAt: { gte: started, lte: new Date() } },
    });
    expect(queued.length).toBeGreaterThanOrEqual(2);
    await t.jobs.runDue(new Date());
    const mails = await smtp.waitFor(queued.length);
    const toSato = mails.find((m) => m.to && JSON.stringify(m.to).includes("client-a1@crewboard.example"))!;
    expect(toSato).toBeDefined();
    expect(toSato.from?.text).toContain("crewboard@test.example");
    expect(toSato.subject).toBe("[Crewboard] ご依頼の納品物が届きました");
    expect(toSato.subject).not.toContain("極秘");
    expect(toSato.text).toContain(TITLE);
    expect(toSato.text).toContain(`https://crewboard.test.example/work-orders/${orderId}`);
    expect(toSato.html).toContain('lang="ja"');
    expect(toSato.html).toContain(`https://crewboard.test.example/work-orders/${orderId}`);
    const toKimura = mails.find((m) => JSON.stringify(m.to).includes("client-b2@crewboard.example"))!;
    expect(toKimura.subject).toBe("[Crewboard] Your order has been delivered");
    expect(toKimura.text).toContain("Please check it");
    expect(toKimura.html).toContain('lang="en"');
    const rows = await t.db.prisma.outboxEmail.findMany({ where: { id: { in: queued.map((q) => q.id) } } });
    expect(rows.every((r) => r.sentAt && r.attempts === 1 && r.messageId)).toBe(true);
  });

  it("retries with backoff when the server refuses, and never fails the write that queued it", async () => {
    smtp.refuseNext(1);
    const before = smtp.received.length;
    const res = await manager.patch(
      `/work-orders/${(await sato.post("/work-orders", { title: "再送テスト", dueAt: inDays(2) })).body.id}`,
      { status: "declined", declineReason: "人手が足りません", version: 1 },
    );
    expect(res.status).toBe(200); // the write stands whatever SMTP does later
    // the company's two users are told: the server refuses the first email, takes the second
    const rows = await t.db.prisma.outboxEmail.findMany({
      where: {
        kind: "work_order.declined",
        sentAt: null,
        createdAt: { gte: new Date(Date.now() - 60_000), lte: new Date() },
      },
    });
    expect(rows).toHaveLength(2);
    const now = new Date();
    await t.jobs.runDue(now);
    await smtp.waitFor(before + 1);
    const refused = await t.db.prisma.outboxEmail.findFirstOrThrow({
      where: { id: { in: rows.map((r) => r.id) }, sentAt: null },
    });
    expect(refused).toMatchObject({ attempts: 1, failedAt: null });
    expect(refused.lastError).toContain("Try again later");
    expect(refused.nextAttemptAt.getTime()).toBe(now.getTime() + retryDelayMs(1));
    expect(smtp.received.length).toBe(before + 1);
    // not before its time
    await t.jobs.runDue(new Date(now.getTime() + 1_000));
    expect((await t.db.prisma.outboxEmail.findUniqueOrThrow({ where: { id: refused.id } })).attempts).toBe(1);
    await t.jobs.runDue(refused.nextAttemptAt);
    await smtp.waitFor(before + 2);
    const after = await t.db.prisma.outboxEmail.findUniqueOrThrow({ where: { id: refused.id } });
    expect(after).toMatchObject({ attempts: 2, lastError: null });
    expect(after.sentAt).not.toBeNull();
  });

  it("survives a restart: emails queued while email was off are sent by the next instance that has SMTP", async () => {
    // an instance without SMTP (email off): the write queues the email, nothing sends it
    const off = createApp({ db: t.db, demoMode: true });
    expect(off.emailOutbox).toBeNull();
    await t.db.prisma.outboxEmail.updateMany({ where: { sentAt: null }, data: { failedAt: new Date() } });
    const orderId = await deliverOrderOf(sato, "再起動テスト");
    const queued = await t.db.prisma.outboxEmail.findFirstOrThrow({
      where: { kind: "work_order.delivered", sentAt: null, failedAt: null },
      orderBy: { createdAt: "desc" },
    });
    expect(queued.text).toContain("再起動テスト");
    await off.jobs.runDue(new Date());
    expect((await t.db.prisma.outboxEmail.findUniqueOrThrow({ where: { id: queued.id } })).sentAt).toBeNull();
    await off.realtime.close();

    // the next start, with SMTP: it is sent
    const before = smtp.received.length;
    const on = createApp({
      db: t.db,
      demoMode: true,
      email: { smtpUrl: smtp.url, publicUrl: "https://crewboard.test.example" },
    });
    await on.jobs.runDue(new Date());
    const mails = await smtp.waitFor(before + 1);
    expect(mails.at(-1)!.text).toContain(`/work-orders/${orderId}`);
    expect((await t.db.prisma.outboxEmail.findUniqueOrThrow({ where: { id: queued.id } })).sentAt).not.toBeNull();
    await on.realtime.close();
    on.emailOutbox?.close();
  });

  it("drops what waited more than a day instead of sending old news", async () => {
    const old = await t.db.prisma.outboxEmail.create({
      data: {
        to: "client-a1@crewboard.example",
        locale: "ja",
        kind: "task.due_tomorrow",
        subject: "[Crewboard] x",
        text: "x",
        html: "<p>x</p>",
        createdAt: new Date(Date.now() - 25 * 3_600_000),
      },
    });
    await t.jobs.runDue(new Date());
    const row = await t.db.prisma.outboxEmail.findUniqueOrThrow({ where: { id: old.id } });
    expect(row.sentAt).toBeNull();
    expect(row.failedAt).not.toBeNull();
  });
});
