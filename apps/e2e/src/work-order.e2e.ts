// The work order page for staff and crew in a real browser: manager1 opens an order in progress
// and sees its tasks, deliverables and feedback, adds a file (and is told the 5 MB limit), and
// learns why it cannot be delivered yet; crew3 sees only their own task of that order, and what
// others add appears live.
import { beforeAll, describe, expect, it } from "vitest";
import {
  apiSession,
  axeScan,
  describeBrowser,
  formatViolations,
  horizontalOverflow,
  openPage,
  signIn,
  type Locator,
  type Page,
  useServerAndBrowser,
} from "./harness.ts";

async function settled(page: Page): Promise<void> {
  await page.locator("main h1").first().waitFor();
  await page.waitForFunction(() => !document.querySelector("main .notice[role=status]"));
}

async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  const violations = await axeScan(page);
  expect(violations, `${what}\n${formatViolations(violations)}`).toEqual([]);
}

describeBrowser("work order page: staff and crew", () => {
  const e2e = useServerAndBrowser();
  /** the demo's "expense slips" order: in progress, crew3's task blocked and crew1's in progress */
  let order: { id: string; number: number; title: string };

  beforeAll(async () => {
    order = await e2e.server.db.prisma.workOrder.findFirstOrThrow({
      where: { status: "in_progress", title: { startsWith: "経費伝票の入力" } },
      select: { id: true, number: true, title: true },
    });
    // something delivered so far, and a word from the client
    const manager = await apiSession(e2e.server, "manager1");
    await manager.call("POST", `/work-orders/${order.id}/deliverables`, {
      title: "途中経過（伝票 1〜27）",
      note: "ここまでの入力分です。",
      url: "https://files.example/deliverables/sakura-expense-partial.xlsx",
    });
    const sato = await apiSession(e2e.server, "client-a1");
    await sato.call("POST", `/work-orders/${order.id}/feedback`, {
      verdict: "comment",
      rating: 4,
      comment: "早速の対応ありがとうございます。",
    });
  });

  it("manager1 sees the order's details, every task, the deliverables and the feedback", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await page.goto(`/work-orders/${order.id}`);
    await settled(page);
    await expect.poll(() => page.locator("main h1").textContent()).toBe(`依頼 #${order.number}`);
    await expect.poll(() => page.locator("main .lead").textContent()).toBe(order.title);

    const details = page.getByRole("region", { name: "依頼の内容" });
    await expect.poll(() => details.textContent()).toContain("作業中");
    const detailText = (await details.textContent()) ?? "";
    expect(detailText).toContain("株式会社さくら商事");
    expect(detailText).toContain("小林 彩香"); // nominated
    expect(detailText).toContain("前回の伝票入力がとても正確だったので");
    await expect
      .poll(() =>
        details.getByRole("link", { name: "https://files.example/sakura/expense-slips-last-month.pdf" }).count(),
      )
      .toBe(1);

    // the two tasks of the order, and the urgent one the demo data offers to crew1 and crew2 (issue 10)
    const tasks = page.getByRole("table", { name: "この依頼のタスク（3 件）" });
    await expect.poll(() => tasks.getByRole("row").count()).toBe(4);
    const taskText = (await tasks.textContent()) ?? "";
    expect(taskText).toContain("【至急】追加の領収書12枚の入力");
    expect(taskText).toContain("伝票 1〜60 の入力");
    expect(taskText).toContain("伝票 61〜120 の入力");
    expect(taskText).toContain("小林 彩香");
    expect(taskText).toContain("鈴木 翔太");
    expect(taskText).toContain("作業が止まっています");
    expect(taskText).toContain("止まっている理由：伝票14と37が判読できません");

    const deliverables = page.getByRole("region", { name: "納品物" });
    await expect.poll(() => deliverables.getByTestId("wo-deliverable").count()).toBe(1);
    // the order is not delivered yet: its client cannot see the deliverable, and the manager is told so
    await expect
      .poll(() => deliverables.getByTestId("wo-deliverable-unreleased").textContent())
      .toBe("お客様には未公開");
    await expect
      .poll(() => deliverables.getByRole("link", { name: /リンクを開く/ }).getAttribute("href"))
      .toBe("https://files.example/deliverables/sakura-expense-partial.xlsx");
    const feedback = page.getByRole("region", { name: "フィードバック" });
    await expect.poll(() => feedback.textContent()).toContain("早速の対応ありがとうございます。");
    await expect.poll(() => feedback.textContent()).toContain("評価：4 / 5（良い）");

    // not deliverable yet, and it says why (the button stays reachable)
    const deliver = page.getByRole("button", { name: "納品済みにする" });
    await expect.poll(() => deliver.getAttribute("aria-disabled")).toBe("true");
    await expect
      .poll(() => deliver.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby")!)?.textContent))
      .toContain("完了 0 / 3 件");
    // pressing it anyway changes nothing (Playwright will not click an aria-disabled button: use the keyboard)
    await deliver.focus();
    await page.keyboard.press("Enter");
    await page.waitForTimeout(300);
    expect(
      await e2e.server.db.prisma.workOrder.findUniqueOrThrow({ where: { id: order.id }, select: { status: true } }),
    ).toEqual({ status: "in_progress" });

    // the order's chat room is on the page (or a way to it)
    const chat = page.getByRole("region", { name: "チャット" });
    await expect.poll(() => chat.getByRole("link", { name: "チャット画面で開く" }).count()).toBeGreaterThan(0);

    await expectNoAxeViolations(page, "work order page, manager (ja)");
    await context.close();
  });

  it("reflows at 320 px: the tasks are cards, nothing scrolls sideways, each task's status and progress show", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server, { viewport: { width: 320, height: 640 } });
    await signIn(page, "manager1");
    await page.goto(`/work-orders/${order.id}`);
    await settled(page);
    const region = page.getByRole("region", { name: "タスク", exact: true });
    const cards = region.getByTestId("wo-task-cards");
    await cards.waitFor();
    await expect.poll(() => region.getByRole("table").count()).toBe(0);
    // neither the page nor anything in the tasks region scrolls sideways
    await expect.poll(() => horizontalOverflow(page)).toBe(0);
    await expect
      .poll(() =>
        region.evaluate((section) =>
          [section, ...section.querySelectorAll("*")]
            .filter(
              (el) =>
                el.scrollWidth > el.clientWidth + 1 && ["auto", "scroll"].includes(getComputedStyle(el).overflowX),
            )
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
        ),
      )
      .toEqual([]);
    await expect.poll(() => region.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    // a list named like the table, a card per task with its title as heading and the table's labels
    const list = region.getByRole("list", { name: "この依頼のタスク（3 件）" });
    const items = list.locator(":scope > li");
    await expect.poll(() => items.count()).toBe(3);
    await expect
      .poll(() => list.getByRole("heading", { level: 3 }).allTextContents())
      .toEqual(expect.arrayContaining(["伝票 1〜60 の入力", "伝票 61〜120 の入力"]));
    const viewportWidth = page.viewportSize()!.width;
    /** whether the element is shown and wholly inside the screen's width */
    const onScreen = (locator: Locator) =>
      locator.evaluate((el, width) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && box.left >= 0 && box.right <= width;
      }, viewportWidth);
    for (let i = 0; i < 3; i++) {
      const card = items.nth(i);
      await expect.poll(() => card.locator("dt").allTextContents()).toEqual(["担当", "状況", "進捗"]);
      const status = card.locator(".status");
      const progress = card.locator(".progress__value");
      await expect.poll(() => status.isVisible()).toBe(true);
      await expect.poll(() => onScreen(status)).toBe(true);
      await expect.poll(() => status.textContent()).toMatch(/\S/);
      await expect.poll(() => progress.isVisible()).toBe(true);
      await expect.poll(() => onScreen(progress)).toBe(true);
      await expect.poll(() => progress.textContent()).toMatch(/^\d+%$/);
    }
    await expectNoAxeViolations(page, "work order page at 320 px, manager1 (ja)");
    await context.close();
  });

  it("manager1 adds a file as a deliverable, after being told a big one is over 5 MB", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await page.goto(`/work-orders/${order.id}`);
    await settled(page);
    const form = page.getByRole("form", { name: "納品物を追加する" });
    await form.getByRole("textbox", { name: /タイトル/ }).fill("入力済みシート（暫定）");
    await form.getByRole("radio", { name: "ファイル（5 MB まで）" }).check();
    const fileInput = form.locator('input[type="file"]');
    await expect
      .poll(() =>
        fileInput.evaluate(
          (el) => document.getElementById(el.getAttribute("aria-describedby")!.split(" ")[0]!)?.textContent,
        ),
      )
      .toContain("5 MB まで");

    await fileInput.setInputFiles({
      name: "too-big.zip",
      mimeType: "application/zip",
      buffer: Buffer.alloc(6 * 1024 * 1024, 1),
    });
    await form.getByRole("button", { name: "追加する" }).click();
    await expect.poll(() => fileInput.getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => form.textContent()).toContain("ファイルが 5 MB を超えています（6 MB）");
    await expectNoAxeViolations(page, "deliverable form with an error (ja)");

    await fileInput.setInputFiles({
      name: "expenses-partial.csv",
      mimeType: "text/csv",
      buffer: Buffer.from("date,amount\n2026-10-01,1200\n"),
    });
    await form.getByRole("button", { name: "追加する" }).click();
    await expect
      .poll(() => page.getByTestId("wo-delivery-status").textContent())
      .toContain("納品物「入力済みシート（暫定）」を追加しました。");
    const deliverables = page.getByRole("region", { name: "納品物" });
    await expect.poll(() => deliverables.getByTestId("wo-deliverable").count()).toBe(2);
    await expect
      .poll(() => deliverables.getByRole("link", { name: /ダウンロード：expenses-partial\.csv/ }).count())
      .toBe(1);
    // the form is empty again, ready for the next one
    await expect.poll(() => form.getByRole("textbox", { name: /タイトル/ }).inputValue()).toBe("");
    await context.close();
  });

  it("crew3 sees only their own task of the order, and a new deliverable appears live", async () => {
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "crew3");
    await page.goto(`/work-orders/${order.id}`);
    await settled(page);
    await expect.poll(() => page.locator("main h1").textContent()).toBe(`依頼 #${order.number}`);
    const tasksRegion = page.getByRole("region", { name: "タスク", exact: true });
    await expect.poll(() => tasksRegion.textContent()).toContain("あなたが担当するタスクだけを表示しています。");
    const tasks = page.getByRole("table", { name: "この依頼のタスク（1 件）" });
    await expect.poll(() => tasks.getByRole("row").count()).toBe(2);
    const taskText = (await tasks.textContent()) ?? "";
    expect(taskText).toContain("伝票 1〜60 の入力");
    expect(taskText).not.toContain("伝票 61〜120");
    expect(taskText).not.toContain("鈴木 翔太");
    // crew read the feedback too, and may add deliverables; they do not change the order's status
    await expect
      .poll(() => page.getByRole("region", { name: "フィードバック" }).textContent())
      .toContain("早速の対応ありがとうございます。");
    await expect.poll(() => page.getByRole("heading", { level: 3, name: "納品物を追加する" }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("wo-status-action").count()).toBe(0);

    // crew3 uses high contrast and larger text (saved on the account): still 0 violations
    await expect.poll(() => page.locator("html").getAttribute("data-contrast")).toBe("high");
    await expectNoAxeViolations(page, "work order page, crew3 (ja, high contrast, large text)");

    // the manager adds a deliverable: it appears without a reload (crew follow the order's room)
    const manager = await apiSession(e2e.server, "manager1");
    await manager.call("POST", `/work-orders/${order.id}/deliverables`, {
      title: "記入ルール（改訂版）",
      url: "https://files.example/sakura/rules-v2.pdf",
    });
    await expect
      .poll(() => page.getByRole("region", { name: "納品物" }).textContent(), { timeout: 10_000 })
      .toContain("記入ルール（改訂版）");
    await expect
      .poll(() => page.getByTestId("announcer-polite").textContent(), { timeout: 10_000 })
      .toContain("記入ルール（改訂版）");
    await context.close();
  });

  describe("in English", () => {
    it("manager1's view has 0 axe violations in English", async () => {
      const { context, page } = await openPage(e2e.browser, e2e.server, { locale: "en" });
      await signIn(page, "manager2");
      await page.goto("/settings");
      await page.locator('input[name="locale"][value="en"]').check();
      await page.locator("[data-apply-locale]").click();
      await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
      await page.goto(`/work-orders/${order.id}`);
      await settled(page);
      await expect.poll(() => page.locator("main h1").textContent()).toBe(`Work order #${order.number}`);
      await page.getByRole("table", { name: /Tasks of this order/ }).waitFor();
      await expect.poll(() => page.getByRole("button", { name: "Mark as delivered" }).count()).toBe(1);
      await expectNoAxeViolations(page, "work order page, manager (en)");
      await context.close();
    });
  });
});
