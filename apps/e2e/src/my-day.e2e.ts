// My Day in a real browser (journeys 1–2 from crew3's side): start a task with one click, log
// progress in three actions, say it is blocked, post today's check-in, keep working offline
// (sent once when back), see a manager's new task appear live, do it all by keyboard, and
// pass axe in Japanese and English and reflow at 320 px.
import { beforeAll, expect, it } from "vitest";
import {
  apiSession,
  axeScan,
  describeBrowser,
  formatViolations,
  horizontalOverflow,
  openPage,
  signIn,
  type ApiSession,
  type Page,
  useServerAndBrowser,
} from "./harness.ts";

/** Today in the company's time zone, as the check-in table stores it. */
function companyToday(): Date {
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
  return new Date(`${day}T00:00:00.000Z`);
}

interface Focused {
  tag: string;
  name: string | null;
  text: string;
  taskTitle: string | null;
}

function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const card = el?.closest("[data-testid=task-card]");
    return {
      tag: el?.tagName ?? "",
      name: el?.getAttribute("name") ?? null,
      text: (el?.textContent ?? "").trim(),
      taskTitle: card?.querySelector("h3")?.textContent ?? null,
    };
  });
}

/** Presses Tab (only Tab) until `wanted` holds for the focused element. */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, limit = 150): Promise<number> {
  for (let presses = 1; presses <= limit; presses += 1) {
    await page.keyboard.press("Tab");
    if (wanted(await focused(page))) return presses;
  }
  throw new Error(`Tab never reached the element (last: ${JSON.stringify(await focused(page))})`);
}

