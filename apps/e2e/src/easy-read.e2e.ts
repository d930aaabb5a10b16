// Issue 9 barrier 11, in a real browser: easy-read Japanese (やさしい日本語). A crew member turns it
// on in Settings (applied with its own button, like the language); then My Day speaks the easy-read
// catalogue, every kanji outside the 240 of grades 1–2 on the page sits in <ruby> with an <rt>
// reading (the UI's words and the task texts people wrote, whose readings the server computed),
// no word of the deny-list appears, and axe finds nothing. In English, easy-read keeps the English
// words and turns on the same layout aids: the focus mode and the criteria opened.
import { expect, it } from "vitest";
import { KANJI_GRADE_1, KANJI_GRADE_2 } from "@crewboard/domain";
import type { Task } from "@crewboard/contracts";
import { EASY_READ_DENY_LIST } from "@crewboard/web/easy-read-words";
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

/**
 * Settings: tick easy-read, then apply it with its button (nothing changes before). `inApp`: reach
 * Settings by the menu (no page load: the lists read before stay in the app's cache).
 */
async function turnOnEasyRead(page: Page, label: string, { inApp = false } = {}) {
  if (inApp) await page.locator('nav a[href="/settings"]').first().click();
  else await page.goto("/settings");
  await settled(page);
  await page.getByRole("checkbox", { name: label }).check();
  expect(await page.locator("html").getAttribute("data-layout")).toBeNull();
  await page.locator("[data-apply-easy-read]").click();
  await expect.poll(() => page.locator("html").getAttribute("data-layout")).toBe("simple");
}

/**
 * The server computes readings once its dictionary is loaded; the first read starts the load
 * (seconds). Wait until the crew member's tasks carry them (lists send them when asked: ruby=true).
 */
async function waitForReadings(page: Page) {
  await expect
    .poll(
      async () => {
        const response = await page.request.get("/api/v1/tasks?assigneeId=me&ruby=true");
        const { items } = (await response.json()) as { items: Task[] };
        return items.length > 0 && items.every((task) => task.ruby);
      },
      { timeout: 120_000, interval: 1_000 },
    )
    .toBe(true);
}

/** Text on the page with a kanji outside grades 1–2 that is not inside <ruby> (the rt is the reading). */
function kanjiWithoutReading(page: Page, root = "body") {
  return page.evaluate(
    ([early, rootSelector]) => {
      const known = new Set([...early]);
      const kanji = /[\p{Script=Han}々〆ヶ]/u;
      const found: string[] = [];
      const walker = document.createTreeWalker(document.querySelector(rootSelector)!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const parent = node.parentElement;
        // people's names are left out: a name's reading is the person's to give (no dictionary can
        // guess 翔太 or 鈴木 for sure), and the app does not ask for it yet
        if (!parent || parent.closest("script, style, template, noscript, ruby, [data-person-name]")) continue;
        const hard = [...(node.textContent ?? "")].filter((c) => kanji.test(c) && !known.has(c));
        if (hard.length > 0) found.push(`${hard.join("")} in <${parent.tagName.toLowerCase()}> "${node.textContent}"`);
      }
      return found;
    },
    [KANJI_GRADE_1 + KANJI_GRADE_2, root] as const,
  );
}

