// What is late is not hidden (issue 7, item 10). On the seeded data, manager1 opens the board at
// 10:00 on the demo's "today" (the browser's clock is fixed there, so the test does not depend on
// the hour it runs): order #6 — urgent, due 15:00 today, still waiting to be accepted — is flagged
// as due today at the top of the board, after what is already overdue, with a link to it; a late
// task opens its details from there with the keyboard and focus comes back. The crew overview has
// the late column, and can put the people with late work first. axe finds nothing, in ja and en.
import { beforeAll, expect, it } from "vitest";
import {
  axeScan,
  describeBrowser,
  formatViolations,
  openPage,
  signIn,
  type BrowserContext,
  type Page,
  useServerAndBrowser,
  switchLanguage,
} from "./harness.ts";

describeBrowser("what is late: at the top of the board and in the crew overview", () => {
  const e2e = useServerAndBrowser();
  /** 10:00 in Tokyo on the demo's "today" (order #6 is due at 15:00 that day) */
  let tenOClock: Date;

  beforeAll(async () => {
    const six = await e2e.server.db.prisma.workOrder.findUniqueOrThrow({ where: { number: 6 } });
    tenOClock = new Date(six.dueAt.getTime() - 5 * 3_600_000);
  });

  async function openAtTen(locale: "ja" | "en" = "ja"): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await openPage(e2e.browser, e2e.server, { locale });
    // Date.now() and new Date() read 10:00; timers keep running (sockets, the announcer)
    await opened.context.clock.setFixedTime(tenOClock);
    return opened;
  }

  it("manager1 sees order #6 flagged as due today at the top of the board, and can go to it", async () => {
    const { context, page } = await openAtTen();
    await signIn(page, "manager1");
    await page.goto("/board");
    const late = page.getByRole("region", { name: /期限切れ・今日が期限/ });
    await late.getByTestId("due-item").first().waitFor();

    // it is the first section of the board, above the orders waiting to be accepted
    const order = await page.evaluate(() =>
      [...document.querySelectorAll("main section[data-testid]")].map((s) => s.getAttribute("data-testid")),
    );
    expect(order.indexOf("due-work")).toBeGreaterThanOrEqual(0);
    expect(order.indexOf("due-work")).toBeLessThan(order.indexOf("requested-orders"));

    // most urgent first: what is overdue (crew5's slips, due yesterday), then #6 at 15:00, then crew1's task at 17:00
    const items = late.getByTestId("due-item");
    await expect.poll(() => items.count()).toBe(3);
    const texts = await items.allTextContents();
    expect(texts[0]).toMatch(/期限切れ（.+ 17:00）/);
    expect(texts[0]).toContain("伝票 1〜150 の入力");
    expect(texts[1]).toContain("今日 15:00 まで");
    expect(texts[1]).toContain("依頼 #6");
    expect(texts[1]).toContain("急ぎ");
    expect(texts[1]).toContain("依頼受付"); // still waiting to be accepted: said, not only coloured
    expect(texts[2]).toContain("今日 17:00 まで");
    expect(texts[2]).toContain("伝票 61〜120 の入力");
    expect(texts[2]).toContain("担当：鈴木 翔太");

    // a late task's details open from here with the keyboard; Escape brings focus back
    const taskButton = late.getByRole("button", { name: /伝票 1〜150 の入力/ });
    await taskButton.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    await expect.poll(() => dialog.textContent()).toContain("伝票 1〜150 の入力");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => taskButton.evaluate((el) => el === document.activeElement)).toBe(true);

    const violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);

    // #6 links to its page
    await late.getByRole("link", { name: "【至急】セミナー申込書の入力（手書き45枚）" }).click();
    await page.waitForURL(/\/work-orders\/[0-9a-f-]+$/);
    await expect.poll(() => page.locator("main h1").textContent()).toContain("依頼 #6");
    await expect.poll(() => page.locator("main").textContent()).toContain("【至急】セミナー申込書の入力（手書き45枚）");
    await context.close();
  });

  it("the crew overview shows each person's late work, and sorts those with some first", async () => {
    const { context, page } = await openAtTen();
    await signIn(page, "manager1");
    await page.goto("/crew");
    const table = page.getByTestId("crew-table");
    await table.waitFor();
    await expect.poll(() => table.locator("thead th[scope=col]").allTextContents()).toContain("期限切れ・今日が期限");
    const crew1 = table.locator("tbody tr", { hasText: "鈴木 翔太" });
    await expect.poll(() => crew1.textContent()).toContain("今日まで 1 件");
    // by default the people who need attention come first (crew4 is unwell)
    await expect.poll(async () => (await table.locator("tbody th[scope=row]").allTextContents())[0]).toBe("加藤 健太");

    await page.getByRole("radio", { name: "期限切れ・今日が期限のタスクがある人から" }).check();
    await page.waitForURL(/sort=due/);
    await expect.poll(async () => (await table.locator("tbody th[scope=row]").allTextContents())[0]).toBe("鈴木 翔太");
    expect(await table.locator("thead th[aria-sort=descending]").textContent()).toBe("期限切れ・今日が期限");

    const violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await context.close();
  });

  it("says it in English too, and axe finds nothing", async () => {
    const { context, page } = await openAtTen("en");
    await signIn(page, "manager1");
    // manager1's UI language is Japanese; English is a setting (saved at once)
    await switchLanguage(page, "en");
    await page.goto("/board");
    const late = page.getByRole("region", { name: /Overdue and due today/ });
    await late.getByTestId("due-item").first().waitFor();
    await expect.poll(() => late.getByTestId("due-item").nth(1).textContent()).toContain("Due today at 15:00");
    let violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await page.goto("/crew?sort=due");
    await page.getByTestId("crew-table").waitFor();
    await expect
      .poll(() => page.getByTestId("crew-table").locator("tbody tr").first().textContent())
      .toContain("1 due today");
    violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    // back to Japanese for whoever signs in next
    await switchLanguage(page, "ja");
    await context.close();
  });
});
