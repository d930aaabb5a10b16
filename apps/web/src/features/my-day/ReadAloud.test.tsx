// @vitest-environment jsdom
// Issue 9 barrier 12: read-aloud with the browser's speech synthesis (stubbed: headless browsers
// and jsdom have no voices) — the text, the language, the rate from Settings, and stop.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { setLocale } from "../../i18n/index.ts";
import { applyPreferences, DEFAULT_PREFERENCES } from "../../lib/preferences.ts";
import { ReadAloud } from "./ReadAloud.tsx";

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
});
