// A long column of the board is virtualized (issue 14: a board of 10,000 tasks). With 80 more
// tasks in "to do" than the demo has, the column renders only the cards in view, and still:
// - tells a screen reader how many cards it holds (aria-rowcount on the grid, aria-rowindex on
//   each card: the grid's aria-setsize/aria-posinset);
// - is walked with the keyboard to its last card (End) and back (Home), the focused card in view;
// - keeps the focused card (and focus) when it is scrolled out of the rendered window;
// - moves a card with the Move-to menu into that long column, and focus follows the card there
//   (the column scrolls to it);
// - is axe clean.
import { afterAll, beforeAll, expect, it } from "vitest";
import { request as playwrightRequest, type APIRequestContext } from "playwright-core";
import {
  axeScan,
  describeBrowser,
  DEMO_PASSWORD,
  formatViolations,
  openPage,
  signIn,
  useServerAndBrowser,
  type Page,
} from "./harness.ts";

const EXTRA = 80;
const TITLE = (n: number) => `E2E 長い列 ${String(n).padStart(3, "0")}`;

/** Where focus is on the board. */
const focusInfo = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const row = el?.closest(".board-card");
    return {
      column: el?.closest("[data-status]")?.getAttribute("data-status") ?? null,
      task: row?.getAttribute("data-task-id") ?? null,
      index: row?.getAttribute("aria-rowindex") ?? null,
      move: el?.hasAttribute("data-move-button") ?? false,
    };
  });

/** The "to do" column's list (the grid). */
const todoList = (page: Page) => page.locator('[data-status="todo"] [role="grid"]');

