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
    const person = (name: string) => prisma.user.findFirstOrThrow({ where: { name }, select: { id: true } });
    const [yoshida, yamada] = await Promise.all([person("吉田 陽子"), person("山田 亮")]);
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
    await expect.poll(() => answer.textContent()).toContain("Your nomination of 吉田 陽子");

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
    await expect.poll(() => answer.textContent()).toContain("We could not give this order to 吉田 陽子");
    await expect.poll(() => answer.textContent()).toContain("Yoshida is on another urgent job this week.");
    await expect.poll(() => answer.textContent()).toContain("山田 亮 can take it on instead.");
    await expect
      .poll(() => client.page.getByTestId("wo-chat-nomination").textContent())
      .toContain("We could not give this order to 吉田 陽子");
    violations = await axeScan(client.page);
    expect(violations, formatViolations(violations)).toEqual([]);
    await client.context.close();
    await manager.context.close();
  });

  it("「また頼む」: from a completed order the client starts a new order with the same person nominated", async () => {
    const prisma = e2e.server.db.prisma;
    const order = await prisma.workOrder.findFirstOrThrow({
      where: { status: "completed", clientCompany: { users: { some: { email: "client-a1@crewboard.example" } } } },
      select: { id: true, tasks: { select: { assignee: { select: { id: true, name: true } } } } },
    });
    const person = order.tasks.find((t) => t.assignee)!.assignee!;
    const { context, page } = await openPage(e2e.browser, e2e.server);
    await signIn(page, "client-a1");
    await page.goto(`${e2e.server.baseUrl}/work-orders/${order.id}`);
    await settled(page);
    await page.getByRole("link", { name: new RegExp(`${person.name} さんにまた頼む`) }).click();
    await page.waitForURL(/\/client\/new\?nominee=/);
    const nominee = page.getByRole("combobox", { name: /担当してほしいクルー/ });
    await expect.poll(() => nominee.inputValue()).toBe(person.id);
    await context.close();
  });
});
