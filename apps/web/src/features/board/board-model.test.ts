import { describe, expect, it } from "vitest";
import { task, workOrder } from "../../test/fixtures.ts";
import {
  companyDay,
  companyWeek,
  dueCounts,
  dueWork,
  dragItemFor,
  dragTypeLane,
  dragTypeTo,
  filtersToSearch,
  fromCompanyLocalInput,
  groupByAssignee,
  groupByStatus,
  hoursLeft,
  matchesFilters,
  parseFilters,
  toCompanyLocalInput,
  TASK_DRAG_TYPE,
} from "./board-model.ts";

// 2026-11-24 (Tue) 10:00 in Tokyo
const NOW = Date.parse("2026-11-24T01:00:00.000Z");

describe("board filters in the URL", () => {
  it("round-trips and leaves defaults out", () => {
    const filters = parseFilters(new URLSearchParams("view=lanes&order=o1&company=c1&crew=none&due=today&blocked=1"));
    expect(filters).toEqual({ view: "lanes", order: "o1", company: "c1", crew: "none", due: "today", blocked: true });
    expect(filtersToSearch(filters).toString()).toBe("view=lanes&order=o1&company=c1&crew=none&due=today&blocked=1");
    expect(filtersToSearch(parseFilters(new URLSearchParams(""))).toString()).toBe("");
    expect(parseFilters(new URLSearchParams("due=someday&view=x")).due).toBeUndefined();
  });

  it("filters by order, company, crew (and unassigned), due and blocked", () => {
    const base = parseFilters(new URLSearchParams(""));
    const a = task({ id: "a", status: "blocked", dueAt: "2026-11-24T08:00:00.000Z" });
    const b = task({
      id: "b",
      assignee: null,
      dueAt: "2026-11-20T08:00:00.000Z",
      workOrder: { id: "wo-2", number: 3, title: "x", clientCompanyId: "c2" },
    });
    expect(matchesFilters(a, { ...base, blocked: true }, NOW)).toBe(true);
    expect(matchesFilters(b, { ...base, blocked: true }, NOW)).toBe(false);
    expect(matchesFilters(b, { ...base, crew: "none" }, NOW)).toBe(true);
    expect(matchesFilters(a, { ...base, crew: "none" }, NOW)).toBe(false);
    expect(matchesFilters(b, { ...base, order: "wo-2", company: "c2" }, NOW)).toBe(true);
    expect(matchesFilters(a, { ...base, company: "c2" }, NOW)).toBe(false);
    expect(matchesFilters(a, { ...base, due: "today" }, NOW)).toBe(true);
    expect(matchesFilters(b, { ...base, due: "overdue" }, NOW)).toBe(true);
    expect(
      matchesFilters(task({ status: "done", dueAt: "2026-11-20T08:00:00.000Z" }), { ...base, due: "overdue" }, NOW),
    ).toBe(false);
    expect(matchesFilters(task({ dueAt: "2026-11-29T08:00:00.000Z" }), { ...base, due: "week" }, NOW)).toBe(true); // Sunday
    expect(matchesFilters(task({ dueAt: "2026-11-30T08:00:00.000Z" }), { ...base, due: "week" }, NOW)).toBe(false); // next Monday
  });

  it("counts days in the company's time zone", () => {
    expect(companyDay("2026-11-23T15:30:00.000Z")).toBe("2026-11-24"); // 00:30 in Tokyo
    expect(companyWeek(NOW)).toEqual({ start: "2026-11-23", end: "2026-11-29" });
    expect(toCompanyLocalInput("2026-11-25T08:00:00.000Z")).toBe("2026-11-25T17:00");
    expect(fromCompanyLocalInput("2026-11-25T17:00")).toBe("2026-11-25T08:00:00.000Z");
    expect(fromCompanyLocalInput("tomorrow")).toBeUndefined();
  });
});