describeBrowser("board: a long column is virtualized, and stays usable", () => {
  const e2e = useServerAndBrowser();
  let api: APIRequestContext;
  let headers: Record<string, string> = {};
  let todoCount = 0;

  beforeAll(async () => {
    api = await playwrightRequest.newContext({ baseURL: e2e.server.baseUrl });
    const login = await api.post("/api/v1/auth/login", {
      data: { email: `manager1@crewboard.example`, password: DEMO_PASSWORD },
    });
    expect(login.ok()).toBe(true);
    headers = { "X-CSRF-Token": ((await login.json()) as { csrfToken: string }).csrfToken };
    const orders = (await (await api.get("/api/v1/work-orders?status=in_progress&limit=10")).json()) as {
      items: { id: string }[];
    };
    const orderId = orders.items[0]!.id;
    for (let start = 0; start < EXTRA; start += 40) {
      const tasks = Array.from({ length: 40 }, (_, i) => ({ title: TITLE(start + i + 1) }));
      const res = await api.post(`/api/v1/work-orders/${orderId}/tasks`, { data: { tasks }, headers });
      expect(res.status(), await res.text()).toBe(201);
    }
    const all = (await (await api.get("/api/v1/tasks?status=todo&limit=500")).json()) as { items: unknown[] };
    todoCount = all.items.length;
    expect(todoCount).toBeGreaterThanOrEqual(EXTRA);
  });
  afterAll(async () => {
    await api?.dispose();
  });

  /** manager1's board, once the long "to do" column knows all its cards */
  async function openLongBoard() {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await page.getByTestId("board-columns").waitFor();
    const list = todoList(page);
    await expect.poll(() => list.getAttribute("aria-rowcount")).toBe(String(todoCount));
    return { context, page, list };
  }

  it("renders only the cards in view, and says how many there are", async () => {
    const { context, page, list } = await openLongBoard();
    await expect
      .poll(() => page.locator('[data-status="todo"] .board-column__count').textContent())
      .toBe(String(todoCount));
    const rendered = await list.locator(".board-card").count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(todoCount);
    // every rendered card says where it is in the whole column
    const indexes = await list
      .locator(".board-card")
      .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("aria-rowindex"))));
    for (const index of indexes) {
      expect(index).toBeGreaterThanOrEqual(1);
      expect(index).toBeLessThanOrEqual(todoCount);
    }
    // scrolled down and back: the cards in view are rendered, the others are not
    const renderedIndexes = () =>
      list.locator(".board-card").evaluateAll((rows) => rows.map((row) => Number(row.getAttribute("aria-rowindex"))));
    await list.evaluate((el) => {
      el.scrollTop = 5000;
    });
    await expect.poll(async () => Math.min(...(await renderedIndexes()))).toBeGreaterThan(5);
    await list.evaluate((el) => {
      el.scrollTop = 0;
    });
    await expect.poll(async () => Math.min(...(await renderedIndexes()))).toBe(1);
    const violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await context.close();
  });

  it("walks the column with the keyboard, and keeps the focused card when it scrolls out of view", async () => {
    const { context, page, list } = await openLongBoard();
    for (let i = 0; i < 80 && (await focusInfo(page)).column !== "todo"; i++) await page.keyboard.press("Tab");
    await expect.poll(async () => (await focusInfo(page)).index).toBe("1");

    // End: the last card, rendered and in the list's view
    await page.keyboard.press("End");
    await expect.poll(async () => (await focusInfo(page)).index).toBe(String(todoCount));
    const inListView = () =>
      page.evaluate(() => {
        const row = document.activeElement?.closest(".board-card");
        const grid = row?.closest('[role="grid"]');
        if (!row || !grid) return false;
        const r = row.getBoundingClientRect();
        const g = grid.getBoundingClientRect();
        return r.top >= g.top - 1 && r.bottom <= g.bottom + 1;
      });
    await expect.poll(inListView).toBe(true);
    const last = (await focusInfo(page)).task;

    // scrolled away to the top: the focused card stays rendered, focus stays on it
    // (scrolled again until it stays: the list may still be finishing the scroll that brought the
    // last card into view, as a person scrolling would find)
    await expect
      .poll(() =>
        list.evaluate((el) => {
          el.scrollTop = 0;
          return new Promise<number>((resolve) => setTimeout(() => resolve(el.scrollTop), 200));
        }),
      )
      .toBeLessThan(1000);
    await expect.poll(async () => (await focusInfo(page)).task).toBe(last);
    // and the keyboard goes on from it
    await page.keyboard.press("ArrowUp");
    await expect.poll(async () => (await focusInfo(page)).index).toBe(String(todoCount - 1));
    await expect.poll(inListView).toBe(true);

    // Home: back to the first
    await page.keyboard.press("Home");
    await expect.poll(async () => (await focusInfo(page)).index).toBe("1");
    await expect.poll(inListView).toBe(true);
    await context.close();
  });

  it("moves a card into the long column with the Move-to menu, and focus follows it there", async () => {
    const { context, page } = await openLongBoard();
    // a card in "doing" (short: not virtualized) that may go back to "to do"
    const doing = (await (await api.get("/api/v1/tasks?status=doing&limit=100")).json()) as {
      items: { id: string; allowedTransitions: string[] }[];
    };
    const moved = doing.items.find((task) => task.allowedTransitions.includes("todo"))?.id ?? null;
    expect(moved).not.toBeNull();
    for (let i = 0; i < 120 && (await focusInfo(page)).column !== "doing"; i++) await page.keyboard.press("Tab");
    await expect.poll(async () => (await focusInfo(page)).column).toBe("doing");
    for (let i = 0; i < 40 && (await focusInfo(page)).task !== moved; i++) await page.keyboard.press("ArrowDown");
    await expect.poll(async () => (await focusInfo(page)).task).toBe(moved);
    for (let i = 0; i < 8 && !(await focusInfo(page)).move; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu");
    await menu.waitFor();
    // focus is in the menu before the arrows (else one may land before the menu has focused its first item)
    await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('[role="menu"]')))).toBe(true);
    for (let k = 0; k < 6 && (await page.evaluate(() => document.activeElement?.textContent)) !== "未着手"; k++)
      await page.keyboard.press("ArrowDown");
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("未着手");
    await page.keyboard.press("Enter");
    // the card is in "to do" now, a column of more cards than it renders: focus followed it there
    await expect.poll(() => todoList(page).getAttribute("aria-rowcount")).toBe(String(todoCount + 1));
    await expect
      .poll(async () => ({ ...(await focusInfo(page)), index: null }))
      .toEqual({
        column: "todo",
        task: moved,
        index: null,
        move: true,
      });
    await context.close();
  });
});
