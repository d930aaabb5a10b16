// @vitest-environment jsdom
// The shell per role: where each role lands, its navigation, the help link in the header, and
// the guards (signed out → sign-in; another role's screen → one's own home).
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { AppRoutes } from "./App.tsx";
import { makeUser, renderSignedIn, testQueryClient } from "../test/render.tsx";
import { queryKeys } from "../lib/query-keys.ts";
import { hasMessage, resetMessagesForTests, setLocale } from "../i18n/index.ts";

/** A message key shown as it is (a screen rendered before its words were loaded). */
const RAW_KEY = new RegExp(
  `\\b(${["myDay", "board", "crew", "workOrder", "client", "chat", "admin", "account", "inbox", "followUps", "praise"].join("|")})\\.[a-z]\\w*`,
);

describe("app routes and shell", () => {
  // As on a first visit: only the common catalogue. Each route then brings its own words, once
  // per page load as in the browser (its lazy chunk resolves once; this file has its own modules).
  beforeAll(() => resetMessagesForTests());
  beforeEach(() => {
    setLocale("ja");
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response(null, { status: 404 })),
    );
  });
  afterEach(() => {
    expect(document.body.textContent).not.toMatch(RAW_KEY);
    vi.unstubAllGlobals();
  });

  it("loads a screen's words with the screen, behind one polite loading status", async () => {
    expect(hasMessage("admin.users.title")).toBe(false);
    renderSignedIn(<AppRoutes />, { user: makeUser({ role: "admin" }), path: "/admin/users" });
    expect(screen.getByText("読み込み中です…")).toHaveAttribute("role", "status");
    // (the first screen this file loads: its module is transformed now, slow on a busy machine)
    expect(
      await screen.findByRole("heading", { level: 1, name: "ユーザーの管理" }, { timeout: 25_000 }),
    ).toBeInTheDocument();
    expect(hasMessage("admin.users.title", "en")).toBe(true);
    expect(hasMessage("board.title")).toBe(true); // common: the menu names every screen
    expect(hasMessage("board.filters.title")).toBe(false); // the board's own words wait for the board
  });

  it("sends crew home to My Day, with 'Talk to a manager' in the header", async () => {
    renderSignedIn(<AppRoutes />, { user: makeUser({ role: "crew" }), path: "/" });
    expect(
      await screen.findByRole("heading", { level: 1, name: "今日の作業" }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "メインメニュー" });
    expect(
      within(nav)
        .getAllByRole("link")
        .map((a) => a.textContent),
    ).toEqual(["今日の作業", "チャット", "わたしのプロフィール", "設定"]);
    expect(within(nav).getByRole("link", { name: "今日の作業" })).toHaveAttribute("aria-current", "page");
    expect(screen.getByRole("link", { name: /管理者に相談する/ })).toHaveAttribute("href", "/chat/talk-to-manager");
    expect(screen.getByRole("main")).toHaveAttribute("id", "main");
    expect(screen.getByRole("link", { name: "メインコンテンツへ移動" })).toHaveAttribute("href", "#main");
  });

  it("issue 9 barrier 9: 'Talk to a manager' counts the unread of the support conversation only", async () => {
    const client = testQueryClient();
    const room = (kind: "support" | "team" | "work_order", unread: number) => ({
      id: `0190d6c8-7a4e-7b7a-9c51-${kind.length.toString().padStart(12, "0")}`,
      kind,
      name: null,
      workOrderId: null,
      team: null,
      members: [],
      requesterId: null,
      claimedBy: null,
      unread,
      lastMessage: null,
      readMarkers: [],
    });
    client.setQueryData(queryKeys.chat.rooms(), {
      items: [room("team", 2), room("support", 1), room("work_order", 4)],
    });
    renderSignedIn(<AppRoutes />, { user: makeUser({ role: "crew" }), path: "/", client });
    await screen.findByRole("heading", { level: 1, name: "今日の作業" }, { timeout: 10_000 });
    expect(screen.getByTestId("help-link")).toHaveTextContent("管理者に相談する未読 1 件");
  });

  it("gives managers the board, the crew overview and 'Chat' in the same place", async () => {
    renderSignedIn(<AppRoutes />, { user: makeUser({ role: "manager" }), path: "/" });
    expect(await screen.findByRole("heading", { level: 1, name: "ボード" }, { timeout: 10_000 })).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "メインメニュー" });
    expect(
      within(nav)
        .getAllByRole("link")
        .map((a) => a.textContent),
    ).toEqual(["ボード", "クルーの様子", "フォローアップ", "月次レポート", "設定"]);
    expect(screen.getByTestId("help-link")).toHaveTextContent("チャット");
  });

  it("sends clients to their portal, and away from screens of other roles", async () => {
    renderSignedIn(<AppRoutes />, { user: makeUser({ role: "client", clientCompanyId: "c" }), path: "/board" });
    expect(
      await screen.findByRole("heading", { level: 1, name: "ご依頼の一覧" }, { timeout: 10_000 }),
    ).toBeInTheDocument();
  });

  it("gives admins the admin area, which starts at the users", async () => {
    renderSignedIn(<AppRoutes />, { user: makeUser({ role: "admin" }), path: "/admin" });
    expect(
      await screen.findByRole("heading", { level: 1, name: "ユーザーの管理" }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    const nav = screen.getByRole("navigation", { name: "メインメニュー" });
    expect(
      within(nav)
        .getAllByRole("link")
        .map((a) => a.textContent),
    ).toEqual(["ボード", "クルーの様子", "フォローアップ", "月次レポート", "管理", "設定"]);
    const admin = screen.getByRole("navigation", { name: "管理メニュー" });
    expect(
      within(admin)
        .getAllByRole("link")
        .map((a) => a.textContent),
    ).toEqual(["ユーザー", "クライアント企業", "操作履歴（監査ログ）"]);
  });

  it("keeps managers out of the admin area", async () => {
    renderSignedIn(<AppRoutes />, { user: makeUser({ role: "manager" }), path: "/admin/audit-log" });
    expect(await screen.findByRole("heading", { level: 1, name: "ボード" }, { timeout: 10_000 })).toBeInTheDocument();
  });

  it("sends someone with a one-time password to choose their own, from any screen, with no menu", async () => {
    renderSignedIn(<AppRoutes />, {
      user: makeUser({ role: "client", clientCompanyId: "c", mustChangePassword: true }),
      path: "/client",
    });
    expect(
      await screen.findByRole("heading", { level: 1, name: "新しいパスワードを決めてください" }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.queryByRole("navigation", { name: "メインメニュー" })).toBeNull();
    expect(screen.getByLabelText("受け取った仮のパスワード")).toHaveAttribute("autocomplete", "current-password");
    expect(screen.getByLabelText("新しいパスワード")).toHaveAttribute("autocomplete", "new-password");
  });

  it("says so for an unknown address", async () => {
    renderSignedIn(<AppRoutes />, { path: "/no-such-page" });
    expect(
      await screen.findByRole("heading", { level: 1, name: "ページが見つかりません" }, { timeout: 10_000 }),
    ).toBeInTheDocument();
  });
});
