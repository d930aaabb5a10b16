// The URLs the web app asks and the server preloads (issue 14) come from one builder.
import { describe, expect, it } from "vitest";
import { BOARD_FIRST_PAGE, TASK_PAGE_MAX, boardTasksPage, operationPath, queryString } from "./http.ts";

describe("operation URLs", () => {
  it("fills the params and writes the query in its keys' order, lists comma-separated, empty values left out", () => {
    expect(operationPath("getTask", { params: { id: "a/b" } })).toBe("/tasks/a%2Fb");
    expect(queryString({ status: ["todo", "doing"], blocked: true, q: "", none: undefined, empty: [] })).toBe(
      "?status=todo%2Cdoing&blocked=true",
    );
    expect(queryString({})).toBe("");
  });

  it("the board's pages: a small first page, then big ones; ruby=true only with easy-read", () => {
    expect(operationPath("listTasks", { query: boardTasksPage(false) })).toBe(`/tasks?limit=${BOARD_FIRST_PAGE}`);
    expect(operationPath("listTasks", { query: boardTasksPage(true) })).toBe(
      `/tasks?limit=${BOARD_FIRST_PAGE}&ruby=true`,
    );
    expect(boardTasksPage(true, "c1")).toEqual({ limit: TASK_PAGE_MAX, ruby: true, cursor: "c1" });
  });
});
