// @vitest-environment jsdom
// My Day's task cards: the order, one tap to start / pause / send for review / resume, a
// version conflict shown (never overwritten) with a retry, and "I'm blocked" with a reason.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import MyDayPage from "./MyDayPage.tsx";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { CREW3, task } from "../../test/fixtures.ts";
import { setLocale } from "../../i18n/index.ts";
import { setCsrfToken } from "../../lib/api.ts";
import { applyPreferences, DEFAULT_PREFERENCES } from "../../lib/preferences.ts";
import { forgetOwnVersions } from "./actions.ts";
import { clearDrafts } from "./drafts.ts";
import { fakeApi, resetQueue, setOnline } from "./testing.ts";

const user = makeUser({ id: CREW3 });
const me = { id: CREW3, name: "中村 美咲", displayName: "中村 美咲", role: "crew" as const };

async function cards() {
  await screen.findAllByTestId("task-card");
  return screen.getAllByTestId("task-card");
}

function card(title: string): HTMLElement {
  return screen.getByRole("article", { name: title });
}

describe("My Day task cards", () => {
  beforeEach(async () => {
    setLocale("ja");
    setCsrfToken(undefined);
    setOnline(true);
    applyPreferences(DEFAULT_PREFERENCES);
    forgetOwnVersions();
    clearDrafts();
    await resetQueue(CREW3);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("lists my open tasks: doing, blocked, to do, review, then by due date", async () => {
    fakeApi({
      tasks: [
        task({
          id: "t-review",
          title: "確認待ちの作業",
          status: "review",
          allowedTransitions: ["doing", "done", "blocked"],
          assignee: me,
        }),
        task({
          id: "t-todo-late",
          title: "あとでやる作業",
          status: "todo",
          dueAt: "2026-11-27T08:00:00.000Z",
          assignee: me,
        }),
        task({
          id: "t-todo-soon",
          title: "先にやる作業",
          status: "todo",
          dueAt: "2026-11-25T03:00:00.000Z",
          assignee: me,
        }),
        task({
          id: "t-blocked",
          title: "止まっている作業",
          status: "blocked",
          blockedReason: "伝票14が読めません",
          allowedTransitions: ["todo", "doing"],
          assignee: me,
        }),
        task({
          id: "t-doing",
          title: "作業中の作業",
          status: "doing",
          allowedTransitions: ["todo", "review", "blocked"],
          assignee: me,
        }),
      ],
    });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    const list = await cards();
    expect(list.map((c) => within(c).getByRole("heading", { level: 3 }).textContent)).toEqual([
      "作業中の作業",
      "止まっている作業",
      "先にやる作業",
      "あとでやる作業",
      "確認待ちの作業",
    ]);
    expect(screen.getByText("担当しているタスクは 5 件です。")).toBeInTheDocument();
    // status is text (and an icon), the blocked reason is shown, the buttons say what they do
    const blocked = card("止まっている作業");
    expect(within(blocked).getByText("伝票14が読めません")).toBeInTheDocument();
    expect(within(blocked).getByRole("button", { name: /^再開する/ })).toBeInTheDocument();
    const doing = card("作業中の作業");
    expect(within(doing).getByText("作業中")).toBeInTheDocument();
    expect(
      within(doing)
        .getAllByRole("button")
        .map((b) => b.textContent?.replace(/（.*）$/, "")),
    ).toEqual(expect.arrayContaining(["確認を依頼する", "一時停止", "止まっていることを伝える"]));
    expect(within(card("確認待ちの作業")).getByRole("button", { name: /^作業に戻る/ })).toBeInTheDocument();
  });

  it("shows the criteria as a marked disclosure, open on my own task (issue 9 barrier 7)", async () => {
    fakeApi({
      tasks: [
        task({
          id: "t-1",
          title: "伝票の入力",
          status: "todo",
          acceptanceCriteria: "120 件すべて入力",
          description: "PDF を見て入力",
          assignee: me,
        }),
      ],
    });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    await cards();
    const criteria = screen.getByText("120 件すべて入力").closest("details")!;
    expect(criteria).toHaveAttribute("open");
    const description = screen.getByText("PDF を見て入力").closest("details")!;
    expect(description).not.toHaveAttribute("open");
    // a visible marker in each summary (the browser's own triangle is hidden by display:flex)
    for (const details of [criteria, description]) {
      expect(details.querySelector("summary > .md-details__marker")).not.toBeNull();
    }
  });

  it("starts a task with one tap: sends the version it read, says so, and keeps focus in the card", async () => {
    const api = fakeApi({ tasks: [task({ status: "todo", version: 3, assignee: me })] });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    await cards();
    const start = screen.getByRole("button", { name: "作業を始める（伝票 1〜60）" });
    await userEvent.click(start);

    await waitFor(() =>
      expect(within(card("伝票 1〜60")).getByText("作業を始めました。").closest("[role=status]")).not.toBeNull(),
    );
    const [patch] = api.writes("PATCH");
    expect(api.writes("PATCH")).toHaveLength(1);
    expect(patch!.path).toBe("/api/v1/tasks/task-1");
    expect(patch!.body).toEqual({ version: 3, status: "doing" });
    expect(patch!.headers["Idempotency-Key"]).toBeTruthy();
    const updated = card("伝票 1〜60");
    expect(within(updated).getByText("作業中")).toBeInTheDocument();
    expect(within(updated).getByRole("button", { name: /^一時停止/ })).toBeInTheDocument();
    // the pressed button is gone; focus is on the card's heading, not lost
    expect(document.activeElement).toBe(within(updated).getByRole("heading", { level: 3 }));
  });

  it("pauses and sends for review from doing", async () => {
    const api = fakeApi({
      tasks: [task({ status: "doing", version: 2, allowedTransitions: ["todo", "review", "blocked"], assignee: me })],
    });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    await cards();
    await userEvent.click(screen.getByRole("button", { name: /^確認を依頼する/ }));
    await waitFor(() => expect(screen.getByText("確認を依頼しました。管理者が確認します。")).toBeInTheDocument());
    expect(api.writes("PATCH")[0]!.body).toEqual({ version: 2, status: "review" });
    expect(within(card("伝票 1〜60")).getByText("確認待ち")).toBeInTheDocument();
  });

  it("shows a version conflict with the task as it is now, and sends again only when asked", async () => {
    const api = fakeApi({ tasks: [task({ status: "todo", version: 1, assignee: me })] });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    await cards();
    // a manager changed the due date meanwhile: the server has version 2
    api.conflictNext(task({ status: "todo", version: 2, dueAt: "2026-11-26T08:00:00.000Z", assignee: me }));
    await userEvent.click(screen.getByRole("button", { name: /^作業を始める/ }));

    const conflict = await screen.findByTestId("conflict");
    expect(conflict).toHaveTextContent("ほかの人がこのタスクを先に変更しました。いまの状況は「未着手」です。");
    expect(within(card("伝票 1〜60")).getByText(/11月26日/)).toBeInTheDocument(); // the current state is shown
    expect(api.writes("PATCH")).toHaveLength(1); // nothing overwritten behind the user's back
    await waitFor(() => expect(document.activeElement).toBe(conflict));

    await userEvent.click(within(conflict).getByRole("button", { name: "もう一度「作業を始める」を送る" }));
    await waitFor(() => expect(screen.getByText("作業を始めました。")).toBeInTheDocument());
    expect(api.writes("PATCH").map((c) => c.body)).toEqual([
      { version: 1, status: "doing" },
      { version: 2, status: "doing" },
    ]);
    expect(screen.queryByTestId("conflict")).not.toBeInTheDocument();
  });

  it("issue 9 barrier 6: Cancel or Escape closes the block-reason form and gives focus back to its button (keyboard)", async () => {
    fakeApi({
      tasks: [task({ status: "doing", version: 4, allowedTransitions: ["todo", "review", "blocked"], assignee: me })],
    });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    await cards();
    const open = screen.getByRole("button", { name: /^止まっていることを伝える/ });
    open.focus();
    await userEvent.keyboard("{Enter}");
    const reason = screen.getByRole("textbox", { name: /止まっている理由/ });
    expect(document.activeElement).toBe(reason);
    await userEvent.tab(); // 管理者に伝える
    await userEvent.tab(); // キャンセル
    expect(document.activeElement).toHaveTextContent("キャンセル");
    await userEvent.keyboard("{Enter}");
    await waitFor(() => expect(document.activeElement).toBe(open));
    expect(screen.queryByRole("textbox", { name: /止まっている理由/ })).not.toBeInTheDocument();
    // again, and Escape from the field
    await userEvent.keyboard("{Enter}");
    expect(document.activeElement).toBe(screen.getByRole("textbox", { name: /止まっている理由/ }));
    await userEvent.keyboard("{Escape}");
    await waitFor(() => expect(document.activeElement).toBe(open));
    expect(open).toHaveAttribute("aria-expanded", "false");
  });

  it("asks why the task is blocked (required, error tied to the field) and sends it", async () => {
    const api = fakeApi({
      tasks: [task({ status: "doing", version: 4, allowedTransitions: ["todo", "review", "blocked"], assignee: me })],
    });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    await cards();
    const open = screen.getByRole("button", { name: /^止まっていることを伝える/ });
    await userEvent.click(open);
    expect(open).toHaveAttribute("aria-expanded", "true");
    const reason = screen.getByRole("textbox", { name: /止まっている理由/ });
    expect(document.activeElement).toBe(reason);

    await userEvent.click(screen.getByRole("button", { name: "管理者に伝える" }));
    expect(reason).toHaveAttribute("aria-invalid", "true");
    expect(reason).toHaveAccessibleDescription(/止まっている理由を入力してください。/);
    expect(api.writes("PATCH")).toHaveLength(0);

    await userEvent.type(reason, "伝票14と37が判読できません");
    await userEvent.click(screen.getByRole("button", { name: "管理者に伝える" }));
    await waitFor(() => expect(screen.getByText("作業が止まっていることを管理者に伝えました。")).toBeInTheDocument());
    expect(api.writes("PATCH")[0]!.body).toEqual({
      version: 4,
      status: "blocked",
      blockedReason: "伝票14と37が判読できません",
    });
    const blocked = card("伝票 1〜60");
    expect(within(blocked).getByText("伝票14と37が判読できません")).toBeInTheDocument();
    expect(within(blocked).getByRole("button", { name: /^再開する/ })).toBeInTheDocument();
  });

  it("queues a status change offline, shows it at once as waiting, and sends it when back", async () => {
    const api = fakeApi({ tasks: [task({ status: "todo", version: 1, assignee: me })] });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    await cards();
    setOnline(false);
    await userEvent.click(screen.getByRole("button", { name: /^作業を始める/ }));
    await waitFor(() =>
      expect(screen.getByText("「作業を始める」は送信待ちです。接続が戻ったら送信します。")).toBeInTheDocument(),
    );
    const waiting = screen.getByRole("list", { name: "このタスクの送信待ち" });
    expect(waiting).toHaveTextContent("送信待ち：状況を「作業中」にする");
    expect(within(card("伝票 1〜60")).getByText("作業中")).toBeInTheDocument();
    expect(api.writes("PATCH")).toHaveLength(0);

    setOnline(true);
    const { offlineQueue } = await import("../../lib/outbox.ts");
    await offlineQueue.flush();
    await waitFor(() => expect(screen.queryByRole("list", { name: "このタスクの送信待ち" })).not.toBeInTheDocument());
    expect(api.writes("PATCH").map((c) => c.body)).toEqual([{ version: 1, status: "doing" }]);
  });

  it("a change refused after waiting offline is shown as not sent, with the real state, and sent again only on request", async () => {
    const api = fakeApi({ tasks: [task({ status: "todo", version: 1, assignee: me })] });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    await cards();
    setOnline(false);
    await userEvent.click(screen.getByRole("button", { name: /^作業を始める/ }));
    await screen.findByText("「作業を始める」は送信待ちです。接続が戻ったら送信します。");
    // meanwhile a manager moved the due date: the waiting change is stale
    api.conflictNext(task({ status: "todo", version: 2, dueAt: "2026-11-26T08:00:00.000Z", assignee: me }));
    setOnline(true);
    const { offlineQueue } = await import("../../lib/outbox.ts");
    await offlineQueue.flush();

    const waiting = await screen.findByRole("list", { name: "このタスクの送信待ち" });
    await waitFor(() => expect(waiting).toHaveTextContent("送信できませんでした：状況を「作業中」にする"));
    expect(waiting).toHaveTextContent("ほかの人が先にタスクを変更したため、送れませんでした。");
    // the card shows the server's state again (refetched), not the change that was refused
    await waitFor(() => expect(within(card("伝票 1〜60")).getByText("未着手")).toBeInTheDocument());
    expect(within(card("伝票 1〜60")).getByText(/11月26日/)).toBeInTheDocument();
    expect(api.writes("PATCH")).toHaveLength(1);

    await userEvent.click(within(waiting).getByRole("button", { name: /^いまのタスクに合わせて送り直す/ }));
    await waitFor(() => expect(screen.queryByRole("list", { name: "このタスクの送信待ち" })).not.toBeInTheDocument());
    expect(api.writes("PATCH").map((c) => c.body)).toEqual([
      { version: 1, status: "doing" },
      { version: 2, status: "doing" },
    ]);
    await waitFor(() => expect(within(card("伝票 1〜60")).getByText("作業中")).toBeInTheDocument());
  });

  it("shows one task at a time in the simpler layout, with previous and next", async () => {
    applyPreferences({ ...DEFAULT_PREFERENCES, simpleLayout: true });
    fakeApi({
      tasks: [
        task({
          id: "a",
          title: "一つ目",
          status: "doing",
          allowedTransitions: ["todo", "review", "blocked"],
          assignee: me,
        }),
        task({ id: "b", title: "二つ目", status: "todo", assignee: me }),
      ],
    });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    expect(await screen.findByRole("article", { name: "一つ目" })).toBeInTheDocument();
    expect(screen.getAllByTestId("task-card")).toHaveLength(1);
    expect(screen.getByTestId("simple-position")).toHaveTextContent("2 件中 1 件目");
    await userEvent.click(screen.getByRole("button", { name: "次のタスク" }));
    const second = await screen.findByRole("article", { name: "二つ目" });
    expect(screen.getByTestId("simple-position")).toHaveTextContent("2 件中 2 件目");
    expect(document.activeElement).toBe(within(second).getByRole("heading", { level: 3 }));
    expect(screen.getByRole("button", { name: "次のタスク" })).toBeDisabled();
  });
});
