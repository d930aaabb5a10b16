// The board in a real browser (journeys 1 and 2 from the manager's side): a client's order
// appears live in "Requested", is accepted and split into two tasks; a card moves with the
// keyboard only; a version conflict is shown and resolved; a blocked task is announced; the
// swimlanes; axe in both languages; 320 px.
//
// The tests run in order and build on each other (one server per file).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request as playwrightRequest, type APIRequestContext } from "playwright-core";
import {
  axeScan,
  describeBrowser,
  DEMO_PASSWORD,
  formatViolations,
  horizontalOverflow,
  openPage,
  signIn,
  type E2EServer,
  type Page,
  useServerAndBrowser,
  switchLanguage,
  watchProblems,
} from "./harness.ts";

interface Api {
  get<T = any>(path: string): Promise<T>;
  post<T = any>(path: string, body: unknown): Promise<T>;
  patch<T = any>(path: string, body: unknown): Promise<{ status: number; body: T }>;
  close(): Promise<void>;
}

/** A REST client signed in as a demo account (cookie + CSRF token), like another person's browser. */
async function apiAs(server: E2EServer, account: string): Promise<Api> {
  const context: APIRequestContext = await playwrightRequest.newContext({ baseURL: server.baseUrl });
  const login = await context.post("/api/v1/auth/login", {
    data: { email: `${account}@crewboard.example`, password: DEMO_PASSWORD },
  });
  if (!login.ok()) throw new Error(`login ${account}: ${login.status()}`);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { "X-CSRF-Token": csrfToken };
  return {
    async get(path) {
      const res = await context.get(`/api/v1${path}`);
      if (!res.ok()) throw new Error(`GET ${path}: ${res.status()} ${await res.text()}`);
      return res.json();
    },
    async post(path, body) {
      const res = await context.post(`/api/v1${path}`, { data: body, headers });
      if (!res.ok()) throw new Error(`POST ${path}: ${res.status()} ${await res.text()}`);
      return res.json();
    },
    async patch(path, body) {
      const res = await context.patch(`/api/v1${path}`, { data: body, headers });
      return { status: res.status(), body: await res.json() };
    },
    close: () => context.dispose(),
  };
}

const ORDER_TITLE = "経費伝票の入力（E2E・120枚）";
const TASK_A = "E2E 伝票 1〜60 の入力";
const TASK_B = "E2E 伝票 61〜120 の入力";

/** The card of a task, wherever it is on the board. */
const card = (page: Page, title: string) => page.locator(".board-card", { hasText: title });
const columnOf = (page: Page, title: string) =>
  card(page, title).evaluate((el) => el.closest("[data-status]")?.getAttribute("data-status") ?? null);

/** Where focus is on the board. */
const focusInfo = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      column: el?.closest("[data-status]")?.getAttribute("data-status") ?? null,
      task: el?.closest(".board-card")?.getAttribute("data-task-id") ?? null,
      move: el?.hasAttribute("data-move-button") ?? false,
    };
  });

