// Every screen of e2e/screens.ts, for every role:
// - in Japanese and in English, nothing goes wrong that a visitor would see in the console: no
//   console error, no uncaught exception, no failed request (an answer ≥ 400, or none at all);
// - in Japanese, the UI's own text has no English words. What people wrote (titles, messages,
//   names) carries its own `lang` (ui/lang.ts textLang) and is skipped; a short allow-list covers
//   the product name and acronyms. Codes (#12), numbers, URLs and email addresses are not words.
import { expect, it } from "vitest";
import {
  describeBrowser,
  openPage,
  settled,
  signIn,
  watchProblems,
  type Page,
  type PageProblems,
  useServerAndBrowser,
} from "./harness.ts";
import { resolveScreenPath, SCREENS, type RoleScreens } from "./screens.ts";

/**
 * English words allowed in the Japanese UI: the product's name, acronyms and units Japanese uses as
 * they are, and the names printed on keyboard keys.
 */
const ALLOWED_WORDS = ["Crewboard", "API", "CSV", "PDF", "URL", "EC", "KB", "MB", "Enter", "Shift"];

/** Words of Latin letters in the UI's own visible text and accessible names (not in [lang] parts). */
function englishWordsOnPage(page: Page): Promise<string[]> {
  return page.evaluate((allowed) => {
    const allow = new Set(allowed);
    const found: string[] = [];
    /** Text of people (marked with its own lang) or not rendered: not the UI's own words. */
    const skipped = (el: Element | null): boolean => {
      for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
        if (e.hasAttribute("lang")) return true;
        if (["SCRIPT", "STYLE", "NOSCRIPT", "TEMPLATE"].includes(e.tagName)) return true;
      }
      return el ? !el.checkVisibility() : true;
    };
    const describe = (el: Element) => {
      const tag = el.tagName.toLowerCase();
      const cls =
        typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
      return `${tag}${cls}`;
    };
    // An accessible name may hold people's text ("<task title> をドラッグ"): take out what the page
    // shows as people's text before looking at the rest.
    const peoplesText = [...document.body.querySelectorAll("[lang]")]
      .map((el) => el.textContent?.trim() ?? "")
      .filter((text) => text.length > 0)
      .sort((a, b) => b.length - a.length);
    const withoutPeoplesText = (value: string) => peoplesText.reduce((rest, text) => rest.split(text).join(" "), value);
    const check = (text: string, el: Element, where: string) => {
      const plain = text
        .replace(/https?:\/\/\S*/g, " ") // addresses (URLs)
        .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, " ") // email addresses
        .replace(/#\d+/g, " "); // order codes
      for (const word of plain.match(/[A-Za-z]+/g) ?? []) {
        if (!allow.has(word)) found.push(`"${word}" in ${where} of ${describe(el)}: ${text.trim().slice(0, 100)}`);
      }
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || !node.textContent?.trim() || skipped(el)) continue;
      check(node.textContent, el, "text");
    }
    for (const el of document.body.querySelectorAll(
      "[aria-label], [title], [placeholder], [alt], [aria-description], [aria-roledescription]",
    )) {
      if (skipped(el)) continue;
      for (const name of ["aria-label", "title", "placeholder", "alt", "aria-description", "aria-roledescription"]) {
        const value = el.getAttribute(name);
        if (value) check(withoutPeoplesText(value), el, name);
      }
    }
    check(withoutPeoplesText(document.title), document.body, "the document title");
    return found;
  }, ALLOWED_WORDS);
}

describeBrowser("every screen, every role (e2e/screens.ts)", () => {
  const e2e = useServerAndBrowser();

  /** Visits every screen of one role of the table in `locale`, calling `check` on each; returns what it reported. */
  async function walk(
    { role, account, paths }: RoleScreens,
    locale: "ja" | "en",
    check: (page: Page, where: string, problems: PageProblems) => Promise<string[]>,
  ): Promise<string[]> {
    // the saved language of an account wins over the browser's after sign-in
    if (account)
      await e2e.server.db.prisma.user.update({ where: { email: `${account}@crewboard.example` }, data: { locale } });
    const found: string[] = [];
    const { context, page } = await openPage(e2e.browser, e2e.server, { locale });
    const problems = watchProblems(page);
    const where = (path: string) => `${role}${account ? ` (${account})` : ""} ${path}`;
    try {
      if (account) {
        await signIn(page, account);
        await settled(page);
        await page.waitForLoadState("networkidle");
        found.push(...(await check(page, where("sign-in and home"), problems)));
      }
      for (const path of paths) {
        await page.goto(await resolveScreenPath(e2e.server, account, path));
        await settled(page);
        // late requests (live data, lazy chunks) have had their answers
        await page.waitForLoadState("networkidle");
        found.push(...(await check(page, where(path), problems)));
      }
    } finally {
      await context.close();
      if (account)
        await e2e.server.db.prisma.user.update({
          where: { email: `${account}@crewboard.example` },
          data: { locale: "ja" },
        });
    }
    return found;
  }

  // one test per role and language: a failure names the screens, and a busy machine has time
  for (const locale of ["ja", "en"] as const) {
    for (const screens of SCREENS) {
      it(`${screens.role}: no console errors, page errors or failed requests on any screen in ${locale}`, async () => {
        const found = await walk(screens, locale, async (_page, where, problems) =>
          problems.take().map((problem) => `${where}: ${problem}`),
        );
        expect(found, found.join("\n")).toEqual([]);
      });
    }
  }

  for (const screens of SCREENS) {
    it(`${screens.role}: in Japanese, no screen shows English words of its own (people's text excepted)`, async () => {
      const found = await walk(screens, "ja", async (page, where) =>
        (await englishWordsOnPage(page)).map((word) => `${where}: ${word}`),
      );
      expect(found, found.join("\n")).toEqual([]);
    });
  }
});
