// The client's side of journeys 1, 3 and 5 (shared/JOURNEYS.md) in a real browser: Sato orders
// "Enter 120 expense slips" and watches it become work; receives the delivery, downloads it, asks
// for a revision and then accepts it with a rating; Tanaka never sees company A's orders. The
// manager's side is played over the REST API. Plus axe on the portal, the new-order form (also
// with errors showing) and the work order page in both languages, and the form by keyboard alone.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  apiSession,
  axeScan,
  describeBrowser,
  formatViolations,
  horizontalOverflow,
  openPage,
  signIn,
  type ApiSession,
  type E2EServer,
  type Page,
  useServerAndBrowser,
} from "./harness.ts";

interface Order {
  id: string;
  number: number;
  status: string;
  version: number;
}
interface TaskRow {
  id: string;
  version: number;
  status: string;
}

/** Tomorrow's date in Tokyo, YYYY-MM-DD, and tomorrow 17:00 JST as an instant. */
function tomorrowInTokyo(): { date: string; at17: string } {
  const tokyoNow = new Date(Date.now() + 9 * 3600_000);
  const tomorrow = new Date(Date.UTC(tokyoNow.getUTCFullYear(), tokyoNow.getUTCMonth(), tokyoNow.getUTCDate() + 1));
  const date = tomorrow.toISOString().slice(0, 10);
  return { date, at17: new Date(`${date}T17:00:00+09:00`).toISOString() };
}

async function userId(server: E2EServer, account: string): Promise<string> {
  const user = await server.db.prisma.user.findUniqueOrThrow({
    where: { email: `${account}@crewboard.example` },
    select: { id: true },
  });
  return user.id;
}

/** Moves a task along todo → doing → review → done (as the manager). */
async function finishTask(manager: ApiSession, taskId: string): Promise<void> {
  let task = await manager.call<TaskRow>("GET", `/tasks/${taskId}`);
  const path: Record<string, string> = { todo: "doing", doing: "review", review: "done", done: "done" };
  while (task.status !== "done") {
    task = await manager.call<TaskRow>("PATCH", `/tasks/${taskId}`, {
      version: task.version,
      status: path[task.status],
    });
  }
}

/** The manager accepts an order and splits it into two tasks, for crew3 and crew5 (journey 1.3). */
async function acceptAndSplit(server: E2EServer, manager: ApiSession, orderId: string): Promise<TaskRow[]> {
  await manager.call("PATCH", `/work-orders/${orderId}`, { status: "accepted" });
  const { items } = await manager.call<{ items: TaskRow[] }>("POST", `/work-orders/${orderId}/tasks`, {
    tasks: [
      {
        title: "Slips 1–60",
        assigneeId: await userId(server, "crew3"),
        estimateMinutes: 240,
        acceptanceCriteria: "60 slips entered; totals match.",
      },
      {
        title: "Slips 61–120",
        assigneeId: await userId(server, "crew5"),
        estimateMinutes: 240,
        acceptanceCriteria: "60 slips entered; totals match.",
      },
    ],
  });
  return items;
}

const orderCard = (page: Page, number: number) => page.getByTestId(`client-order-${number}`);

/** Presses Tab until the element with this id has focus (the keyboard alone; fails if it never does). */
async function tabTo(page: Page, id: string, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await page.evaluate(() => document.activeElement?.id)) === id) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`Tab never reached #${id}`);
}

/**
 * Types a date into the focused <input type=date> with the keyboard. The browser shows its parts
 * in its own locale's order (year/month/day, or month/day/year …), so first find out which part
 * is which: arrow up once in the first, twice in the second, three times in the third, and read
 * the value; then go back and type each part (a full month or day moves on by itself).
 */
async function typeDate(page: Page, iso: string): Promise<void> {
  const input = page.locator(":focus");
  for (let part = 0; part < 3; part++) {
    for (let i = 0; i <= part; i++) await page.keyboard.press("ArrowUp");
    if (part < 2) await page.keyboard.press("ArrowRight");
  }
  const [, probeMonth, probeDay] = (await input.inputValue()).split("-").map(Number);
  const order: ("year" | "month" | "day")[] = ["year", "year", "year"];
  order[probeMonth! - 1] = "month";
  order[probeDay! - 1] = "day";
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowLeft");
  const [year, month, day] = iso.split("-") as [string, string, string];
  for (let index = 0; index < 3; index++) {
    const part = order[index]!;
    await page.keyboard.type(part === "year" ? year : part === "month" ? month : day);
    if (part === "year" && index < 2) await page.keyboard.press("ArrowRight");
  }
}

