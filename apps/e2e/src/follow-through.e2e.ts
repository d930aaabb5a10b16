// Issue 11 in a real browser: Tanaka's low rating opens a follow-up that she sees acknowledged
// (who handles it, by when), and she sends a complaint by keyboard alone; the manager records the
// next step; crew5 hears praise on My Day as it arrives; a mention shows in the inbox, with the
// bell's unread count on every screen, and is marked read. Axe on the inbox, the follow-ups and a
// follow-up in both languages.
import { beforeAll, expect, it } from "vitest";
import {
  apiSession,
  axeScan,
  describeBrowser,
  formatViolations,
  openPage,
  settled,
  signIn,
  type ApiSession,
  type Page,
  useServerAndBrowser,
} from "./harness.ts";

async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const violations = await axeScan(page);
  expect(violations, `${what}\n${formatViolations(violations)}`).toEqual([]);
}

/** Presses Tab until the element with this id has focus (the keyboard alone; fails if it never does). */
async function tabTo(page: Page, matches: () => Promise<boolean>, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await matches()) return;
    await page.keyboard.press("Tab");
  }
  throw new Error("Tab never reached the element");
}

describeBrowser("follow-through: complaints, praise and the inbox", () => {
  const e2e = useServerAndBrowser();
  let tanaka: ApiSession, manager2: ApiSession;
  let orderId: string;

  beforeAll(async () => {
    [tanaka, manager2] = await Promise.all([apiSession(e2e.server, "client-b1"), apiSession(e2e.server, "manager2")]);
    const crew5 = await e2e.server.db.prisma.user.findUniqueOrThrow({ where: { email: "crew5@crewboard.example" } });
    const order = await tanaka.call<{ id: string }>("POST", "/work-orders", {
      title: "アンケート300件の集計",
      dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    orderId = order.id;
    await manager2.call("PATCH", `/work-orders/${orderId}`, { status: "accepted", version: 1 });
    await manager2.call("POST", `/work-orders/${orderId}/tasks`, {
      tasks: [{ title: "集計", assigneeId: crew5.id, estimateMinutes: 120 }],
    });
  });

  it("Tanaka's 2 opens a follow-up: she sees it received, who handles it, and never the internal notes", async () => {
    await tanaka.call("POST", `/work-orders/${orderId}/feedback`, {
      verdict: "comment",
      rating: 2,
      comment: "誤字がいくつかありました",
    });
    const f = await e2e.server.db.prisma.followUp.findFirstOrThrow({
      where: { feedback: { workOrderId: orderId } },
      orderBy: { createdAt: "desc" },
    });
    await manager2.call("POST", `/follow-ups/${f.id}/steps`, { step: "listened", note: "社内メモ：3ページ目に誤字" });

    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "client-b1");
    // the bell: the thank-you is unread
    await expect.poll(() => page.getByTestId("inbox-bell").getAttribute("aria-label")).toMatch(/未読 \d+ 件/);
    await page.getByRole("link", { name: "ご意見への対応" }).click();
    await page.waitForURL("**/follow-ups");
    await settled(page);
    const item = page.getByTestId("follow-up-item").filter({ hasText: "アンケート300件の集計" });
    await expect.poll(() => item.textContent()).toContain("受け付けました");
    // who handles it, by the display name clients see (issue 12), never the full name
    await expect.poll(() => item.textContent()).toContain("担当：伊藤");
    expect(await item.textContent()).not.toContain("伊藤 大輔");
    await item.getByRole("link").click();
    await page.waitForURL(`**/follow-ups/${f.id}`);
    await settled(page);
    await expect.poll(() => page.getByTestId("follow-up-steps").textContent()).toContain("受け付けました");
    expect(await page.locator("main").textContent()).not.toContain("社内メモ");
    await expect.poll(() => page.getByTestId("follow-up-step-form").count()).toBe(0);
    await expectNoAxeViolations(page, "a follow-up as the client sees it (ja)");
    await context.close();
  });

  it("a client sends 「ご意見・ご不満」 with the keyboard alone; it is received at once", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "client-b1");
    await page.goto(`/work-orders/${orderId}`);
    await settled(page);
    const field = page.getByTestId("complaint-form").getByRole("textbox", { name: "ご意見・ご不満の内容" });
    await field.waitFor();
    await page.locator("main h1").first().focus();
    await tabTo(page, () => field.evaluate((el) => el === document.activeElement));
    await page.keyboard.type("連絡が少し遅いと感じました");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByTestId("complaint-form").getByRole("status").textContent())
      .toContain("ご意見を受け付けました");
    await expect
      .poll(
        async () =>
          await e2e.server.db.prisma.followUp.count({
            where: { feedback: { workOrderId: orderId, tone: "complaint" } },
          }),
      )
      .toBe(1);
    await context.close();
  });

  it("the manager sees the dashboard and records the next step in order", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager2");
    await page.getByRole("link", { name: "フォローアップ", exact: true }).click();
    await page.waitForURL("**/follow-ups");
    await settled(page);
    await expect.poll(() => page.getByTestId("follow-up-stats").textContent()).toContain("対応中");
    await expectNoAxeViolations(page, "the follow-ups dashboard (ja)");
    const f = await e2e.server.db.prisma.followUp.findFirstOrThrow({
      where: { feedback: { workOrderId: orderId, rating: 2 } },
    });
    await page.goto(`/follow-ups/${f.id}`);
    await settled(page);
    const form = page.getByTestId("follow-up-step-form");
    await expect.poll(() => page.locator("main").textContent()).toContain("次の手順：上長への報告");
    // an empty record is refused at the field, which gets focus
    await form.getByRole("button").click();
    await expect.poll(() => form.textContent()).toContain("記録を入力してください。");
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
    await form.getByRole("textbox").fill("山本さんに報告しました");
    await form.getByRole("button").click();
    await expect.poll(() => page.getByTestId("follow-up-steps").textContent()).toContain("上長への報告");
    await expect.poll(() => page.locator("main").textContent()).toContain("次の手順：クルーから話を聞く");
    await expectNoAxeViolations(page, "a follow-up as the manager sees it, with its form (ja)");
    await context.close();
  });

  it("crew5 hears praise on My Day as it arrives, by the client's name", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew5");
    await settled(page);
    await tanaka.call("POST", `/work-orders/${orderId}/feedback`, {
      verdict: "comment",
      tone: "praise",
      comment: "丁寧な集計でした",
    });
    const praise = page.getByTestId("praise");
    await expect.poll(() => praise.textContent(), { timeout: 15_000 }).toContain("丁寧な集計でした");
    await expect.poll(() => praise.textContent()).toContain("田中 誠");
    await context.close();
  });

  it("a mention shows in the inbox with the bell's count, and is marked read (English too)", async () => {
    const manager = await openPage(e2e.browser, e2e.server);
    await signIn(manager.page, "manager2");
    const crew = await openPage(e2e.browser, e2e.server, { locale: "en" });
    await signIn(crew.page, "crew8");
    const before = Number(
      (await crew.page.getByTestId("inbox-bell").getAttribute("aria-label"))?.match(/\d+/)?.[0] ?? 0,
    );

    const room = await e2e.server.db.prisma.chatRoom.findFirstOrThrow({
      where: { kind: "team", members: { some: { user: { email: "crew8@crewboard.example" } } } },
    });
    await manager.page.goto(`/chat/${room.id}`);
    const field = manager.page
      .getByTestId("chat-conversation")
      .getByRole("textbox", { name: "メッセージ", exact: true });
    await field.fill("@井上 拓海 Could you check the tag list?");
    await field.press("Enter");

    await expect
      .poll(() => crew.page.getByTestId("inbox-bell").getAttribute("aria-label"), { timeout: 15_000 })
      .toBe(`Notifications (${before + 1} unread)`);
    await crew.page.getByTestId("inbox-bell").click();
    await crew.page.waitForURL("**/notifications");
    await settled(crew.page);
    const mention = crew.page.getByTestId("inbox-item").filter({ hasText: "Could you check the tag list?" });
    await expect.poll(() => mention.textContent()).toContain("伊藤 大輔 mentioned you");
    await expectNoAxeViolations(crew.page, "the inbox (en)");
    await mention.getByRole("button", { name: "Mark as read" }).click();
    await expect
      .poll(() => crew.page.getByTestId("inbox-bell").getAttribute("aria-label"))
      .toBe(before === 0 ? "Notifications" : `Notifications (${before} unread)`);
    await crew.page.getByRole("button", { name: "Mark all as read" }).click();
    await expect.poll(() => crew.page.getByTestId("inbox-bell").getAttribute("aria-label")).toBe("Notifications");
    await manager.context.close();
    await crew.context.close();
  });

  it("the inbox and the follow-ups pass axe in Japanese", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "client-b1");
    await page.getByTestId("inbox-bell").click();
    await page.waitForURL("**/notifications");
    await settled(page);
    await expect.poll(() => page.getByTestId("inbox-item").count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, "the inbox (ja)");
    await context.close();
  });
});
