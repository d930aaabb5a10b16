// @vitest-environment jsdom
// The board's "what is late" section: due times said in words, status as text, a way to each item.
import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderSignedIn, makeUser } from "../../test/render.tsx";
import { task, workOrder } from "../../test/fixtures.ts";
import { setLocale } from "../../i18n/index.ts";
import { DueWork } from "./DueWork.tsx";

const jst = (day: string, time: string) => new Date(`${day}T${time}:00+09:00`).toISOString();
const NOW = Date.parse(jst("2026-11-24", "14:30"));
const manager = makeUser({ role: "manager" });

const orders = [
  workOrder({
    id: "wo-6",
    number: 6,
    title: "【至急】セミナー申込書の入力（手書き45枚）",
    status: "requested",
    priority: "urgent",
    dueAt: jst("2026-11-24", "15:00"),
  }),
  workOrder({
    id: "wo-2",
    number: 2,
    title: "顧客リストのクレンジング",
    status: "in_progress",
    dueAt: jst("2026-11-23", "17:00"),
  }),
];
const tasks = [
  task({
    id: "t-1",
    title: "伝票 1〜150 の入力",
    status: "doing",
    dueAt: jst("2026-11-24", "14:00"),
    assignee: { id: "c5", name: "吉田 陽子", displayName: "吉田 陽子", role: "crew" },
  }),
];

describe("what is late, at the top of the board", () => {
  afterEach(() => setLocale("ja"));

  it("says each due time in words, most urgent first, with the status and a way to it (ja)", async () => {
    setLocale("ja");
    const onOpenTask = vi.fn();
    renderSignedIn(<DueWork orders={orders} tasks={tasks} now={NOW} onOpenTask={onOpenTask} />, { user: manager });
    const section = screen.getByRole("region", { name: /期限切れ・今日が期限/ });
    const items = within(section)
      .getAllByTestId("due-item")
      .map((li) => li.textContent);
    // each due state has its icon (an SVG beside the words, hidden from screen readers)
    const icons = within(section)
      .getAllByTestId("due-item")
      .map((li) => li.querySelector("svg")?.getAttribute("aria-hidden"));
    expect(icons).toEqual(["true", "true", "true"]);
    expect(items[0]).toMatch(/^期限切れ（2026年11月23日 17:00）依頼 #2/);
    expect(items[1]).toMatch(/^期限切れ（14:00）タスク（依頼 #12）/);
    expect(items[1]).toContain("担当：吉田 陽子");
    expect(items[1]).toContain("作業中");
    expect(items[2]).toMatch(/^今日 15:00 まで依頼 #6/);
    expect(items[2]).toContain("急ぎ");
    expect(items[2]).toContain("依頼受付");
    expect(within(section).getByRole("link", { name: "【至急】セミナー申込書の入力（手書き45枚）" })).toHaveAttribute(
      "href",
      "/work-orders/wo-6",
    );
    const open = within(section).getByRole("button", { name: "伝票 1〜150 の入力（タスクの詳細を開く）" });
    await userEvent.click(open);
    expect(onOpenTask).toHaveBeenCalledWith(expect.objectContaining({ id: "t-1" }), open);
    // the icons are decoration: the words carry the state
    for (const icon of section.querySelectorAll(".board-late__icon"))
      expect(icon).toHaveAttribute("aria-hidden", "true");
  });

  it("speaks English too, and says when nothing is late", () => {
    setLocale("en");
    const { unmount } = renderSignedIn(
      <DueWork orders={orders} tasks={tasks} now={NOW} onOpenTask={() => undefined} />,
      { user: manager },
    );
    const texts = screen.getAllByTestId("due-item").map((li) => li.textContent);
    expect(texts[1]).toMatch(/Overdue \(14:00\)/);
    expect(texts[2]).toMatch(/Due today at 15:00/);
    unmount();
    renderSignedIn(<DueWork orders={[]} tasks={[]} now={NOW} onOpenTask={() => undefined} />, { user: manager });
    expect(screen.getByRole("region", { name: /Overdue and due today/ })).toHaveTextContent(
      "Nothing is overdue or due today.",
    );
  });
});
