// Issue 9, barriers 4 and 5, in a real browser: the board stays calm while changes arrive.
// - Barrier 4: after "Move to…" → a column, focus is on the moved card's 移動 button and never on
//   another card on the way; the user's own move is confirmed once, where it was made, and its
//   live event (which here arrives BEFORE the server's answer, as it may on a real network) is
//   not announced again; the connection banner says nothing.
// - Barrier 5: the card the user is on and the reading position stay still while others' changes
//   arrive; "pause live updates" collects them into "3 updates — show".
import { expect, it } from "vitest";
import { request as playwrightRequest } from "playwright-core";
import {
  axeScan,
  DEMO_PASSWORD,
  formatViolations,
  describeBrowser,
  openPage,
  settled,
  signIn,
  switchLanguage,
  type E2EServer,
  type Page,
  useServerAndBrowser,
} from "./harness.ts";

interface TaskRow {
  id: string;
  title: string;
  version: number;
  status: string;
  allowedTransitions: string[];
}

/** Another person's browser, over REST. */
async function apiAs(server: E2EServer, account: string) {
  const context = await playwrightRequest.newContext({ baseURL: server.baseUrl });
  const login = await context.post("/api/v1/auth/login", {
    data: { email: `${account}@crewboard.example`, password: DEMO_PASSWORD },
  });
  if (!login.ok()) throw new Error(`login ${account}: ${login.status()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return {
    async task(id: string): Promise<TaskRow> {
      return (await context.get(`/api/v1/tasks/${id}`)).json();
    },
    async list(): Promise<TaskRow[]> {
      return ((await (await context.get("/api/v1/tasks?limit=100")).json()) as { items: TaskRow[] }).items;
    },
    async patch(id: string, body: unknown): Promise<number> {
      const res = await context.patch(`/api/v1/tasks/${id}`, { data: body, headers: { "X-CSRF-Token": csrfToken } });
      return res.status();
    },
    close: () => context.dispose(),
  };
}

const words = {
  ja: {
    review: "確認待ち",
    moved: (title: string) => `「${title}」を「確認待ち」に移動しました。`,
    updated: (title: string) => `タスク「${title}」が更新されました。`,
    pause: "ライブ更新を一時停止する",
    waiting: (n: number) => `${n} 件の更新があります`,
    show: "表示する",
  },
  en: {
    review: "Waiting for review",
    moved: (title: string) => `Moved “${title}” to Waiting for review.`,
    updated: (title: string) => `Task “${title}” updated.`,
    pause: "Pause live updates",
    waiting: (n: number) => `${n} updates`,
    show: "show",
  },
} as const;

/** Where focus is on the board. */
const focusInfo = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      column: el?.closest("[data-status]")?.getAttribute("data-status") ?? null,
      task: el?.closest("[data-task-id]")?.getAttribute("data-task-id") ?? null,
      move: el?.hasAttribute("data-move-button") ?? false,
    };
  });

/** Records, in the page, every polite announcement and every element that took focus (by task). */
async function record(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __spoken: string[]; __focus: (string | null)[]; __banner: string[] };
    w.__spoken = [];
    w.__focus = [];
    w.__banner = [];
    const banner = document.querySelector('[data-testid="connection-banner"]')!;
    new MutationObserver(() => {
      const text = banner.textContent ?? "";
      if (text) w.__banner.push(text);
    }).observe(banner, { childList: true, subtree: true, characterData: true });
    const region = document.querySelector('[data-testid="announcer-polite"]')!;
    new MutationObserver(() => {
      const text = region.textContent ?? "";
      if (text) w.__spoken.push(text);
    }).observe(region, { childList: true, subtree: true, characterData: true });
    document.addEventListener("focusin", (event) =>
      w.__focus.push(
        `${(event.target as Element).closest("[data-task-id]")?.getAttribute("data-task-id") ?? null} ${(event.target as Element).closest("[data-status]")?.getAttribute("data-status")} ${(event.target as Element).tagName} ${performance.now() | 0}`,
      ),
    );
  });
}
const spoken = (page: Page) => page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken.join(" | "));
const focusLog = (page: Page) => page.evaluate(() => (window as unknown as { __focus: (string | null)[] }).__focus);

async function openBoard(e2e: { server: E2EServer; browser: import("./harness.ts").Browser }, locale: "ja" | "en") {
  const { context, page } = await openPage(e2e.browser, e2e.server, { locale });
  // what the server pushes, as it reaches the page (watched from the start: the socket opens at sign-in)
  const frames = new Set<(text: string) => void>();
  page.on("websocket", (ws) => ws.on("framereceived", (frame) => frames.forEach((f) => f(String(frame.payload)))));
  const onFrame = (listener: (text: string) => void) => frames.add(listener);
  await signIn(page, "manager1");
  if (locale === "en") await switchLanguage(page, "en");
  await page.goto("/board");
  await page.getByTestId("board-columns").waitFor();
  await settled(page);
  await page.locator(".board-card").first().waitFor();
  return { context, page, onFrame };
}

describeBrowser("board: own changes are said once, others' changes do not move what the user is on", () => {
  const e2e = useServerAndBrowser();

  for (const locale of ["ja", "en"] as const) {
    it(`barrier 4 (${locale}): after Move to… focus is on the moved card's button, and the echo is not announced`, async () => {
      const w = words[locale];
      const { context, page, onFrame } = await openBoard(e2e, locale);
      const other = await apiAs(e2e.server, "manager2");
      // a card in "doing" that may go to "review"
      const moving = page.locator('.board-column[data-status="doing"] .board-card').first();
      const id = (await moving.getAttribute("data-task-id"))!;
      const title = (await other.task(id)).title;
      expect((await other.task(id)).allowedTransitions).toContain("review");

      // The live event of the move reaches the page before the server's answer does.
      let echoSeen!: () => void;
      const echo = new Promise<void>((resolve) => (echoSeen = resolve));
      onFrame((text) => {
        if (text.includes('"task:updated"') && text.includes(id) && text.includes('"status":"review"')) echoSeen();
      });
      await page.route(`**/api/v1/tasks/${id}`, async (route) => {
        if (route.request().method() !== "PATCH") return route.continue();
        const response = await route.fetch();
        await echo;
        await route.fulfill({ response });
      });
      await record(page);

      // keyboard: focus the card's 移動 button, open the menu, choose "review"
      const button = moving.locator("[data-move-button]");
      await button.focus();
      await page.keyboard.press("Enter");
      const menu = page.getByRole("menu");
      await menu.waitFor();
      for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.textContent)) !== w.review; i++)
        await page.keyboard.press("ArrowDown");
      await page.evaluate(() => ((window as unknown as { __focus: unknown[] }).__focus.length = 0));
      await page.keyboard.press("Enter");

      await expect.poll(() => page.getByTestId("board-status").textContent()).toContain(w.moved(title));
      await expect.poll(() => focusInfo(page)).toEqual({ column: "review", task: id, move: true });
      // on the way, focus never named another card
      expect(
        (await focusLog(page)).filter((entry) => !entry?.startsWith(id)),
        (await focusLog(page)).join("\n"),
      ).toEqual([]);

      // Someone else's change afterwards is announced; the user's own echo before it is not.
      const sentinel = page.locator('.board-column[data-status="todo"] .board-card').first();
      const sentinelId = (await sentinel.getAttribute("data-task-id"))!;
      const before = await other.task(sentinelId);
      expect(await other.patch(sentinelId, { version: before.version, status: "doing" })).toBe(200);
      await expect.poll(() => spoken(page)).toContain(w.updated(before.title));
      expect(await spoken(page)).not.toContain(title);
      // still on the moved card; the connection banner said nothing
      expect(await focusInfo(page)).toEqual({ column: "review", task: id, move: true });
      expect(await page.evaluate(() => (window as unknown as { __banner: string[] }).__banner)).toEqual([]);
      await other.close();
      if (locale === "en") await switchLanguage(page, "ja");
      await context.close();
    });
  }

  for (const locale of ["ja", "en"] as const) {
    it(`barrier 5 (${locale}): the focused card stays still on screen when a card above it leaves its column`, async () => {
      // as in the issue: the 2nd card of "doing" (the second column), at least two cards there
      const other = await apiAs(e2e.server, "manager2");
      const tasks = await other.list();
      const toMove = Math.max(0, 2 - tasks.filter((task) => task.status === "doing").length);
      for (const task of tasks.filter((t) => t.status === "todo").slice(0, toMove))
        expect(await other.patch(task.id, { version: task.version, status: "doing" })).toBe(200);
      const { context, page } = await openBoard(e2e, locale);
      const column = "doing";
      const cards = page.locator(`.board-column[data-status="${column}"] .board-card`);
      const first = (await cards.nth(0).getAttribute("data-task-id"))!;
      const second = (await cards.nth(1).getAttribute("data-task-id"))!;
      // keyboard: Tab into the column, ArrowDown to its 2nd card
      for (let i = 0; i < 80 && (await focusInfo(page)).column !== column; i++) await page.keyboard.press("Tab");
      for (let i = 0; i < 5 && (await focusInfo(page)).task !== second; i++) await page.keyboard.press("ArrowDown");
      await expect.poll(async () => (await focusInfo(page)).task).toBe(second);
      const top = () =>
        page.evaluate(
          (id) => Math.round(document.querySelector(`.board-card[data-task-id="${id}"]`)!.getBoundingClientRect().top),
          second,
        );
      const before = await top();

      // someone else blocks the card above it
      const task = await other.task(first);
      expect(
        await other.patch(first, { version: task.version, status: "blocked", blockedReason: "資料が届いていません" }),
      ).toBe(200);
      await expect
        .poll(() =>
          page.evaluate(
            (id) =>
              document
                .querySelector(`.board-card[data-task-id="${id}"]`)
                ?.closest("[data-status]")
                ?.getAttribute("data-status"),
            first,
          ),
        )
        .toBe("blocked");
      // a frame later: the focused card has not moved on screen, and still has focus
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      expect(Math.abs((await top()) - before)).toBeLessThanOrEqual(1);
      expect((await focusInfo(page)).task).toBe(second);
      await other.close();
      if (locale === "en") await switchLanguage(page, "ja");
      await context.close();
    });

    it(`barrier 5 (${locale}): "pause live updates" collects others' changes into "3 updates — show"`, async () => {
      const w = words[locale];
      const { context, page } = await openBoard(e2e, locale);
      const other = await apiAs(e2e.server, "manager2");
      const shownIn = (id: string) =>
        page.evaluate(
          (taskId) =>
            document
              .querySelector(`.board-card[data-task-id="${taskId}"]`)
              ?.closest("[data-status]")
              ?.getAttribute("data-status") ?? null,
          id,
        );
      // three tasks another manager will move (each to the first place it may go that is not "blocked")
      const movable = (await other.list())
        .map((task) => ({ task, to: task.allowedTransitions.find((s) => s !== "blocked") }))
        .filter((x): x is { task: TaskRow; to: string } => Boolean(x.to))
        .slice(0, 3);
      expect(movable).toHaveLength(3);
      for (const { task } of movable) await expect.poll(() => shownIn(task.id)).toBe(task.status);

      // keyboard: pause
      const pause = page.getByRole("checkbox", { name: w.pause });
      await pause.focus();
      await page.keyboard.press("Space");
      await expect.poll(() => pause.isChecked()).toBe(true);
      for (const { task, to } of movable)
        expect(await other.patch(task.id, { version: task.version, status: to })).toBe(200);

      const waiting = page.getByTestId("board-live-waiting");
      await expect.poll(() => waiting.textContent()).toContain(w.waiting(3));
      // nothing moved meanwhile
      for (const { task } of movable) expect(await shownIn(task.id)).toBe(task.status);
      const violations = await axeScan(page);
      expect(violations, formatViolations(violations)).toEqual([]);

      // show: the changes apply, focus goes back to the checkbox (still paused)
      await page.getByRole("button", { name: w.show, exact: true }).focus();
      await page.keyboard.press("Enter");
      for (const { task, to } of movable) await expect.poll(() => shownIn(task.id)).toBe(to);
      await expect
        .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type))
        .toBe("checkbox");
      expect(await pause.isChecked()).toBe(true);
      await expect.poll(() => waiting.textContent()).not.toContain(w.waiting(3));
      await page.keyboard.press("Space"); // live again
      await expect.poll(() => waiting.count()).toBe(0);
      await other.close();
      if (locale === "en") await switchLanguage(page, "ja");
      await context.close();
    });
  }

  for (const locale of ["ja", "en"] as const) {
    it(`barrier 9 (${locale}): dragging with the keyboard speaks our own plain words, politely`, async () => {
      const d =
        locale === "ja"
          ? {
              describe: "Enter キーを押すと、カードを動かせます。",
              started: "カードを動かしています。Tab キーで移動先の列を選んで、Enter キーを押してください。",
              stopped: "移動をやめました。",
            }
          : {
              describe: "Press Enter to move the card.",
              started: "You are moving the card. Press Tab to choose a column, then press Enter.",
              stopped: "Move stopped.",
            };
      const { context, page } = await openBoard(e2e, locale);
      // what react-aria's own live regions say, as it is said (its messages leave after a while)
      await page.evaluate(() => {
        const w = window as unknown as { __aria: string[] };
        w.__aria = [];
        new MutationObserver(() => {
          for (const log of document.querySelectorAll("[role=log][aria-live]"))
            for (const node of log.children) {
              const entry = `${log.getAttribute("aria-live")}: ${node.textContent}`;
              if (!w.__aria.includes(entry)) w.__aria.push(entry);
            }
        }).observe(document.body, { childList: true, subtree: true });
      });
      const said = () => page.evaluate(() => (window as unknown as { __aria: string[] }).__aria.join(" | "));
      // keyboard: to the first card's grip
      for (
        let i = 0;
        i < 80 && !(await page.evaluate(() => Boolean(document.activeElement?.closest(".board-card"))));
        i++
      )
        await page.keyboard.press("Tab");
      for (
        let i = 0;
        i < 6 && !(await page.evaluate(() => document.activeElement?.classList.contains("board-card__drag")));
        i++
      )
        await page.keyboard.press("ArrowRight");
      const description = () =>
        page.evaluate(() =>
          (document.activeElement?.getAttribute("aria-describedby") ?? "")
            .split(" ")
            .map((id) => document.getElementById(id)?.textContent ?? "")
            .join(" "),
        );
      await expect.poll(description).toContain(d.describe);
      await page.keyboard.press("Enter");
      await expect.poll(said).toContain(`polite: ${d.started}`);
      await page.keyboard.press("Escape");
      await expect.poll(said).toContain(`polite: ${d.stopped}`);
      const all = await said();
      expect(all).not.toMatch(/assertive|ドラッグ|ドロップ|drag|drop/i);
      if (locale === "en") await switchLanguage(page, "ja");
      await context.close();
    });
  }

  for (const locale of ["ja", "en"] as const) {
    it(`barrier 6 (${locale}): the block reason, opened from Move to…, gives focus back to the card's button when cancelled`, async () => {
      const blocked = locale === "ja" ? "作業が止まっています" : "Blocked";
      const { context, page } = await openBoard(e2e, locale);
      const card = page.locator('.board-column[data-status="todo"] .board-card').first();
      const id = (await card.getAttribute("data-task-id"))!;
      await card.locator("[data-move-button]").focus();
      await page.keyboard.press("Enter");
      await page.getByRole("menu").waitFor();
      for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.textContent)) !== blocked; i++)
        await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      const dialog = page.getByTestId("block-reason-dialog");
      await dialog.waitFor();
      // focus is in the dialog, on the reason
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("TEXTAREA");
      await page.keyboard.press("Escape");
      await expect.poll(() => dialog.count()).toBe(0);
      await expect.poll(() => focusInfo(page)).toEqual({ column: "todo", task: id, move: true });
      // and with the Cancel button, by keyboard
      await page.keyboard.press("Enter");
      await page.getByRole("menu").waitFor();
      for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.textContent)) !== blocked; i++)
        await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Enter");
      await dialog.waitFor();
      await dialog.getByRole("button", { name: locale === "ja" ? "キャンセル" : "Cancel" }).focus();
      await page.keyboard.press("Enter");
      await expect.poll(() => dialog.count()).toBe(0);
      await expect.poll(() => focusInfo(page)).toEqual({ column: "todo", task: id, move: true });
      if (locale === "en") await switchLanguage(page, "ja");
      await context.close();
    });
  }
});
