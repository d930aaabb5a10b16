import "fake-indexeddb/auto";
import { describe, expect, it, vi } from "vitest";
import { IdbQueueStore, MemoryQueueStore, OfflineQueue, type QueueEntry } from "./offline-queue.ts";

class RetryableError extends Error {
  isRetryable = true;
  status = 0;
  code = "network_error";
}
class RefusedError extends Error {
  isRetryable = false;
  status = 409;
  code = "task.version_conflict";
}

const USER = "user-1";

function progress(taskId: string, percent: number) {
  return { kind: "progress.create" as const, taskId, body: { percent, note: `${percent}%` } };
}

function setup(options: { online?: boolean; send?: (entry: QueueEntry) => Promise<unknown> } = {}) {
  let online = options.online ?? false;
  const sent: QueueEntry[] = [];
  const send = vi.fn(options.send ?? (async (entry: QueueEntry) => (sent.push(entry), { ok: entry.id })));
  const store = new MemoryQueueStore();
  const queue = new OfflineQueue({ store, send, isOnline: () => online, retryDelayMs: () => 60_000 });
  return { queue, store, send, sent, setOnline: (v: boolean) => (online = v) };
}

describe("offline queue", () => {
  it("keeps actions made while offline, with their idempotency keys, without sending", async () => {
    const { queue, store, send, setOnline } = setup();
    await queue.setUser(USER);
    setOnline(false);
    const a = await queue.submit(progress("t1", 20));
    const b = await queue.submit({
      kind: "task.update",
      taskId: "t1",
      body: { version: 3, status: "blocked", blockedReason: "slips 14 and 37 unreadable" },
    });
    const c = await queue.submit({ kind: "message.send", payload: { roomId: "r1", body: "can you resend?" } });
    expect([a.status, b.status, c.status]).toEqual(["queued", "queued", "queued"]);
    expect(send).not.toHaveBeenCalled();
    expect(store.entries.size).toBe(3);
    expect(queue.snapshot.pending).toBe(3);
    // each keeps one key for every attempt
    expect(new Set([a.entry.id, b.entry.id, c.entry.id]).size).toBe(3);
  });

  it("sends everything once, in order, when back online (even when flushed twice at once)", async () => {
    const { queue, store, sent, setOnline } = setup();
    await queue.setUser(USER);
    for (const percent of [10, 20, 30, 40]) await queue.submit(progress("t1", percent));
    setOnline(true);
    const flushed = vi.fn();
    queue.onFlushed(flushed);
    const [first, second] = await Promise.all([queue.flush(), queue.flush()]);
    expect(sent.map((e) => (e.action as ReturnType<typeof progress>).body.percent)).toEqual([10, 20, 30, 40]);
    expect(first).toEqual(second);
    expect(first.sent).toBe(4);
    expect(first.sentLater).toBe(4);
    expect(store.entries.size).toBe(0);
    expect(queue.snapshot.pending).toBe(0);
    await queue.flush();
    expect(sent).toHaveLength(4); // nothing twice
    expect(flushed).toHaveBeenCalledTimes(1);
  });

  it("sends at once when online and resolves with the server's answer", async () => {
    const { queue, store, setOnline } = setup();
    await queue.setUser(USER);
    setOnline(true);
    const outcome = await queue.submit(progress("t1", 50));
    expect(outcome.status).toBe("sent");
    expect(outcome.status === "sent" && outcome.result).toEqual({ ok: outcome.entry.id });
    expect(store.entries.size).toBe(0);
  });

  it("stops at a retryable failure to keep the order, and sends the same keys later", async () => {
    let fail = true;
    const attempts: string[] = [];
    const { queue, store, setOnline } = setup({
      send: async (entry) => {
        attempts.push(entry.id);
        if (fail) throw new RetryableError("server unreachable");
        return {};
      },
    });
    await queue.setUser(USER);
    const a = await queue.submit(progress("t1", 10));
    const b = await queue.submit(progress("t1", 20));
    setOnline(true);
    const report = await queue.flush();
    expect(report).toMatchObject({ sent: 0, remaining: 2 });
    expect(attempts).toEqual([a.entry.id]); // b waited behind a
    expect(store.entries.size).toBe(2);
    fail = false;
    await queue.flush();
    expect(attempts).toEqual([a.entry.id, a.entry.id, b.entry.id]);
    expect(store.entries.size).toBe(0);
  });

  it("keeps an action refused in the background as failed (nothing typed is lost), and goes on", async () => {
    const { queue, store, setOnline } = setup({
      send: async (entry) => {
        if ((entry.action as ReturnType<typeof progress>).body.percent === 20) throw new RefusedError("stale version");
        return {};
      },
    });
    await queue.setUser(USER);
    await queue.submit(progress("t1", 10));
    const refused = await queue.submit(progress("t1", 20));
    await queue.submit(progress("t1", 30));
    setOnline(true);
    const report = await queue.flush();
    expect(report).toMatchObject({ sent: 2, failed: 1, remaining: 0 });
    expect(queue.snapshot).toMatchObject({ pending: 0, failed: 1 });
    const kept = [...store.entries.values()];
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({
      id: refused.entry.id,
      state: "failed",
      error: { code: "task.version_conflict", status: 409 },
    });
    await queue.discard(refused.entry.id);
    expect(store.entries.size).toBe(0);
  });

  it("hands a refusal to the user who is waiting for it", async () => {
    const { queue, store, setOnline } = setup({ send: async () => Promise.reject(new RefusedError("stale version")) });
    await queue.setUser(USER);
    setOnline(true);
    await expect(queue.submit(progress("t1", 10))).rejects.toBeInstanceOf(RefusedError);
    expect(store.entries.size).toBe(0);
  });

  it("never sends one user's actions under another user's session", async () => {
    const { queue, sent, setOnline } = setup();
    await queue.setUser("alice");
    await queue.submit(progress("t1", 10));
    await queue.setUser("bob");
    setOnline(true);
    await queue.flush();
    expect(sent).toHaveLength(0);
    expect(queue.snapshot.pending).toBe(0);
    await queue.setUser("alice");
    expect(queue.snapshot.pending).toBe(1);
    await queue.flush();
    expect(sent).toHaveLength(1);
  });

  it("survives a reload: entries are kept in IndexedDB", async () => {
    const store = new IdbQueueStore();
    const before = new OfflineQueue({ store, send: async () => ({}), isOnline: () => false });
    await before.setUser(USER);
    await before.submit(progress("t1", 10));
    await before.submit(progress("t1", 20));

    const sent: number[] = [];
    const after = new OfflineQueue({
      store: new IdbQueueStore(),
      send: async (entry) => sent.push((entry.action as ReturnType<typeof progress>).body.percent),
      isOnline: () => true,
    });
    await after.setUser(USER);
    expect(after.snapshot.pending).toBe(2);
    await after.flush();
    expect(sent).toEqual([10, 20]);
    expect(await new IdbQueueStore().all()).toEqual([]);
  });
});
