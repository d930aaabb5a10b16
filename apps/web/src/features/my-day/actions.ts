// What My Day sends, and how it shows before the server answers.
//
// Every task change and progress update goes through the offline queue (lib/outbox.ts): sent at
// once when online, kept in IndexedDB and sent later, once, when not. A queued change is shown
// on the card at once (status, percent, minutes) with "waiting to be sent", and its predicted
// version (the server adds one per change) lets the next action queue behind it correctly.
//
// Own changes are remembered by task version, so that the live events they cause are not
// announced back to the user as "changed by someone else".
import { useSyncExternalStore } from "react";
import type { QueryClient } from "@tanstack/react-query";
import type { I18n } from "../../i18n/index.ts";
import { ApiError, type Task, type TaskStatus } from "../../lib/api.ts";
import { errorMessage } from "../../ui/errors.ts";
import { applyTask } from "../../lib/live.ts";
import { offlineQueue } from "../../lib/outbox.ts";
import type { QueueEntry, SubmitOutcome } from "../../lib/offline-queue.ts";
import { TASK_NEXT } from "./task-order.ts";

// ---- own changes ------------------------------------------------------------------

const ownVersions = new Map<string, number>();

/** This task's `version` (and those before it) came from the user's own change. */
export function markOwnVersion(taskId: string, version: number): void {
  ownVersions.set(taskId, Math.max(ownVersions.get(taskId) ?? 0, version));
}

export function isOwnVersion(task: Pick<Task, "id" | "version">): boolean {
  return (ownVersions.get(task.id) ?? 0) >= task.version;
}

/** For tests. */
export function forgetOwnVersions(): void {
  ownVersions.clear();
}

// ---- the queue, per task ------------------------------------------------------------

/** Waiting and failed entries of the offline queue (re-renders when they change). */
export function useQueueEntries(): readonly QueueEntry[] {
  useSyncExternalStore(
    (listener) => offlineQueue.subscribe(listener),
    () => offlineQueue.snapshot,
    () => offlineQueue.snapshot,
  );
  return offlineQueue.list();
}

export function entriesFor(entries: readonly QueueEntry[], taskId: string): QueueEntry[] {
  return entries.filter(
    (e) => (e.action.kind === "progress.create" || e.action.kind === "task.update") && e.action.taskId === taskId,
  );
}

// ---- sending ------------------------------------------------------------------------

export interface StatusChange {
  status: TaskStatus;
  blockedReason?: string;
}

/** Sends a status change for `task` (at the version shown); updates the caches with the answer. */
export async function sendStatusChange(
  client: QueryClient,
  userId: string,
  task: Task,
  change: StatusChange,
): Promise<SubmitOutcome<Task>> {
  markOwnVersion(task.id, task.version + 1);
  const body = {
    version: task.version,
    status: change.status,
    ...(change.status === "blocked" ? { blockedReason: change.blockedReason } : {}),
  };
  const outcome = await offlineQueue.submit({ kind: "task.update", taskId: task.id, body });
  if (outcome.status === "sent") {
    markOwnVersion(task.id, outcome.result.version);
    applyTask(client, outcome.result, { userId });
  } else {
    applyTask(client, predictStatus(task, change), { userId });
  }
  return outcome;
}

export interface ProgressInput {
  percent: number;
  note: string;
  minutesSpent: number;
}

export async function sendProgress(
  client: QueryClient,
  userId: string,
  task: Task,
  input: ProgressInput,
): Promise<SubmitOutcome<{ task: Task }>> {
  markOwnVersion(task.id, task.version + 1);
  const outcome = await offlineQueue.submit({ kind: "progress.create", taskId: task.id, body: input });
  if (outcome.status === "sent") {
    markOwnVersion(task.id, outcome.result.task.version);
    applyTask(client, outcome.result.task, { userId });
  } else {
    applyTask(client, predictProgress(task, input), { userId });
  }
  return outcome;
}

/** How the server will change the task (update-task.ts), for a change that waits offline. */
export function predictStatus(task: Task, change: StatusChange): Task {
  return {
    ...task,
    status: change.status,
    blockedReason: change.status === "blocked" ? (change.blockedReason ?? null) : null,
    allowedTransitions: TASK_NEXT[change.status],
    version: task.version + 1,
  };
}

/** How the server will change the task (log-progress.ts): a first update starts a task to do. */
export function predictProgress(task: Task, input: ProgressInput): Task {
  const status: TaskStatus = task.status === "todo" ? "doing" : task.status;
  return {
    ...task,
    status,
    allowedTransitions: TASK_NEXT[status],
    progress: input.percent,
    minutesSpent: task.minutesSpent + input.minutesSpent,
    version: task.version + 1,
  };
}

/**
 * Why a task change or progress update was refused, in the UI language. The server's `detail` is
 * English only, so the codes this screen meets get words of their own.
 */
export function refusalReason(error: unknown, t: I18n["t"]): string {
  if (error instanceof ApiError) {
    if (error.code === "task.illegal_transition") return t("myDay.reason.illegal");
    if (error.code === "work_order.not_editable") return t("myDay.reason.orderClosed");
    if (error.code === "task.version_conflict") return t("error.conflict");
    if (error.status === 409) return t("error.conflict");
    if (error.status === 400 || error.status === 422) return t("error.validation");
  }
  return errorMessage(error, t);
}