async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const violations = await axeScan(page);
  expect(violations, `${what}\n${formatViolations(violations)}`).toEqual([]);
}

/** Waits until the screen's data has loaded (no "loading" notice left in <main>). */
async function settled(page: Page): Promise<void> {
  await page.locator("main h1").first().waitFor();
  await page.waitForFunction(() => !document.querySelector("main .notice[role=status]"));
}

describeBrowser("client portal: journeys 1, 3 and 5 from the client's side", () => {
  const e2e = useServerAndBrowser();
  let manager: ApiSession;

  beforeAll(async () => {
    manager = await apiSession(e2e.server, "manager1");
  });

  it("journey 1: Sato orders 120 expense slips, nominating crew3; the portal shows it accepted with 2 tasks without a reload", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "client-a1");
    expect(new URL(page.url()).pathname).toBe("/client");
    await page.getByRole("link", { name: "新しい依頼を送る" }).click();
    await page.waitForURL("**/client/new");
    await expect.poll(() => page.locator("main h1").textContent()).toBe("新しい依頼");

    const due = tomorrowInTokyo();
    await page.getByRole("textbox", { name: /件名/ }).fill("Enter 120 expense slips");
    await page
      .getByRole("textbox", { name: /作業の内容/ })
      .fill("Enter the 120 expense slips into the attached sheet: date, account, amount, memo.");
    await page
      .getByRole("textbox", { name: /資料のリンク/ })
      .fill("https://files.example/sakura/expense-slips-120.pdf");
    await page.getByLabel("日付").fill(due.date);
    await expect.poll(() => page.getByLabel("時刻").inputValue()).toBe("17:00");
    await page.getByRole("combobox", { name: /担当してほしいクルー/ }).selectOption({ label: "小林" }); // issue 12: by display name
    await page.getByRole("textbox", { name: /指名の理由/ }).fill("she did our last batch perfectly");
    await page.getByRole("button", { name: "依頼を送信する" }).click();

    await page.waitForURL(/\/work-orders\/[0-9a-f-]{36}$/);
    const orderId = new URL(page.url()).pathname.split("/").pop()!;
    await expect.poll(() => page.getByTestId("work-order-created").textContent()).toContain("ご依頼を送信しました。");
    const saved = await e2e.server.db.prisma.workOrder.findUniqueOrThrow({
      where: { id: orderId },
      include: { nominatedCrew: true },
    });
    expect(saved.title).toBe("Enter 120 expense slips");
    expect(saved.dueAt.toISOString()).toBe(due.at17);
    expect(saved.links).toEqual(["https://files.example/sakura/expense-slips-120.pdf"]);
    expect(saved.nominatedCrew?.email).toBe("crew3@crewboard.example");
    expect(saved.nominationNote).toBe("she did our last batch perfectly");
    expect(saved.status).toBe("requested");
    // the order's page says what it is and what happens next
    await expect.poll(() => page.locator("main h1").textContent()).toBe(`依頼 #${saved.number}`);
    await expect.poll(() => page.getByTestId("wo-next-step").textContent()).toContain("お受けできるかどうか");
    await expectNoAxeViolations(page, "work order page (just sent, ja)");

    // back to the portal through the menu: the order is there, newest first
    await page.getByRole("navigation", { name: "メインメニュー" }).getByRole("link", { name: "ご依頼の一覧" }).click();
    await page.waitForURL("**/client");
    const card = orderCard(page, saved.number);
    await expect.poll(() => card.textContent()).toContain("依頼受付");
    await expect
      .poll(() => page.getByRole("article").first().getAttribute("data-testid"))
      .toBe(`client-order-${saved.number}`);
    // issue 12: the nominated crew member by the name clients see, never her full name
    await expect.poll(() => card.textContent()).toContain("小林");
    expect(await page.locator("body").textContent()).not.toContain("小林 彩香");

    // manager1 accepts it and splits it into two tasks (over the API) …
    await acceptAndSplit(e2e.server, manager, orderId);
    // … and Sato's portal shows it, live: "Accepted — 2 tasks, starting soon"
    await expect.poll(() => card.textContent(), { timeout: 10_000 }).toContain("受付済み");
    await expect.poll(() => card.textContent()).toContain("タスク 2 件、これから始めます");
    await expect.poll(() => card.textContent()).toContain("ご依頼をお受けしました。");
    // and it was said (politely) to screen-reader users
    await expect
      .poll(() => page.getByTestId("announcer-polite").textContent(), { timeout: 10_000 })
      .toContain("受付済み");
    // the order's page with its tasks and their people, live-updated: display names only
    await card.getByRole("link").first().click();
    await expect.poll(() => page.getByRole("table", { name: /この依頼のタスク/ }).textContent()).toContain("小林");
    const seen = (await page.locator("body").textContent()) ?? "";
    for (const full of ["小林 彩香", "吉田 陽子", "高橋 真理子"]) expect(seen).not.toContain(full);
    await context.close();
  });

  it("journey 3: Sato downloads the delivery, asks for a revision, then accepts it with a 5 — and crew3 sees the praise", async () => {
    // Sato's order, accepted and split, its tasks done (journey 1 and 2 over the API)
    const sato = await apiSession(e2e.server, "client-a1");
    const order = await sato.call<Order>("POST", "/work-orders", {
      title: "Enter 120 expense slips (October)",
      links: ["https://files.example/sakura/expense-slips-october.pdf"],
      dueAt: tomorrowInTokyo().at17,
      nominatedCrewId: await userId(e2e.server, "crew3"),
    });
    const tasks = await acceptAndSplit(e2e.server, manager, order.id);
    for (const task of tasks) await finishTask(manager, task.id);

    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "client-a1");
    await page.goto(`/work-orders/${order.id}`);
    await settled(page);
    await expect
      .poll(() => page.getByRole("table", { name: /この依頼のタスク/ }).textContent())
      .toContain("Slips 61–120");
    await expect.poll(() => page.getByTestId("wo-next-step").textContent()).toContain("作業中です");

    // manager1 uploads the deliverable and marks the order delivered: Sato's page follows, live
    const csv = "date,account,amount,memo\n2026-10-01,交通費,1200,タクシー\n";
    await manager.upload(
      `/work-orders/${order.id}/deliverables`,
      { title: "Expense sheet (120 slips)", note: "Two slips were hard to read; see the memo column." },
      {
        name: "expenses-october.csv",
        type: "text/csv",
        content: csv,
      },
    );
    await manager.call("PATCH", `/work-orders/${order.id}`, { status: "delivered" });
    await expect
      .poll(() => page.getByTestId("wo-next-step").textContent(), { timeout: 10_000 })
      .toContain("納品物をご確認ください。");
    const download = page.getByRole("link", { name: /ダウンロード：expenses-october\.csv/ });
    await download.waitFor();
    const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
    expect(file.suggestedFilename()).toBe("expenses-october.csv");
    expect(readFileSync((await file.path())!, "utf8")).toBe(csv);

    // a revision needs a comment: said next to the field, nothing sent
    await page.getByRole("radio", { name: /修正を依頼する/ }).check();
    await page.getByRole("button", { name: "修正を依頼する" }).click();
    const comment = page.getByRole("textbox", { name: "修正してほしい内容（必須）" });
    await expect.poll(() => comment.getAttribute("aria-invalid")).toBe("true");
    // the error is among what describes the field (ui/Field: the hint and the error)
    const description = async () => {
      const ids = (await comment.getAttribute("aria-describedby"))!.split(" ");
      return (await Promise.all(ids.map((id) => page.locator(`#${id}`).textContent()))).join(" ");
    };
    await expect.poll(description).toContain("修正してほしい内容を書いてください。");
    await expectNoAxeViolations(page, "work order page, review form with an error (ja)");
    await comment.fill("Rows 14, 37 and 88: the amounts do not match the slips. Please check them again.");
    await page.getByRole("button", { name: "修正を依頼する" }).click();
    await expect.poll(() => page.getByTestId("wo-review-status").textContent()).toContain("修正のご依頼を送りました。");
    await expect.poll(() => page.getByRole("region", { name: "依頼の内容" }).textContent()).toContain("修正依頼あり");
    await expect
      .poll(() => page.getByRole("region", { name: "フィードバック" }).textContent())
      .toContain("Rows 14, 37 and 88");

    // back to the crew: the manager reopens crew5's task (the order is in progress again)
    await manager.call("PATCH", `/tasks/${tasks[1]!.id}`, {
      version: (await manager.call<TaskRow>("GET", `/tasks/${tasks[1]!.id}`)).version,
      status: "doing",
    });
    await expect
      .poll(() => page.getByRole("region", { name: "依頼の内容" }).textContent(), { timeout: 10_000 })
      .toContain("作業中");
    // crew5's My Day says so, with Sato's comment (issue 7, item 6: it used to show 「作業中 100%」 and nothing else)
    {
      const crew5 = await openPage(e2e.browser, e2e.server);
      await signIn(crew5.page, "crew5");
      const slips = crew5.page.getByRole("article", { name: "Slips 61–120" });
      const notice = slips.getByRole("region", { name: "修正のご依頼があります" });
      await expect
        .poll(() => notice.textContent(), { timeout: 10_000 })
        .toContain("Rows 14, 37 and 88: the amounts do not match the slips.");
      expect(await notice.textContent()).toContain("佐藤 美咲 さん");
      expect(await slips.locator(".status").first().textContent()).toContain("作業中");
      await crew5.context.close();
    }
    // crew5 fixes it; delivered again
    await finishTask(manager, tasks[1]!.id);
    await manager.call("PATCH", `/work-orders/${order.id}`, { status: "delivered" });

    // Sato accepts, rating 5 by its words, "fast and accurate"
    await page.getByRole("heading", { level: 3, name: "納品物のご確認" }).waitFor({ timeout: 10_000 });
    await page.getByRole("radio", { name: /検収する/ }).check();
    await page.getByRole("radio", { name: "5：とても良い" }).check();
    await page.getByRole("textbox", { name: "コメント（任意）" }).fill("fast and accurate");
    await expectNoAxeViolations(page, "work order page, review form (ja)");
    await page.getByRole("button", { name: "検収する" }).click();
    await expect.poll(() => page.getByTestId("wo-review-status").textContent()).toContain("検収しました。");
    await expect.poll(() => page.getByRole("region", { name: "依頼の内容" }).textContent()).toContain("完了");
    const history = page.getByRole("region", { name: "フィードバック" });
    await expect.poll(() => history.textContent()).toContain("評価：5 / 5（とても良い）");
    await expect.poll(() => history.textContent()).toContain("fast and accurate");
    const stored = await e2e.server.db.prisma.feedback.findMany({
      where: { workOrderId: order.id },
      orderBy: { createdAt: "asc" },
    });
    expect(stored.map((f) => [f.verdict, f.rating, f.comment])).toEqual([
      ["request_revision", null, "Rows 14, 37 and 88: the amounts do not match the slips. Please check them again."],
      ["accept", 5, "fast and accurate"],
    ]);
    await context.close();

    // crew3 and crew5 see the praise
    for (const crew of ["crew3", "crew5"]) {
      const other = await openPage(e2e.browser, e2e.server);
      await signIn(other.page, crew);
      await other.page.goto(`/work-orders/${order.id}`);
      await settled(other.page);
      await expect
        .poll(() => other.page.getByRole("region", { name: "フィードバック" }).textContent())
        .toContain("fast and accurate");
      await other.context.close();
    }
  });

  it("journey 5: Tanaka (company B) never sees company A's orders, and company A's order URL says not found", async () => {
    const companyA = await e2e.server.db.prisma.workOrder.findMany({
      where: { clientCompany: { nameEn: "Sakura Trading Co." } },
      select: { id: true, title: true, number: true },
    });
    const companyB = await e2e.server.db.prisma.workOrder.count({
      where: { clientCompany: { nameEn: "Minato Logistics Inc." } },
    });
    expect(companyA.length).toBeGreaterThan(0);

    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "client-b1");
    await settled(page);
    await expect.poll(() => page.getByRole("article").count()).toBe(companyB);
    const text = (await page.locator("main").textContent()) ?? "";
    for (const order of companyA) {
      expect(text).not.toContain(order.title);
      await expect.poll(() => orderCard(page, order.number).count()).toBe(0);
    }

    const secret = companyA[0]!;
    await page.goto(`/work-orders/${secret.id}`);
    await expect.poll(() => page.locator("main h1").textContent()).toBe("依頼が見つかりません");
    const notFound = (await page.locator("main").textContent()) ?? "";
    expect(notFound).toContain("見つからないか、表示する権限がありません");
    expect(notFound).not.toContain(secret.title);
    expect(notFound).not.toContain(`#${secret.number}`);
    // a made-up id looks exactly the same
    await page.goto("/work-orders/0190d6c8-0000-7000-8000-000000000000");
    await expect.poll(() => page.locator("main h1").textContent()).toBe("依頼が見つかりません");
    await expectNoAxeViolations(page, "not found (ja)");
    await context.close();
  });

  it("the new order form can be filled in and sent with the keyboard alone", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "client-a1");
    await page.goto("/client/new");
    await settled(page);
    await page.locator("#new-order-nominee option").nth(1).waitFor({ state: "attached" });

    await tabTo(page, "new-order-title");
    await page.keyboard.type("Keyboard-only order: tag 40 photos");
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("new-order-description");
    await page.keyboard.type("Tag each photo with the list we sent.");
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("new-order-links");
    await page.keyboard.type("https://files.example/sakura/photos.zip");
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("new-order-due-date");
    const due = tomorrowInTokyo();
    await typeDate(page, due.date);
    await expect.poll(() => page.locator("#new-order-due-date").inputValue()).toBe(due.date);
    await tabTo(page, "new-order-priority-normal");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => page.locator("#new-order-priority-urgent").isChecked()).toBe(true);
    await tabTo(page, "new-order-nominee");
    await page.keyboard.press("ArrowDown");
    await expect.poll(() => page.locator("#new-order-nominee").inputValue()).not.toBe("");
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("new-order-nomination-note");
    await page.keyboard.type("前回も担当してくださった方に");
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("submit");
    await page.keyboard.press("Enter");

    await page.waitForURL(/\/work-orders\/[0-9a-f-]{36}$/);
    const id = new URL(page.url()).pathname.split("/").pop()!;
    const saved = await e2e.server.db.prisma.workOrder.findUniqueOrThrow({ where: { id } });
    expect(saved.title).toBe("Keyboard-only order: tag 40 photos");
    expect(saved.priority).toBe("urgent");
    expect(saved.dueAt.toISOString()).toBe(due.at17);
    expect(saved.nominatedCrewId).not.toBeNull();
    // focus went to the new page's heading
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await context.close();
  });

  it("sends one order when the form is sent twice quickly", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "client-a2");
    await page.goto("/client/new");
    await settled(page);
    await page.getByRole("textbox", { name: /件名/ }).fill("Double-submit check");
    await page.getByLabel("日付").fill(tomorrowInTokyo().date);
    const before = await e2e.server.db.prisma.workOrder.count({ where: { title: "Double-submit check" } });
    await page.getByRole("button", { name: "依頼を送信する" }).dblclick();
    await page.waitForURL(/\/work-orders\/[0-9a-f-]{36}$/);
    await page.waitForTimeout(500);
    expect(await e2e.server.db.prisma.workOrder.count({ where: { title: "Double-submit check" } })).toBe(before + 1);
    await context.close();
  });

  it("reflows at 320 px: the portal, the form and an order without sideways scrolling", async () => {
    const order = await e2e.server.db.prisma.workOrder.findFirstOrThrow({
      where: { status: "delivered", clientCompany: { nameEn: "Sakura Trading Co." } },
    });
    const { context, page } = await openPage(e2e.browser, e2e.server, { viewport: { width: 320, height: 640 } });
    await signIn(page, "client-a1");
    for (const path of ["/client", "/client/new", `/work-orders/${order.id}`]) {
      await page.goto(path);
      await settled(page);
      await expect.poll(() => horizontalOverflow(page), { message: path }).toBe(0);
    }
    await context.close();
  });

  describe("axe (WCAG 2.2 AA + target size): 0 violations", () => {
    // client-a1 reads Japanese; client-b2 (Kimura, company B) has English saved on the account.
    const accounts = { ja: "client-a1", en: "client-b2" } as const;
    for (const locale of ["ja", "en"] as const) {
      it(`portal, new order form (also with errors) and a work order page in ${locale}`, async () => {
        const { context, page } = await openPage(e2e.browser, e2e.server, { locale });
        await signIn(page, accounts[locale]);
        await expect.poll(() => page.locator("html").getAttribute("lang")).toBe(locale);
        await settled(page);
        await expect.poll(() => page.getByRole("article").count()).toBeGreaterThan(0);
        await expectNoAxeViolations(page, `portal (${locale})`);

        await page.goto("/client/new");
        await settled(page);
        await expectNoAxeViolations(page, `new order (${locale})`);
        await page
          .getByRole("textbox", { name: locale === "ja" ? /資料のリンク/ : /Links to material/ })
          .fill("files.example/no-scheme");
        await page.getByRole("button", { name: locale === "ja" ? "依頼を送信する" : "Send order" }).click();
        await expect
          .poll(() => page.getByRole("alert").first().textContent())
          .toContain(locale === "ja" ? "入力内容を確認してください" : "Please check");
        await expect.poll(() => page.locator("[aria-invalid=true]").count()).toBeGreaterThanOrEqual(3);
        await expectNoAxeViolations(page, `new order with errors (${locale})`);

        // an order of the company with tasks, deliverables and feedback
        const company = locale === "ja" ? "Sakura Trading Co." : "Minato Logistics Inc.";
        const order = await e2e.server.db.prisma.workOrder.findFirstOrThrow({
          where: { clientCompany: { nameEn: company }, deliverables: { some: {} }, feedback: { some: {} } },
        });
        await page.goto(`/work-orders/${order.id}`);
        await settled(page);
        await page.getByTestId("wo-feedback-item").first().waitFor();
        await expectNoAxeViolations(page, `work order ${order.status} (${locale})`);
        await context.close();
      });
    }
  });
});
