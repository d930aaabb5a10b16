// @vitest-environment jsdom
// A work order's tasks: a table on wide screens; on narrow ones (320 px) a list of cards with the
// table's labels, so that nothing scrolls sideways (WCAG 1.4.10).
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import type { UseQueryResult } from "@tanstack/react-query";
import { OrderTasks, TASK_CARDS_BELOW_REM } from "./OrderTasks.tsx";
import { narrowerThanQuery } from "../../ui/media.ts";
import { makeUser, renderSignedIn } from "../../test/render.tsx";
import { task } from "../../test/fixtures.ts";
import { setLocale } from "../../i18n/index.ts";
import type { Page, Task } from "../../lib/api.ts";

const manager = makeUser({ role: "manager", name: "高橋 真理子" });
const items = [
  task({ id: "t-1", title: "伝票 1〜60 の入力", status: "doing", progress: 40, position: 0 }),
  task({
    id: "t-2",
    title: "伝票 61〜120 の入力",
    status: "blocked",
    blockedReason: "原本が届いていません",
    progress: 10,
    position: 1,
    assignee: null,
  }),
];
const loaded = { isPending: false, data: { items, nextCursor: null } } as unknown as UseQueryResult<Page<Task>>;

/** A screen as wide or as narrow as the cards' media query says. */
function screenIsNarrow(narrow: boolean) {
  vi.stubGlobal("matchMedia", (query: string) => ({
    matches: query === narrowerThanQuery(TASK_CARDS_BELOW_REM, 16) ? narrow : false,
    addEventListener: () => {},
    removeEventListener: () => {},
  }));
}

describe("a work order's tasks", () => {
  beforeEach(() => setLocale("ja"));
  afterEach(() => vi.unstubAllGlobals());

  it("are a table with a caption and column headers on a wide screen", () => {
    screenIsNarrow(false);
    renderSignedIn(<OrderTasks tasks={loaded} user={manager} />, { user: manager });
    const table = screen.getByRole("table", { name: "この依頼のタスク（2 件）" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["タスク", "担当", "状況", "進捗"]);
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(screen.queryByTestId("wo-task-cards")).not.toBeInTheDocument();
  });

  it("are a list of cards on a narrow screen: a heading per task, each value with the table's label", () => {
    screenIsNarrow(true);
    renderSignedIn(<OrderTasks tasks={loaded} user={manager} />, { user: manager });
    expect(screen.queryByRole("table")).not.toBeInTheDocument();
    const list = screen.getByRole("list", { name: "この依頼のタスク（2 件）" });
    const cards = within(list).getAllByRole("listitem");
    expect(cards).toHaveLength(2);
    expect(within(cards[0]!).getByRole("heading", { level: 3 })).toHaveTextContent("伝票 1〜60 の入力");
    const labels = (card: HTMLElement) => [...card.querySelectorAll("dt")].map((dt) => dt.textContent);
    expect(labels(cards[0]!)).toEqual(["担当", "状況", "進捗"]);
    expect(cards[0]).toHaveTextContent("40%");
    // the stopped task says why, and that nobody is on it
    expect(cards[1]).toHaveTextContent("原本が届いていません");
    expect(cards[1]).toHaveTextContent("未割り当て");
  });
});
