// Dispatch in a real browser (issue 10). The split dialog: the client nominated 加藤 (crew4), who
// checked in unwell today (demo data); the dialog does not preselect them, warns, and assigns them
// only after an explicit confirmation made with the keyboard, which the server audits. axe on the
// dialog with the suggestions' reasons open.
import { expect, it } from "vitest";
import {
  apiSession,
  axeScan,
  describeBrowser,
  formatViolations,
  openPage,
  signIn,
  settled,
  useServerAndBrowser,
} from "./harness.ts";

const SURVEY = "社内アンケートの集計（回答250件）";

describeBrowser("dispatch: suggestions when splitting, nomination answers", () => {
  const e2e = useServerAndBrowser();

  it("the split dialog never preselects the unwell nominee; choosing them needs the confirmation, which is audited", async () => {
    const prisma = e2e.server.db.prisma;
    const order = await prisma.workOrder.findFirstOrThrow({
      where: { title: SURVEY },
      select: { id: true, number: true, nominatedCrewId: true },
    });
    const manager = await apiSession(e2e.server, "manager1");
    await manager.call("PATCH", `/work-orders/${order.id}`, { status: "accepted", version: 1 });

    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "manager1");
    await settled(page);
    await page.getByRole("button", { name: new RegExp(`^タスクに分ける ?（${SURVEY}）$`) }).click();
    const dialog = page.getByRole("dialog", { name: `依頼 #${order.number} をタスクに分ける` });
    await dialog.waitFor();
    const warning = dialog.getByTestId("nominee-warning");
    await expect.poll(() => warning.textContent()).toContain("今日は担当にできない状況です");
    const row = dialog.getByRole("group", { name: "タスク 1" });
    const assignee = row.getByRole("combobox", { name: "担当者" });
    // not preselected, and each option says today's condition and the load
    await expect.poll(() => assignee.inputValue()).toBe("");
    const nomineeOption = assignee.locator(`option[value="${order.nominatedCrewId}"]`);
    await expect.poll(() => nomineeOption.textContent()).toContain("体調");
    await expect.poll(() => nomineeOption.textContent()).toContain("確認が必要");

    await row.getByLabel("タスク名").fill("自由記述の入力");
    await assignee.selectOption(order.nominatedCrewId!);
    const confirm = row.getByRole("checkbox", { name: /今日の様子を承知のうえで/ });
    await confirm.waitFor();
    await dialog.getByRole("button", { name: "タスクを作成する" }).click();
    // refused in the dialog: the summary takes focus and names the field
    await expect
      .poll(() => dialog.getByRole("alert").first().textContent())
      .toContain("担当者の確認にチェックを入れるか、ほかの人を選んでください");
    expect(await prisma.task.count({ where: { workOrderId: order.id } })).toBe(0);

    // the reasons, open, pass axe
    await dialog.getByText("候補の順位と理由を見る").click();
    const violations = await axeScan(page, { include: "[data-testid=split-dialog]" });
    expect(violations, formatViolations(violations)).toEqual([]);

    // the keyboard: focus the confirmation, Space ticks it, then submit
    await confirm.focus();
    await page.keyboard.press("Space");
    await expect.poll(() => confirm.isChecked()).toBe(true);
    await dialog.getByRole("button", { name: "タスクを作成する" }).click();
    await dialog.waitFor({ state: "detached" });
    const task = await prisma.task.findFirstOrThrow({ where: { workOrderId: order.id } });
    expect(task.assigneeId).toBe(order.nominatedCrewId);
    await expect
      .poll(() => prisma.auditEvent.count({ where: { action: "task.assign_override", entityId: task.id } }))
      .toBe(1);
    await context.close();
  });

  it("a declined nomination reaches the client's open order page at once, in English, and its chat; axe on both sides", async () => {
    const prisma = e2e.server.db.prisma;
    const person = (name: string) =>
      prisma.user.findFirstOrThrow({ where: { name }, select: { id: true, displayName: true } });
    const [yoshida, yamada] = await Promise.all([person("吉田 陽子"), person("山田 亮")]);
    // clients see crew by the name they chose to show (issue 12)
    const shown = (p: { displayName: string | null }, name: string) => p.displayName ?? name;
    const clientApi = await apiSession(e2e.server, "client-b2");
    const order = await clientApi.call<{ id: string; number: number }>("POST", "/work-orders", {
      title: "Receipt scanning (E2E)",
      dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      nominatedCrewId: yoshida.id,
      nominationNote: "She did our last batch.",
    });

    const client = await openPage(e2e.browser, e2e.server, { locale: "en" });
    await signIn(client.page, "client-b2");
    await client.page.goto(`${e2e.server.baseUrl}/work-orders/${order.id}`);
    await settled(client.page);
    const answer = client.page.getByTestId("wo-nomination-answer");
    await expect.poll(() => answer.textContent()).toContain(`Your nomination of ${shown(yoshida, "吉田 陽子")}`);

    const manager = await openPage(e2e.browser, e2e.server);
    await signIn(manager.page, "manager2");
    await manager.page.goto(`${e2e.server.baseUrl}/work-orders/${order.id}`);
    await settled(manager.page);
    const panel = manager.page.getByTestId("nomination-panel");
    await panel.waitFor();
    // the nominee's day (manager2 is their team's manager: the condition or why not), load, skills
    await expect.poll(() => panel.textContent()).toMatch(/今週の残り時間|今週の時間はもうありません/);
    await panel.getByRole("radio", { name: /吉田 陽子 さんへの指名はお断りする/ }).check();
    await panel.getByRole("textbox", { name: /お断りする理由/ }).fill("Yoshida is on another urgent job this week.");
    const alternative = panel.getByRole("combobox", { name: /代わりの担当者/ });
    await expect.poll(() => alternative.locator(`option[value="${yamada.id}"]`).count()).toBe(1);
    await alternative.selectOption(yamada.id);
    let violations = await axeScan(manager.page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await panel.getByRole("button", { name: "お返事を送る" }).click();
    await expect
      .poll(() => panel.getByTestId("nomination-status").textContent())
      .toContain("理由とともにお客様にお知らせしました");

    // the client's page changes without a reload, in the client's language, and so does the chat
    await expect
      .poll(() => answer.textContent())
      .toContain(`We could not give this order to ${shown(yoshida, "吉田 陽子")}`);
    await expect.poll(() => answer.textContent()).toContain("Yoshida is on another urgent job this week.");
    await expect.poll(() => answer.textContent()).toContain(`${shown(yamada, "山田 亮")} can take it on instead.`);
    await expect
      .poll(() => client.page.getByTestId("wo-chat-nomination").textContent())
      .toContain(`We could not give this order to ${shown(yoshida, "吉田 陽子")}`);
    violations = await axeScan(client.page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await client.context.close();
    await manager.context.close();
  });

  it("「また頼む」: from a completed order the client starts a new order with the same person nominated", async () => {
    const prisma = e2e.server.db.prisma;
    const order = await prisma.workOrder.findFirstOrThrow({
      where: { status: "completed", clientCompany: { users: { some: { email: "client-a1@crewboard.example" } } } },
      select: { id: true, tasks: { select: { assignee: { select: { id: true, name: true, displayName: true } } } } },
    });
    const person = order.tasks.find((t) => t.assignee)!.assignee!;
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "client-a1");
    await page.goto(`${e2e.server.baseUrl}/work-orders/${order.id}`);
    await settled(page);
    // clients see crew by the name they chose to show (issue 12)
    const shown = person.displayName ?? person.name;
    await page
      .getByRole("link", { name: new RegExp(`${shown} さんにまた頼む`) })
      .first()
      .click();
    await page.waitForURL(/\/client\/new\?nominee=/);
    const nominee = page.getByRole("combobox", { name: /担当してほしいクルー/ });
    await expect.poll(() => nominee.inputValue()).toBe(person.id);
    await context.close();
  });

  it("urgent offer: two crew see it on My Day; crew3 accepts; crew1's card says taken by someone else without a reload", async () => {
    const prisma = e2e.server.db.prisma;
    const person = (name: string) =>
      prisma.user.findFirstOrThrow({ where: { name }, select: { id: true, skills: true } });
    const [crew1, crew3] = await Promise.all([person("鈴木 翔太"), person("小林 彩香")]);
    const manager = await apiSession(e2e.server, "manager1");
    // both work every day this week (the demo's working days may not include today)
    for (const c of [crew1, crew3])
      await manager.call("PUT", `/users/${c.id}/work-profile`, {
        weeklyMinutes: 2400,
        workingDays: [1, 2, 3, 4, 5, 6, 7],
        skills: c.skills,
      });
    const client = await apiSession(e2e.server, "client-a1");
    const order = await client.call<{ id: string }>("POST", "/work-orders", {
      title: "至急：名刺 80 枚の入力（E2E）",
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      priority: "urgent",
    });
    await manager.call("PATCH", `/work-orders/${order.id}`, { status: "accepted", version: 1 });
    const TITLE = "名刺 80 枚の入力";
    await manager.call("POST", `/work-orders/${order.id}/tasks`, { tasks: [{ title: TITLE, estimateMinutes: 90 }] });

    const [boss, first, second] = await Promise.all([
      openPage(e2e.browser, e2e.server),
      openPage(e2e.browser, e2e.server),
      openPage(e2e.browser, e2e.server),
    ]);
    await Promise.all([signIn(boss.page, "manager1"), signIn(first.page, "crew3"), signIn(second.page, "crew1")]);
    await Promise.all([settled(first.page), settled(second.page)]);

    // the manager offers it from the task's detail, to crew1 and crew3 only
    await boss.page.getByTestId("board-columns").waitFor();
    await boss.page
      .locator(".board-card", { hasText: TITLE })
      .getByRole("button", { name: TITLE, exact: true })
      .click();
    const dialog = boss.page.getByTestId("task-detail-dialog");
    await dialog.getByRole("button", { name: "急ぎで募集する" }).click();
    const form = dialog.getByTestId("recruit-form");
    await form.getByRole("checkbox", { name: /鈴木 翔太/ }).waitFor();
    for (const box of await form.getByRole("checkbox").all()) if (await box.isChecked()) await box.uncheck();
    await form.getByRole("checkbox", { name: /鈴木 翔太/ }).check();
    await form.getByRole("checkbox", { name: /小林 彩香/ }).check();
    await form.getByRole("button", { name: /募集を送る/ }).click();
    const state = dialog.getByTestId("offer-state");
    await expect.poll(() => state.textContent()).toContain("募集中：2 人に声をかけ");

    // both see it at once, and it is said politely
    const cardOf = (page: typeof first.page) => page.getByTestId("offer-card").filter({ hasText: TITLE });
    await cardOf(first.page).waitFor();
    await cardOf(second.page).waitFor();
    await expect
      .poll(() => second.page.getByTestId("announcer-polite").textContent(), { timeout: 10_000 })
      .toContain(`急ぎの募集が届きました：${TITLE}`);
    const violations = await axeScan(second.page);
    expect(violations, formatViolations(violations)).toEqual([]);

    // crew3 accepts with the keyboard; crew1's card changes without a reload
    await cardOf(first.page)
      .getByRole("button", { name: /^引き受ける/ })
      .focus();
    await first.page.keyboard.press("Enter");
    await expect.poll(() => cardOf(first.page).textContent()).toContain("あなたが引き受けました");
    await expect.poll(() => cardOf(second.page).textContent()).toContain("ほかの人が引き受けました");
    expect(
      await cardOf(second.page)
        .getByRole("button", { name: /^引き受ける/ })
        .count(),
    ).toBe(0);
    await expect.poll(() => state.textContent()).toContain("小林 彩香 さんが引き受けました");
    const task = await prisma.task.findFirstOrThrow({ where: { workOrderId: order.id } });
    expect(task.assigneeId).toBe(crew3.id);
    for (const p of [boss, first, second]) await p.context.close();
  });

  it("an offer everyone declined waits for the manager's choice on the board; 'tell the client now' reaches the client's portal at once", async () => {
    const prisma = e2e.server.db.prisma;
    const crew1 = await prisma.user.findFirstOrThrow({ where: { name: "鈴木 翔太" }, select: { id: true } });
    const manager = await apiSession(e2e.server, "manager1");
    const client = await apiSession(e2e.server, "client-a1");
    const ORDER = "至急：領収書 30 枚の入力（E2E）";
    const TASK = "領収書 30 枚の入力";
    const order = await client.call<{ id: string; number: number }>("POST", "/work-orders", {
      title: ORDER,
      dueAt: new Date(Date.now() + 86_400_000).toISOString(),
      priority: "urgent",
    });
    await manager.call("PATCH", `/work-orders/${order.id}`, { status: "accepted", version: 1 });
    const { items } = await manager.call<{ items: { id: string }[] }>("POST", `/work-orders/${order.id}/tasks`, {
      tasks: [{ title: TASK }],
    });
    // crew1 works every day since the previous test; asked alone, they decline
    const offer = await manager.call<{ id: string }>("POST", "/urgent-offers", {
      taskId: items[0]!.id,
      crewIds: [crew1.id],
      expiresAt: new Date(Date.now() + 30 * 60_000).toISOString(),
    });

    const [boss, customer] = await Promise.all([openPage(e2e.browser, e2e.server), openPage(e2e.browser, e2e.server)]);
    await Promise.all([signIn(boss.page, "manager1"), signIn(customer.page, "client-a1")]);
    await settled(customer.page);
    await boss.page.getByTestId("board-columns").waitFor();
    const crewApi = await apiSession(e2e.server, "crew1");
    await crewApi.call("POST", `/urgent-offers/${offer.id}/decline`);

    // the board shows it at once, with the three choices
    const waiting = boss.page.getByRole("region", { name: "人が見つからなかった急ぎの募集" });
    await expect.poll(() => waiting.textContent()).toContain(TASK);
    for (const name of ["直接割り当てる", "もう一度募集する"])
      await waiting.getByRole("button", { name }).first().waitFor();
    const violations = await axeScan(boss.page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await waiting.getByRole("button", { name: "いますぐお客様に伝える" }).first().click();

    // the client's portal says so without a reload: which work, why, what happens next
    const notice = customer.page.getByTestId("client-unstaffed");
    await expect.poll(() => notice.textContent()).toContain(TASK);
    await expect.poll(() => notice.textContent()).toContain("声をかけた全員が、今回は対応できませんでした。");
    expect((await prisma.urgentOffer.findUniqueOrThrow({ where: { id: offer.id } })).clientToldAt).not.toBeNull();
    await boss.context.close();
    await customer.context.close();
  });
});
