// @vitest-environment jsdom
// Issue 9 barrier 10: break pacing — a gentle reminder after the chosen interval, never while the
// person types, never taking focus.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { setLocale } from "../../i18n/index.ts";
import { BreakReminder } from "./BreakReminder.tsx";

const MINUTE = 60_000;
const advance = (ms: number) => act(() => void vi.advanceTimersByTime(ms));

describe("break reminder", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date("2026-11-30T01:00:00Z") });
    setLocale("ja");
  });
  afterEach(() => vi.useRealTimers());

  it("reminds gently after the interval, politely and without taking focus; 'I took a break' starts it again", () => {
    render(
      <>
        <button type="button">作業</button>
        <BreakReminder minutes={30} />
      </>,
    );
    const work = screen.getByRole("button", { name: "作業" });
    work.focus();
    advance(29 * MINUTE);
    expect(screen.queryByText("ひと休みしませんか")).toBeNull();
    advance(MINUTE);
    expect(screen.getByText("ひと休みしませんか")).toBeInTheDocument();
    expect(screen.getByTestId("break-reminder")).toHaveAttribute("role", "status");
    expect(screen.getByText(/30 分、作業を続けています。/)).toBeInTheDocument();
    expect(document.activeElement).toBe(work);

    fireEvent.click(screen.getByRole("button", { name: "休憩しました" }));
    expect(screen.queryByText("ひと休みしませんか")).toBeNull();
    advance(29 * MINUTE);
    expect(screen.queryByText("ひと休みしませんか")).toBeNull();
    advance(MINUTE);
    expect(screen.getByText("ひと休みしませんか")).toBeInTheDocument();
  });

  it("never while the person types: it waits until 30 s after the last key in a text field", () => {
    render(
      <>
        <textarea aria-label="メモ" />
        <BreakReminder minutes={30} />
      </>,
    );
    const note = screen.getByRole("textbox", { name: "メモ" });
    note.focus();
    advance(29 * MINUTE + 50_000);
    fireEvent.keyDown(note, { key: "a" });
    advance(10_000); // 30:00, typed 10 s ago
    expect(screen.queryByText("ひと休みしませんか")).toBeNull();
    advance(10_000); // 30:10
    fireEvent.keyDown(note, { key: "b" });
    advance(29_000); // 30:39, typed 29 s ago
    expect(screen.queryByText("ひと休みしませんか")).toBeNull();
    advance(2_000); // quiet for 31 s
    expect(screen.getByText("ひと休みしませんか")).toBeInTheDocument();
    expect(document.activeElement).toBe(note);
  });

  it("says nothing when no interval is chosen", () => {
    render(<BreakReminder minutes={null} />);
    advance(240 * MINUTE);
    expect(screen.getByTestId("break-reminder")).toBeEmptyDOMElement();
  });
});
