import { describe, expect, it } from "vitest";
import { matchesListQuery, TASK_LIST_FILTERS, WORK_ORDER_LIST_FILTERS } from "./list-queries.ts";

const viewer = { id: "crew-3" };

const order = (title: string, extra: Partial<{ status: string; clientCompanyId: string; priority: string }> = {}) => ({
  status: "requested",
  clientCompanyId: "company-1",
  priority: "normal",
  title,
  ...extra,
});

const task = (
  extra: Partial<{
    workOrderId: string;
    assigneeId: string | null;
    status: string;
    dueAt: string | null;
    revisionRequest: object | null;
  }> = {},
) => ({
  workOrderId: "wo-1",
  assigneeId: "crew-3",
  status: "doing",
  dueAt: "2026-11-25T08:00:00.000Z",
  revisionRequest: null,
  ...extra,
});

describe("work order list filters (GET /work-orders)", () => {
  const matches = (query: Parameters<typeof matchesListQuery<typeof WORK_ORDER_LIST_FILTERS>>[1], title: string) =>
    matchesListQuery(WORK_ORDER_LIST_FILTERS, query, order(title), viewer);

  it("q matches the whole phrase, ignoring case, as the server's title search does", () => {
    expect(matches({ q: "monthly REPORT" }, "Monthly report for November")).toBe(true);
    expect(matches({ q: "  monthly report " }, "Monthly report for November")).toBe(true); // the server trims the query
    // words in another order are another phrase: the server does not find this order
    expect(matches({ q: "report monthly" }, "Monthly report for November")).toBe(false);
    expect(matches({ q: "monthly November" }, "Monthly report for November")).toBe(false);
  });

  it("q takes % and _ as letters, not as wildcards", () => {
    expect(matches({ q: "100%" }, "Raise coverage to 100%")).toBe(true);
    expect(matches({ q: "a%c" }, "abc")).toBe(false);
    expect(matches({ q: "a_c" }, "abc")).toBe(false);
  });

  it("status is one of a list; company and priority are equal; empty values do not filter", () => {
    expect(matches({ status: ["requested", "accepted"] }, "x")).toBe(true);
    expect(matches({ status: ["accepted"] }, "x")).toBe(false);
    expect(matches({ status: [] }, "x")).toBe(true);
    expect(matches({ clientCompanyId: "company-2" }, "x")).toBe(false);
    expect(matches({ priority: "normal", q: "" }, "x")).toBe(true);
    // cursor and limit are paging, not filters
    expect(matchesListQuery(WORK_ORDER_LIST_FILTERS, { limit: 20, cursor: "abc" } as never, order("x"), viewer)).toBe(
      true,
    );
  });
});

describe("task list filters (GET /tasks)", () => {
  const matches = (query: Parameters<typeof matchesListQuery<typeof TASK_LIST_FILTERS>>[1], facts = task()) =>
    matchesListQuery(TASK_LIST_FILTERS, query, facts, viewer);

  it("dueBefore includes a task due at that very instant (<=), as the server does", () => {
    expect(matches({ dueBefore: "2026-11-25T08:00:00.000Z" })).toBe(true);
    expect(matches({ dueBefore: "2026-11-25T07:59:59.999Z" })).toBe(false);
    // the same instant written with the company's offset
    expect(matches({ dueBefore: "2026-11-25T17:00:00+09:00" })).toBe(true);
    expect(matches({ dueBefore: "2026-11-26T00:00:00.000Z" }, task({ dueAt: null }))).toBe(false);
  });

  it("assigneeId 'me' is the viewer", () => {
    expect(matches({ assigneeId: "me" })).toBe(true);
    expect(matches({ assigneeId: "me" }, task({ assigneeId: "crew-5" }))).toBe(false);
    expect(matches({ assigneeId: "crew-5" }, task({ assigneeId: "crew-5" }))).toBe(true);
  });

  it("blocked and status both hold when both are given", () => {
    expect(matches({ blocked: true }, task({ status: "blocked" }))).toBe(true);
    expect(matches({ blocked: false }, task({ status: "blocked" }))).toBe(false);
    expect(matches({ blocked: false })).toBe(true);
    expect(matches({ status: ["doing"], blocked: true })).toBe(false);
  });

  it("revisionRequested asks whether the task's order has a standing revision request", () => {
    const asked = task({ revisionRequest: { comment: "again" } });
    expect(matches({ revisionRequested: true }, asked)).toBe(true);
    expect(matches({ revisionRequested: false }, asked)).toBe(false);
    expect(matches({ revisionRequested: false })).toBe(true);
  });
});