describeBrowser("My Day: crew3's day of work from home", () => {
  const e2e = useServerAndBrowser();
  let crew3Id: string;
  let workOrderId: string;
  let manager: ApiSession;

  const TASK_A = "E2E 伝票 61〜90 の入力";
  const TASK_B = "E2E 伝票 91〜120 の入力";

  async function createTaskForCrew3(title: string): Promise<string> {
    const { items } = await manager.call<{ items: { id: string }[] }>("POST", `/work-orders/${workOrderId}/tasks`, {
      tasks: [
        {
          title,
          assigneeId: crew3Id,
          estimateMinutes: 180,
          acceptanceCriteria: "30枚すべて入力済みで、合計が集計表と一致すること。",
        },
      ],
    });
    return items[0]!.id;
  }

  const taskId = async (title: string) => (await e2e.server.db.prisma.task.findFirstOrThrow({ where: { title } })).id;
  const card = (page: Page, title: string) => page.getByRole("article", { name: title });

  beforeAll(async () => {
    const prisma = e2e.server.db.prisma;
    crew3Id = (await prisma.user.findUniqueOrThrow({ where: { email: "crew3@crewboard.example" } })).id;
    // the expense-slip order crew3 already works on (journey 1)
    workOrderId = (await prisma.task.findFirstOrThrow({ where: { assigneeId: crew3Id, status: "blocked" } }))
      .workOrderId;
    manager = await apiSession(e2e.server, "manager1");
    await createTaskForCrew3(TASK_A);
    await createTaskForCrew3(TASK_B);
  });

  it("shows crew3's tasks in order, and starts one with one click", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");
    expect(new URL(page.url()).pathname).toBe("/my-day");
    await expect.poll(() => page.locator("main h1").textContent()).toBe("今日の作業");
    const cards = page.getByTestId("task-card");
    const EC = "商品ページの確認（41〜80）";
    await expect.poll(() => cards.count()).toBe(4);
    // blocked before to do; among the two to do, the sooner due (same here), then the manager's order;
    // last, a done task whose order the client sent back (seed: the EC check), with the client's comment
    await expect.poll(() => cards.locator("h3").allTextContents()).toEqual(["伝票 1〜60 の入力", TASK_A, TASK_B, EC]);
    const revision = card(page, EC).getByRole("region", { name: "修正のご依頼があります" });
    await expect.poll(() => revision.textContent()).toContain("税込価格の表示漏れが3件");
    await expect.poll(() => revision.textContent()).toContain("中村 浩二 さん");
    const blocked = card(page, "伝票 1〜60 の入力");
    await expect.poll(() => blocked.textContent()).toContain("伝票14と37が判読できません");
    await expect.poll(() => blocked.getByRole("button", { name: /^再開する/ }).count()).toBe(1);

    const a = card(page, TASK_A);
    await a.getByRole("button", { name: /^作業を始める/ }).click(); // one click
    await expect.poll(() => a.textContent()).toContain("作業を始めました。");
    await expect.poll(() => a.locator(".status").textContent()).toContain("作業中");
    expect((await e2e.server.db.prisma.task.findUniqueOrThrow({ where: { id: await taskId(TASK_A) } })).status).toBe(
      "doing",
    );
    // focus stayed in the card (on its heading), the card did not move
    await expect.poll(async () => (await focused(page)).tag).toBe("H3");
    await expect.poll(() => cards.locator("h3").allTextContents()).toEqual(["伝票 1〜60 の入力", TASK_A, TASK_B, EC]);

    // my chat rooms, small, each a link to its room
    const messages = page.getByRole("region", { name: "メッセージ" });
    await expect.poll(() => messages.locator('a[href^="/chat/"]').count()).toBeGreaterThan(0);
    await expect
      .poll(() => messages.getByRole("link", { name: "すべてのチャットを見る" }).getAttribute("href"))
      .toBe("/chat");
    await context.close();
  });

  it("logs progress with percent, note and minutes in three actions", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");
    const a = card(page, TASK_A);
    const form = a.getByTestId("progress-form");
    await form.getByRole("textbox", { name: "進捗（%）" }).fill("33"); // 1
    await form.getByRole("textbox", { name: "メモ（任意）" }).fill("10/30 入力済み。"); // 2
    await form.getByRole("textbox", { name: /作業した時間/ }).fill("45"); // 3 …
    await form.getByRole("textbox", { name: /作業した時間/ }).press("Enter"); // … and Enter sends it
    await expect.poll(() => form.getByTestId("progress-status").textContent()).toContain("進捗を報告しました（33%）。");
    const id = await taskId(TASK_A);
    const updates = await e2e.server.db.prisma.progressUpdate.findMany({ where: { taskId: id } });
    expect(updates.map((u) => [u.percent, u.note, u.minutesSpent])).toEqual([[33, "10/30 入力済み。", 45]]);
    await expect.poll(() => a.textContent()).toContain("33%");
    await context.close();
  });

  it("marks a task blocked with a reason", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");
    const a = card(page, TASK_A);
    await a.getByRole("button", { name: /^止まっていることを伝える/ }).click();
    const reason = a.getByRole("textbox", { name: /止まっている理由/ });
    // the reason is required: the error says so, next to the field
    await a.getByRole("button", { name: "管理者に伝える" }).click();
    await expect.poll(() => reason.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => a.textContent()).toContain("止まっている理由を入力してください。");
    await reason.fill("伝票75が判読できません。チャットでお客様に確認中です。");
    await a.getByRole("button", { name: "管理者に伝える" }).click();
    await expect.poll(() => a.textContent()).toContain("作業が止まっていることを管理者に伝えました。");
    const row = await e2e.server.db.prisma.task.findUniqueOrThrow({ where: { id: await taskId(TASK_A) } });
    expect([row.status, row.blockedReason]).toEqual([
      "blocked",
      "伝票75が判読できません。チャットでお客様に確認中です。",
    ]);
    await expect.poll(() => a.locator(".status").textContent()).toContain("作業が止まっています");
    await context.close();
  });

  it("posts today's check-in (private), and shows it with a change button", async () => {
    await e2e.server.db.prisma.checkIn.deleteMany({ where: { userId: crew3Id, day: companyToday() } });
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");
    const form = page.getByTestId("check-in-form");
    await expect.poll(() => form.textContent()).toContain("この内容は、あなたと管理者だけが見られます。");
    // the condition is required: the error names it and how to fix it (and axe is happy with it)
    await form.getByRole("button", { name: "体調チェックを送信する" }).click();
    await expect
      .poll(() => form.textContent())
      .toContain("今日の体調を「良い」「ふつう」「疲れ気味」「体調不良」から選んでください。");
    const violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await form.getByRole("radio", { name: /疲れ気味/ }).check();
    await form.getByRole("radio", { name: "在宅" }).check();
    await form.getByRole("textbox", { name: "メモ（任意）" }).fill("目が疲れやすいので、こまめに休憩を取ります。");
    // issue 12: the note kept as a private diary, by keyboard (Space on the checkbox)
    await form.getByRole("checkbox", { name: "メモをマネージャーに共有する" }).focus();
    await page.keyboard.press("Space");
    expect(await form.getByRole("checkbox", { name: "メモをマネージャーに共有する" }).isChecked()).toBe(false);
    await form.getByRole("button", { name: "体調チェックを送信する" }).click();
    const summary = page.getByTestId("check-in-summary");
    await expect.poll(() => summary.textContent()).toContain("（自分だけのメモ）");
    await expect.poll(() => summary.textContent()).toContain("体調：疲れ気味");
    await expect.poll(() => page.getByRole("button", { name: "体調チェックを変更する" }).count()).toBe(1);
    const saved = await e2e.server.db.prisma.checkIn.findFirstOrThrow({
      where: { userId: crew3Id, day: companyToday() },
    });
    expect([saved.condition, saved.place, saved.note, saved.noteShared]).toEqual([
      "tired",
      "home",
      "目が疲れやすいので、こまめに休憩を取ります。",
      false,
    ]);
    await context.close();
  });

  it("offline: logs progress, shows it waiting, and sends it exactly once when back online", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");
    const b = card(page, TASK_B);
    await b.waitFor();
    const id = await taskId(TASK_B);
    await context.setOffline(true);
    await expect.poll(() => page.getByTestId("connection-banner").textContent()).toContain("オフラインです");
    const form = b.getByTestId("progress-form");
    await form.getByRole("textbox", { name: "進捗（%）" }).fill("20");
    await form.getByRole("textbox", { name: "メモ（任意）" }).fill("6/30 入力済み（オフライン中）");
    await form.getByRole("textbox", { name: /作業した時間/ }).fill("25");
    await form.getByRole("button", { name: /^進捗を報告する/ }).click();
    await expect.poll(() => form.getByTestId("progress-status").textContent()).toContain("送信待ちです。");
    await expect
      .poll(() => b.getByRole("list", { name: "このタスクの送信待ち" }).textContent())
      .toContain("送信待ち：進捗報告 20%");
    expect(await e2e.server.db.prisma.progressUpdate.count({ where: { taskId: id } })).toBe(0);

    await context.setOffline(false);
    await expect
      .poll(() => form.getByTestId("progress-status").textContent(), { timeout: 20_000 })
      .toContain("送信待ちだった進捗報告を送信しました（20%）。");
    await expect.poll(() => e2e.server.db.prisma.progressUpdate.count({ where: { taskId: id } })).toBe(1);
    // the reconnect and the "online" event both flush: still once
    await page.waitForTimeout(1500);
    expect(await e2e.server.db.prisma.progressUpdate.count({ where: { taskId: id } })).toBe(1);
    await expect.poll(() => b.getByRole("list", { name: "このタスクの送信待ち" }).count()).toBe(0);
    await context.close();
  });

  it("a task the manager creates for crew3 appears at once, without a reload, and is announced", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");
    await card(page, TASK_B).waitFor();
    await page.evaluate(() => ((window as unknown as { noReload: boolean }).noReload = true));
    await expect.poll(() => page.evaluate(() => document.querySelector("[data-testid=help-link]") !== null)).toBe(true);
    // the live connection is up before the manager acts
    await page.waitForTimeout(500);
    await createTaskForCrew3("E2E 追加分：伝票 121〜130");
    const added = card(page, "E2E 追加分：伝票 121〜130");
    await added.waitFor({ timeout: 10_000 });
    await expect.poll(() => page.evaluate(() => (window as unknown as { noReload?: boolean }).noReload)).toBe(true);
    // new tasks join at the end, marked new; nothing above them moved
    await expect
      .poll(() => page.getByTestId("task-card").locator("h3").last().textContent())
      .toBe("E2E 追加分：伝票 121〜130");
    await expect.poll(() => added.textContent()).toContain("新しく追加されました");
    await expect
      .poll(() => page.getByTestId("announcer-polite").textContent(), { timeout: 10_000 })
      .toContain("新しいタスクが割り当てられました：E2E 追加分：伝票 121〜130");
    await context.close();
  });

  it("keyboard only (Tab, Enter, Space and typing): starts a task and logs progress", async () => {
    const title = "E2E キーボード：伝票 131〜140";
    await createTaskForCrew3(title);
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");
    await card(page, title).waitFor();

    await tabTo(page, (f) => f.taskTitle === title && f.tag === "BUTTON" && f.text.includes("作業を始める"));
    await page.keyboard.press("Enter");
    await expect.poll(() => card(page, title).textContent()).toContain("作業を始めました。");

    await tabTo(page, (f) => f.taskTitle === title && f.name === "percent");
    await page.keyboard.type("50"); // Tab selected the prefilled value: typing replaces it
    await page.keyboard.press("Tab");
    await expect.poll(async () => (await focused(page)).name).toBe("minutesSpent");
    await page.keyboard.type("30");
    await page.keyboard.press("Tab");
    await expect.poll(async () => (await focused(page)).name).toBe("note");
    await page.keyboard.type("5/10 入力済み");
    await page.keyboard.press("Tab");
    await expect.poll(async () => (await focused(page)).text).toContain("進捗を報告する");
    await page.keyboard.press("Space");
    await expect
      .poll(() => card(page, title).getByTestId("progress-status").textContent())
      .toContain("進捗を報告しました（50%）。");

    const row = await e2e.server.db.prisma.task.findFirstOrThrow({ where: { title } });
    expect([row.status, row.progress, row.minutesSpent]).toEqual(["doing", 50, 30]);
    await context.close();
  });

  it("passes axe in Japanese (high contrast, large text: crew3's settings), with a form error showing", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");
    await card(page, TASK_B).waitFor();
    let violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    // with the blocked form open and its error, and the description open
    const b = card(page, TASK_B);
    await b.getByRole("button", { name: /^止まっていることを伝える/ }).click();
    await b.getByRole("button", { name: "管理者に伝える" }).click();
    await b.locator("details summary").first().click();
    violations = await axeScan(page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await context.close();
  });

  it("passes axe in English (standard theme), with the check-in form open", async () => {
    const prisma = e2e.server.db.prisma;
    const before = await prisma.user.findUniqueOrThrow({ where: { id: crew3Id } });
    await prisma.user.update({ where: { id: crew3Id }, data: { locale: "en", accessibility: {} } });
    try {
      const { context, page } = await openPage(e2e.browser, e2e.server, { locale: "en" });
      await signIn(page, "crew3");
      await expect.poll(() => page.locator("main h1").textContent()).toBe("My Day");
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
      await card(page, TASK_B).waitFor();
      // Japanese task titles inside the English page carry lang="ja"
      await expect.poll(() => card(page, TASK_B).locator("h3").getAttribute("lang")).toBe("ja");
      await page.getByRole("button", { name: "Change check-in" }).click();
      const violations = await axeScan(page);
      expect(violations, formatViolations(violations)).toEqual([]);
      await expect.poll(() => page.getByRole("button", { name: /^Start/ }).count()).toBeGreaterThan(0);
      await context.close();
    } finally {
      await prisma.user.update({
        where: { id: crew3Id },
        data: { locale: before.locale, accessibility: before.accessibility ?? {} },
      });
    }
  });

  it("reflows at 320×640 without horizontal scrolling, also in the simpler layout", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server, { viewport: { width: 320, height: 640 } });
    await signIn(page, "crew3");
    await card(page, TASK_B).waitFor();
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    await card(page, TASK_B)
      .getByRole("button", { name: /^止まっていることを伝える/ })
      .click();
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    // every button and field stays at least 44 px high
    await expect
      .poll(() =>
        page.evaluate(() =>
          [...document.querySelectorAll("main button, main input[type=text], main textarea, main summary")]
            .filter((el) => el.getBoundingClientRect().height < 44 && (el as HTMLElement).offsetParent !== null)
            .map((el) => el.outerHTML.slice(0, 80)),
        ),
      )
      .toEqual([]);
    await context.close();

    // simpler layout: one task at a time with next / previous
    const prisma = e2e.server.db.prisma;
    const before = await prisma.user.findUniqueOrThrow({ where: { id: crew3Id } });
    await prisma.user.update({
      where: { id: crew3Id },
      data: { accessibility: { ...(before.accessibility as object), simpleLayout: true } },
    });
    try {
      const simple = await openPage(e2e.browser, e2e.server, { viewport: { width: 320, height: 640 } });
      await signIn(simple.page, "crew3");
      await expect.poll(() => simple.page.getByTestId("simple-position").textContent()).toMatch(/件中 1 件目/);
      await expect.poll(() => simple.page.getByTestId("task-card").count()).toBe(1);
      const first = await simple.page.getByTestId("task-card").locator("h3").textContent();
      await simple.page.getByRole("button", { name: "次のタスク" }).click();
      await expect.poll(() => simple.page.getByTestId("task-card").locator("h3").textContent()).not.toBe(first);
      await expect.poll(() => horizontalOverflow(simple.page)).toBe(0);
      const violations = await axeScan(simple.page);
      expect(violations, formatViolations(violations)).toEqual([]);
      await simple.context.close();
    } finally {
      await prisma.user.update({ where: { id: crew3Id }, data: { accessibility: before.accessibility ?? {} } });
    }
  });
});
