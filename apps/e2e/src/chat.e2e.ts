// Chat in a real browser: journey 4 (talk to a manager by name or "whoever is free": live
// messages, typing, 既読, the first manager to answer takes it) and journey 2.3 (a question in the
// order room answered live by the client), a message sent offline delivered once, company B
// never seeing company A's rooms, keyboard-only sending, reflow at 320 px, and axe in ja and en.
import { expect, it } from "vitest";
import {
  axeScan,
  describeBrowser,
  formatViolations,
  horizontalOverflow,
  openPage,
  signIn,
  type Page,
  useServerAndBrowser,
} from "./harness.ts";

const conversation = (page: Page) => page.getByTestId("chat-conversation");
const messageField = (page: Page, label = "メッセージ") =>
  conversation(page).getByRole("textbox", { name: label, exact: true });
const messages = (page: Page) => conversation(page).getByTestId("chat-message");
// (the demo data has messages later today: a new message is not always the last one shown)
const messageWith = (page: Page, text: string) => messages(page).filter({ hasText: text });
const roomLink = (page: Page, name: string | RegExp) => page.getByTestId("chat-rooms").getByRole("link", { name });

async function send(page: Page, text: string, label?: string) {
  const field = messageField(page, label);
  await field.fill(text);
  await field.press("Enter");
}

/** The conversation has loaded its history (or says it is empty). */
async function historyLoaded(page: Page) {
  await page.waitForFunction(() => {
    const log = document.querySelector('[data-testid="chat-log"]');
    return Boolean(log && (log.querySelector('[data-testid="chat-message"]') || log.querySelector(".chat-log__empty")));
  });
}