/** With the keyboard only: Tab into the column, arrows down to the card, arrows right to its "移動" button. */
async function focusMoveButtonByKeyboard(page: Page, column: string, taskId: string) {
  for (let i = 0; i < 80 && (await focusInfo(page)).column !== column; i++) await page.keyboard.press("Tab");
  await expect.poll(async () => (await focusInfo(page)).column).toBe(column);
  for (let i = 0; i < 30 && (await focusInfo(page)).task !== taskId; i++) await page.keyboard.press("ArrowDown");
  await expect.poll(async () => (await focusInfo(page)).task).toBe(taskId);
  for (let i = 0; i < 8 && !(await focusInfo(page)).move; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(() => focusInfo(page)).toEqual({ column, task: taskId, move: true });
}

/** Waits until nothing on the page is loading (no loading notices, every task page fetched). */
async function settled(page: Page) {
  await page.locator("main h1").waitFor();
  await page.waitForFunction(() => !document.querySelector("main .notice[role=status]"));
}

describeBrowser("board: journeys 1–2 from the manager's side", () => {
  const e2e = useServerAndBrowser();
  let manager: Api;
  let ids: Record<string, string> = {};
  let orderId = "";

  beforeAll(async () => {
    manager = await apiAs(e2e.server, "manager2");
    const crew = await manager.get<{ items: { id: string; name: string }[] }>("/crew");
    const byName = Object.fromEntries(crew.items.map((c) => [c.name, c.id]));
    ids = { crew3: byName["小林 彩香"]!, crew5: byName["吉田 陽子"]! };
  });
  afterAll(async () => {
    await manager?.close();
  });

  async function taskByTitle(title: string) {
    const page = await manager.get<{
      items: {
        id: string;
        title: string;
        version: number;
        status: string;
        blockedReason: string | null;
        assignee: { id: string } | null;
      }[];
    }>(`/tasks?workOrderId=${orderId}`);
    const task = page.items.find((t) => t.title === title);
    if (!task) throw new Error(`no task ${title}`);
    return task;
  }

  it("journey 1: a client's order appears live in Requested; manager1 accepts it and splits it into two tasks", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    expect(new URL(page.url()).pathname).toBe("/board");
    await page.getByTestId("board-columns").waitFor();
    const requested = page.getByRole("region", { name: /受付待ちの依頼/ });
    await requested.waitFor();

    // Sato sends a new order, nominating crew3
    const client = await apiAs(e2e.server, "client-a1");
    const due = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const order = await client.post<{ id: string; number: number }>("/work-orders", {
      title: ORDER_TITLE,
      description: "添付のPDFの伝票120枚を、指定のシートに入力してください。",
      dueAt: due,
      nominatedCrewId: ids.crew3,
      nominationNote: "前回の入力がとても正確でした。",
    });
    orderId = order.id;
    await client.close();

    // it appears live, with the nomination
    const article = requested.getByRole("article", { name: ORDER_TITLE });
    await article.waitFor({ timeout: 5000 });
    await expect.poll(() => article.textContent()).toContain("指名：小林 彩香");
    await expect.poll(() => article.textContent()).toContain("前回の入力がとても正確でした。");
    // and it is announced politely
    await expect
      .poll(() => page.getByTestId("announcer-polite").textContent(), { timeout: 10_000 })
      .toContain(ORDER_TITLE);

    // each button names its order (issue 9 barrier 8)
    // (Chromium puts a space before the visually hidden part of the name)
    await article.getByRole("button", { name: new RegExp(`^受け付ける ?（${ORDER_TITLE}）$`) }).click();
    await expect.poll(() => requested.getByRole("article", { name: ORDER_TITLE }).count()).toBe(0);
    await expect
      .poll(() => requested.getByRole("status").textContent())
      .toContain(`依頼 #${order.number} を受け付けました`);
    // focus goes to "Split into tasks" of the accepted order
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe(`タスクに分ける（${ORDER_TITLE}）`);

    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `依頼 #${order.number} をタスクに分ける` });
    await dialog.waitFor();
    // the nominated crew member is proposed for the first task
    const task1 = dialog.getByRole("group", { name: "タスク 1" });
    await expect.poll(() => task1.getByLabel("担当者").inputValue()).toBe(ids.crew3);
    await task1.getByLabel("タスク名").fill(TASK_A);
    await task1.getByLabel("見積もり（時間）").fill("6");
    await dialog.getByRole("button", { name: "タスクを追加" }).click();
    const task2 = dialog.getByRole("group", { name: "タスク 2" });
    // focus moved to the new row's title
    await expect
      .poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name))
      .toBe("tasks.1.title");
    await page.keyboard.type(TASK_B);
    await task2.getByLabel("担当者").selectOption(ids.crew5!);
    await task2.getByLabel("見積もり（時間）").fill("6");
    await dialog.getByRole("button", { name: "タスクを作成する" }).click();
    await dialog.waitFor({ state: "detached" });
    await expect.poll(() => page.getByTestId("board-status").textContent()).toContain("2 件のタスクを作成しました。");

    // both cards are in "To do", with assignee and where they work today
    await expect.poll(() => columnOf(page, TASK_A)).toBe("todo");
    await expect.poll(() => columnOf(page, TASK_B)).toBe("todo");
    const cardA = () => card(page, TASK_A).textContent();
    await expect.poll(cardA).toContain("担当：小林 彩香");
    await expect.poll(cardA).toContain("在宅");
    await expect.poll(cardA).toContain(`依頼 #${order.number}`);
    await expect.poll(cardA).toContain("進捗 0%");
    await expect.poll(() => card(page, TASK_B).textContent()).toContain("事業所");

    const a = await taskByTitle(TASK_A);
    const b = await taskByTitle(TASK_B);
    expect(a.assignee?.id).toBe(ids.crew3);
    expect(b.assignee?.id).toBe(ids.crew5);
    await context.close();
  });

  it("moves a card to another column with the Move-to menu, using only the keyboard", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await page.getByTestId("board-columns").waitFor();
    await expect.poll(() => columnOf(page, TASK_B)).toBe("todo");
    const target = await card(page, TASK_B).getAttribute("data-task-id");

    await focusMoveButtonByKeyboard(page, "todo", target!);
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu", { name: `移動 ${TASK_B}` });
    await menu.waitFor();
    // issue 9 barrier 4: Escape closes the menu and gives focus back to the button that opened it
    await page.keyboard.press("Escape");
    await expect.poll(() => menu.count()).toBe(0);
    await expect.poll(() => focusInfo(page)).toEqual({ column: "todo", task: target, move: true });
    await page.keyboard.press("Enter");
    await menu.waitFor();
    // only the moves allowed from "to do"
    await expect.poll(() => menu.getByRole("menuitem").allTextContents()).toEqual(["作業中", "作業が止まっています"]);
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.textContent)) !== "作業中"; i++)
      await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");

    await expect.poll(() => columnOf(page, TASK_B)).toBe("doing");
    await expect
      .poll(() => page.getByTestId("board-status").textContent())
      .toContain(`「${TASK_B}」を「作業中」に移動しました。`);
    // focus followed the card to its new column
    await expect.poll(() => focusInfo(page)).toEqual({ column: "doing", task: target, move: true });
    expect((await taskByTitle(TASK_B)).status).toBe("doing");
    await context.close();
  });

  it("issue 9 barrier 1: the focused card is always scrolled into view (Tab and Shift+Tab between columns)", async () => {
    // a short window, so that the top of the next column is far above it once the page has scrolled
    const { context, page } = await openPage(e2e.browser, e2e.server, { viewport: { width: 1280, height: 600 } });
    await signIn(page, "manager1");
    await page.getByTestId("board-columns").waitFor();
    await settled(page);
    // where the focused element is (all of it in the viewport: inView), with the facts for a failure message
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement!;
        const r = el.getBoundingClientRect();
        // (1 px of slack: a box aligned with the viewport's edge may end a fraction past it)
        const inView =
          r.top >= -1 && r.bottom <= window.innerHeight + 1 && r.left >= -1 && r.right <= window.innerWidth + 1;
        return {
          inView,
          rect: [r.left, r.top, r.right, r.bottom].map(Math.round),
          viewport: [window.innerWidth, window.innerHeight],
          what: `${el.tagName} ${el.textContent?.slice(0, 30)}`,
        };
      });
    for (let i = 0; i < 80 && (await focusInfo(page)).column !== "todo"; i++) await page.keyboard.press("Tab");
    await expect.poll(async () => (await focusInfo(page)).column).toBe("todo");
    // down the column: the page scrolls with the focus
    // to the last card of the column
    for (let i = 0, before = ""; i < 30; i++) {
      await page.keyboard.press("ArrowDown");
      const now = (await focusInfo(page)).task ?? "";
      if (now === before) break;
      before = now;
    }
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
    await expect.poll(async () => JSON.stringify(await focused())).toMatch(/^\{"inView":true/);

    // Tab: react-aria focuses the first card of "doing" without scrolling; it must be scrolled to
    await page.keyboard.press("Tab");
    await expect.poll(async () => (await focusInfo(page)).column).toBe("doing");
    await expect.poll(async () => JSON.stringify(await focused())).toMatch(/^\{"inView":true/);
    // back down "doing", then Shift+Tab to "to do": the same
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Shift+Tab");
    await expect.poll(async () => (await focusInfo(page)).column).toBe("todo");
    await expect.poll(async () => JSON.stringify(await focused())).toMatch(/^\{"inView":true/);
    await context.close();
  });

  it("a version conflict is shown with the task as it is now, and the user applies their change again", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    // Hold back what the server pushes over the socket, as a slow connection would: the board
    // does not hear about the other change, and acts on what it last saw.
    let paused = false;
    const held: (string | Buffer)[] = [];
    const clients: { send: (m: string | Buffer) => void }[] = [];
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((message) => upstream.send(message));
      upstream.onMessage((message) => (paused ? held.push(message) : ws.send(message)));
      clients.push(ws);
    });
    await signIn(page, "manager1");
    await page.getByTestId("board-columns").waitFor();
    await expect.poll(() => columnOf(page, TASK_B)).toBe("doing");

    paused = true;
    // crew5 sends the task to review from home
    const crew5 = await apiAs(e2e.server, "crew5");
    const before = await taskByTitle(TASK_B);
    const sent = await crew5.patch(`/tasks/${before.id}`, { version: before.version, status: "review" });
    expect(sent.status).toBe(200);
    await crew5.close();
    await page.waitForTimeout(300);
    await expect.poll(() => columnOf(page, TASK_B)).toBe("doing"); // the board has not heard

    // manager1 marks it blocked on the stale board
    await card(page, TASK_B).getByRole("button", { name: "移動" }).click();
    await page.getByRole("menuitem", { name: "作業が止まっています" }).click();
    const reasonDialog = page.getByRole("dialog", { name: "作業が止まっている理由" });
    await reasonDialog.getByLabel(/理由/).fill("お客様に集計表の確認をお願いしています。");
    await reasonDialog.getByRole("button", { name: "「作業が止まっています」に移動" }).click();

    const conflict = page.getByRole("alertdialog", { name: "ほかの人がこのタスクを変更しました" });
    await conflict.waitFor();
    const current = () => conflict.getByTestId("conflict-current").textContent();
    await expect.poll(current).toContain("確認待ち"); // what crew5 did
    await expect.poll(current).toContain("吉田 陽子");
    await expect.poll(() => conflict.textContent()).toContain("あなたの変更：「作業が止まっています」へ移動");
    // the board shows the task as it is now
    await expect.poll(() => columnOf(page, TASK_B)).toBe("review");
    // nothing was overwritten yet
    expect((await taskByTitle(TASK_B)).status).toBe("review");

    await conflict.getByRole("button", { name: "自分の変更をいまの状況に適用する" }).click();
    await conflict.waitFor({ state: "detached" });
    await expect.poll(() => columnOf(page, TASK_B)).toBe("blocked");
    // the card moves while the change is on its way: wait for the server to have it
    await expect.poll(async () => (await taskByTitle(TASK_B)).status).toBe("blocked");
    const after = await taskByTitle(TASK_B);
    expect(after.blockedReason).toBe("お客様に集計表の確認をお願いしています。");
    expect(after.version).toBe(before.version + 2);

    // the connection catches up; the older event changes nothing
    paused = false;
    for (const message of held.splice(0)) for (const ws of clients) ws.send(message);
    await page.waitForTimeout(300);
    await expect.poll(() => columnOf(page, TASK_B)).toBe("blocked");
    await context.close();
  });

  it("keeps their change when the user chooses so", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    let paused = false;
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const upstream = ws.connectToServer();
      ws.onMessage((message) => upstream.send(message));
      upstream.onMessage((message) => {
        if (!paused) ws.send(message);
      });
    });
    await signIn(page, "manager1");
    await page.getByTestId("board-columns").waitFor();
    await expect.poll(() => columnOf(page, TASK_B)).toBe("blocked");
    paused = true;
    // manager2 unblocks it to "to do" meanwhile
    const before = await taskByTitle(TASK_B);
    expect((await manager.patch(`/tasks/${before.id}`, { version: before.version, status: "todo" })).status).toBe(200);
    // manager1, on the stale board, moves it to "doing" — still allowed from "to do", so offer it;
    // then keeps theirs instead
    await card(page, TASK_B).getByRole("button", { name: "移動" }).click();
    await page.getByRole("menuitem", { name: "作業中" }).click();
    const conflict = page.getByRole("alertdialog", { name: "ほかの人がこのタスクを変更しました" });
    await conflict.waitFor();
    await expect.poll(() => conflict.getByTestId("conflict-current").textContent()).toContain("未着手");
    await conflict.getByRole("button", { name: "いまの状況のままにする" }).click();
    await conflict.waitFor({ state: "detached" });
    await expect.poll(() => columnOf(page, TASK_B)).toBe("todo");
    expect((await taskByTitle(TASK_B)).status).toBe("todo");
    await context.close();
  });

  it("journey 2: a task blocked by crew3 is announced politely, without moving focus", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await page.getByTestId("board-columns").waitFor();
    await expect.poll(() => columnOf(page, TASK_A)).toBe("todo");
    // the user is on another card of the same column, with the keyboard
    await expect.poll(() => columnOf(page, TASK_B)).toBe("todo");
    const idB = (await card(page, TASK_B).getAttribute("data-task-id"))!;
    await focusMoveButtonByKeyboard(page, "todo", idB);

    const crew3 = await apiAs(e2e.server, "crew3");
    const task = await taskByTitle(TASK_A);
    const blocked = await crew3.patch(`/tasks/${task.id}`, {
      version: task.version,
      status: "blocked",
      blockedReason: "伝票14と37が判読できません",
    });
    expect(blocked.status).toBe(200);
    await crew3.close();

    await expect.poll(() => columnOf(page, TASK_A), { timeout: 5000 }).toBe("blocked");
    await expect
      .poll(() => page.getByTestId("announcer-polite").textContent(), { timeout: 12_000 })
      .toContain(`タスク「${TASK_A}」が止まっています：伝票14と37が判読できません`);
    await expect.poll(() => card(page, TASK_A).textContent()).toContain("理由：伝票14と37が判読できません");
    // focus stayed where the user was
    await expect.poll(() => focusInfo(page)).toEqual({ column: "todo", task: idB, move: true });
    await context.close();
  });

  it("never moves the card the user is on: it stays, says what changed, and moves when the user leaves it", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await page.getByTestId("board-columns").waitFor();
    await expect.poll(() => columnOf(page, TASK_A)).toBe("blocked");
    const idA = (await card(page, TASK_A).getAttribute("data-task-id"))!;
    await focusMoveButtonByKeyboard(page, "blocked", idA);

    // crew3 got new scans and starts again
    const crew3 = await apiAs(e2e.server, "crew3");
    const task = await taskByTitle(TASK_A);
    expect((await crew3.patch(`/tasks/${task.id}`, { version: task.version, status: "doing" })).status).toBe(200);
    await crew3.close();

    await expect.poll(() => card(page, TASK_A).textContent()).toContain("ほかの人が「作業中」に変更しました");
    await expect.poll(() => columnOf(page, TASK_A)).toBe("blocked");
    await expect.poll(() => focusInfo(page)).toEqual({ column: "blocked", task: idA, move: true });
    // leaving the card lets it go to its column
    await page.keyboard.press("Tab");
    await expect.poll(() => columnOf(page, TASK_A)).toBe("doing");
    await context.close();
  });

  it("shows the progress history of a task, newest first", async () => {
    const crew3 = await apiAs(e2e.server, "crew3");
    const task = await taskByTitle(TASK_A);
    await crew3.post(`/tasks/${task.id}/progress`, { percent: 20, note: "12/60 入力済み。", minutesSpent: 30 });
    await crew3.post(`/tasks/${task.id}/progress`, { percent: 33, note: "20/60 入力済み。", minutesSpent: 45 });
    await crew3.close();
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await page.getByTestId("board-columns").waitFor();
    await card(page, TASK_A).getByRole("button", { name: TASK_A, exact: true }).click();
    const dialog = page.getByTestId("task-detail-dialog");
    await dialog.waitFor();
    const history = dialog.getByTestId("progress-history");
    await history.waitFor();
    const entry = (n: number) => async () => (await history.getByRole("listitem").allTextContents())[n];
    await expect.poll(entry(0)).toContain("20/60 入力済み。");
    await expect.poll(entry(0)).toContain("進捗 33%");
    await expect.poll(entry(0)).toContain("小林 彩香");
    await expect.poll(entry(1)).toContain("12/60 入力済み。");
    await dialog.getByRole("button", { name: "閉じる" }).click();
    await context.close();
  });

  it("reassigns a task from its detail, and shows the swimlanes by crew member (view in the URL)", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await page.getByTestId("board-columns").waitFor();
    await page.getByRole("radio", { name: "クルーごとの行（スイムレーン）" }).check();
    await page.waitForURL(/view=lanes/);
    const lanes = page.getByTestId("board-lanes");
    await lanes.waitFor();
    const lane3 = lanes.getByRole("region", { name: "小林 彩香" });
    const lane5 = lanes.getByRole("region", { name: "吉田 陽子" });
    await expect.poll(() => lane3.locator(".board-card", { hasText: TASK_A }).count()).toBe(1);
    await expect.poll(() => lane5.locator(".board-card", { hasText: TASK_B }).count()).toBe(1);
    await expect.poll(() => lane5.locator('[data-status="todo"] .board-card', { hasText: TASK_B }).count()).toBe(1);

    // filter by crew member: in the URL, only that lane
    const crewFilter = page.getByLabel("クルー", { exact: true });
    await crewFilter.selectOption(ids.crew5!);
    await page.waitForURL(new RegExp(`crew=${ids.crew5}`));
    await expect.poll(() => lanes.getByRole("region").count()).toBe(1);
    // a reload keeps the view and the filter
    await page.reload();
    await page.getByTestId("board-lanes").waitFor();
    await expect.poll(() => page.getByLabel("クルー", { exact: true }).inputValue()).toBe(ids.crew5);

    // reassign B to crew3 from its detail
    await card(page, TASK_B).getByRole("button", { name: TASK_B, exact: true }).click();
    const dialog = page.getByTestId("task-detail-dialog");
    await dialog.getByLabel("担当者").selectOption(ids.crew3!);
    await dialog.getByRole("button", { name: "担当者を変更する" }).click();
    await expect.poll(() => dialog.getByRole("status").textContent()).toContain("小林 彩香");
    await dialog.getByRole("button", { name: "閉じる" }).click();
    expect((await taskByTitle(TASK_B)).assignee?.id).toBe(ids.crew3);
    await page.getByLabel("クルー", { exact: true }).selectOption(ids.crew3!);
    await expect
      .poll(() => page.getByTestId("board-lanes").locator(".board-card", { hasText: TASK_B }).count())
      .toBe(1);
    await context.close();
  });

  it("drags a card with the keyboard (grip, Enter, Tab to a column that may take it, Enter) and with the mouse", async () => {
    // start from "to do" (as another manager would put it back)
    const path: Record<string, string[]> = {
      todo: [],
      doing: ["todo"],
      blocked: ["todo"],
      review: ["doing", "todo"],
      done: ["doing", "todo"],
    };
    for (const status of path[(await taskByTitle(TASK_B)).status] ?? []) {
      const current = await taskByTitle(TASK_B);
      expect((await manager.patch(`/tasks/${current.id}`, { version: current.version, status })).status).toBe(200);
    }
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await page.getByTestId("board-columns").waitFor();
    await expect.poll(() => columnOf(page, TASK_B)).toBe("todo");
    const idB = (await card(page, TASK_B).getAttribute("data-task-id"))!;
    // keyboard: to the card's grip
    for (let i = 0; i < 80 && (await focusInfo(page)).column !== "todo"; i++) await page.keyboard.press("Tab");
    for (let i = 0; i < 30 && (await focusInfo(page)).task !== idB; i++) await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.classList.contains("board-card__drag")))
      .toBe(true);
    await page.keyboard.press("Enter");
    // only the columns this card may go to are drop targets (from "to do": doing, blocked)
    const targets = new Set<string | null>();
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press("Tab");
      targets.add(
        await page.evaluate(
          () => document.activeElement?.closest("[data-status]")?.getAttribute("data-status") ?? null,
        ),
      );
    }
    expect(targets.has("doing")).toBe(true);
    expect(targets.has("review")).toBe(false);
    expect(targets.has("done")).toBe(false);
    for (
      let i = 0;
      i < 4 &&
      (await page.evaluate(() => document.activeElement?.closest("[data-status]")?.getAttribute("data-status"))) !==
        "doing";
      i++
    ) {
      await page.keyboard.press("Tab");
    }
    await page.keyboard.press("Enter");
    await expect.poll(() => columnOf(page, TASK_B)).toBe("doing");
    await expect.poll(async () => (await taskByTitle(TASK_B)).status).toBe("doing");

    // mouse: drag it on to "waiting for review"
    const review = page.locator('.board-column[data-status="review"] .board-list');
    await review.scrollIntoViewIfNeeded();
    await card(page, TASK_B).dragTo(review, { sourcePosition: { x: 6, y: 6 }, targetPosition: { x: 20, y: 20 } });
    await expect.poll(() => columnOf(page, TASK_B)).toBe("review");
    await expect.poll(async () => (await taskByTitle(TASK_B)).status).toBe("review");
    await context.close();
  });

  it("shows the board's first cards from the page itself while the board loads: hidden from assistive technology, inert, gone once the board's own columns show", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    const problems = watchProblems(page);
    // the board's chunk is held back: until it comes, only the page's own preview can show cards
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/assets\/BoardPage-[^/]+\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto("/board", { waitUntil: "commit" });
    const preview = page.locator("#board-preview");
    await expect.poll(() => preview.locator(".board-card").count()).toBeGreaterThan(0);
    // each column's first card, as the board will show it (the demo board fits in its first page)
    const firstTitles = (columns: string) =>
      page.evaluate(
        (selector) =>
          [...document.querySelectorAll(selector)].map(
            (column) => column.querySelector(".board-card__title")?.textContent ?? null,
          ),
        columns,
      );
    // (polled: the page may still be arriving)
    await expect.poll(async () => (await firstTitles("#board-preview .board-column")).length).toBe(5);
    const previewed = await firstTitles("#board-preview .board-column");
    expect(previewed.filter(Boolean).length).toBeGreaterThan(0);
    expect(await preview.getAttribute("aria-hidden")).toBe("true");
    expect(await preview.evaluate((el) => (el as HTMLElement).inert)).toBe(true);
    // nothing of it reaches a screen reader or the keyboard: its buttons are not in the
    // accessibility tree, and Tab never lands in it
    await expect.poll(() => page.getByRole("button", { name: "移動" }).count()).toBe(0);
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest("#board-preview")))).toBe(false);
    }
    release();
    await page.getByTestId("board-columns").locator(".board-card").first().waitFor();
    await expect.poll(() => preview.count()).toBe(0);
    await expect.poll(() => firstTitles("[data-testid=board-columns] .board-column")).toEqual(previewed);
    await settled(page);
    expect(problems.take()).toEqual([]);
    await context.close();
  });

  it("reflows at 320 px: the columns scroll inside their region, the page does not", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server, { viewport: { width: 320, height: 640 } });
    await signIn(page, "manager1");
    await page.getByTestId("board-columns").waitFor();
    await settled(page);
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    const scroll = page.locator(".board-scroll");
    await expect.poll(() => scroll.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await page.goto("/board?view=lanes");
    await page.getByTestId("board-lanes").waitFor();
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    await context.close();
  });

  describe("axe (WCAG 2.2 AA + target size): 0 violations", () => {
    for (const locale of ["ja", "en"] as const) {
      it(`board (columns and swimlanes), a dialog, and the crew overview in ${locale}`, async () => {
        const { context, page } = await openPage(e2e.browser, e2e.server, { locale });
        await signIn(page, "manager1");
        if (locale === "en") await switchLanguage(page, "en");
        for (const path of ["/board", "/board?view=lanes", "/crew"]) {
          await page.goto(path);
          await settled(page);
          await page
            .locator(path.startsWith("/crew") ? "[data-testid=crew-table]" : ".board-card")
            .first()
            .waitFor();
          const violations = await axeScan(page);
          expect(violations, `${path}\n${formatViolations(violations)}`).toEqual([]);
        }
        // the Move-to menu open
        await page.goto("/board");
        await settled(page);
        await page.locator(".board-card [data-move-button]").first().click();
        await page.getByRole("menu").waitFor();
        let violations = await axeScan(page);
        expect(violations, `menu\n${formatViolations(violations)}`).toEqual([]);
        await page.keyboard.press("Escape");
        // the split dialog
        await page.locator("[data-split-button]").first().click();
        await page.getByTestId("split-dialog").waitFor();
        violations = await axeScan(page);
        expect(violations, `split dialog\n${formatViolations(violations)}`).toEqual([]);
        await page.keyboard.press("Escape");
        if (locale === "en") await switchLanguage(page, "ja");
        await context.close();
      });
    }
  });
});
