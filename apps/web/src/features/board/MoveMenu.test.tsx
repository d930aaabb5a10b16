// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setLocale } from "../../i18n/index.ts";
import type { Task } from "../../lib/api.ts";
import { task as makeTask } from "../../test/fixtures.ts";
import { MoveMenu, useMoveFlow } from "./MoveMenu.tsx";
import type { TaskChange } from "./task-changes.ts";

function Harness({
  task,
  perform,
}: {
  task: Task;
  perform: (task: Task, change: TaskChange) => Promise<string | void>;
}) {
  const { requestMove, dialog } = useMoveFlow(perform);
  return (
    <>
      <p id="card-title">{task.title}</p>
      <MoveMenu task={task} onPick={requestMove} describedBy="card-title" />
      {dialog}
    </>
  );
}

async function openMenu(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole("button", { name: "移動" }));
  return screen.findByRole("menu");
}

describe("Move to… menu", () => {
  beforeEach(() => setLocale("ja"));

  it("lists only the statuses the task may move to, in column order, named by the card", async () => {
    const user = userEvent.setup();
    render(<Harness task={makeTask({ status: "todo", allowedTransitions: ["doing", "blocked"] })} perform={vi.fn()} />);
    const menu = await openMenu(user);
    expect(menu).toHaveAccessibleName("移動 伝票 1〜60");
    const items = within(menu).getAllByRole("menuitem");
    expect(items.map((item) => item.textContent)).toEqual(["作業中", "作業が止まっています"]);
    expect(within(menu).queryByRole("menuitem", { name: /完了|確認待ち|未着手/ })).toBeNull();
  });

  it("follows the task's allowedTransitions (from review: doing, blocked, done)", async () => {
    const user = userEvent.setup();
    render(
      <Harness
        task={makeTask({ status: "review", allowedTransitions: ["done", "doing", "blocked"] })}
        perform={vi.fn()}
      />,
    );
    const menu = await openMenu(user);
    expect(
      within(menu)
        .getAllByRole("menuitem")
        .map((item) => item.textContent),
    ).toEqual(["作業中", "作業が止まっています", "完了"]);
  });

  it("moves at once to a status that needs nothing more", async () => {
    const user = userEvent.setup();
    const perform = vi.fn(async () => undefined);
    const task = makeTask({ status: "todo", allowedTransitions: ["doing", "blocked"] });
    render(<Harness task={task} perform={perform} />);
    await openMenu(user);
    await user.click(screen.getByRole("menuitem", { name: "作業中" }));
    expect(perform).toHaveBeenCalledWith(task, { kind: "move", to: "doing" });
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("asks for the reason before moving to blocked; the reason is required", async () => {
    const user = userEvent.setup();
    const perform = vi.fn(async () => undefined);
    const task = makeTask({ status: "doing", allowedTransitions: ["todo", "review", "blocked"] });
    render(<Harness task={task} perform={perform} />);
    await openMenu(user);
    await user.click(screen.getByRole("menuitem", { name: "作業が止まっています" }));

    const dialog = await screen.findByRole("dialog", { name: "作業が止まっている理由" });
    expect(perform).not.toHaveBeenCalled();
    const reason = within(dialog).getByRole("textbox", { name: /理由/ });
    await waitFor(() => expect(reason).toHaveFocus());

    await user.click(within(dialog).getByRole("button", { name: "「作業が止まっています」に移動" }));
    expect(perform).not.toHaveBeenCalled();
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(reason).toHaveAccessibleDescription("止まっている理由を入力してください。");

    await user.type(reason, "伝票14と37が判読できません");
    await user.click(within(dialog).getByRole("button", { name: "「作業が止まっています」に移動" }));
    expect(perform).toHaveBeenCalledWith(task, { kind: "move", to: "blocked", reason: "伝票14と37が判読できません" });
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("cancelling the reason moves nothing", async () => {
    const user = userEvent.setup();
    const perform = vi.fn(async () => undefined);
    render(<Harness task={makeTask({ status: "todo", allowedTransitions: ["doing", "blocked"] })} perform={perform} />);
    await openMenu(user);
    await user.click(screen.getByRole("menuitem", { name: "作業が止まっています" }));
    const dialog = await screen.findByRole("dialog", { name: "作業が止まっている理由" });
    await user.click(within(dialog).getByRole("button", { name: "キャンセル" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(perform).not.toHaveBeenCalled();
  });

  it("speaks English when the UI is English", async () => {
    setLocale("en");
    const user = userEvent.setup();
    render(<Harness task={makeTask({ status: "todo", allowedTransitions: ["doing", "blocked"] })} perform={vi.fn()} />);
    await user.click(screen.getByRole("button", { name: "Move to…" }));
    const menu = await screen.findByRole("menu");
    expect(
      within(menu)
        .getAllByRole("menuitem")
        .map((item) => item.textContent),
    ).toEqual(["In progress", "Blocked"]);
    setLocale("ja");
  });
});
