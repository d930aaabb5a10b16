// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import SettingsPage from "./SettingsPage.tsx";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { setLocale } from "../../i18n/index.ts";
import { setCsrfToken, type Me, type User } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { applyPreferences, DEFAULT_PREFERENCES } from "../../lib/preferences.ts";

interface Call {
  method: string;
  url: string;
  body: unknown;
  headers: Record<string, string>;
}

function mockServer(user: User, { fail = false } = {}) {
  const calls: Call[] = [];
  let saved = user;
  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method: init.method ?? "GET", url, body, headers: init.headers as Record<string, string> });
    if (url.endsWith("/auth/csrf")) return Response.json({ csrfToken: "csrf-1" });
    if (url.endsWith("/me") && init.method === "PATCH") {
      if (fail)
        return Response.json(
          { code: "internal", title: "Internal", status: 500 },
          { status: 500, headers: { "content-type": "application/problem+json" } },
        );
      saved = {
        ...saved,
        locale: body.locale ?? saved.locale,
        displayName: body.displayName ?? saved.displayName,
        accessibility: { ...saved.accessibility, ...body.accessibility },
      };
      return Response.json({ user: saved });
    }
    return new Response(null, { status: 404 });
  });
  vi.stubGlobal("fetch", fetchMock);
  return { calls, patches: () => calls.filter((c) => c.method === "PATCH") };
}

