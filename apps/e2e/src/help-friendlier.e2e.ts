// Issue 9 barrier 13, in a real browser: "Talk to a manager" says which managers are online now,
// and how long they usually take to answer, and offers one-tap phrases; 「体調がよくありません」 also offers to update today's check-in.
// Keyboard only on the crew side, in Japanese and English, with axe.
import { expect, it } from "vitest";
import {
  axeScan,
  describeBrowser,
  formatViolations,
  openPage,
  settled,
  signIn,
  switchLanguage,
  useServerAndBrowser,
  type Page,
} from "./harness.ts";

const words = {
  ja: {
    online: "いまオンラインの管理者：",
    replyTime: "返事はふだん 20 分ほどで来ます（この 30 日）。",
    unwell: "体調がよくありません",
    question: "質問があります",
    sent: "「体調がよくありません」と送りました。",
    change: "体調チェックを「体調不良」にする",
    saved: "今日の体調チェックを「体調不良」にしました。",
  },
  en: {
    online: "Managers online now:",
    replyTime: "Managers usually answer in about 20 min (last 30 days).",
    unwell: "I am not feeling well",
    question: "I have a question",
    sent: "You sent “I am not feeling well”.",
    change: "Change my check-in to “unwell”",
    saved: "Today’s check-in is now “unwell”.",
  },
} as const;

/**
 * Five questions of the last days in a support room, each answered 20 minutes later: whatever the
 * demo data's few conversations add, the median is 20 minutes.
 */
async function answeredQuestions(e2e: ReturnType<typeof useServerAndBrowser>) {
  const prisma = e2e.server.db.prisma;
  const user = (name: string) => prisma.user.findFirstOrThrow({ where: { email: `${name}@crewboard.example` } });
  const crew = await user("crew3");
  const manager = await user("manager1");
  const room = await prisma.chatRoom.create({ data: { kind: "support", requesterId: crew.id } });
  for (let day = 1; day <= 5; day++) {
    const asked = new Date(Date.now() - day * 86_400_000);
    await prisma.message.createMany({
      data: [
        { roomId: room.id, authorId: crew.id, body: "質問があります", createdAt: asked },
        { roomId: room.id, authorId: manager.id, body: "はい", createdAt: new Date(asked.getTime() + 20 * 60_000) },
      ],
    });
  }
}

/** Tabs until the focused element is a button named `name`. */
async function tabTo(page: Page, name: string) {
  for (let i = 0; i < 60; i++) {
    const here = await page.evaluate(() =>
      document.activeElement?.tagName === "BUTTON" ? document.activeElement.textContent?.trim() : null,
    );
    if (here === name) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`no button ${name} by Tab`);
}

describeBrowser("Talk to a manager: who is online, and one-tap phrases (issue 9 barrier 13)", () => {
  const e2e = useServerAndBrowser();

  for (const locale of ["ja", "en"] as const) {
    it(`shows the managers online, sends a phrase in one tap, and offers the check-in (${locale})`, async () => {
      const w = words[locale];
      await answeredQuestions(e2e);
      const crew = await openPage(e2e.browser, e2e.server, { locale });
      const manager = await openPage(e2e.browser, e2e.server);
      await Promise.all([signIn(crew.page, "crew7"), signIn(manager.page, "manager2")]);
      if (locale === "en") await switchLanguage(crew.page, "en");
      const crewId = (await e2e.server.db.prisma.user.findFirstOrThrow({ where: { email: "crew7@crewboard.example" } }))
        .id;
      const managerName = (
        await e2e.server.db.prisma.user.findFirstOrThrow({ where: { email: "manager2@crewboard.example" } })
      ).name;

      await crew.page.goto("/chat/talk-to-manager");
      await settled(crew.page);
      const online = crew.page.getByTestId("talk-online");
      await expect.poll(() => online.textContent()).toContain(w.online);
      await expect.poll(() => online.textContent()).toContain(managerName);
      await expect.poll(() => crew.page.getByTestId("talk-reply-time").textContent()).toBe(w.replyTime);
      const violations = await axeScan(crew.page);
      expect(violations, formatViolations(violations)).toEqual([]);

      // keyboard: 「体調がよくありません」, one tap
      await crew.page.locator("main h1").focus();
      await tabTo(crew.page, w.unwell);
      await crew.page.keyboard.press("Enter");
      const offer = crew.page.getByTestId("talk-unwell-offer");
      await offer.waitFor();
      // focus on the offer's heading, which says what was sent
      await expect.poll(() => crew.page.evaluate(() => document.activeElement?.textContent)).toBe(w.sent);
      await expect
        .poll(() => e2e.server.db.prisma.message.count({ where: { authorId: crewId, body: w.unwell } }))
        .toBe(1);
      await tabTo(crew.page, w.change);
      await crew.page.keyboard.press("Enter");
      await expect.poll(() => offer.textContent()).toContain(w.saved);
      await expect
        .poll(
          async () =>
            (
              await e2e.server.db.prisma.checkIn.findFirst({
                where: { userId: crewId },
                orderBy: { updatedAt: "desc" },
              })
            )?.condition,
        )
        .toBe("unwell");
      expect((await axeScan(crew.page)).length).toBe(0);

      // 「質問があります」 opens the conversation with the phrase sent
      await crew.page.goto("/chat/talk-to-manager");
      await settled(crew.page);
      await crew.page.locator("main h1").focus();
      await tabTo(crew.page, w.question);
      await crew.page.keyboard.press("Enter");
      await crew.page.waitForURL(/\/chat\/[0-9a-f-]{36}$/);
      await expect
        .poll(() => e2e.server.db.prisma.message.count({ where: { authorId: crewId, body: w.question } }))
        .toBe(1);
      await expect.poll(() => crew.page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("message");

      if (locale === "en") await switchLanguage(crew.page, "ja");
      await crew.context.close();
      await manager.context.close();
    });
  }
});