describeBrowser("easy-read Japanese (issue 9 barrier 11)", () => {
  const e2e = useServerAndBrowser({ furigana: true });

  it("on My Day as crew: the easy-read words, furigana over every hard kanji, no jargon, axe clean", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server, { locale: "ja" });
    await signIn(page, "crew1");
    await waitForReadings(page);
    // My Day read without easy-read: its list comes without furigana (issue 14: lists send `ruby`
    // only when asked), so the task titles have none
    await page.goto("/my-day");
    await settled(page);
    const titleRubyNow = page.getByTestId("task-card").first().locator("h2 ruby, h3 ruby");
    await page.getByTestId("task-card").first().waitFor();
    expect(await titleRubyNow.count(), "no readings before easy-read").toBe(0);
    // turned on without a page load, and back to My Day by the menu: the list is read again with
    // its readings (the param is part of its key), and the titles get furigana at once
    const readAgain = page.waitForRequest(
      (request) =>
        /\/api\/v1\/tasks\?/.test(request.url()) && new URL(request.url()).searchParams.get("ruby") === "true",
      { timeout: 30_000 },
    );
    await turnOnEasyRead(page, "やさしい日本語で表示する", { inApp: true });
    await page.locator('nav a[href="/my-day"]').first().click();
    expect(new URL((await readAgain).url()).searchParams.get("assigneeId")).toBe("me");
    await expect
      .poll(() => titleRubyNow.count(), { message: "the task title's kanji have readings after switching" })
      .toBeGreaterThan(0);

    await page.goto("/my-day");
    await settled(page);
    await expect.poll(() => page.locator("html").getAttribute("data-easy-read")).toBe("ja");
    const card = page.getByTestId("task-card").first();
    await card.waitFor();
    // the easy-read catalogue: 「今日の仕事」, not 「今日の作業」; the next step in easy words
    await expect.poll(() => page.locator("main h1").textContent()).toContain("今日の仕事");
    // (textContent holds the readings too: 次つぎにすること)
    await expect.poll(() => card.getByTestId("next-step").textContent()).toContain("どこまでできたかを知らせる");
    // a reading is there for the UI's words and for the task's own title
    expect(await page.locator("ruby rt").count()).toBeGreaterThan(5);
    const titleRuby = card.locator("h2 ruby, h3 ruby");
    expect(await titleRuby.count(), "the task title's kanji have readings").toBeGreaterThan(0);

    expect(await kanjiWithoutReading(page)).toEqual([]);
    const text = await page.locator("body").innerText();
    // The deny-list is for the UI's own words: a word that people wrote into crew1's work (a client's
    // task or order title, a comment) is theirs and is shown as written, with its readings.
    const work = await e2e.server.db.prisma.task.findMany({
      where: { assignee: { email: "crew1@crewboard.example" } },
      select: {
        title: true,
        description: true,
        acceptanceCriteria: true,
        workOrder: { select: { title: true, description: true, feedback: { select: { comment: true } } } },
      },
    });
    const written = work.flatMap((w) => [
      w.title,
      w.description,
      w.acceptanceCriteria,
      w.workOrder.title,
      w.workOrder.description,
      ...w.workOrder.feedback.map((f) => f.comment),
    ]);
    expect(EASY_READ_DENY_LIST.filter((word) => text.includes(word) && !written.some((w) => w.includes(word)))).toEqual(
      [],
    );

    const violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);

    // Settings in easy-read: the same checks
    await page.goto("/settings");
    await settled(page);
    expect(await kanjiWithoutReading(page)).toEqual([]);

    // Talk to a manager: the whole page in easy words (the managers' names are theirs)
    await page.goto("/chat/talk-to-manager");
    await settled(page);
    await page.getByTestId("talk-to-manager").waitFor();
    await expect.poll(() => page.getByTestId("talk-to-manager").textContent()).toContain("ひと言で");
    expect(await kanjiWithoutReading(page)).toEqual([]);
    const talkText = await page.getByTestId("talk-to-manager").innerText();
    expect(EASY_READ_DENY_LIST.filter((word) => talkText.includes(word))).toEqual([]);
    const talkViolations = await axeScan(page);
    expect(talkViolations, formatViolations(talkViolations)).toEqual([]);

    // the inbox: how to hear of things is in easy words (the notifications themselves quote people's texts)
    await page.goto("/notifications");
    await settled(page);
    await page.locator(".inbox-prefs h2").waitFor();
    await expect.poll(() => page.locator(".inbox-prefs h2").textContent()).toContain("お知らせの");
    expect(await kanjiWithoutReading(page, ".inbox-prefs")).toEqual([]);
    expect(await kanjiWithoutReading(page, "main h1")).toEqual([]);
    await context.close();
  }, 240_000);

  it("in English: the English words stay, with the focus mode and the criteria open", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server, { locale: "en" });
    await signIn(page, "crew2");
    await switchLanguage(page, "en");
    await turnOnEasyRead(page, "Easy-read");
    await page.goto("/my-day");
    await settled(page);
    await expect.poll(() => page.locator("main h1").textContent()).toContain("My Day");
    expect(await page.locator("html").getAttribute("data-easy-read")).toBeNull();
    expect(await page.locator("ruby").count()).toBe(0);
    const cards = page.getByTestId("task-card");
    await cards.first().waitFor();
    await expect.poll(() => cards.count()).toBe(1); // the focus mode: one task at a time
    const violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await context.close();
  }, 240_000);
});