describe("Settings page", () => {
  beforeEach(() => {
    setLocale("ja");
    setCsrfToken(undefined);
    applyPreferences(DEFAULT_PREFERENCES);
  });
  afterEach(() => vi.unstubAllGlobals());

  it("shows the saved settings, labelled in Japanese", () => {
    mockServer(makeUser());
    renderSignedIn(<SettingsPage />, { user: makeUser({ accessibility: { textSize: "larger", highContrast: true } }) });
    expect(screen.getByRole("heading", { level: 1, name: "設定" })).toBeInTheDocument();
    expect(screen.getByRole("group", { name: "文字の大きさ" })).toBeInTheDocument();
    expect(screen.getByRole("radio", { name: "とても大きい" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "ハイコントラスト" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "動きを減らす" })).not.toBeChecked();
    // the hint is tied to its control
    expect(screen.getByRole("checkbox", { name: "シンプルな表示" })).toHaveAccessibleDescription(/タスクを 1 件ずつ/);
    // "English" is marked as English inside the Japanese page
    expect(screen.getByText("English")).toHaveAttribute("lang", "en");
  });

  it("lets the person choose the name clients see, checked before it is sent", async () => {
    const server = mockServer(makeUser());
    const { client } = renderSignedIn(<SettingsPage />);
    const field = screen.getByRole("textbox", { name: /表示名/ });
    expect(field).toHaveValue("中村");
    expect(field).toHaveAccessibleDescription(/フルネームやメールアドレスではなく/);
    await userEvent.clear(field);
    await userEvent.click(screen.getByRole("button", { name: "表示名を保存する" }));
    // empty: said next to the field, focus on it, nothing sent
    expect(await screen.findByText(/表示名を1〜/)).toBeInTheDocument();
    expect(field).toHaveAccessibleDescription(/表示名を1〜/);
    expect(field).toHaveFocus();
    expect(field).toHaveAttribute("aria-invalid", "true");
    expect(server.patches()).toHaveLength(0);
    await userEvent.type(field, "みさき{Enter}");
    await waitFor(() => expect(screen.getByText("表示名を「みさき」にしました。")).toBeInTheDocument());
    expect(server.patches().map((p) => p.body)).toEqual([{ displayName: "みさき" }]);
    expect(client.getQueryData<Me>(queryKeys.me())!.displayName).toBe("みさき");
  });

  it("offers no display name to clients, who are seen by their own name", () => {
    mockServer(makeUser({ role: "client" }));
    renderSignedIn(<SettingsPage />, { user: makeUser({ role: "client" }) });
    expect(screen.queryByRole("textbox", { name: /表示名/ })).toBeNull();
  });

  it("applies a text size at once and saves it to the account", async () => {
    const server = mockServer(makeUser());
    const { client } = renderSignedIn(<SettingsPage />);
    await userEvent.click(screen.getByRole("radio", { name: "大きい" }));
    expect(document.documentElement.dataset.textSize).toBe("large");
    await waitFor(() => expect(screen.getByTestId("settings-status")).toHaveTextContent("設定を保存しました。"));
    const [patch] = server.patches();
    expect(patch!.url).toBe("/api/v1/me");
    expect(patch!.headers["X-CSRF-Token"]).toBe("csrf-1");
    expect(patch!.body).toEqual({
      locale: "ja",
      accessibility: {
        textSize: "large",
        highContrast: false,
        reducedMotion: false,
        simpleLayout: false,
        breakMinutes: null,
        speechRate: 1,
        // easy-read (issue 9 barrier 11) is saved with the rest, as it stands
        easyRead: false,
      },
    });
    expect(client.getQueryData<Me>(queryKeys.me())!.accessibility.textSize).toBe("large");
  });

  it("saves a break reminder interval, or none (issue 9 barrier 10)", async () => {
    const server = mockServer(makeUser());
    renderSignedIn(<SettingsPage />);
    const group = await screen.findByRole("group", { name: "休憩のお知らせ（今日の作業）" });
    expect(within(group).getByRole("radio", { name: "知らせない" })).toBeChecked();
    await userEvent.click(within(group).getByRole("radio", { name: "45 分ごとに知らせる" }));
    await waitFor(() => expect(screen.getByTestId("settings-status")).toHaveTextContent("設定を保存しました。"));
    expect(server.patches().at(-1)!.body).toMatchObject({ accessibility: { breakMinutes: 45 } });
  });

  it("switches the language and <html lang> only when asked, and saves it (issue 9 barrier 9, WCAG 3.2.2)", async () => {
    const server = mockServer(makeUser());
    renderSignedIn(<SettingsPage />);
    // choosing with the arrow keys changes nothing yet
    screen.getByRole("radio", { name: "日本語" }).focus();
    await userEvent.keyboard("{ArrowDown}");
    expect(screen.getByRole("radio", { name: "English" })).toBeChecked();
    expect(document.documentElement.lang).toBe("ja");
    expect(screen.getByRole("heading", { level: 1, name: "設定" })).toBeInTheDocument();
    expect(server.patches()).toEqual([]);
    // the explicit step applies and saves it
    await userEvent.click(screen.getByRole("button", { name: "この言語で表示する" }));
    expect(document.documentElement.lang).toBe("en");
    expect(await screen.findByRole("heading", { level: 1, name: "Settings" })).toBeInTheDocument();
    await waitFor(() => expect(server.patches().at(-1)?.body).toMatchObject({ locale: "en" }));
    await userEvent.click(screen.getByRole("radio", { name: "日本語" }));
    expect(document.documentElement.lang).toBe("en");
    await userEvent.click(screen.getByRole("button", { name: "Use this language" }));
    expect(document.documentElement.lang).toBe("ja");
    await waitFor(() => expect(server.patches().at(-1)?.body).toMatchObject({ locale: "ja" }));
  });

  it("turns on high contrast, reduced motion and the simpler layout", async () => {
    const server = mockServer(makeUser());
    renderSignedIn(<SettingsPage />);
    await userEvent.click(screen.getByRole("checkbox", { name: "ハイコントラスト" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "動きを減らす" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "シンプルな表示" }));
    const root = document.documentElement;
    expect(root.dataset.contrast).toBe("high");
    expect(root.dataset.motion).toBe("reduce");
    expect(root.dataset.layout).toBe("simple");
    // saves are sent one after another and the last one carries every change
    await waitFor(() =>
      expect(server.patches().at(-1)?.body).toMatchObject({
        accessibility: { highContrast: true, reducedMotion: true, simpleLayout: true },
      }),
    );
    await waitFor(() => expect(screen.getByTestId("settings-status")).toHaveTextContent("設定を保存しました。"));
  });

  it("keeps the change on this device and offers to save again when saving fails", async () => {
    mockServer(makeUser(), { fail: true });
    renderSignedIn(<SettingsPage />);
    await userEvent.click(screen.getByRole("radio", { name: "とても大きい" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("設定を保存できませんでした");
    expect(document.documentElement.dataset.textSize).toBe("larger");
    const server = mockServer(makeUser());
    await userEvent.click(screen.getByRole("button", { name: "もう一度保存する" }));
    await waitFor(() => expect(server.patches().at(-1)?.body).toMatchObject({ accessibility: { textSize: "larger" } }));
    await waitFor(() => expect(screen.getByTestId("settings-status")).toHaveTextContent("設定を保存しました。"));
  });
});
