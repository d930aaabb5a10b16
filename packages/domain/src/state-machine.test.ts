import { describe, expect, it } from "vitest";
import { canTransition, allowedTransitions } from "./state-machine.ts";
import { WORK_ORDER_STATUSES, WORK_ORDER_TRANSITIONS, type WorkOrderStatus } from "./work-order.ts";
import {
  TASK_STATUSES,
  TASK_TRANSITIONS,
  deriveTaskProgress,
  deriveWorkOrderProgress,
  type TaskStatus,
} from "./task.ts";

// Written out by hand from DESIGN.md so that a change to the tables has to change this too.
const WORK_ORDER_ALLOWED = new Set([
  "requested>accepted",
  "requested>declined",
  "accepted>in_progress",
  "accepted>declined",
  "in_progress>delivered",
  "delivered>completed",
  "delivered>revision_requested",
  "revision_requested>in_progress",
]);

const TASK_ALLOWED = new Set([
  "todo>doing",
  "todo>blocked",
  "doing>todo",
  "doing>review",
  "doing>blocked",
  "review>doing",
  "review>done",
  "review>blocked",
  "done>doing",
  "blocked>todo",
  "blocked>doing",
]);

describe("work order transitions", () => {
  for (const from of WORK_ORDER_STATUSES) {
    for (const to of WORK_ORDER_STATUSES) {
      const allowed = WORK_ORDER_ALLOWED.has(`${from}>${to}`);
      it(`${from} → ${to} is ${allowed ? "allowed" : "forbidden"}`, () => {
        expect(canTransition(WORK_ORDER_TRANSITIONS, from as WorkOrderStatus, to as WorkOrderStatus)).toBe(allowed);
      });
    }
  }
  it("completed and declined are final", () => {
    expect(allowedTransitions(WORK_ORDER_TRANSITIONS, "completed")).toEqual([]);
    expect(allowedTransitions(WORK_ORDER_TRANSITIONS, "declined")).toEqual([]);
  });
});

describe("task transitions", () => {
  for (const from of TASK_STATUSES) {
    for (const to of TASK_STATUSES) {
      const allowed = TASK_ALLOWED.has(`${from}>${to}`);
      it(`${from} → ${to} is ${allowed ? "allowed" : "forbidden"}`, () => {
        expect(canTransition(TASK_TRANSITIONS, from as TaskStatus, to as TaskStatus)).toBe(allowed);
      });
    }
  }
});

describe("progress", () => {
  it("follows the latest update and is clamped", () => {
    expect(deriveTaskProgress("doing", 40)).toBe(40);
    expect(deriveTaskProgress("doing", 140)).toBe(100);
    expect(deriveTaskProgress("todo", undefined)).toBe(0);
  });
  it("reads 100 % when the task is done", () => {
    expect(deriveTaskProgress("done", 80)).toBe(100);
  });
  it("weights a work order's tasks by their estimates", () => {
    expect(deriveWorkOrderProgress([])).toBe(0);
    expect(
      deriveWorkOrderProgress([
        { progress: 100, estimateMinutes: 60, status: "doing" },
        { progress: 0, estimateMinutes: 180, status: "todo" },
      ]),
    ).toBe(25);
    expect(
      deriveWorkOrderProgress([
        { progress: 50, estimateMinutes: null, status: "doing" },
        { progress: 0, estimateMinutes: null, status: "done" },
      ]),
    ).toBe(75);
  });
});

describe("company calendar", async () => {
  const { companyDay } = await import("./calendar.ts");
  it("uses Japan time: 20:00 UTC is already the next day in Tokyo", () => {
    expect(companyDay(new Date("2026-11-23T20:00:00Z"))).toBe("2026-11-24");
    expect(companyDay(new Date("2026-11-23T14:59:59Z"))).toBe("2026-11-23");
  });
});
