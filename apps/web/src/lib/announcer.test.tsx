// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { act, render, screen } from "@testing-library/react";
import { Announcer, AnnouncerRegions, BATCH_WINDOW_MS, MIN_INTERVAL_MS, composeBatch } from "./announcer.tsx";
import { i18nFor, setLocale } from "../i18n/index.ts";

const en = i18nFor("en");

function makeAnnouncer() {
  const spoken: { text: string; politeness: string; at: number }[] = [];
  const announcer = new Announcer((batch) => composeBatch(batch, en));
  announcer.subscribe((text, politeness) => spoken.push({ text, politeness, at: Date.now() }));
  return { announcer, spoken };
}

describe("Announcer (batching and the 5 s cap)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-24T01:00:00Z"));
  });
  afterEach(() => vi.useRealTimers());

  it("speaks a single message as it is, after the batch window", () => {
    const { announcer, spoken } = makeAnnouncer();
    announcer.announce("Task 12-1 blocked: two slips unreadable", { group: "tasks" });
    vi.advanceTimersByTime(BATCH_WINDOW_MS - 1);
    expect(spoken).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(spoken.map((s) => s.text)).toEqual(["Task 12-1 blocked: two slips unreadable"]);
    expect(spoken[0]!.politeness).toBe("polite");
  });

  it("combines messages that arrive together into one count", () => {
    const { announcer, spoken } = makeAnnouncer();
    announcer.announce("Task A updated", { group: "tasks" });
    announcer.announce("Task B updated", { group: "tasks" });
    vi.advanceTimersByTime(500);
    announcer.announce("Task C updated", { group: "tasks" });
    vi.advanceTimersByTime(BATCH_WINDOW_MS);
    expect(spoken.map((s) => s.text)).toEqual(["3 tasks updated."]);
  });

  it("never speaks more than once per 5 seconds, however many events arrive", () => {
    const { announcer, spoken } = makeAnnouncer();
    // 60 events over 20 seconds, one every 333 ms
    for (let i = 0; i < 60; i++) {
      announcer.announce(`Task ${i} updated`, { group: "tasks" });
      vi.advanceTimersByTime(333);
    }
    vi.advanceTimersByTime(MIN_INTERVAL_MS);
    expect(spoken.length).toBeGreaterThan(1);
    expect(spoken.length).toBeLessThanOrEqual(5); // 20 s of events → at most 1 + 20/5
    for (let i = 1; i < spoken.length; i++) {
      expect(spoken[i]!.at - spoken[i - 1]!.at).toBeGreaterThanOrEqual(MIN_INTERVAL_MS);
    }
    // nothing is dropped: the counts add up to every event
    const total = spoken.reduce(
      (sum, s) => sum + Number(/(\d+) tasks? updated/.exec(s.text)?.[1] ?? (s.text.startsWith("Task") ? 1 : 0)),
      0,
    );
    expect(total).toBe(60);
  });

  it("waits for the 5 s interval after an announcement, then speaks what gathered meanwhile", () => {
    const { announcer, spoken } = makeAnnouncer();
    announcer.announce("first", { group: "updates" });
    vi.advanceTimersByTime(BATCH_WINDOW_MS);
    expect(spoken).toHaveLength(1);
    announcer.announce("second", { group: "updates" });
    vi.advanceTimersByTime(BATCH_WINDOW_MS);
    expect(spoken).toHaveLength(1); // still inside the 5 s after "first"
    announcer.announce("third", { group: "messages" });
    vi.advanceTimersByTime(MIN_INTERVAL_MS);
    expect(spoken).toHaveLength(2);
    expect(spoken[1]!.text).toBe("second third");
    expect(spoken[1]!.at - spoken[0]!.at).toBe(MIN_INTERVAL_MS);
  });

  it("keeps important messages in full inside a busy batch", () => {
    const { announcer, spoken } = makeAnnouncer();
    announcer.announce("Task A updated", { group: "tasks" });
    announcer.announce("Task B blocked: two slips unreadable", { group: "tasks", important: true });
    announcer.announce("Task C updated", { group: "tasks" });
    announcer.announce("Message from Sato", { group: "messages" });
    vi.advanceTimersByTime(BATCH_WINDOW_MS);
    expect(spoken.map((s) => s.text)).toEqual([
      "Task B blocked: two slips unreadable 2 tasks updated. Message from Sato",
    ]);
  });

  it("speaks errors at once and assertively, outside the batches", () => {
    const { announcer, spoken } = makeAnnouncer();
    announcer.announce("an update");
    announcer.announceError("Could not send the message");
    expect(spoken).toEqual([{ text: "Could not send the message", politeness: "assertive", at: Date.now() }]);
  });

  it("uses the plural rules of the language (Japanese has one form)", () => {
    const ja = i18nFor("ja");
    const batch = [1, 2, 3].map((n) => ({ text: `t${n}`, group: "tasks" as const, important: false }));
    expect(composeBatch(batch, ja)).toBe("タスクが 3 件更新されました。");
    expect(composeBatch(batch.slice(0, 1), en)).toBe("t1");
    expect(en.tn("announce.tasks", 1)).toBe("1 task updated.");
  });
});

describe("<AnnouncerRegions>", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("renders one polite and one assertive region and fills them", () => {
    setLocale("en");
    const instance = new Announcer(() => "");
    render(<AnnouncerRegions instance={instance} />);
    const polite = screen.getByTestId("announcer-polite");
    const assertive = screen.getByTestId("announcer-assertive");
    expect(polite).toHaveAttribute("aria-live", "polite");
    expect(assertive).toHaveAttribute("aria-live", "assertive");
    expect(document.querySelectorAll('[aria-live="polite"]')).toHaveLength(1);

    act(() => {
      instance.announce("Task A updated", { group: "tasks" });
      instance.announce("Task B updated", { group: "tasks" });
    });
    act(() => void vi.advanceTimersByTime(BATCH_WINDOW_MS + 100));
    expect(polite).toHaveTextContent("2 tasks updated.");
    expect(assertive).toBeEmptyDOMElement();
  });
});
