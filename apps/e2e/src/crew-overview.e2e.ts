// Journey 8 from the manager's side: at 10:00 manager1 sees who has not checked in and that
// crew4 said "unwell" — first, in words and with an icon, not by colour alone. Seed data
// (packages/db/src/seed): team A is crew1–crew4; today crew4 is unwell, crew2 has not checked in.
import { expect, it } from "vitest";
import { describeBrowser, openPage, signIn, useServerAndBrowser } from "./harness.ts";

describeBrowser("crew overview: who is struggling today", () => {
  const e2e = useServerAndBrowser();

  it("shows crew4 (unwell) and crew2 (not checked in) first, in manager1's team only", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "クルーの様子" }).click();
    await page.waitForURL("**/crew");
    await expect.poll(() => page.locator("main h1").textContent()).toBe("クルーの様子");

    const table = page.getByRole("table", { name: /クルーの様子（4 人）/ });
    await table.waitFor();
    // row headers name each person (th scope=row), in the order of attention
    const names = () => table.locator("tbody th[scope=row]").allTextContents();
    await expect.poll(async () => (await names()).slice(0, 2)).toEqual(["加藤 健太", "渡辺 さくら"]);
    await expect.poll(async () => (await names()).slice(2).sort()).toEqual(["小林 彩香", "鈴木 翔太"].sort());
    // team B (crew5–crew8) is not here
    await expect.poll(names).not.toContain("吉田 陽子");

    const rows = table.locator("tbody tr");
    const unwell = () => rows.nth(0).textContent();
    await expect.poll(unwell).toContain("体調不良");
    await expect.poll(unwell).toContain("朝から頭痛があります。");
    await expect.poll(unwell).toContain("在宅");
    await expect.poll(() => rows.nth(1).textContent()).toContain("未回答");
    await expect.poll(() => rows.nth(2).textContent()).not.toContain("未回答");

    // the summary at the top names them too
    const attention = page.getByRole("region", { name: "気にかけてほしい人" });
    const summary = () => attention.textContent();
    await expect.poll(summary).toMatch(/体調不良.*加藤 健太/);
    await expect.poll(summary).toMatch(/体調チェック未回答.*渡辺 さくら/);

    // column headers are real headers
    await expect
      .poll(() => table.locator("thead th[scope=col]").allTextContents())
      .toEqual([
        "クルー",
        "今日の体調チェック",
        "今日の場所",
        "接続状況",
        "止まっているタスク",
        "期限切れ・今日が期限",
        "作業量",
      ]);
    // crew3's blocked task (seed) links to the board, filtered
    const crew3Row = rows.filter({ hasText: "小林 彩香" });
    await expect.poll(() => crew3Row.textContent()).toContain("1 件");
    const link = crew3Row.getByRole("link", { name: /ボードで見る/ });
    await link.click();
    await page.waitForURL(/\/board\?crew=.*&blocked=1/);
    await page.getByTestId("board-columns").waitFor();
    await expect.poll(() => page.getByTestId("board-summary").textContent()).toMatch(/のうち 1 件/);
    await context.close();
  });

  it("updates live when someone checks in (issue 12: check_in:updated, no reload, no polling): crew2 says 'good' and leaves the top", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await page.goto("/crew");
    const table = page.getByTestId("crew-table");
    await table.waitFor();
    await expect
      .poll(async () => (await table.locator("tbody th[scope=row]").allTextContents())[1])
      .toBe("渡辺 さくら");
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    // the event carries no health data: the page reads today's check-ins again (an audited read)
    const reads: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "GET" && new URL(request.url()).pathname === "/api/v1/check-ins")
        reads.push(request.url());
    });

    const crew2 = await openPage(e2e.browser, e2e.server);
    await signIn(crew2.page, "crew2");
    const answer = await crew2.page.evaluate(async () => {
      const { csrfToken } = await (await fetch("/api/v1/auth/csrf")).json();
      const res = await fetch("/api/v1/check-ins/today", {
        method: "PUT",
        headers: { "content-type": "application/json", "X-CSRF-Token": csrfToken },
        body: JSON.stringify({ condition: "good", place: "office" }),
      });
      return res.status;
    });
    expect(answer).toBe(200);
    await crew2.context.close();

    // no click, no reload: the event changes the table (the page is the same document throughout)
    await expect
      .poll(async () => (await table.locator("tbody th[scope=row]").allTextContents())[1])
      .not.toBe("渡辺 さくら");
    const row = table.locator("tbody tr", { hasText: "渡辺 さくら" });
    await expect.poll(() => row.textContent()).toContain("良い");
    await expect.poll(() => row.textContent()).toContain("事業所");
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(reads.length).toBeGreaterThanOrEqual(1);
    await context.close();
  });

  it("issue 12: manager1 sets team A's 'not checked in by' time on the overview", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await page.goto("/crew");
    const settings = page.getByRole("region", { name: "体調チェックのリマインダー" });
    await settings.waitFor();
    // only their own team's setting
    await expect.poll(() => settings.getByRole("checkbox").count()).toBe(1);
    const time = settings.getByLabel("チーム A の時刻");
    await expect.poll(() => time.inputValue()).toBe("10:00");
    await time.fill("09:30");
    await settings.getByRole("button", { name: "チーム A の設定を保存する" }).click();
    await expect.poll(() => settings.getByRole("status").textContent()).toContain("09:30");
    await context.close();
  });
});
