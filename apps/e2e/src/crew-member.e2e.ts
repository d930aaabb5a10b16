// Issue 12: a crew member's page. manager1 opens crew4's page from the crew overview and sees the
// agreed way of working and four weeks of check-ins as a chart and, beside it, a table that says
// the same in words; manager1 changes the agreed hours by keyboard; crew4 sees their own page
// (/me/profile) and cannot change it; another team's manager is told the check-ins are not theirs.
// axe in both languages.
import { expect, it } from "vitest";
import {
  axeScan,
  describeBrowser,
  formatViolations,
  openPage,
  signIn,
  switchLanguage,
  useServerAndBrowser,
} from "./harness.ts";

describeBrowser("a crew member's page", () => {
  const e2e = useServerAndBrowser();

  it("manager1 opens crew4's page from the overview: the work profile, and 4 weeks of check-ins as a chart and its table", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await page.goto("/crew");
    await page
      .getByRole("table", { name: /クルーの様子/ })
      .getByRole("link", { name: "加藤 健太" })
      .click();
    await page.waitForURL(/\/crew\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator("main h1").textContent()).toBe("加藤 健太 さん");

    const profile = page.getByRole("region", { name: "働き方の取り決め" });
    await expect.poll(() => profile.textContent()).toContain("週 40 時間");
    await expect.poll(() => profile.textContent()).toContain("月・火・水・木・金");

    const history = page.getByRole("region", { name: "体調チェックの記録（4 週間）" });
    const table = history.getByRole("table", { name: "加藤 健太 さんの体調チェック（新しい順）" });
    await table.waitFor();
    // four weeks of working days (the seed), newest first: today unwell with its note
    const rows = table.locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(19);
    await expect.poll(() => rows.first().textContent()).toContain("体調不良");
    await expect.poll(() => rows.first().textContent()).toContain("朝から頭痛があります。");
    await expect.poll(() => table.textContent()).toContain("寝不足が続いています。");
    // crew4's private diary note never reaches the manager (issue 12, part 3)
    expect(await table.textContent()).not.toContain("家のことで眠れない夜");
    // the chart: one point per check-in, hidden from screen readers, pointing to the table
    const chart = history.getByTestId("check-in-chart");
    expect(await chart.locator("circle").count()).toBe(await rows.count());
    expect(await chart.locator("svg").getAttribute("aria-hidden")).toBe("true");
    await chart.getByRole("link", { name: /同じ内容を表で読めます/ }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#/);

    let violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);

    // the agreed hours, changed by keyboard alone
    await profile.getByRole("button", { name: "取り決めを変更する" }).focus();
    await page.keyboard.press("Enter");
    const hours = profile.getByRole("spinbutton", { name: /週の勤務時間/ });
    await hours.waitFor();
    await hours.focus();
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.type("32");
    await page.keyboard.press("Enter");
    await expect.poll(() => profile.textContent()).toContain("週 32 時間");
    const saved = await e2e.server.db.prisma.user.findUniqueOrThrow({
      where: { email: "crew4@crewboard.example" },
      select: { weeklyMinutes: true },
    });
    expect(saved.weeklyMinutes).toBe(32 * 60);

    const own = new URL(page.url()).pathname;
    await switchLanguage(page, "en");
    await page.goto(own);
    await expect.poll(() => page.locator("main h1").textContent()).toBe("加藤 健太");
    await page.getByRole("table", { name: /check-ins \(newest first\)/ }).waitFor();
    violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await switchLanguage(page, "ja");
    await context.close();
  });

  it("crew4 sees their own page and cannot change the agreement; manager2 (team B) is told the check-ins are not theirs", async () => {
    const crew = await openPage(e2e.browser, e2e.server);
    await signIn(crew.page, "crew4");
    await crew.page.goto("/me/profile");
    await expect.poll(() => crew.page.locator("main h1").textContent()).toBe("わたしのプロフィール");
    const own = crew.page.getByRole("table", { name: /体調チェック/ });
    await own.waitFor();
    // their private note is theirs to read, marked as such
    await expect.poll(() => own.textContent()).toContain("家のことで眠れない夜が続いています。 （自分だけのメモ）");
    expect(await crew.page.getByRole("button", { name: "取り決めを変更する" }).count()).toBe(0);
    await crew.context.close();

    const crew4 = await e2e.server.db.prisma.user.findUniqueOrThrow({ where: { email: "crew4@crewboard.example" } });
    const other = await openPage(e2e.browser, e2e.server);
    await signIn(other.page, "manager2");
    await other.page.goto(`/crew/${crew4.id}`);
    const history = other.page.getByRole("region", { name: "体調チェックの記録（4 週間）" });
    await expect.poll(() => history.textContent()).toContain("本人・同じチームのマネージャー・管理者だけが見られます");
    expect(await history.getByRole("table").count()).toBe(0);
    await other.context.close();
  });
});
