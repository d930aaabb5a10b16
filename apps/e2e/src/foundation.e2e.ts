// The foundation in a real browser: sign-in with demo accounts and each role's home, settings
// saved to the account, the connection banner, and axe on the screens built so far.
import { describe, expect, it } from "vitest";
import {
  axeScan,
  describeBrowser,
  formatViolations,
  horizontalOverflow,
  openPage,
  settled,
  signIn,
  useServerAndBrowser,
} from "./harness.ts";
import { resolveScreenPath, SCREENS } from "./screens.ts";

describeBrowser("foundation: sign-in, homes, settings, connection banner", () => {
  const e2e = useServerAndBrowser();

  it("lists the demo accounts, fills one in, and signs manager1 in to the board", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await page.goto("/");
    await page.waitForURL("**/sign-in");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("ja");
    await expect.poll(() => page.locator("main h1").textContent()).toBe("ログイン");
    const demo = page.getByRole("region", { name: "デモ用アカウント" });
    for (const account of ["manager1", "crew3", "client-a1"]) {
      await expect.poll(() => demo.getByText(`${account}@crewboard.example`).count()).toBe(1);
    }
    await page.getByTestId("demo-manager1").getByRole("button", { name: /入力/ }).click();
    await expect.poll(() => page.locator('input[name="email"]').inputValue()).toBe("manager1@crewboard.example");
    // filling in moves focus to the sign-in button
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("submit");
    await page.keyboard.press("Enter");
    await page.waitForURL("**/board");
    await expect.poll(() => page.locator("main h1").textContent()).toBe("ボード");
    // after navigating, focus is on the new page's heading
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    // managers: "Chat" in the help slot; the live work order list is there
    await expect.poll(() => page.getByTestId("help-link").textContent()).toContain("チャット");
    await page.getByRole("region", { name: /依頼の一覧/ }).waitFor();
    await context.close();
  });

  it("signs crew3 in to My Day, with 'Talk to a manager' in the header", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");
    expect(new URL(page.url()).pathname).toBe("/my-day");
    await expect.poll(() => page.locator("main h1").textContent()).toBe("今日の作業");
    const help = page.getByTestId("help-link");
    await expect.poll(() => help.textContent()).toContain("管理者に相談する");
    const helpBox = await help.boundingBox();
    // the same place on every screen (WCAG 3.2.6)
    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "設定" }).click();
    await page.waitForURL("**/settings");
    await expect.poll(() => help.boundingBox()).toEqual(helpBox);
    await help.click();
    await page.waitForURL("**/chat/talk-to-manager");
    await expect.poll(() => page.locator("main h1").textContent()).toBe("管理者に相談する");
    await context.close();
  });

  it("asks who is signed in once per page load, while the scripts load (index.html preloads it)", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");
    // who started each session check: the HTML parser (the preload) or a script (the app's fetch)
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const initiators: string[] = [];
    cdp.on("Network.requestWillBeSent", (event) => {
      if (new URL(event.request.url).pathname === "/api/v1/auth/session") initiators.push(event.initiator.type);
    });
    await page.reload();
    await expect.poll(() => page.locator("main h1").textContent()).toBe("今日の作業");
    await settled(page);
    // one request, the preload's: a second would mean the app's fetch did not match it
    expect(initiators).toEqual(["parser"]);
    await context.close();
  });

  it("signs client-a1 in to the client portal, and another role's screen sends them home", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "client-a1");
    expect(new URL(page.url()).pathname).toBe("/client");
    await expect.poll(() => page.locator("main h1").textContent()).toBe("ご依頼の一覧");
    await page.goto("/board");
    await page.waitForURL("**/client");
    await context.close();
  });

  it("switches the language to English and back (html lang) and saves the text size to the account", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew2");
    await page.goto("/settings");
    await expect.poll(() => page.locator("main h1").textContent()).toBe("設定");

    // choosing a language changes nothing yet (WCAG 3.2.2, issue 9 barrier 9); the button applies it
    await page.getByRole("radio", { name: "English" }).check();
    expect(await page.locator("main h1").textContent()).toBe("設定");
    await page.getByRole("button", { name: "この言語で表示する" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => page.locator("main h1").textContent()).toBe("Settings");
    await expect.poll(() => page.getByTestId("settings-status").textContent()).toContain("Settings saved.");

    await page.getByRole("radio", { name: "Large", exact: true }).check();
    await expect.poll(() => page.locator("html").getAttribute("data-text-size")).toBe("large");
    await expect.poll(() => page.getByTestId("settings-status").textContent()).toContain("Settings saved.");

    // saved on the server: a new device (fresh context, Japanese browser) gets them after sign-in
    const other = await openPage(e2e.browser, e2e.server, { locale: "ja" });
    await signIn(other.page, "crew2");
    await expect.poll(() => other.page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => other.page.locator("html").getAttribute("data-text-size")).toBe("large");
    await other.context.close();

    await page.getByRole("radio", { name: "日本語" }).check();
    await page.getByRole("button", { name: "Use this language" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("ja");
    await expect.poll(() => page.locator("main h1").textContent()).toBe("設定");
    await page.getByRole("radio", { name: "標準" }).check();
    await expect.poll(() => page.getByTestId("settings-status").textContent()).toContain("設定を保存しました。");
    await page.reload();
    await expect.poll(() => page.locator("main h1").textContent()).toBe("設定");
    await expect.poll(() => page.locator("html").getAttribute("data-text-size")).toBe("normal");
    await context.close();
  });

  it("issue 12: a crew member chooses the name clients see, by keyboard alone; an empty one is refused next to the field", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew1");
    await page.goto("/settings");
    const field = page.getByRole("textbox", { name: /表示名/ });
    await expect.poll(() => field.inputValue()).toBe("鈴木");
    await page.locator("main h1").focus();
    let reached = false;
    for (let i = 0; i < 80 && !reached; i++) {
      await page.keyboard.press("Tab");
      reached = await field.evaluate((el) => el === document.activeElement);
    }
    expect(reached).toBe(true);
    await page.keyboard.press("ControlOrMeta+a");
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Enter");
    await expect.poll(() => field.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    const violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await page.keyboard.type("しょうた");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByTestId("settings-display-name").getByRole("status").textContent())
      .toContain("表示名を「しょうた」にしました。");
    const saved = await e2e.server.db.prisma.user.findUniqueOrThrow({
      where: { email: "crew1@crewboard.example" },
      select: { displayName: true },
    });
    expect(saved.displayName).toBe("しょうた");
    await context.close();
  });

  it("shows the offline banner when the connection is lost, and says when it is back", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");
    const banner = page.getByTestId("connection-banner");
    await expect.poll(() => banner.getAttribute("role")).toBe("status");
    await expect.poll(async () => (await banner.textContent())?.trim()).toBe("");
    await context.setOffline(true);
    await expect.poll(() => banner.textContent()).toContain("オフラインです。接続が戻ったら送信します。");
    // in the page flow at the top of <main>, not over the content
    await expect.poll(() => banner.evaluate((el) => getComputedStyle(el).position)).toBe("static");
    await context.setOffline(false);
    await expect.poll(() => banner.textContent()).not.toContain("オフラインです");
    await expect.poll(() => banner.textContent()).toContain("接続が戻りました。");
    await context.close();
  });

  it("reflows at 320 px: no sideways scrolling on sign-in and settings", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server, { viewport: { width: 320, height: 640 } });
    await page.goto("/sign-in");
    await page.locator("main h1").waitFor();
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    await signIn(page, "crew4");
    await page.goto("/settings");
    await page.locator("main h1").waitFor();
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    await context.close();
  });

  describe("axe (WCAG 2.2 AA + target size): 0 violations", () => {
    for (const locale of ["ja", "en"] as const) {
      it(`sign-in page in ${locale}`, async () => {
        const { context, page } = await openPage(e2e.browser, e2e.server, { locale });
        await page.goto("/sign-in");
        await page.getByTestId("demo-manager1").waitFor();
        await expect.poll(() => page.locator("html").getAttribute("lang")).toBe(locale);
        const violations = await axeScan(page);
        expect(violations, formatViolations(violations)).toEqual([]);
        await context.close();
      });

      it(`settings page in ${locale} (also in high contrast and larger text)`, async () => {
        const { context, page } = await openPage(e2e.browser, e2e.server, { locale });
        await signIn(page, locale === "ja" ? "crew6" : "crew7");
        await page.goto("/settings");
        await page.locator("main h1").waitFor();
        if (locale === "en") {
          await page.getByRole("radio", { name: "English" }).check();
          await page.locator("[data-apply-locale]").click();
          await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
        }
        let violations = await axeScan(page);
        expect(violations, formatViolations(violations)).toEqual([]);

        await page.locator('input[name="textSize"][value="larger"]').check();
        // by its name: easy-read's checkbox now comes first
        await page.getByRole("checkbox", { name: locale === "ja" ? "ハイコントラスト" : "High contrast" }).check();
        await expect.poll(() => page.locator("html").getAttribute("data-contrast")).toBe("high");
        violations = await axeScan(page);
        expect(violations, formatViolations(violations)).toEqual([]);
        await context.close();
      });
    }

    // Every screen of the shared table (e2e/screens.ts), for every role, with the shell around it
    // (header, nav, help link, banner).
    for (const locale of ["ja", "en"] as const) {
      for (const { role, account, paths } of SCREENS) {
        if (!account) continue; // the sign-in page: above
        it(`every screen of ${role} (${account}) in ${locale}`, async () => {
          // an account's saved language wins over the browser's after sign-in
          await e2e.server.db.prisma.user.update({
            where: { email: `${account}@crewboard.example` },
            data: { locale },
          });
          try {
            const { context, page } = await openPage(e2e.browser, e2e.server, { locale });
            await signIn(page, account);
            await expect.poll(() => page.locator("html").getAttribute("lang")).toBe(locale);
            for (const path of paths) {
              await page.goto(await resolveScreenPath(e2e.server, account, path));
              // wait until the screen's data has loaded (no "loading" notice left)
              await settled(page);
              const violations = await axeScan(page);
              expect(violations, `${account} ${path}\n${formatViolations(violations)}`).toEqual([]);
            }
            await context.close();
          } finally {
            // leave the shared demo accounts in Japanese for the tests that follow
            await e2e.server.db.prisma.user.update({
              where: { email: `${account}@crewboard.example` },
              data: { locale: "ja" },
            });
          }
        });
      }
    }
  });
});
