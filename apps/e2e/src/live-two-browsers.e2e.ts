// A manager and a crew member in two browsers see each other's changes without reloading
// (issue 4's "done means"): crew3 resumes her blocked task on My Day → manager1's board shows it
// in progress; manager1 blocks it from the board with a reason → crew3's My Day shows the reason.
import { expect, it } from "vitest";
import { describeBrowser, openPage, signIn, type Page, useServerAndBrowser } from "./harness.ts";

const TITLE = "伝票 1〜60 の入力"; // crew3's blocked task in the demo data (order #1)

describeBrowser("two browsers, one board: changes travel both ways live", () => {
  const e2e = useServerAndBrowser();

  const boardCard = (page: Page) => page.locator(".board-card", { hasText: TITLE });
  const myDayCard = (page: Page) => page.getByRole("article", { name: TITLE });

  it("crew3 resumes on My Day, manager1 sees it; manager1 blocks it on the board, crew3 sees why", async () => {
    const manager = await openPage(e2e.browser, e2e.server);
    const crew = await openPage(e2e.browser, e2e.server);
    await Promise.all([signIn(manager.page, "manager1"), signIn(crew.page, "crew3")]);
    await manager.page.goto("/board");
    await boardCard(manager.page).first().waitFor();
    await expect
      .poll(() => boardCard(manager.page).first().locator(".status").textContent())
      .toContain("作業が止まっています");

    // crew3 → manager1
    await myDayCard(crew.page)
      .getByRole("button", { name: /^再開する/ })
      .click();
    await expect
      .poll(() => boardCard(manager.page).first().locator(".status").textContent(), { timeout: 10_000 })
      .toContain("作業中");

    // manager1 → crew3
    await boardCard(manager.page).first().getByRole("button", { name: "移動" }).click();
    await manager.page.getByRole("menuitem", { name: "作業が止まっています" }).click();
    const reasonDialog = manager.page.getByRole("dialog", { name: "作業が止まっている理由" });
    await reasonDialog.getByLabel(/理由/).fill("お客様の返信待ちです（伝票 14 と 37）。");
    await reasonDialog.getByRole("button", { name: "「作業が止まっています」に移動" }).click();
    await expect
      .poll(() => myDayCard(crew.page).locator(".status").textContent(), { timeout: 10_000 })
      .toContain("作業が止まっています");
    await expect.poll(() => myDayCard(crew.page).textContent()).toContain("お客様の返信待ちです（伝票 14 と 37）。");

    const stored = await e2e.server.db.prisma.task.findFirstOrThrow({ where: { title: TITLE } });
    expect(stored).toMatchObject({ status: "blocked", blockedReason: "お客様の返信待ちです（伝票 14 と 37）。" });
    await manager.context.close();
    await crew.context.close();
  });
});
