// Narrow screens (WCAG 1.4.10 reflow, 320 × 640): the crew overview becomes a list of cards, one
// per person with a heading and the table's labels, instead of a table that scrolls sideways; the
// board, whose task lanes start many screens down, has links at the top that jump to each part
// and move focus to its heading. A larger text size chosen in Settings counts as a narrower screen.
// A table that does scroll sideways inside its box (the client's report) is a region named by its
// caption, a Tab stop so that the arrow keys scroll it, with a hint before it; a table that fits has
// neither hint nor Tab stop.
import { expect, it } from "vitest";
import {
  axeScan,
  describeBrowser,
  formatViolations,
  horizontalOverflow,
  openPage,
  settled,
  signIn,
  type Locator,
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

/** The element is wider inside than it shows (a pixel of rounding is not scrolling). */
const scrollsSideways = (element: Locator) => element.evaluate((el) => el.scrollWidth > el.clientWidth + 1);

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

  it("a larger text size in Settings counts as a narrower screen: the crew overview's cards, and a table's scroll hint and Tab stop", async () => {
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

    // The users' table on a screen 960 px wide: it fits at the default text size (about 770 px
    // wide at least), not at "larger" (about 1,050 px). The hint and the Tab stop follow whether
    // it scrolls, measured (not guessed from the screen's width), and the box is a region named by
    // the caption either way.
    const admin = await openPage(e2e.browser, e2e.server, { viewport: { width: 960, height: 800 } });
    await signIn(admin.page, "admin");
    await admin.page.goto("/admin/users");
    const region = admin.page.getByRole("region", { name: /^ユーザーの一覧/ }).and(admin.page.locator(".table-scroll"));
    const hint = admin.page.locator(".table-scroll__hint");
    await region.locator("tbody tr").first().waitFor();
    await settled(admin.page);
    await expect.poll(() => scrollsSideways(region)).toBe(false);
    await expect.poll(() => hint.count()).toBe(0);
    await expect.poll(() => region.getAttribute("tabindex")).toBe(null);
    await textSize(admin.page, "larger");
    await expect.poll(() => scrollsSideways(region)).toBe(true);
    await expect.poll(() => hint.isVisible()).toBe(true);
    await expect.poll(() => region.getAttribute("tabindex")).toBe("0");
    await textSize(admin.page, "normal");
    await expect.poll(() => hint.count()).toBe(0);
    await expect.poll(() => region.getAttribute("tabindex")).toBe(null);
    await admin.context.close();
  });

  it("the client's report at 320 px: the orders table is a named region, a Tab stop that the arrow keys scroll once it scrolls", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server, { viewport: NARROW });
    await signIn(page, "client-a1");
    await page.goto("/reports");
    const orders = page.getByTestId("report-orders-table");
    await orders.locator("tbody tr").first().waitFor();
    await settled(page);
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    // the scroll box is a region named by the table's caption
    const region = page.getByRole("region", { name: "完了した依頼", exact: true }).and(page.locator(".table-scroll"));
    await expect.poll(() => region.locator("[data-testid=report-orders-table]").count()).toBe(1);
    const hint = page.locator(".table-scroll__hint");
    // Its words wrap anywhere (body: overflow-wrap), so with the demo's orders it fits even here:
    // then it is no Tab stop and has no hint.
    await expect.poll(() => scrollsSideways(region)).toBe(false);
    await expect.poll(() => region.getAttribute("tabindex")).toBe(null);
    await expect.poll(() => hint.count()).toBe(0);
    let violations = await axeScan(page, { include: "section[aria-labelledby=report-orders]" });
    expect(violations, formatViolations(violations)).toEqual([]);

    // Content that cannot wrap (stood in for by a minimum width) makes it scroll: the hint comes
    // before it, Tab reaches it, and the arrow keys scroll it (axe: scrollable-region-focusable)
    await orders.evaluate((table) => void (table.style.minWidth = "40rem"));
    await expect.poll(() => scrollsSideways(region)).toBe(true);
    await expect.poll(() => region.getAttribute("tabindex")).toBe("0");
    await expect
      .poll(() => region.evaluate((el) => el.previousElementSibling?.textContent))
      .toBe("表は横にスクロールできます。");
    await expect.poll(() => hint.isVisible()).toBe(true);
    // in the Tab order: back one stop and forward again lands on it
    await region.focus();
    await page.keyboard.press("Shift+Tab");
    await expect.poll(() => region.evaluate((el) => el === document.activeElement)).toBe(false);
    await page.keyboard.press("Tab");
    await expect.poll(() => region.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("ArrowRight");
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    violations = await axeScan(page, { include: "section[aria-labelledby=report-orders]" });
    expect(violations, formatViolations(violations)).toEqual([]);
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    await context.close();
  });
});
