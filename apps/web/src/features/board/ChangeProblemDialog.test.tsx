// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setLocale } from "../../i18n/index.ts";
import { ApiError } from "../../lib/api.ts";
import { task as makeTask } from "../../test/fixtures.ts";
import { ChangeProblemDialog } from "./ChangeProblemDialog.tsx";
import { problemFrom, type ChangeProblem } from "./task-changes.ts";

const seen = makeTask({ status: "todo", allowedTransitions: ["doing", "blocked"], version: 3 });
const now = makeTask({
  status: "doing",
  allowedTransitions: ["todo", "review", "blocked"],
  version: 4,
  progress: 33,
  assignee: { id: "crew-5", name: "吉田 陽子", displayName: "吉田 陽子", role: "crew" },
  updatedAt: "2026-11-24T01:30:00.000Z",
});

function renderDialog(problem: ChangeProblem) {
  const handlers = { onApplyMine: vi.fn(), onKeepTheirs: vi.fn(), onMoveInstead: vi.fn(), onClose: vi.fn() };
  render(<ChangeProblemDialog problem={problem} {...handlers} />);
  return handlers;
}

describe("conflict dialog", () => {
  beforeEach(() => setLocale("ja"));

  it("says someone changed the task, shows it as it is now and my change, and applies my change on the current version", async () => {
    const user = userEvent.setup();
    const change = { kind: "move", to: "blocked", reason: "お客様に確認中" } as const;
    const handlers = renderDialog({ kind: "conflict", task: seen, current: now, change });
    const dialog = screen.getByRole("alertdialog", { name: "ほかの人がこのタスクを変更しました" });
    const facts = within(dialog).getByTestId("conflict-current");
    expect(facts).toHaveTextContent("作業中");
    expect(facts).toHaveTextContent("吉田 陽子");
    expect(facts).toHaveTextContent("33%");
    expect(dialog).toHaveTextContent("あなたの変更：「作業が止まっています」へ移動");

    await user.click(within(dialog).getByRole("button", { name: "自分の変更をいまの状況に適用する" }));
    // the current task (with its version) and the same change, reason included: nothing asked twice
    expect(handlers.onApplyMine).toHaveBeenCalledWith(now, change);
    expect(handlers.onKeepTheirs).not.toHaveBeenCalled();
  });

  it("keeps their change", async () => {
    const user = userEvent.setup();
    const handlers = renderDialog({
      kind: "conflict",
      task: seen,
      current: now,
      change: { kind: "move", to: "review" },
    });
    await user.click(screen.getByRole("button", { name: "いまの状況のままにする" }));
    expect(handlers.onKeepTheirs).toHaveBeenCalled();
    expect(handlers.onApplyMine).not.toHaveBeenCalled();
  });

  it("Escape keeps their change too (nothing is overwritten by closing)", async () => {
    const user = userEvent.setup();
    const handlers = renderDialog({
      kind: "conflict",
      task: seen,
      current: now,
      change: { kind: "move", to: "review" },
    });
    await user.keyboard("{Escape}");
    expect(handlers.onKeepTheirs).toHaveBeenCalled();
    expect(handlers.onApplyMine).not.toHaveBeenCalled();
  });

  it("explains when my move is not possible from the current status, and offers only to keep theirs", () => {
    const done = makeTask({ status: "done", allowedTransitions: ["doing"], version: 5 });
    renderDialog({ kind: "conflict", task: seen, current: done, change: { kind: "move", to: "review" } });
    const dialog = screen.getByRole("alertdialog");
    expect(dialog).toHaveTextContent(
      "いまの状況（完了）からは「確認待ち」へ移動できないため、自分の変更は適用できません。",
    );
    expect(within(dialog).queryByRole("button", { name: "自分の変更をいまの状況に適用する" })).toBeNull();
    expect(within(dialog).getByRole("button", { name: "いまの状況のままにする" })).toBeInTheDocument();
  });

  it("says when the task already has my change", () => {
    renderDialog({ kind: "conflict", task: seen, current: now, change: { kind: "move", to: "doing" } });
    expect(screen.getByRole("alertdialog")).toHaveTextContent("いまの状況にはすでにあなたの変更が入っています。");
    expect(screen.queryByRole("button", { name: "自分の変更をいまの状況に適用する" })).toBeNull();
  });

  it("describes a reassignment", () => {
    renderDialog({
      kind: "conflict",
      task: seen,
      current: now,
      change: { kind: "assign", assigneeId: "crew-3", name: "小林 彩香" },
    });
    expect(screen.getByRole("alertdialog")).toHaveTextContent("あなたの変更：担当者を 小林 彩香 さんにする");
  });

  it("explains an illegal move and offers the allowed ones", async () => {
    const user = userEvent.setup();
    const handlers = renderDialog({
      kind: "illegal",
      task: seen,
      change: { kind: "move", to: "done" },
      allowed: ["doing", "blocked"],
    });
    const dialog = screen.getByRole("alertdialog", { name: "このタスクは移動できませんでした" });
    expect(dialog).toHaveTextContent("「未着手」から「完了」へは移動できません。");
    await user.click(within(dialog).getByRole("button", { name: "「作業中」へ移動する" }));
    expect(handlers.onMoveInstead).toHaveBeenCalledWith(seen, "doing");
  });

  it("shows other errors in the UI language", () => {
    renderDialog({
      kind: "error",
      task: seen,
      change: { kind: "move", to: "doing" },
      error: new ApiError(0, { code: "network_error" }),
    });
    expect(screen.getByRole("alertdialog", { name: "変更を保存できませんでした" })).toHaveTextContent(
      "サーバーに接続できませんでした",
    );
  });
});

describe("problemFrom: the server's refusals", () => {
  it("a stale version (409 task.version_conflict) is a conflict with the current task", () => {
    const error = new ApiError(409, { code: "task.version_conflict", status: 409, current: now });
    expect(problemFrom(error, seen, { kind: "move", to: "doing" })).toEqual({
      kind: "conflict",
      task: seen,
      current: now,
      change: { kind: "move", to: "doing" },
    });
  });

  it("an illegal transition (409 with allowed) is explained", () => {
    const error = new ApiError(409, { code: "task.illegal_transition", status: 409, allowed: ["doing", "blocked"] });
    expect(problemFrom(error, seen, { kind: "move", to: "done" })).toEqual({
      kind: "illegal",
      task: seen,
      change: { kind: "move", to: "done" },
      allowed: ["doing", "blocked"],
    });
  });

  it("anything else is an error", () => {
    const error = new ApiError(500, { code: "internal" });
    expect(problemFrom(error, seen, { kind: "move", to: "doing" }).kind).toBe("error");
  });
});
