// My Day's task order: the ideal order, and a shown order that does not move under the user.
import { describe, expect, it } from "vitest";
import { task } from "../../test/fixtures.ts";
import { mergeOrder, sortMyTasks } from "./task-order.ts";
import { describeTaskEvent } from "./live-announcements.ts";
import { forgetOwnVersions, markOwnVersion } from "./actions.ts";
import { envelope, CREW3, CREW5, progressUpdate } from "../../test/fixtures.ts";
import { i18nFor } from "../../i18n/index.ts";

describe("task order", () => {
  it("puts doing first, then blocked, to do, review; then the soonest due; done is left out", () => {
    const tasks = [
      task({ id: "r", status: "review" }),
      task({ id: "t2", status: "todo", dueAt: "2026-11-27T00:00:00.000Z" }),
      task({ id: "t-none", status: "todo", dueAt: null }),
      task({ id: "t1", status: "todo", dueAt: "2026-11-25T00:00:00.000Z" }),
      task({ id: "b", status: "blocked" }),
      task({ id: "d", status: "doing" }),
      task({ id: "x", status: "done" }),
    ];
    expect(sortMyTasks(tasks).map((t) => t.id)).toEqual(["d", "b", "t1", "t2", "t-none", "r"]);
  });

  it("keeps the shown order: changed tasks stay, new ones go to the end, gone ones drop out", () => {
    const shown = ["a", "b", "c"];
    const next = mergeOrder(shown, [
      task({ id: "c", status: "doing" }), // would now sort first
      task({ id: "a", status: "todo" }),
      task({ id: "new", status: "doing" }),
    ]);
    expect(next).toEqual(["a", "c", "new"]);
    // nothing changed: the same array (no re-render churn)
    const same = ["a", "b"];
    expect(mergeOrder(same, [task({ id: "a" }), task({ id: "b" })])).toBe(same);
  });
});

describe("live announcements on My Day", () => {
  const { t } = i18nFor("ja");
  const mine = (overrides = {}) =>
    task({ assignee: { id: CREW3, name: "中村 美咲", displayName: "中村 美咲", role: "crew" }, ...overrides });

  it("says a new task is mine, with its order", () => {
    const said = describeTaskEvent(
      envelope("task:created", mine({ id: "n", title: "伝票 61〜120" })),
      new Map(),
      CREW3,
      t,
    );
    expect(said).toEqual({
      text: "新しいタスクが割り当てられました：伝票 61〜120（依頼 #12）",
      options: { group: "tasks" },
    });
  });

  it("says others' status changes, blocked in full; and not my own changes", () => {
    forgetOwnVersions();
    const before = mine({ version: 1, status: "doing" });
    const shown = new Map([[before.id, before]]);
    const blocked = mine({ version: 2, status: "blocked", blockedReason: "原本が届いていません" });
    expect(describeTaskEvent(envelope("task:updated", blocked), shown, CREW3, t)).toEqual({
      text: "伝票 1〜60：作業が止まっています。理由：原本が届いていません",
      options: { group: "tasks", important: true },
    });
    expect(
      describeTaskEvent(envelope("task:updated", mine({ version: 2, status: "review" })), shown, CREW3, t)!.text,
    ).toBe("伝票 1〜60：状況が「確認待ち」になりました。");

    markOwnVersion(before.id, 2);
    expect(describeTaskEvent(envelope("task:updated", blocked), shown, CREW3, t)).toBeNull();
    // an event already shown (replayed after a reconnect) is not said again
    forgetOwnVersions();
    expect(describeTaskEvent(envelope("task:updated", before), shown, CREW3, t)).toBeNull();
  });

  it("says a task taken away by its title, and ignores my own progress", () => {
    forgetOwnVersions();
    const before = mine({ version: 3 });
    const shown = new Map([[before.id, before]]);
    expect(
      describeTaskEvent(envelope("task:removed", { taskId: before.id, workOrderId: "wo-1" }), shown, CREW3, t)!.text,
    ).toBe("伝票 1〜60：担当から外れました。");
    const own = envelope("progress:created", {
      progressUpdate: progressUpdate({
        author: { id: CREW3, name: "中村 美咲", displayName: "中村 美咲", role: "crew" },
      }),
      task: mine({ version: 4, progress: 33 }),
    });
    expect(describeTaskEvent(own, shown, CREW3, t)).toBeNull();
    const byManager = envelope("progress:created", {
      progressUpdate: progressUpdate({ author: { id: CREW5, name: "高橋", displayName: "高橋", role: "manager" } }),
      task: mine({ version: 4, progress: 50 }),
    });
    expect(describeTaskEvent(byManager, shown, CREW3, t)).toEqual({
      text: "伝票 1〜60：進捗が 50% になりました。",
      options: { group: "progress" },
    });
  });
});
