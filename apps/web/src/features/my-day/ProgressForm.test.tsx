// @vitest-environment jsdom
// Logging progress on My Day: labels and hints, errors that name the field and are tied to it
// (nothing typed is lost), sent at once when online, kept and shown as waiting when offline.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import MyDayPage from "./MyDayPage.tsx";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { CREW3, task } from "../../test/fixtures.ts";
import { setLocale } from "../../i18n/index.ts";
import { setCsrfToken } from "../../lib/api.ts";
import { offlineQueue } from "../../lib/outbox.ts";
import { applyPreferences, DEFAULT_PREFERENCES } from "../../lib/preferences.ts";
import { forgetOwnVersions } from "./actions.ts";
import { clearDrafts } from "./drafts.ts";
import { fakeApi, resetQueue, setOnline } from "./testing.ts";

const user = makeUser({ id: CREW3 });
const me = { id: CREW3, name: "中村 美咲", displayName: "中村 美咲", role: "crew" as const };

async function form() {
  return within(await screen.findByTestId("progress-form"));
}

describe("My Day progress form", () => {
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

  it("has a label and a hint for every field, prefilled with the current progress", async () => {
    fakeApi({
      tasks: [task({ status: "doing", progress: 33, allowedTransitions: ["todo", "review", "blocked"], assignee: me })],
    });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    const f = await form();
    const percent = f.getByRole("textbox", { name: "進捗（%）" });
    expect(percent).toHaveValue("33");
    expect(percent).toHaveAccessibleDescription("0 から 100 までの数字です。いまは 33% です。");
    expect(f.getByRole("textbox", { name: "メモ（任意）" })).toHaveAccessibleDescription("例：20/60 入力済み。");
    expect(f.getByRole("textbox", { name: "作業した時間（分・任意）" })).toHaveAccessibleDescription(/分で入力します/);
    expect(screen.getByRole("form", { name: "進捗を報告する" })).toBeInTheDocument();
  });

  it("logs percent, note and minutes in three steps and one submit", async () => {
    const api = fakeApi({
      tasks: [
        task({
          status: "doing",
          progress: 10,
          minutesSpent: 35,
          version: 5,
          allowedTransitions: ["todo", "review", "blocked"],
          assignee: me,
        }),
      ],
    });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    const f = await form();
    const percent = f.getByRole("textbox", { name: "進捗（%）" });
    await userEvent.clear(percent);
    await userEvent.type(percent, "33");
    await userEvent.type(f.getByRole("textbox", { name: "メモ（任意）" }), "20/60 入力済み。");
    await userEvent.type(f.getByRole("textbox", { name: "作業した時間（分・任意）" }), "45{Enter}");

    await waitFor(() => expect(f.getByTestId("progress-status")).toHaveTextContent("進捗を報告しました（33%）。"));
    const [post] = api.writes("POST", "/progress");
    expect(api.writes("POST", "/progress")).toHaveLength(1);
    expect(post!.path).toBe("/api/v1/tasks/task-1/progress");
    expect(post!.body).toEqual({ percent: 33, note: "20/60 入力済み。", minutesSpent: 45 });
    expect(post!.headers["Idempotency-Key"]).toBeTruthy();
    // the card shows the new state; the form starts again from it
    const card = screen.getByRole("article", { name: "伝票 1〜60" });
    expect(within(card).getByText("33%")).toBeInTheDocument();
    expect(within(card).getByText("1 時間 20 分")).toBeInTheDocument();
    expect(f.getByRole("textbox", { name: "メモ（任意）" })).toHaveValue("");
    expect(f.getByRole("textbox", { name: "進捗（%）" })).toHaveValue("33");
  });

  it("names the field and how to fix it, links the error to the field, and keeps what was typed", async () => {
    const api = fakeApi({
      tasks: [task({ status: "doing", progress: 10, allowedTransitions: ["todo", "review", "blocked"], assignee: me })],
    });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    const f = await form();
    const percent = f.getByRole("textbox", { name: "進捗（%）" });
    const note = f.getByRole("textbox", { name: "メモ（任意）" });
    const minutes = f.getByRole("textbox", { name: "作業した時間（分・任意）" });
    await userEvent.clear(percent);
    await userEvent.type(percent, "150");
    await userEvent.type(note, "二枚が判読できません");
    await userEvent.type(minutes, "四十五");
    await userEvent.click(f.getByRole("button", { name: /^進捗を報告する/ }));

    expect(percent).toHaveAttribute("aria-invalid", "true");
    expect(percent).toHaveAccessibleDescription(/^進捗は 0 から 100 までの数字で入力してください。/);
    expect(minutes).toHaveAttribute("aria-invalid", "true");
    expect(minutes).toHaveAccessibleDescription(/^作業した時間は 0 から 1,440 までの数字（分）で入力してください。/);
    expect(note).not.toHaveAttribute("aria-invalid");
    expect(document.activeElement).toBe(percent); // the first field to fix
    expect(percent).toHaveValue("150");
    expect(note).toHaveValue("二枚が判読できません");
    expect(minutes).toHaveValue("四十五");
    expect(api.writes("POST", "/progress")).toHaveLength(0);

    // fixed: sent; full-width digits from an IME are fine
    await userEvent.clear(percent);
    await userEvent.type(percent, "４０");
    await userEvent.clear(minutes);
    await userEvent.click(f.getByRole("button", { name: /^進捗を報告する/ }));
    await waitFor(() => expect(api.writes("POST", "/progress")).toHaveLength(1));
    expect(api.writes("POST", "/progress")[0]!.body).toEqual({
      percent: 40,
      note: "二枚が判読できません",
      minutesSpent: 0,
    });
    expect(percent).not.toHaveAttribute("aria-invalid");
  });

  it("offline: keeps the update, shows it as waiting at once, and sends it once when back", async () => {
    const api = fakeApi({ tasks: [task({ status: "todo", progress: 0, minutesSpent: 0, assignee: me })] });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    const f = await form();
    setOnline(false);
    const percent = f.getByRole("textbox", { name: "進捗（%）" });
    await userEvent.clear(percent);
    await userEvent.type(percent, "20");
    await userEvent.type(f.getByRole("textbox", { name: "メモ（任意）" }), "12/60 入力済み");
    await userEvent.type(f.getByRole("textbox", { name: "作業した時間（分・任意）" }), "30{Enter}");

    await waitFor(() =>
      expect(f.getByTestId("progress-status")).toHaveTextContent("送信待ちです。接続が戻ったら送信します（20%）。"),
    );
    expect(screen.getByRole("list", { name: "このタスクの送信待ち" })).toHaveTextContent("送信待ち：進捗報告 20%");
    const card = screen.getByRole("article", { name: "伝票 1〜60" });
    expect(within(card).getByText("20%")).toBeInTheDocument(); // shown at once
    expect(within(card).getByText("作業中")).toBeInTheDocument(); // a first update starts the task
    expect(api.writes("POST", "/progress")).toHaveLength(0);

    setOnline(true);
    await offlineQueue.flush();
    await offlineQueue.flush(); // a second flush sends nothing more
    await waitFor(() =>
      expect(f.getByTestId("progress-status")).toHaveTextContent("送信待ちだった進捗報告を送信しました（20%）。"),
    );
    const posts = api.writes("POST", "/progress");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({ percent: 20, note: "12/60 入力済み", minutesSpent: 30 });
    expect(screen.queryByRole("list", { name: "このタスクの送信待ち" })).not.toBeInTheDocument();
  });

  it("a refused update keeps the text and says why", async () => {
    const api = fakeApi({
      tasks: [task({ status: "doing", allowedTransitions: ["todo", "review", "blocked"], assignee: me })],
    });
    renderSignedIn(<MyDayPage />, { user, path: "/my-day" });
    const f = await form();
    const fetchMock = globalThis.fetch as unknown as ReturnType<typeof vi.fn>;
    const original = fetchMock.getMockImplementation() as (url: string, init?: RequestInit) => Promise<Response>;
    fetchMock.mockImplementation(async (url: string, init: RequestInit = {}) =>
      init.method === "POST"
        ? Response.json(
            { status: 409, code: "task.illegal_transition", title: "Conflict", detail: "タスクは完了しています。" },
            { status: 409, headers: { "content-type": "application/problem+json" } },
          )
        : original(url, init),
    );
    await userEvent.type(f.getByRole("textbox", { name: "メモ（任意）" }), "残りを入力しました");
    await userEvent.click(f.getByRole("button", { name: /^進捗を報告する/ }));
    expect(
      await f.findByText(
        /^進捗を報告できませんでした。いまのタスクの状況では、この操作はできません。.*入力した内容はそのまま残っています。$/,
      ),
    ).toBeInTheDocument();
    expect(f.getByRole("textbox", { name: "メモ（任意）" })).toHaveValue("残りを入力しました");
    expect(offlineQueue.list()).toHaveLength(0);
    expect(api.writes("POST", "/progress")).toHaveLength(0);
  });
});