describeBrowser("chat: talk to a manager (journey 4), the order room (journey 2.3), offline, privacy, a11y", () => {
  const e2e = useServerAndBrowser();

  async function roomIdByName(fragment: string): Promise<string> {
    const room = await e2e.server.db.prisma.chatRoom.findFirstOrThrow({
      where: { name: { contains: fragment } },
      select: { id: true },
    });
    return room.id;
  }

  it("journey 4: crew7 picks manager2 by name; live messages both ways, typing and 既読", async () => {
    const crew = await openPage(e2e.browser, e2e.server);
    const manager = await openPage(e2e.browser, e2e.server);
    await Promise.all([signIn(crew.page, "crew7"), signIn(manager.page, "manager2")]);

    // the help link, the same place on every screen, leads to "talk to a manager"
    await crew.page.getByTestId("help-link").click();
    await crew.page.waitForURL("**/chat/talk-to-manager");
    await expect.poll(() => crew.page.locator("main h1").textContent()).toBe("管理者に相談する");
    const form = crew.page.getByTestId("talk-to-manager");
    await expect.poll(() => form.getByRole("radio", { name: /手の空いている人/ }).isChecked()).toBe(true);
    await form.getByRole("radio", { name: /伊藤 大輔/ }).check();
    await form.getByRole("button", { name: "相談を始める" }).click();
    await crew.page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    const roomId = crew.page.url().split("/").pop()!;
    // the direct room of the two (from the demo data), ready to write in
    await expect.poll(() => conversation(crew.page).getByRole("heading").first().textContent()).toContain("伊藤 大輔");
    await expect.poll(() => crew.page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("message");
    await historyLoaded(crew.page);

    await manager.page.goto(`/chat/${roomId}`);
    await expect
      .poll(() => conversation(manager.page).getByRole("heading").first().textContent())
      .toContain("松本 結衣");
    await historyLoaded(manager.page);

    // typing shows on the other side, in a polite status
    const typing = manager.page.getByTestId("typing-status");
    await expect.poll(() => typing.getAttribute("role")).toBe("status");
    await messageField(crew.page).pressSequentially("明日の作業", { delay: 20 });
    await expect.poll(() => typing.textContent()).toBe("松本 結衣 さんが入力中です…");

    const question = "明日の作業の順番について、相談させてください。";
    await messageField(crew.page).fill(question);
    await messageField(crew.page).press("Enter");
    await messageWith(manager.page, question).waitFor();
    await expect.poll(() => typing.textContent()).toBe("");

    // manager2 has it on screen: crew7 sees 既読 under their message
    const manager2 = await e2e.server.db.prisma.user.findUniqueOrThrow({
      where: { email: "manager2@crewboard.example" },
      select: { id: true },
    });
    // manager2 has read to the newest message (the question, unless the demo data has later ones today)
    const newest = await e2e.server.db.prisma.message.findFirstOrThrow({
      where: { roomId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    const marker = () =>
      e2e.server.db.prisma.chatMember.findUniqueOrThrow({ where: { roomId_userId: { roomId, userId: manager2.id } } });
    await expect.poll(async () => (await marker()).lastReadMessageId, { timeout: 10_000 }).toBe(newest.id);
    await expect
      .poll(() => conversation(crew.page).getByTestId("read-by").textContent(), { timeout: 10_000 })
      .toContain("既読（伊藤 大輔）");

    // the reply arrives live and is announced politely (batched; never moves focus)
    const reply = "もちろんです。14時に少しお話ししましょう。";
    await send(manager.page, reply);
    await messageWith(crew.page, reply).waitFor();
    await expect
      .poll(() => crew.page.getByTestId("announcer-polite").textContent(), { timeout: 10_000 })
      .toContain("伊藤 大輔 さん：");
    await expect.poll(() => crew.page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("message");
    // written once each
    expect(await e2e.server.db.prisma.message.count({ where: { roomId, body: question } })).toBe(1);
    expect(await e2e.server.db.prisma.message.count({ where: { roomId, body: reply } })).toBe(1);

    await crew.context.close();
    await manager.context.close();
  });

  it("journey 4: 'whoever is free' reaches every manager; manager1 answers first, manager2 sees it is taken", async () => {
    const crew = await openPage(e2e.browser, e2e.server);
    const m1 = await openPage(e2e.browser, e2e.server);
    const m2 = await openPage(e2e.browser, e2e.server);
    await Promise.all([signIn(crew.page, "crew7"), signIn(m1.page, "manager1"), signIn(m2.page, "manager2")]);
    await Promise.all([m1.page.goto("/chat"), m2.page.goto("/chat")]);
    await Promise.all([
      m1.page.getByTestId("chat-rooms").getByRole("list").waitFor(),
      m2.page.getByTestId("chat-rooms").getByRole("list").waitFor(),
    ]);

    await crew.page.getByTestId("help-link").click();
    await crew.page.getByRole("radio", { name: /手の空いている人/ }).check();
    await crew.page.getByRole("button", { name: "相談を始める" }).click();
    await crew.page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => crew.page.getByTestId("support-state").textContent())
      .toContain("対応する管理者を待っています");
    await send(crew.page, "午後から体調が少し不安です。どなたか相談にのっていただけますか。");

    // both managers see the request live, waiting
    const request = /松本 結衣 さんからの相談 — 対応待ち/;
    await roomLink(m1.page, request).waitFor();
    await roomLink(m2.page, request).waitFor();
    await expect
      .poll(() => m1.page.getByTestId("announcer-polite").textContent(), { timeout: 10_000 })
      .toContain("松本 結衣 さんから相談が届きました。");

    // both open it; manager1 answers first and takes it
    await roomLink(m2.page, request).click();
    await historyLoaded(m2.page);
    // while nobody has answered, a manager in the room may remove a message (moderation)
    await messageWith(m2.page, "どなたか相談にのっていただけますか").getByRole("button", { name: /^削除/ }).waitFor();
    await roomLink(m1.page, request).click();
    await historyLoaded(m1.page);
    await expect
      .poll(() => m1.page.getByTestId("support-state").textContent())
      .toContain("返信すると、あなたが対応します");
    await send(m1.page, "高橋です。お話を伺います。今どんな様子ですか？");

    // the one who asked reads it with the honorific, as the managers do
    await expect
      .poll(() => crew.page.getByTestId("support-state").textContent())
      .toBe("高橋 真理子 さんが対応します。");
    await expect
      .poll(() => m1.page.getByTestId("support-state").textContent())
      .toContain("この相談には、あなたが対応しています。");
    await messageWith(crew.page, "高橋です。お話を伺います。").waitFor();
    // manager2: told in the open conversation, which no longer takes replies nor offers to delete
    // crew7's message; the room leaves his list at once (he is no longer in it)
    await expect
      .poll(() => m2.page.getByTestId("support-state").textContent())
      .toContain("この相談は 高橋 真理子 さんが対応しています。");
    await expect.poll(() => messageField(m2.page).count()).toBe(0);
    await expect
      .poll(() =>
        messageWith(m2.page, "どなたか相談にのっていただけますか").getByRole("button", { name: /^削除/ }).count(),
      )
      .toBe(0);
    await expect.poll(() => roomLink(m2.page, /松本 結衣 さんからの相談/).count()).toBe(0);
    await expect
      .poll(() => m2.page.getByTestId("announcer-polite").textContent(), { timeout: 10_000 })
      .toContain("高橋 真理子 さんが対応しています");
    // and after a reload it stays out of his list (the server's list follows the same rule)
    await m2.page.goto("/chat");
    await m2.page.getByTestId("chat-rooms").getByRole("list").waitFor();
    await expect.poll(() => roomLink(m2.page, /松本 結衣 さんからの相談/).count()).toBe(0);

    for (const p of [crew, m1, m2]) await p.context.close();
  });

  it("journey 2.3: crew3 asks in the order room and Sato answers live", async () => {
    const crew = await openPage(e2e.browser, e2e.server);
    const client = await openPage(e2e.browser, e2e.server);
    await Promise.all([signIn(crew.page, "crew3"), signIn(client.page, "client-a1")]);
    const roomId = await roomIdByName("経費伝票の入力");

    await crew.page.goto("/chat");
    await roomLink(crew.page, /経費伝票の入力/).click();
    await crew.page.waitForURL(`**/chat/${roomId}`);
    // choosing a room takes focus to its conversation
    await expect.poll(() => crew.page.evaluate(() => document.activeElement?.tagName)).toBe("H2");
    await historyLoaded(crew.page);
    await client.page.goto(`/chat/${roomId}`);
    await historyLoaded(client.page);

    const question = "slips 14 and 37 are unreadable — can you resend?";
    await send(crew.page, question);
    await messageWith(client.page, question).waitFor();
    // English text in the Japanese UI is marked as English
    await expect
      .poll(() => messageWith(client.page, question).locator(".chat-message__body").getAttribute("lang"))
      .toBe("en");

    const answer = "再スキャンしました：https://files.example/sakura/slips-14-37.pdf。ご確認ください。";
    await send(client.page, answer);
    await messageWith(crew.page, "再スキャンしました").waitFor();
    // the address is a link that opens in a new tab (and says so), without the opener
    const link = messageWith(crew.page, "再スキャンしました").getByRole("link", {
      name: /^https:\/\/files\.example\/sakura\/slips-14-37\.pdf\s*（新しいタブで開きます）$/,
    });
    await expect.poll(() => link.getAttribute("href")).toBe("https://files.example/sakura/slips-14-37.pdf");
    await expect.poll(() => link.getAttribute("target")).toBe("_blank");
    await expect.poll(() => link.getAttribute("rel")).toBe("noopener noreferrer");
    await crew.context.close();
    await client.context.close();
  });

  it("a message written offline waits as 送信待ち and is delivered once when back", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");
    const roomId = await roomIdByName("経費伝票の入力");
    await page.goto(`/chat/${roomId}`);
    await historyLoaded(page);

    await context.setOffline(true);
    await expect.poll(() => page.getByTestId("connection-banner").textContent()).toContain("オフラインです");
    const body = "オフラインで書きました。伝票38〜45を入力済みです。";
    await send(page, body);
    const pending = conversation(page).getByTestId("chat-message-pending");
    await expect.poll(() => pending.textContent()).toContain("送信待ち");
    await expect.poll(() => pending.textContent()).toContain(body);
    expect(await e2e.server.db.prisma.message.count({ where: { body } })).toBe(0);

    await context.setOffline(false);
    await expect.poll(() => e2e.server.db.prisma.message.count({ where: { body } }), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => pending.count(), { timeout: 20_000 }).toBe(0);
    await messageWith(page, body).waitFor();
    // sent once, even after the reconnect's retries
    await page.waitForTimeout(1500);
    expect(await e2e.server.db.prisma.message.count({ where: { body } })).toBe(1);
    await context.close();
  });

  it("Tanaka (client-b1) never sees company A's rooms", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "client-b1");
    await page.goto("/chat");
    const list = page.getByTestId("chat-rooms").getByRole("list");
    await list.waitFor();
    const shown = (await page
      .getByTestId("chat-room")
      .evaluateAll((items) => items.map((li) => li.getAttribute("data-room-id")))) as string[];
    expect(shown.length).toBeGreaterThan(0);
    const companyA = await e2e.server.db.prisma.chatRoom.findMany({
      where: {
        members: { some: { user: { email: { in: ["client-a1@crewboard.example", "client-a2@crewboard.example"] } } } },
      },
      select: { id: true, name: true },
    });
    expect(companyA.length).toBeGreaterThan(0);
    for (const room of companyA) {
      expect(shown).not.toContain(room.id);
      await expect.poll(() => list.textContent()).not.toContain(room.name ?? "—");
    }
    // nor by guessing the address
    await page.goto(`/chat/${companyA[0]!.id}`);
    await expect
      .poll(() => conversation(page).getByRole("alert").textContent())
      .toContain("このルームには参加していないため、表示できません。");
    await expect.poll(() => conversation(page).getByTestId("chat-message").count()).toBe(0);
    await context.close();
  });

  it("sends a message with the keyboard alone", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew2");
    const body = "キーボードだけで送信しました。";
    // from the top of a freshly loaded page, through the header's navigation to the chat screen
    await page.goto("/my-day");
    await page.locator("main h1").waitFor();
    const isChatNavLink = () =>
      page.evaluate(
        () =>
          document.activeElement?.closest("nav")?.getAttribute("aria-label") === "メインメニュー" &&
          document.activeElement?.textContent === "チャット",
      );
    for (let i = 0; i < 80 && !(await isChatNavLink()); i++) await page.keyboard.press("Tab");
    await expect.poll(() => isChatNavLink()).toBe(true);
    await page.keyboard.press("Enter");
    await page.waitForURL("**/chat");
    await page.getByTestId("chat-rooms").getByRole("list").waitFor();
    // to the team room, then into its conversation
    for (
      let i = 0;
      i < 30 && !(await page.evaluate(() => document.activeElement?.textContent?.includes("チーム A のルーム")));
      i++
    )
      await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
    await historyLoaded(page);
    for (
      let i = 0;
      i < 60 && (await page.evaluate(() => document.activeElement?.getAttribute("name"))) !== "message";
      i++
    )
      await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("message");
    // focus is visible and not hidden
    const box = await page.evaluate(() => {
      const r = document.activeElement!.getBoundingClientRect();
      return {
        top: r.top,
        bottom: r.bottom,
        height: innerHeight,
        outline: getComputedStyle(document.activeElement!).outlineStyle,
      };
    });
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(box.bottom).toBeLessThanOrEqual(box.height);
    expect(box.outline).not.toBe("none");
    await page.keyboard.type(body);
    await page.keyboard.press("Enter");
    await expect.poll(() => e2e.server.db.prisma.message.count({ where: { body } })).toBe(1);
    await messageWith(page, body).waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("message");
    await context.close();
  });

  it("reflows at 320 px: an open room shows alone, with a way back to the list", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server, { viewport: { width: 320, height: 640 } });
    await signIn(page, "crew3");
    await page.goto("/chat");
    await page.getByTestId("chat-rooms").getByRole("list").waitFor();
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    await roomLink(page, /経費伝票の入力/).click();
    await historyLoaded(page);
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    await expect.poll(() => page.getByTestId("chat-rooms").isVisible()).toBe(false);
    await page.getByRole("link", { name: "ルームの一覧に戻る" }).click();
    await page.waitForURL("**/chat");
    await expect.poll(() => page.getByTestId("chat-rooms").isVisible()).toBe(true);
    await context.close();
  });

  for (const locale of ["ja", "en"] as const) {
    it(`axe: the chat page (rooms list + open conversation) and "talk to a manager" in ${locale}: 0 violations`, async () => {
      const { context, page } = await openPage(e2e.browser, e2e.server, { locale });
      // crew3 reads Japanese; crew8 has chosen English
      await signIn(page, locale === "ja" ? "crew3" : "crew8");
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe(locale);
      await page.goto("/chat");
      await page.getByTestId("chat-rooms").getByRole("list").waitFor();
      await page.getByTestId("chat-room").first().getByRole("link").click();
      await historyLoaded(page);
      // with an edit in progress and the mention list open, too
      await page.getByRole("button", { name: locale === "ja" ? "メンションする人" : "Mention someone" }).click();
      await page.getByRole("listbox").waitFor();
      let violations = await axeScan(page);
      expect(violations, formatViolations(violations)).toEqual([]);

      await page.keyboard.press("Escape");
      await send(
        page,
        locale === "ja" ? "確認のためのメッセージです。" : "A message to check the page.",
        locale === "ja" ? "メッセージ" : "Message",
      );
      const mine = messageWith(page, locale === "ja" ? "確認のためのメッセージです。" : "A message to check the page.");
      await mine.getByRole("button", { name: locale === "ja" ? /^編集/ : /^Edit/ }).click();
      violations = await axeScan(page);
      expect(violations, formatViolations(violations)).toEqual([]);

      await page.goto("/chat/talk-to-manager");
      await page.getByTestId("talk-to-manager").waitFor();
      // "whoever is free" and at least one manager by name
      await page.getByTestId("talk-to-manager").getByRole("radio").nth(1).waitFor();
      violations = await axeScan(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      await context.close();
    });
  }
});
