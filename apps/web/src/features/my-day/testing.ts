// Test helpers for My Day's component tests: a small fake of the REST API behind fetch that
// keeps tasks and check-ins, records every call, and can be told to answer with a conflict.
import { vi } from "vitest";
import type { CheckIn, Task } from "../../lib/api.ts";
import { offlineQueue } from "../../lib/outbox.ts";

export interface Call {
  method: string;
  path: string;
  body: any; // parsed JSON of the request
  headers: Record<string, string>;
}

const problem = (status: number, body: Record<string, unknown>) =>
  Response.json(
    { status, title: String(body.code), ...body },
    { status, headers: { "content-type": "application/problem+json" } },
  );

export function fakeApi(options: { tasks?: Task[]; checkIns?: CheckIn[] } = {}) {
  const tasks = new Map((options.tasks ?? []).map((t) => [t.id, t]));
  let checkIns = options.checkIns ?? [];
  const calls: Call[] = [];
  /** the next PATCH of a task answers 409 with this task as `current` */
  let conflictWith: Task | undefined;

  const fetchMock = vi.fn(async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? "GET";
    const { pathname, searchParams } = new URL(url, "http://localhost");
    const body = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, path: pathname, body, headers: (init.headers ?? {}) as Record<string, string> });
    const path = pathname.replace(/^\/api\/v1/, "");

    if (path === "/auth/csrf") return Response.json({ csrfToken: "csrf-1" });
    if (path === "/tasks" && method === "GET") {
      // the filters My Day uses: status and revisionRequested
      const statuses = searchParams.get("status")?.split(",");
      const revision = searchParams.get("revisionRequested");
      const items = [...tasks.values()].filter(
        (t) =>
          (!statuses || statuses.includes(t.status)) &&
          (revision === null || (revision === "true") === (t.revisionRequest !== null)),
      );
      return Response.json({ items, nextCursor: null });
    }
    const patch = /^\/tasks\/([^/]+)$/.exec(path);
    if (patch && method === "GET") return Response.json(tasks.get(patch[1]!));
    if (patch && method === "PATCH") {
      const current = tasks.get(patch[1]!)!;
      if (conflictWith) {
        const now = conflictWith;
        conflictWith = undefined;
        tasks.set(now.id, now);
        return problem(409, { code: "task.version_conflict", detail: "stale", current: now });
      }
      if (body.version !== current.version) return problem(409, { code: "task.version_conflict", current });
      const next: Task = {
        ...current,
        status: body.status ?? current.status,
        blockedReason: body.status === "blocked" ? body.blockedReason : null,
        allowedTransitions: NEXT[(body.status ?? current.status) as Task["status"]],
        version: current.version + 1,
        updatedAt: new Date().toISOString(),
      };
      tasks.set(next.id, next);
      return Response.json(next);
    }
    const progress = /^\/tasks\/([^/]+)\/progress$/.exec(path);
    if (progress && method === "POST") {
      const current = tasks.get(progress[1]!)!;
      const status = current.status === "todo" ? "doing" : current.status;
      const next: Task = {
        ...current,
        status,
        allowedTransitions: NEXT[status],
        progress: body.percent,
        minutesSpent: current.minutesSpent + (body.minutesSpent ?? 0),
        version: current.version + 1,
        updatedAt: new Date().toISOString(),
      };
      tasks.set(next.id, next);
      const progressUpdate = {
        id: `pu-${calls.length}`,
        taskId: next.id,
        author: next.assignee,
        percent: body.percent,
        note: body.note ?? "",
        minutesSpent: body.minutesSpent ?? 0,
        blocker: null,
        createdAt: new Date().toISOString(),
      };
      return Response.json({ progressUpdate, task: next }, { status: 201 });
    }
    if (path === "/check-ins" && method === "GET") return Response.json({ items: checkIns });
    if (path === "/check-ins/today" && method === "PUT") {
      const saved: CheckIn = {
        id: "ci-1",
        user: { id: "0190d6c8-0000-7000-8000-000000000003", name: "中村 美咲", displayName: "中村 美咲", role: "crew" },
        day: "2026-11-24",
        condition: body.condition,
        note: body.note ?? "",
        place: body.place ?? null,
        createdAt: new Date().toISOString(),
        updatedAt: new Date().toISOString(),
      };
      checkIns = [saved];
      return Response.json(saved);
    }
    return new Response(null, { status: 404 });
  });
  vi.stubGlobal("fetch", fetchMock);

  return {
    calls,
    tasks,
    writes: (method: string, pathEnd?: string) =>
      calls.filter((c) => c.method === method && (!pathEnd || c.path.endsWith(pathEnd))),
    conflictNext(current: Task) {
      conflictWith = current;
    },
  };
}

const NEXT: Record<Task["status"], Task["status"][]> = {
  todo: ["doing", "blocked"],
  doing: ["todo", "review", "blocked"],
  review: ["doing", "done", "blocked"],
  done: ["doing"],
  blocked: ["todo", "doing"],
};

/** Empties the app's offline queue (memory store in jsdom) between tests. */
export async function resetQueue(userId: string): Promise<void> {
  await offlineQueue.setUser(userId);
  for (const entry of [...offlineQueue.list()]) await offlineQueue.discard(entry.id).catch(() => undefined);
}

/** navigator.onLine, as the offline queue reads it. */
export function setOnline(online: boolean): void {
  Object.defineProperty(window.navigator, "onLine", { configurable: true, get: () => online });
}
