// @vitest-environment jsdom
// A change of what the cards read from their context (someone's presence, a pending change, the
// card held in place, the time) renders the cards on screen again, not every item of every column
// (issue 14: on a 10,000-task board that was half a second for each presence change and each
// focus move between cards). Counted at react-aria's GridListItem, which renders once per item in
// the list's collection and once more for each card on screen.
import { forwardRef, type ComponentProps, type Ref } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import type { Presence, Task, TaskStatus } from "../../lib/api.ts";
import { task } from "../../test/fixtures.ts";
import { BoardCardProvider, BoardColumns, type BoardCardContext } from "./BoardLists.tsx";
import { BOARD_COLUMNS } from "./board-model.ts";

const itemRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock("react-aria-components", async (importOriginal) => {
  const aria = await importOriginal<typeof import("react-aria-components")>();
  const { GridListItem } = aria;
  const Counted = forwardRef(function Counted(props: ComponentProps<typeof GridListItem>, ref: Ref<HTMLDivElement>) {
    itemRenders.count += 1;
    return <GridListItem {...props} ref={ref} />;
  });
  return { ...aria, GridListItem: Counted };
});

const context = (presence: Map<string, Presence>): BoardCardContext => ({
  presence,
  pending: new Map(),
  movedElsewhere: () => undefined,
  now: Date.parse("2026-11-26T00:00:00.000Z"),
  onPick: () => {},
  onOpenDetail: () => {},
  onMenuOpenChange: () => {},
  onDropTask: () => {},
  onRetry: () => {},
  onDiscard: () => {},
});

function columns(todo: number): Record<TaskStatus, Task[]> {
  const groups = Object.fromEntries(BOARD_COLUMNS.map((status) => [status, [] as Task[]])) as Record<
    TaskStatus,
    Task[]
  >;
  groups.todo = Array.from({ length: todo }, (_, i) => task({ id: `todo-${i}`, title: `todo ${i}`, status: "todo" }));
  return groups;
}

describe("the board's columns", () => {
  afterEach(cleanup);

  it("a presence change renders the cards on screen again, not every task of a long column", async () => {
    const groups = columns(150);
    const view = render(
      <BoardCardProvider value={context(new Map())}>
        <BoardColumns groups={groups} />
      </BoardCardProvider>,
    );
    expect(await screen.findByRole("grid", { name: /150/ })).toBeTruthy();
    const before = itemRenders.count;
    expect(before).toBeGreaterThanOrEqual(150); // the collection holds every task
    view.rerender(
      <BoardCardProvider value={context(new Map([["someone", { status: "online", place: "home" } as Presence]]))}>
        <BoardColumns groups={groups} />
      </BoardCardProvider>,
    );
    expect(itemRenders.count - before).toBeLessThan(50);
  });
});
