import { describe, expect, it } from "vitest";
import { task } from "../../test/fixtures.ts";
import {
  companyDay,
  companyWeek,
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
    const b = task({ id: "b", assignee: null, dueAt: "2026-11-20T08:00:00.000Z", workOrder: { id: "wo-2", number: 3, title: "x", clientCompanyId: "c2" } });
    expect(matchesFilters(a, { ...base, blocked: true }, NOW)).toBe(true);
    expect(matchesFilters(b, { ...base, blocked: true }, NOW)).toBe(false);
    expect(matchesFilters(b, { ...base, crew: "none" }, NOW)).toBe(true);
    expect(matchesFilters(a, { ...base, crew: "none" }, NOW)).toBe(false);
    expect(matchesFilters(b, { ...base, order: "wo-2", company: "c2" }, NOW)).toBe(true);
    expect(matchesFilters(a, { ...base, company: "c2" }, NOW)).toBe(false);
    expect(matchesFilters(a, { ...base, due: "today" }, NOW)).toBe(true);
    expect(matchesFilters(b, { ...base, due: "overdue" }, NOW)).toBe(true);
    expect(matchesFilters(task({ status: "done", dueAt: "2026-11-20T08:00:00.000Z" }), { ...base, due: "overdue" }, NOW)).toBe(false);
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
      [task({ id: "1", status: "todo", position: 1 }), task({ id: "2", status: "todo", position: 0 }), task({ id: "3", status: "doing" })],
      (t) => (t.id === "3" ? "blocked" : t.status),
    );
    expect(groups.todo.map((t) => t.id)).toEqual(["2", "1"]);
    expect(groups.blocked.map((t) => t.id)).toEqual(["3"]);
    expect(groups.doing).toEqual([]);
  });

  it("makes one swimlane per assignee, by name, and the unassigned last", () => {
    const lanes = groupByAssignee([
      task({ id: "1", assignee: { id: "u2", name: "Yoshida Yoko", role: "crew" } }),
      task({ id: "2", assignee: null }),
      task({ id: "3", assignee: { id: "u1", name: "Kobayashi Ayaka", role: "crew" } }),
    ], [], new Intl.Collator("en"));
    expect(lanes.map((l) => l.id)).toEqual(["u1", "u2", "none"]);
    expect(lanes[2]!.tasks.map((t) => t.id)).toEqual(["2"]);
  });

  it("estimates hours left from open tasks", () => {
    expect(hoursLeft([task({ estimateMinutes: 360, progress: 50 }), task({ estimateMinutes: 120, progress: 0, status: "done" }), task({ estimateMinutes: null })])).toBe(3);
  });
});

describe("drag items", () => {
  it("carry the task id and one type per allowed status and the lane", () => {
    const item = dragItemFor(task({ id: "t1", allowedTransitions: ["doing", "blocked"], assignee: null }));
    expect(item[TASK_DRAG_TYPE]).toBe("t1");
    expect(Object.keys(item)).toEqual(expect.arrayContaining([dragTypeTo("doing"), dragTypeTo("blocked"), dragTypeLane("none")]));
    expect(item[dragTypeTo("done")]).toBeUndefined();
  });
});
