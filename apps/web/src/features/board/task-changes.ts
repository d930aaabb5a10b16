// Changing a task from the board (move to a status, assign): through the offline queue with the
// card's `version`, so that it survives going offline and never overwrites someone else's change
// unseen. What waits in the queue shows on its card (the card sits in the column it is moving
// to, marked "waiting to send"); a refusal becomes a problem the user resolves (a version
// conflict, an illegal move, another error).
import { useCallback, useMemo, useSyncExternalStore } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError, type Task, type TaskStatus, type BodyOf } from "../../lib/api.ts";
import { applyTask } from "../../lib/live.ts";
import { offlineQueue } from "../../lib/outbox.ts";
import { ownWrites } from "../../lib/own-writes.ts";
import type { QueueEntry } from "../../lib/offline-queue.ts";

export type TaskChange =
  | { kind: "move"; to: TaskStatus; reason?: string }
  | {
      kind: "assign";
      assigneeId: string | null;
      name: string | null;
      /** the manager confirmed an assignee who needs an override (issue 10) */
      override?: boolean;
    };

export type ChangeProblem =
  /** the task changed since the user read it: `current` is how it is now */
  | { kind: "conflict"; task: Task; current: Task; change: TaskChange }
  /** the server refused the status change: `allowed` is where it may go from its status */
  | { kind: "illegal"; task: Task; change: Extract<TaskChange, { kind: "move" }>; allowed: TaskStatus[] }
  | { kind: "error"; task: Task; change: TaskChange; error: unknown };

export type ChangeOutcome =
  { status: "sent"; task: Task } | { status: "queued" } | { status: "problem"; problem: ChangeProblem };

export function bodyFor(task: Pick<Task, "version">, change: TaskChange): BodyOf<"updateTask"> {
  if (change.kind === "assign")
    return {
      version: task.version,
      assigneeId: change.assigneeId,
      ...(change.override && change.assigneeId ? { assigneeOverride: true } : {}),
    };
  return change.to === "blocked"
    ? { version: task.version, status: "blocked", blockedReason: change.reason ?? "" }
    : { version: task.version, status: change.to };
}

/** Does `task` already look the way `change` wants it? */
export function alreadyApplied(task: Task, change: TaskChange): boolean {
  if (change.kind === "assign") return (task.assignee?.id ?? null) === change.assigneeId;
  return task.status === change.to && (change.to !== "blocked" || task.blockedReason === change.reason);
}

/** May `change` be applied to `task` as it is now? */
export function canApply(task: Task, change: TaskChange): boolean {
  return change.kind === "assign" || task.allowedTransitions.includes(change.to);
}

/** Turns a refusal into a problem for the user (or undefined for an error without a special case). */
export function problemFrom(error: unknown, task: Task, change: TaskChange): ChangeProblem {
  if (error instanceof ApiError && error.code === "task.version_conflict") {
    const current = error.current<Task>();
    if (current) return { kind: "conflict", task, current, change };
  }
  if (error instanceof ApiError && error.code === "task.illegal_transition" && change.kind === "move") {
    return { kind: "illegal", task, change, allowed: error.allowed as TaskStatus[] };
  }
  return { kind: "error", task, change, error };
}

export interface PendingChange {
  entry: QueueEntry;
  change: TaskChange;
}

function changeOf(entry: QueueEntry): TaskChange | undefined {
  if (entry.action.kind !== "task.update") return undefined;
  const body = entry.action.body;
  if (body.status) return { kind: "move", to: body.status, reason: body.blockedReason };
  if (body.assigneeId !== undefined) return { kind: "assign", assigneeId: body.assigneeId, name: null };
  return undefined;
}

/** Task changes waiting in the offline queue (or failed there), by task id, oldest first. */
export function usePendingChanges(): Map<string, PendingChange[]> {
  const snapshot = useSyncExternalStore(
    (listener) => offlineQueue.subscribe(listener),
    () => offlineQueue.snapshot,
    () => offlineQueue.snapshot,
  );
  return useMemo(() => {
    void snapshot; // recomputed whenever the queue changes
    const byTask = new Map<string, PendingChange[]>();
    for (const entry of offlineQueue.list()) {
      const change = changeOf(entry);
      if (!change || entry.action.kind !== "task.update") continue;
      const id = entry.action.taskId;
      byTask.set(id, [...(byTask.get(id) ?? []), { entry, change }]);
    }
    return byTask;
  }, [snapshot]);
}

/**
 * submit(task, change): sends the change with the task's version. Resolves "sent" (the caches
 * hold the answer), "queued" (offline: sent later), or "problem" for the user to resolve.
 * `isOwnUpdate(task)` tells whether a live event is the echo of this user's own change: it waits
 * for the user's writes to the task still in flight (the event may come before the answer).
 */
export function useTaskChanges(userId: string) {
  const queryClient = useQueryClient();

  const submit = useCallback(
    async (task: Task, change: TaskChange): Promise<ChangeOutcome> => {
      try {
        const outcome = await offlineQueue.submit({
          kind: "task.update",
          taskId: task.id,
          body: bodyFor(task, change),
        });
        if (outcome.status === "queued") return { status: "queued" };
        const saved = outcome.result;
        applyTask(queryClient, saved, { userId });
        return { status: "sent", task: saved };
      } catch (error) {
        const problem = problemFrom(error, task, change);
        // show the board as it is now, whatever the user decides
        if (problem.kind === "conflict") applyTask(queryClient, problem.current, { userId });
        return { status: "problem", problem };
      }
    },
    [queryClient, userId],
  );

  const isOwnUpdate = useCallback((task: Pick<Task, "id" | "version">) => ownWrites.isOwnEcho(task), []);
  /** a task this user created or changed by other means (e.g. splitting an order) */
  const markOwn = useCallback((task: Pick<Task, "id" | "version">) => ownWrites.remember(task.id, task.version), []);

  return { submit, isOwnUpdate, markOwn };
}
