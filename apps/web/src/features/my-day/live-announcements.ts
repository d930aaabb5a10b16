// Live changes to my tasks made by someone else (a manager's new task, a status change, a task
// taken away), said through the app's one polite live region, batched ("3 tasks updated").
// Focus never moves. The user's own changes are not said back (see actions.ts, own versions).
// A client's revision request is said once, in full with its comment, from the one notification
// each assignee receives (the task:updated events that carry it, one per task, keep their
// version and stay silent); a notification replayed after a reconnect is not said again.
import { useRef } from "react";
import type { I18n } from "../../i18n/index.ts";
import type { Task } from "../../lib/api.ts";
import type { AnnounceOptions } from "../../lib/announcer.tsx";
import { useAnnouncer } from "../../lib/announcer.tsx";
import { useLiveEvent } from "../../lib/live.ts";
import type { LiveEnvelope } from "../../lib/socket.ts";
import { isOwnVersion } from "./actions.ts";

export interface Announcement {
  text: string;
  options: AnnounceOptions;
}

/**
 * What to say about one event, given the task as it was shown before (`previous`), or null.
 * Pure: tested in live-announcements.test.ts.
 */
export function describeTaskEvent(
  envelope: LiveEnvelope,
  previous: ReadonlyMap<string, Task>,
  userId: string,
  t: I18n["t"],
): Announcement | null {
  switch (envelope.event) {
    case "task:created": {
      const task = envelope.data;
      if (task.assignee?.id !== userId || task.status === "done") return null;
      return {
        text: t("myDay.live.created", { title: task.title, number: task.workOrder.number }),
        options: { group: "tasks" },
      };
    }
    case "task:updated": {
      const task = envelope.data;
      const before = previous.get(task.id);
      if (isOwnVersion(task)) return null;
      if (task.assignee?.id !== userId) {
        return before ? { text: t("myDay.live.removed", { title: before.title }), options: { group: "tasks" } } : null;
      }
      if (!before) {
        // newly assigned to me (moved from someone else)
        return {
          text: t("myDay.live.created", { title: task.title, number: task.workOrder.number }),
          options: { group: "tasks" },
        };
      }
      if (before.version >= task.version) return null; // replayed or already shown
      if (task.status !== before.status) {
        if (task.status === "blocked") {
          return {
            text: t("myDay.live.blocked", { title: task.title, reason: task.blockedReason ?? "" }),
            options: { group: "tasks", important: true },
          };
        }
        return {
          text: t("myDay.live.status", { title: task.title, status: t(`taskStatus.${task.status}`) }),
          options: { group: "tasks" },
        };
      }
      return { text: t("myDay.live.updated", { title: task.title }), options: { group: "tasks" } };
    }
    case "progress:created": {
      const { task, progressUpdate } = envelope.data;
      if (progressUpdate.author.id === userId || isOwnVersion(task)) return null;
      const before = previous.get(task.id);
      if (!before || before.version >= task.version) return null;
      return {
        text: t("myDay.live.progress", { title: task.title, percent: task.progress }),
        options: { group: "progress" },
      };
    }
    case "task:removed": {
      const before = previous.get(envelope.data.taskId);
      return {
        text: before ? t("myDay.live.removed", { title: before.title }) : t("myDay.live.removedUnknown"),
        options: { group: "tasks" },
      };
    }
    default:
      return null;
  }
}

/** What to say about a notification that arrived live, or null (only revision requests, here). */
export function describeNotification(envelope: LiveEnvelope, t: I18n["t"]): Announcement | null {
  if (envelope.event !== "notification:created" || envelope.data.kind !== "work_order.revision_requested") return null;
  const data = envelope.data.data as { number?: unknown; title?: unknown; requestedBy?: unknown; comment?: unknown };
  const text = (v: unknown) => (typeof v === "string" || typeof v === "number" ? String(v) : "");
  return {
    text: t("myDay.live.revision", {
      number: text(data.number),
      title: text(data.title),
      name: text(data.requestedBy),
      comment: text(data.comment),
    }),
    options: { group: "tasks", important: true },
  };
}

/** Announces others' changes to the tasks shown (`tasks`: as last rendered). */
export function useTaskAnnouncements(tasks: readonly Task[] | undefined, userId: string, t: I18n["t"]): void {
  const { announce } = useAnnouncer();
  // The handler runs after the caches changed but before the next render: this still holds the
  // tasks as the user last saw them.
  const shown = useRef<ReadonlyMap<string, Task>>(new Map());
  shown.current = new Map((tasks ?? []).map((task) => [task.id, task]));
  useLiveEvent(
    ["task:created", "task:updated", "task:removed", "progress:created", "notification:created"],
    (envelope, { replayed }) => {
      const said =
        envelope.event === "notification:created"
          ? replayed
            ? null
            : describeNotification(envelope, t)
          : describeTaskEvent(envelope, shown.current, userId, t);
      if (said) announce(said.text, said.options);
    },
  );
}
