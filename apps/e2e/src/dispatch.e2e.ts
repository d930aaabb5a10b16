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
    await expect.poll(() => warning.textContent()).toContain("今日は担当にできない状態です");
    const row = dialog.getByRole("group", { name: "タスク 1" });
    const assignee = row.getByRole("combobox", { name: "担当者" });
    // not preselected, and each option says today's condition and the load
    await expect.poll(() => assignee.inputValue()).toBe("");
    const nomineeOption = assignee.locator(`option[value="${order.nominatedCrewId}"]`);
    await expect.poll(() => nomineeOption.textContent()).toContain("体調");
    await expect.poll(() => nomineeOption.textContent()).toContain("確認が必要");

    await row.getByLabel("タスク名").fill("自由記述の入力");
    await assignee.selectOption(order.nominatedCrewId!);
    const confirm = row.getByRole("checkbox", { name: /今日の状態を承知のうえで/ });
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
});
