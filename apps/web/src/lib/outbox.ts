// The app's offline queue: IndexedDB-backed, sending through the REST helpers (with the entry id
// as Idempotency-Key) and the socket (with the entry id as the message's clientKey). Flushed when
// the browser comes back online and whenever the socket (re)connects.
import { call } from "./api.ts";
import { IdbQueueStore, MemoryQueueStore, OfflineQueue, webLock, type QueueEntry } from "./offline-queue.ts";
import { liveClient } from "./socket.ts";
import { ownWrites } from "./own-writes.ts";

export async function sendQueued(entry: QueueEntry): Promise<unknown> {
  const { action } = entry;
  switch (action.kind) {
    // tracked, so that the live events these writes cause are known as the user's own (own-writes.ts)
    case "progress.create":
      return ownWrites.track(
        action.taskId,
        entry.id,
        call(
          "createProgressUpdate",
          { params: { id: action.taskId }, body: action.body },
          { idempotencyKey: entry.id },
        ),
        (result) => result.task.version,
      );
    case "task.update":
      return ownWrites.track(
        action.taskId,
        entry.id,
        call("updateTask", { params: { id: action.taskId }, body: action.body }, { idempotencyKey: entry.id }),
        (result) => result.version,
      );
    case "message.send":
      return liveClient.request("message:send", { ...action.payload, clientKey: entry.id });
  }
}

const hasIndexedDb = typeof indexedDB !== "undefined";

export const offlineQueue = new OfflineQueue({
  store: hasIndexedDb ? new IdbQueueStore() : new MemoryQueueStore(),
  send: sendQueued,
  isOnline: () => globalThis.navigator?.onLine ?? true,
  lock: webLock,
});

let wired = false;
/** Flush triggers; called once at start. */
export function wireOfflineQueue(): void {
  if (wired || typeof window === "undefined") return;
  wired = true;
  window.addEventListener("online", () => void offlineQueue.flush());
  liveClient.onStatus((status) => {
    if (status === "connected") void offlineQueue.flush();
  });
}
