// Issue 12: accommodations (合理的配慮) on a crew member's page. manager1 opens crew4's page and sees
// four weeks of check-ins (the chart and its table) and crew4's accommodation with its review date
// and who agreed it; changes the breaks by keyboard (focus returns to the record's heading) and
// reads the history. Then crew4 signs in: the change in her inbox, her own record with her sharing choices, and manager1 in
// "who looked at my record". axe in both languages, for both views.
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

describeBrowser("accommodations", () => {
  const e2e = useServerAndBrowser();

  it("manager1 sees crew4's check-ins and her accommodation with its review date, changes it by keyboard, reads its history", async () => {
    const db = e2e.server.db.prisma;
    const crew4 = await db.user.findUniqueOrThrow({ where: { email: "crew4@crewboard.example" } });
    const seeded = await db.accommodation.findFirstOrThrow({ where: { userId: crew4.id } });
    const review = seeded.reviewOn!;
    const manager = await openPage(e2e.browser, e2e.server);
    const page = manager.page;
    await signIn(page, "manager1");
    await page.goto(`/crew/${crew4.id}`);
    await expect.poll(() => page.locator("main h1").textContent()).toBe("加藤 健太 さん");

    // four weeks of check-ins: the chart and, beside it, the table
    const history = page.getByRole("region", { name: "体調チェックの記録（4 週間）" });
    const table = history.getByRole("table", { name: "加藤 健太 さんの体調チェック（新しい順）" });
    await table.waitFor();
    const rows = table.locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(19);
    expect(await history.getByTestId("check-in-chart").locator("circle").count()).toBe(await rows.count());

    // the accommodation: requested by crew4, agreed by manager1, the review date three weeks ahead
    const section = page.getByRole("region", { name: "合理的配慮" });
    const record = section.getByRole("article", { name: "通院のある週の勤務時間の調整と、チャットでの連絡" });
    await record.waitFor();
    const reviewText = await record.getByTestId("accommodation-review").textContent();
    expect(reviewText).toContain(`${review.getUTCMonth() + 1}月`);
    expect(reviewText).toContain(`${review.getUTCDate()}日`);
    await expect.poll(() => record.textContent()).toContain("加藤 健太 さん"); // requested by
    await expect.poll(() => record.textContent()).toContain("高橋 真理子 さんが合意");
    await expect.poll(() => record.textContent()).toContain("（ほかのマネージャーにも共有）");

    let violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);

    // change the breaks by keyboard; after saving, focus is back on the record's heading
    await record.getByRole("button", { name: "記録を変更する" }).focus();
    await page.keyboard.press("Enter");
    const breaks = record.getByRole("textbox", { name: "休憩" });
    await breaks.waitFor();
    await breaks.fill("50 分ごとに 10 分");
    await record.getByRole("button", { name: "保存する" }).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => record.textContent()).toContain("50 分ごとに 10 分");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.tagName + ":" + document.activeElement?.textContent))
      .toBe("H3:通院のある週の勤務時間の調整と、チャットでの連絡");
    expect((await db.accommodation.findUniqueOrThrow({ where: { id: seeded.id } })).version).toBe(seeded.version + 1);

    // the history: the change just made and the seeded earlier one, with the values before
    await record.locator("summary", { hasText: "変更の履歴" }).click();
    const changes = record.getByRole("table", { name: /変更の履歴/ });
    await changes.waitFor();
    await expect.poll(() => changes.locator("tbody tr").count()).toBe(2);
    await expect.poll(() => changes.textContent()).toContain("1 時間ごとに 5〜10 分");
    violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);

    await switchLanguage(page, "en");
    await page.goto(`/crew/${crew4.id}`);
    await page.getByRole("region", { name: "Accommodations" }).getByRole("article").waitFor();
    violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await switchLanguage(page, "ja");
    await manager.context.close();
  }, 360_000);

  it("crew4 sees her own record, chooses what she shares, and sees manager1 among who looked", async () => {
    const db = e2e.server.db.prisma;
    const crew4 = await db.user.findUniqueOrThrow({ where: { email: "crew4@crewboard.example" } });
    const seeded = await db.accommodation.findFirstOrThrow({
      where: { userId: crew4.id },
      orderBy: { createdAt: "asc" },
    });
    const crew = await openPage(e2e.browser, e2e.server);
    await signIn(crew.page, "crew4");
    // manager1's change above reached her inbox (whose record only, never its text); it leads to her profile
    await crew.page.goto("/notifications");
    const told = crew.page.getByTestId("inbox-item").filter({ hasText: "あなたの合理的配慮の記録が変わりました。" });
    await expect.poll(() => told.count()).toBe(1);
    expect(await told.textContent()).not.toContain("50 分ごとに");
    await told.getByRole("link").click();
    await crew.page.waitForURL("**/me/profile");
    const own = crew.page.getByRole("region", { name: "合理的配慮" });
    await own.getByRole("article").waitFor();
    const sharing = own.getByRole("group", { name: /ほかのチームのマネージャーにも見せる項目/ });
    expect(await sharing.getByRole("checkbox", { name: "連絡の取り方" }).isChecked()).toBe(true);
    expect(await sharing.getByRole("checkbox", { name: "勤務時間" }).isChecked()).toBe(false);
    expect(await own.getByRole("button", { name: "記録を変更する" }).count()).toBe(0);

    const looked = crew.page.getByRole("region", { name: "記録を見た人" });
    const lookedTable = looked.getByRole("table");
    await lookedTable.waitFor();
    await expect.poll(() => lookedTable.textContent()).toContain("高橋 真理子");
    await expect.poll(() => lookedTable.textContent()).toContain("マネージャー");
    await expect.poll(() => lookedTable.textContent()).toContain("合理的配慮");
    await expect.poll(() => lookedTable.textContent()).toContain("体調チェック");
    let violations = await axeScan(crew.page);
    expect(violations, formatViolations(violations)).toEqual([]);

    // she shares her tools too; the saved message takes focus
    await sharing.getByRole("checkbox", { name: "道具・支援技術" }).check();
    await own.getByRole("button", { name: "共有の設定を保存する" }).click();
    await expect
      .poll(() => crew.page.evaluate(() => document.activeElement?.textContent))
      .toBe("共有の設定を保存しました。");
    expect((await db.accommodation.findUniqueOrThrow({ where: { id: seeded.id } })).sharedParts).toEqual([
      "communication",
      "tools",
    ]);

    await switchLanguage(crew.page, "en");
    await crew.page.goto("/me/profile");
    await crew.page.getByRole("region", { name: "Who looked at my record" }).getByRole("table").waitFor();
    violations = await axeScan(crew.page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await switchLanguage(crew.page, "ja");
    await crew.context.close();
  }, 360_000);
});
