// The order of My Day's tasks, and keeping it still while the user works.
//
// The ideal order is: doing first, then blocked, to do, review; then by due date (soonest first,
// none last), then the manager's position. But a list that re-sorts itself whenever a task
// changes (the user's own "Start", a manager's edit, a new task arriving) moves the card the user
// is reading or typing in — and React moving a focused card drops its focus. So the order shown
// is taken once, new tasks are added at the end, and the user re-sorts on request.
import { useCallback, useMemo, useRef, useState } from "react";
import type { Task, TaskStatus } from "../../lib/api.ts";

const RANK: Record<TaskStatus, number> = { doing: 0, blocked: 1, todo: 2, review: 3, done: 4 };

export function compareTasks(a: Task, b: Task): number {
  const byStatus = RANK[a.status] - RANK[b.status];
  if (byStatus !== 0) return byStatus;
  const dueA = a.dueAt ? Date.parse(a.dueAt) : Number.POSITIVE_INFINITY;
  const dueB = b.dueAt ? Date.parse(b.dueAt) : Number.POSITIVE_INFINITY;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  if (a.position !== b.position) return a.position - b.position;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Tasks still to work on, in the ideal order: not done — except a done task whose order the client
 * sent back for a revision, which stays (last) until the order is delivered again.
 */
export function sortMyTasks(tasks: readonly Task[]): Task[] {
  return tasks.filter((t) => t.status !== "done" || t.revisionRequest !== null).sort(compareTasks);
}

/**
 * Keeps `shown` (ids in display order) in step with `tasks` without moving what is there:
 * gone ones drop out, new ones go to the end (in the ideal order among themselves).
 */
export function mergeOrder(shown: readonly string[], tasks: readonly Task[]): string[] {
  const sorted = sortMyTasks(tasks);
  const present = new Set(sorted.map((t) => t.id));
  const kept = shown.filter((id) => present.has(id));
  const keptSet = new Set(kept);
  const added = sorted.filter((t) => !keptSet.has(t.id)).map((t) => t.id);
  const next = [...kept, ...added];
  return next.length === shown.length && next.every((id, i) => id === shown[i]) ? (shown as string[]) : next;
}

export interface StableOrder {
  /** tasks in display order */
  tasks: Task[];
  /** ids that arrived after the list was first shown (marked "new" until re-sorted) */
  added: ReadonlySet<string>;
  /** the display order differs from the ideal one */
  stale: boolean;
  resort(): void;
}

/** The tasks in a display order that changes only when the user asks (see the file comment). */
export function useStableOrder(tasks: readonly Task[] | undefined): StableOrder {
  const shownRef = useRef<string[] | undefined>(undefined);
  const addedRef = useRef<Set<string>>(new Set());
  const [, setGeneration] = useState(0);

  let shown = shownRef.current;
  if (tasks) {
    if (!shown) {
      shown = sortMyTasks(tasks).map((t) => t.id);
    } else {
      const merged = mergeOrder(shown, tasks);
      if (merged !== shown) {
        const before = new Set(shown);
        for (const id of merged) if (!before.has(id)) addedRef.current.add(id);
        shown = merged;
      }
    }
    shownRef.current = shown;
  }

  const resort = useCallback(() => {
    shownRef.current = undefined;
    addedRef.current = new Set();
    setGeneration((g) => g + 1);
  }, []);

  const ordered = useMemo(() => {
    const byId = new Map((tasks ?? []).map((t) => [t.id, t]));
    return (shown ?? []).map((id) => byId.get(id)).filter((t): t is Task => Boolean(t));
  }, [tasks, shown]);

  const ideal = useMemo(() => sortMyTasks(tasks ?? []).map((t) => t.id), [tasks]);
  const stale = ideal.length !== ordered.length || ideal.some((id, i) => id !== ordered[i]?.id);
  return { tasks: ordered, added: addedRef.current, stale, resort };
}

/**
 * Where a status can go (packages/domain TASK_TRANSITIONS, copied: the web bundle takes only
 * types from the shared packages). Used for a change that waits offline, until the server's
 * own `allowedTransitions` come back.
 */
export const TASK_NEXT: Record<TaskStatus, TaskStatus[]> = {
  todo: ["doing", "blocked"],
  doing: ["todo", "review", "blocked"],
  review: ["doing", "done", "blocked"],
  done: ["doing"],
  blocked: ["todo", "doing"],
};
