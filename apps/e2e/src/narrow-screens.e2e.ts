// Narrow screens (WCAG 1.4.10 reflow, 320 × 640): the crew overview becomes a list of cards, one
// per person with a heading and the table's labels, instead of a table that scrolls sideways; the
// board, whose task lanes start many screens down, has links at the top that jump to each part
// and move focus to its heading. A larger text size chosen in Settings counts as a narrower screen.
import { expect, it } from "vitest";
import {
  describeBrowser,
  horizontalOverflow,
  openPage,
  settled,
  signIn,
  type Page,
  useServerAndBrowser,
} from "./harness.ts";

const NARROW = { width: 320, height: 640 };

/** Elements in <main> that scroll sideways (a region wider than the screen). */
const sidewaysScrollers = (page: Page) =>
  page.evaluate(() =>
    [...document.querySelectorAll("main *")]
      .filter(
        (el) => el.scrollWidth > el.clientWidth + 1 && ["auto", "scroll"].includes(getComputedStyle(el).overflowX),
      )
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
  );

describeBrowser("narrow screens (320 px): crew overview as cards, jump links on the board", () => {
  const e2e = useServerAndBrowser();

  it("the crew overview is a list of cards with a heading per person and the same labels, and nothing scrolls sideways", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server, { viewport: NARROW });
    await signIn(page, "manager1");
    await page.goto("/crew");
    const cards = page.getByTestId("crew-cards");
    await cards.waitFor();
    await settled(page);
    await expect.poll(() => page.getByRole("table").count()).toBe(0);
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    await expect.poll(() => sidewaysScrollers(page)).toEqual([]);

    // a list, a card per person of the team, each named by its heading, unwell and not checked in first
    const list = cards.getByRole("list").first();
    await expect.poll(() => list.locator(":scope > li").count()).toBe(4);
    await expect
      .poll(() => cards.getByRole("heading", { level: 3 }).allTextContents())
      .toEqual(expect.arrayContaining(["加藤 健太", "渡辺 さくら", "小林 彩香", "鈴木 翔太"]));
    await expect
      .poll(async () => (await cards.getByRole("heading", { level: 3 }).allTextContents()).slice(0, 2))
      .toEqual(["加藤 健太", "渡辺 さくら"]);
    await expect.poll(() => cards.getByRole("heading", { level: 2 }).textContent()).toBe("クルーの様子（4 人）");
    // the table's labels, with the values
    const first = list.locator(":scope > li").first();
    await expect
      .poll(() => first.locator("dt").allTextContents())
      .toEqual([
        "今日の体調チェック",
        "今日の場所",
        "接続状況",
        "止まっているタスク",
        "期限切れ・今日が期限",
        "作業量",
      ]);
    await expect.poll(() => first.textContent()).toContain("体調不良");
    await expect.poll(() => first.textContent()).toContain("朝から頭痛があります。");
    // crew3's blocked task still links to the board
    await cards
      .locator("li", { hasText: "小林 彩香" })
      .getByRole("link", { name: /ボードで見る/ })
      .waitFor();
    await context.close();
  });

  it("the board scrolls down only, and the links at its top move focus to the task lanes", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server, { viewport: NARROW });
    await signIn(page, "manager1");
    await page.getByTestId("board-columns").waitFor();
    await settled(page);
    await expect.poll(() => horizontalOverflow(page)).toBe(0);

    // the links come first, within the first screen, before the orders
    const jump = page.getByRole("navigation", { name: "このページの中の移動先" });
    await jump.waitFor();
    const box = await jump.boundingBox();
    expect(box && box.y + box.height).toBeLessThan(NARROW.height * 1.5);
    await expect
      .poll(() =>
        page.evaluate(() => {
          const nav = document.querySelector('[data-testid="board-jump"]')!;
          const requested = document.querySelector('[data-testid="requested-orders"]')!;
          return Boolean(nav.compareDocumentPosition(requested) & Node.DOCUMENT_POSITION_FOLLOWING);
        }),
      )
      .toBe(true);
    await expect
      .poll(() => jump.getByRole("link").allTextContents())
      .toEqual([
        "期限切れ・今日が期限",
        "受付待ちの依頼",
        "依頼の一覧（進行中）",
        "タスクのボード",
        "未着手",
        "作業中",
        "作業が止まっています",
        "確認待ち",
        "完了",
      ]);

    // "作業中": focus on that column's heading, scrolled into view
    await jump.getByRole("link", { name: "作業中" }).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("board-column-doing");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toContain("作業中");
    await expect
      .poll(() =>
        page.evaluate(() => {
          const r = document.activeElement!.getBoundingClientRect();
          return r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth + 1;
        }),
      )
      .toBe(true);
    // the next Tab goes on from there: into the column's cards, not back to the top
    await page.keyboard.press("Tab");
    await expect
      .poll(() =>
        page.evaluate(() => document.activeElement?.closest("[data-status]")?.getAttribute("data-status") ?? null),
      )
      .toBe("doing");

    // with the keyboard: back to the top, then to the task board
    await page.evaluate(() => window.scrollTo(0, 0));
    await jump.getByRole("link", { name: "タスクのボード" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("board-heading");
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    await context.close();
  });

  it("a larger text size in Settings counts as a narrower screen: the crew overview's cards and the tables' scroll hint", async () => {
    const WIDE = { width: 1280, height: 800 };
    const textSize = (page: Page, size: string) =>
      page.evaluate((value) => void (document.documentElement.dataset.textSize = value), size);
    const crew = await openPage(e2e.browser, e2e.server, { viewport: WIDE });
    await signIn(crew.page, "manager1");
    await crew.page.goto("/crew");
    await crew.page.getByTestId("crew-table").waitFor();
    await settled(crew.page);
    // 22 px text: the table needs 60 × 22 = 1,320 px, more than the screen
    await textSize(crew.page, "larger");
    await crew.page.getByTestId("crew-cards").waitFor();
    await expect.poll(() => crew.page.getByTestId("crew-table").count()).toBe(0);
    await textSize(crew.page, "normal");
    await crew.page.getByTestId("crew-table").waitFor();
    await crew.context.close();

    const admin = await openPage(e2e.browser, e2e.server, { viewport: WIDE });
    await signIn(admin.page, "admin");
    await admin.page.goto("/admin/users");
    const hint = admin.page.locator(".table-scroll__hint");
    await hint.waitFor({ state: "attached" });
    await settled(admin.page);
    await expect.poll(() => hint.isVisible()).toBe(false);
    await textSize(admin.page, "larger");
    await expect.poll(() => hint.isVisible()).toBe(true);
    await admin.context.close();
  });
});
