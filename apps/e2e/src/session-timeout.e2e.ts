// Issue 13 / WCAG 2.2.1: before a session ends for lack of activity, the app warns in a dialog and
// offers to stay signed in; when nobody answers, the session ends and the sign-in page says why.
// The server's idle timeout is 30 s here (an hour by default), so the warning comes 20 s before
// the end (at least 20 s to answer). Nothing in the page keeps the session alive by itself: the
// page's own requests while nobody touches it are background requests.
import { expect, it } from "vitest";
import { axeScan, describeBrowser, formatViolations, openPage, signIn, useServerAndBrowser } from "./harness.ts";

describeBrowser("idle timeout: warned, extended, then signed out", () => {
  const e2e = useServerAndBrowser({ sessionTimeouts: { idleMs: 30_000, absoluteMs: 8 * 60 * 60_000 } });

  it("crew3 is warned, stays signed in with the keyboard, and is later signed out with a notice", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");

    const warning = page.getByRole("alertdialog", { name: "まもなくログアウトします" });
    await warning.waitFor({ timeout: 60_000 });
    await expect.poll(() => warning.textContent()).toMatch(/あと 0 分 \d+ 秒でログアウトします/);
    // focus is on the way to carry on, so Enter is enough
    const stay = warning.getByRole("button", { name: "ログインしたまま続ける" });
    await expect.poll(() => stay.evaluate((el) => el === document.activeElement)).toBe(true);
    const violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);

    await page.keyboard.press("Enter");
    await warning.waitFor({ state: "hidden" });
    // still signed in: the screen is there, and the server agrees
    await expect.poll(() => page.locator("main h1").textContent()).toBe("今日の作業");
    await expect
      .poll(() => page.evaluate(async () => (await (await fetch("/api/v1/auth/session")).json()).user?.email))
      .toBe("crew3@crewboard.example");

    // nobody answers the next warning: signed out, and told why
    await warning.waitFor({ timeout: 60_000 });
    await page.waitForURL((url) => url.pathname.startsWith("/sign-in"), { timeout: 60_000 });
    await expect
      .poll(() => page.locator("main").textContent(), { timeout: 15_000 })
      .toContain("しばらく操作がなかったため、ログアウトしました。");
    await context.close();
  });
});
