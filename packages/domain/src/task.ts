import type { TransitionTable } from "./state-machine.ts";

export const TASK_STATUSES = ["todo", "doing", "review", "done", "blocked"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * todo → doing → review → done; blocked (a reason is required) from todo/doing/review and back
 * to where work resumes; review can send work back to doing; done can be reopened for a revision.
 */
export const TASK_TRANSITIONS: TransitionTable<TaskStatus> = {
  todo: ["doing", "blocked"],
  doing: ["todo", "review", "blocked"],
  review: ["doing", "done", "blocked"],
  done: ["doing"],
  blocked: ["todo", "doing"],
};

export const PROGRESS_MIN = 0;
export const PROGRESS_MAX = 100;

/** A task's progress follows its latest update, except that a finished task reads 100 %. */
export function deriveTaskProgress(status: TaskStatus, latestPercent: number | undefined): number {
  if (status === "done") return PROGRESS_MAX;
  return Math.min(PROGRESS_MAX, Math.max(PROGRESS_MIN, latestPercent ?? 0));
}

/** Work order progress: tasks weighted by their estimate (1 h when none is given). */
export function deriveWorkOrderProgress(
  tasks: readonly { progress: number; estimateMinutes: number | null; status: TaskStatus }[],
): number {
  if (tasks.length === 0) return 0;
  let weighted = 0;
  let total = 0;
  for (const t of tasks) {
    const weight = t.estimateMinutes && t.estimateMinutes > 0 ? t.estimateMinutes : 60;
    weighted += deriveTaskProgress(t.status, t.progress) * weight;
    total += weight;
  }
  return Math.round(weighted / total);
}
