// Issue 9 barrier 10, in a real browser: the simpler layout is a focus mode on My Day (one task,
// one clearly labelled next step, one way to ask for help, the rest hidden until asked for), and
// switching it on in Settings keeps the checkbox just pressed where it was on screen.
// Keyboard only, in Japanese and English, with axe.
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
  ja: { simple: "シンプルな表示", next: "次にすること：", more: "くわしい内容とほかの操作を表示する" },
  en: { simple: "Simpler layout", next: "Next step: ", more: "Show the details and other actions" },
} as const;

/** Where the focused element is on screen. */
const focusedTop = (page: Page) =>
  page.evaluate(() => {
    const box = document.activeElement!.getBoundingClientRect();
    return { top: Math.round(box.top), inView: box.top >= 0 && box.bottom <= window.innerHeight };
  });
const frames = (page: Page) =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

/** Settings: Tab to the simpler layout's checkbox, press Space; it must stay where it was. */
async function toggleSimple(page: Page, label: string, on: boolean) {
  await page.goto("/settings");
  await settled(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator("main h1").focus();
  const box = page.getByRole("checkbox", { name: label });
  for (let i = 0; i < 40 && !(await box.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  const before = await focusedTop(page);
  expect(before.inView).toBe(true);
  await page.keyboard.press("Space");
  await expect.poll(() => page.locator("html").getAttribute("data-layout")).toBe(on ? "simple" : null);
  await frames(page);
  await frames(page);
  const after = await focusedTop(page);
  expect(after.inView).toBe(true);
  expect(Math.abs(after.top - before.top), JSON.stringify({ before, after })).toBeLessThanOrEqual(1);
}

describeBrowser("My Day's focus mode (issue 9 barrier 10)", () => {
  const e2e = useServerAndBrowser();

  for (const locale of ["ja", "en"] as const) {
    it(`focus mode in ${locale}: one task, one next step, the rest on request; the pressed checkbox stays put`, async () => {
      const w = words[locale];
      const { context, page } = await openPage(e2e.browser, e2e.server, {
        locale,
        viewport: { width: 1024, height: 600 },
      });
      await signIn(page, "crew3");
      if (locale === "en") await switchLanguage(page, "en");
      await toggleSimple(page, w.simple, true);

      await page.goto("/my-day");
      await settled(page);
      const cards = page.getByTestId("task-card");
      await cards.first().waitFor();
      await expect.poll(() => cards.count()).toBe(1);
      const card = cards.first();
      const next = card.getByTestId("next-step");
      await expect.poll(() => next.textContent()).toContain(w.next);
      // one step: the card's other actions, its facts and its progress form wait
      expect(await card.locator(".md-actions").count()).toBe(0);
      expect(await card.locator(".md-facts").count()).toBe(0);
      // one way to ask for help: the chat links wait behind a closed disclosure
      expect(await page.getByTestId("focus-others").evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false);
      let violations = await axeScan(page);
      expect(violations, formatViolations(violations)).toEqual([]);

      // keyboard: "show more" opens the rest below it, and keeps focus
      const more = card.locator(".md-focus__more");
      expect(await more.textContent()).toBe(w.more);
      await more.focus();
      const before = await focusedTop(page);
      await page.keyboard.press("Enter");
      await expect.poll(() => more.getAttribute("aria-expanded")).toBe("true");
      await expect.poll(() => card.locator(".md-facts").count()).toBe(1);
      const after = await focusedTop(page);
      expect(Math.abs(after.top - before.top)).toBeLessThanOrEqual(1);
      violations = await axeScan(page);
      expect(violations, formatViolations(violations)).toEqual([]);

      await toggleSimple(page, w.simple, false);
      if (locale === "en") await switchLanguage(page, "ja");
      await context.close();
    });
  }
});