describe("grouping", () => {
  it("puts cards in columns by their shown status, in a stable order", () => {
    const groups = groupByStatus(
      [
        task({ id: "1", status: "todo", position: 1 }),
        task({ id: "2", status: "todo", position: 0 }),
        task({ id: "3", status: "doing" }),
      ],
      (t) => (t.id === "3" ? "blocked" : t.status),
    );
    expect(groups.todo.map((t) => t.id)).toEqual(["2", "1"]);
    expect(groups.blocked.map((t) => t.id)).toEqual(["3"]);
    expect(groups.doing).toEqual([]);
  });

  it("makes one swimlane per assignee, by name, and the unassigned last", () => {
    const lanes = groupByAssignee(
      [
        task({ id: "1", assignee: { id: "u2", name: "Yoshida Yoko", displayName: "Yoshida Yoko", role: "crew" } }),
        task({ id: "2", assignee: null }),
        task({
          id: "3",
          assignee: { id: "u1", name: "Kobayashi Ayaka", displayName: "Kobayashi Ayaka", role: "crew" },
        }),
      ],
      [],
      new Intl.Collator("en"),
    );
    expect(lanes.map((l) => l.id)).toEqual(["u1", "u2", "none"]);
    expect(lanes[2]!.tasks.map((t) => t.id)).toEqual(["2"]);
  });

  it("estimates hours left from open tasks", () => {
    expect(
      hoursLeft([
        task({ estimateMinutes: 360, progress: 50 }),
        task({ estimateMinutes: 120, progress: 0, status: "done" }),
        task({ estimateMinutes: null }),
      ]),
    ).toBe(3);
  });
});

describe("drag items", () => {
  it("carry the task id and one type per allowed status and the lane", () => {
    const item = dragItemFor(task({ id: "t1", allowedTransitions: ["doing", "blocked"], assignee: null }));
    expect(item[TASK_DRAG_TYPE]).toBe("t1");
    expect(Object.keys(item)).toEqual(
      expect.arrayContaining([dragTypeTo("doing"), dragTypeTo("blocked"), dragTypeLane("none")]),
    );
    expect(item[dragTypeTo("done")]).toBeUndefined();
  });
});

describe("what is late: overdue and due today, most urgent first", () => {
  // NOW is 2026-11-24 10:00 in Tokyo
  const jst = (day: string, time: string) => new Date(`${day}T${time}:00+09:00`).toISOString();

  it("lists overdue, then due today, by due time; urgent orders first at the same time; orders before tasks", () => {
    const seminar = workOrder({
      id: "wo-6",
      number: 6,
      status: "requested",
      priority: "urgent",
      dueAt: jst("2026-11-24", "15:00"),
    });
    const sameTime = workOrder({ id: "wo-7", number: 7, status: "in_progress", dueAt: jst("2026-11-24", "15:00") });
    const late = workOrder({ id: "wo-2", number: 2, status: "revision_requested", dueAt: jst("2026-11-23", "17:00") });
    const tomorrow = workOrder({ id: "wo-1", number: 1, status: "in_progress", dueAt: jst("2026-11-25", "12:00") });
    const delivered = workOrder({ id: "wo-3", number: 3, status: "delivered", dueAt: jst("2026-11-24", "09:00") });
    const completed = workOrder({ id: "wo-5", number: 5, status: "completed", dueAt: jst("2026-11-20", "17:00") });
    const tasks = [
      task({ id: "t-late", status: "doing", dueAt: jst("2026-11-24", "09:30") }),
      task({
        id: "t-noon",
        status: "todo",
        dueAt: jst("2026-11-24", "15:00"),
        workOrder: { id: "wo-7", number: 7, title: "x", clientCompanyId: "c" },
      }),
      task({ id: "t-done", status: "done", dueAt: jst("2026-11-23", "12:00") }),
      task({ id: "t-none", status: "todo", dueAt: null }),
      task({ id: "t-later", status: "blocked", dueAt: jst("2026-11-26", "17:00") }),
    ];
    const items = dueWork([sameTime, seminar, late, tomorrow, delivered, completed, seminar], tasks, NOW);
    expect(items.map((i) => [i.kind === "order" ? `#${i.order.number}` : i.task.id, i.state])).toEqual([
      ["#2", "overdue"],
      ["t-late", "overdue"],
      ["#6", "due_today"],
      ["#7", "due_today"],
      ["t-noon", "due_today"],
    ]);
  });

  it("counts a person's open tasks that are overdue and due today", () => {
    const tasks = [
      task({ status: "doing", dueAt: jst("2026-11-24", "09:00") }),
      task({ status: "blocked", dueAt: jst("2026-11-20", "17:00") }),
      task({ status: "todo", dueAt: jst("2026-11-24", "17:00") }),
      task({ status: "done", dueAt: jst("2026-11-24", "09:00") }),
      task({ status: "todo", dueAt: jst("2026-11-25", "09:00") }),
      task({ status: "todo", dueAt: null }),
    ];
    expect(dueCounts(tasks, NOW)).toEqual({ overdue: 2, dueToday: 1 });
  });
});
