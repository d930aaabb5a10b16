// @vitest-environment jsdom
// The board's preview (src/board-preview.tsx, issue 14): the server draws the board's first cards
// into the page with the board's own components. It shows the cards of the first page in the
// board's columns and order, about a screenful of each, in the user's language; it is hidden from
// assistive technology and inert, with no counts (a first page's would be wrong) and none of the
// board's test hooks; and it takes the language back after drawing (the server draws for many).
import { afterEach, describe, expect, it, vi } from "vitest";
import { task } from "./test/fixtures.ts";
import { createBoardPreview } from "./board-preview.tsx";
import { getLocale } from "./i18n/index.ts";
import { PREVIEW_CARDS_PER_COLUMN } from "./features/board/BoardLists.tsx";
import { BOARD_PREVIEW_ID, dropBoardPreview, limitBoardPreview } from "./lib/board-preview.ts";
import type { Task, TaskStatus } from "./lib/api.ts";

const FEATURES = ["board", "client", "crew"] as const;
const NOW = Date.parse("2026-11-26T00:00:00.000Z");

function drawn(html: string): HTMLElement {
  document.body.innerHTML = `<div id="root"></div>${html}`;
  return document.getElementById(BOARD_PREVIEW_ID)!;
}

const many = (status: TaskStatus, count: number): Task[] =>
  Array.from({ length: count }, (_, i) =>
    task({
      id: `${status}-${i}`,
      title: `${status} ${i}`,
      status,
      position: i,
      updatedAt: `2026-11-24T00:${10 + i}:00.000Z`,
    }),
  );

describe("the board's preview", () => {
  afterEach(() => {
    document.body.innerHTML = "";
    vi.useRealTimers();
  });

  it("the first cards in the board's columns, a screenful of each, hidden from assistive technology and inert", async () => {
    const draw = await createBoardPreview(FEATURES);
    const tasks = [...many("todo", PREVIEW_CARDS_PER_COLUMN + 3), ...many("blocked", 2)];
    tasks[PREVIEW_CARDS_PER_COLUMN + 3]!.blockedReason = "スキャンが読めません";
    const preview = drawn(draw({ tasks, locale: "ja", now: NOW }));
    expect(preview.getAttribute("aria-hidden")).toBe("true");
    expect(preview.getAttribute("lang")).toBe("ja");
    expect(preview.hasAttribute("inert")).toBe(true);
    const columns = [...preview.querySelectorAll(".board-column")];
    expect(columns.map((c) => c.querySelector(".board-column__title")!.textContent)).toEqual([
      "未着手",
      "作業中",
      "作業が止まっています",
      "確認待ち",
      "完了",
    ]);
    const titles = (column: Element) => [...column.querySelectorAll(".board-card__title")].map((e) => e.textContent);
    expect(titles(columns[0]!)).toHaveLength(PREVIEW_CARDS_PER_COLUMN);
    expect(titles(columns[1]!)).toEqual([]);
    expect(titles(columns[2]!)).toHaveLength(2);
    // the card as the board draws it: its reason, its due date (overdue, as of `now`), its assignee
    expect(columns[2]!.textContent).toContain("スキャンが読めません");
    expect(preview.querySelector(".board-card__overdue")?.textContent).toBe("期限切れ");
    expect(preview.textContent).toContain("中村 美咲");
    // no counts, none of the board's hooks (its own columns are found by them)
    expect(preview.querySelector(".board-column__count")).toBeNull();
    expect(preview.querySelector("[data-testid]")).toBeNull();
  });

  it("in the language asked for, and the language the app was in stays", async () => {
    const draw = await createBoardPreview(FEATURES);
    const before = getLocale();
    const preview = drawn(draw({ tasks: many("doing", 1), locale: before === "ja" ? "en" : "ja", now: NOW }));
    expect(preview.querySelector(".board-column__title")!.textContent).toBe(before === "ja" ? "To do" : "未着手");
    expect(getLocale()).toBe(before);
  });

  it("goes when asked, and at the latest after 20 s", () => {
    vi.useFakeTimers();
    drawn(`<div id="${BOARD_PREVIEW_ID}"></div>`);
    limitBoardPreview();
    vi.advanceTimersByTime(19_000);
    expect(document.getElementById(BOARD_PREVIEW_ID)).not.toBeNull();
    vi.advanceTimersByTime(1_000);
    expect(document.getElementById(BOARD_PREVIEW_ID)).toBeNull();
    drawn(`<div id="${BOARD_PREVIEW_ID}"></div>`);
    dropBoardPreview();
    expect(document.getElementById(BOARD_PREVIEW_ID)).toBeNull();
    dropBoardPreview();
  });
});
