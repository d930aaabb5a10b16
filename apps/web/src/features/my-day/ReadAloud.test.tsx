// @vitest-environment jsdom
// Issue 9 barrier 12: read-aloud with the browser's speech synthesis (stubbed: headless browsers
// and jsdom have no voices) — the text, the language, the rate from Settings, and stop.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setLocale } from "../../i18n/index.ts";
import { applyPreferences, DEFAULT_PREFERENCES } from "../../lib/preferences.ts";
import { ReadAloud } from "./ReadAloud.tsx";
import { latestStaffMessage } from "../chat/chat-queries.ts";
import type { Message, PersonRef } from "../../lib/api.ts";

class FakeUtterance {
  lang = "";
  rate = 1;
  voice: unknown = null;
  onend: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(public text: string) {}
}

function stubSpeech(voices: { lang: string; name: string }[]) {
  const spoken: FakeUtterance[] = [];
  const synth = {
    getVoices: vi.fn(() => voices),
    speak: vi.fn((u: FakeUtterance) => void spoken.push(u)),
    cancel: vi.fn(),
  };
  vi.stubGlobal("speechSynthesis", synth);
  vi.stubGlobal("SpeechSynthesisUtterance", FakeUtterance);
  return { synth, spoken };
}

describe("read aloud", () => {
  beforeEach(() => setLocale("ja"));
  afterEach(() => {
    vi.unstubAllGlobals();
    applyPreferences(DEFAULT_PREFERENCES);
  });

  it("reads the task in the UI's language at the chosen speed, and the same button stops it", async () => {
    const { synth, spoken } = stubSpeech([
      { lang: "en-US", name: "English" },
      { lang: "ja-JP", name: "Kyoko" },
    ]);
    applyPreferences({ ...DEFAULT_PREFERENCES, speechRate: 0.75 });
    render(
      <ReadAloud title="伝票 1〜60 の入力" parts={["伝票 1〜60 の入力", "完了の条件：60 枚すべて入力済み", ""]} />,
    );
    const button = screen.getByRole("button", { name: /^読み上げ/ });
    button.focus();
    await userEvent.keyboard("{Enter}");
    expect(spoken).toHaveLength(1);
    expect(spoken[0]!.text).toBe("伝票 1〜60 の入力\n完了の条件：60 枚すべて入力済み");
    expect(spoken[0]!.lang).toBe("ja-JP");
    expect(spoken[0]!.rate).toBe(0.75);
    expect(spoken[0]!.voice).toEqual({ lang: "ja-JP", name: "Kyoko" });
    expect(button).toHaveAttribute("aria-pressed", "true");
    expect(button).toHaveAccessibleName(/^読み上げを止める/);

    const cancels = synth.cancel.mock.calls.length;
    await userEvent.keyboard("{Enter}");
    expect(synth.cancel.mock.calls.length).toBe(cancels + 1);
    expect(button).toHaveAttribute("aria-pressed", "false");
    expect(document.activeElement).toBe(button);
  });

  it("in English, with an English voice", async () => {
    setLocale("en");
    const { spoken } = stubSpeech([{ lang: "en-GB", name: "Daniel" }]);
    render(<ReadAloud title="Slips 1–60" parts={["Slips 1–60"]} />);
    await userEvent.click(screen.getByRole("button", { name: /^Read aloud/ }));
    expect(spoken[0]!.lang).toBe("en-GB");
    expect(spoken[0]!.rate).toBe(1);
  });

  it("says so when the device has no voice for the language", async () => {
    const { spoken } = stubSpeech([{ lang: "en-US", name: "English" }]);
    render(<ReadAloud title="伝票" parts={["伝票"]} />);
    await userEvent.click(screen.getByRole("button", { name: /^読み上げ/ }));
    expect(spoken).toHaveLength(0);
    expect(screen.getByRole("status")).toHaveTextContent("この端末には、読み上げに使える声がありません。");
  });

  it("reads the latest manager message last, looked up when the button is pressed", async () => {
    const { spoken } = stubSpeech([{ lang: "ja-JP", name: "Kyoko" }]);
    const more = vi.fn(async () => "佐藤 さんからの最新のメッセージ：午後から手伝います");
    render(<ReadAloud title="伝票" parts={["伝票", ""]} more={more} />);
    expect(more).not.toHaveBeenCalled();
    await userEvent.click(screen.getByRole("button", { name: /^読み上げ/ }));
    await vi.waitFor(() => expect(spoken).toHaveLength(1));
    expect(more).toHaveBeenCalledTimes(1);
    expect(spoken[0]!.text).toBe("伝票\n佐藤 さんからの最新のメッセージ：午後から手伝います");
  });
});

describe("the latest manager message of a room", () => {
  const person = (role: PersonRef["role"], name: string): PersonRef => ({ id: name, name, displayName: name, role });
  const message = (author: PersonRef, body: string, extra: Partial<Message> = {}): Message => ({
    id: body,
    roomId: "room",
    author,
    body,
    mentions: [],
    clientKey: null,
    editedAt: null,
    deletedAt: null,
    createdAt: "2026-11-30T01:00:00.000Z",
    ...extra,
  });
  const manager = person("manager", "佐藤");
  const crew = person("crew", "田中");

  it("is the room's last message when a manager wrote it, without asking the server", async () => {
    const request = vi.fn();
    const last = message(manager, "午後から手伝います");
    expect(await latestStaffMessage({ id: "room", lastMessage: last }, { request })).toBe(last);
    expect(request).not.toHaveBeenCalled();
  });

  it("else the newest message of the last page a manager wrote (deleted ones skipped), or null", async () => {
    const items = [
      message(crew, "了解です"),
      message(manager, "", { deletedAt: "2026-11-30T00:59:00.000Z" }),
      message(manager, "10 時に確認します"),
      message(manager, "おはようございます"),
    ];
    const request = vi.fn(async () => ({ items, nextCursor: null }));
    const found = await latestStaffMessage({ id: "room", lastMessage: items[0]! }, { request } as never);
    expect(found?.body).toBe("10 時に確認します");
    expect(request).toHaveBeenCalledWith("message:history", { roomId: "room", limit: 50 });
    const none = vi.fn(async () => ({ items: [message(crew, "了解です")], nextCursor: null }));
    expect(await latestStaffMessage({ id: "room", lastMessage: null }, { request: none } as never)).toBeNull();
    const offline = vi.fn(async () => Promise.reject(new Error("offline")));
    expect(await latestStaffMessage({ id: "room", lastMessage: null }, { request: offline } as never)).toBeNull();
  });
});
