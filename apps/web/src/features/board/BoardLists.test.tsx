// @vitest-environment jsdom
// A change of what the cards read from their context (someone's presence, a pending change, the
// card held in place, the time) renders the cards on screen again, not every item of every column
// (issue 14: on a 10,000-task board that was half a second for each presence change and each
// focus move between cards). Counted at react-aria's GridListItem, which renders once per item
// while react-aria builds the list's collection. The cards on screen still show the change.
import { forwardRef, type ComponentProps, type Ref } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cleanup, render, screen } from "@testing-library/react";
import type { Presence, Task, TaskStatus } from "../../lib/api.ts";
import { CREW3, task } from "../../test/fixtures.ts";
import { BoardCardProvider, BoardColumns, INERT_CARDS, type BoardCardContext } from "./BoardLists.tsx";
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

const presence = (id: string, place: Presence["place"]): Presence => ({
  user: { id, name: id, displayName: id, role: "crew" },
  status: "online",
  place,
});

const context = (presence: Map<string, Presence>): BoardCardContext => ({
  ...INERT_CARDS,
  presence,
  now: Date.parse("2026-11-26T00:00:00.000Z"),
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
      <BoardCardProvider value={context(new Map([["someone", presence("someone", "home")]]))}>
        <BoardColumns groups={groups} />
      </BoardCardProvider>,
    );
    expect(itemRenders.count - before).toBeLessThan(50);
  });

  it("a card on screen shows the new presence of its assignee (read from the context, not the collection)", async () => {
    const groups = columns(0);
    groups.doing = [task({ id: "doing-1", title: "doing 1", status: "doing", assignee: task().assignee })];
    const card = () => document.querySelector('[data-task-id="doing-1"] .person-status')?.textContent;
    const view = render(
      <BoardCardProvider value={context(new Map())}>
        <BoardColumns groups={groups} />
      </BoardCardProvider>,
    );
    await vi.waitFor(() => expect(card()).toBe("Place today not known"));
    view.rerender(
      <BoardCardProvider value={context(new Map([[CREW3, presence(CREW3, "office")]]))}>
        <BoardColumns groups={groups} />
      </BoardCardProvider>,
    );
    await vi.waitFor(() => expect(card()).toBe("At the officeOnline"));
  });
});
