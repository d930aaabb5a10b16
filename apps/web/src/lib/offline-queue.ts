// Actions that must reach the server even when the connection is gone: progress updates, task
// changes and chat messages. Each is written to IndexedDB first, with the key that makes a retry
// harmless (its Idempotency-Key, or a message's clientKey), then sent — at once when online,
// else when the connection is back — one at a time, in the order they were made, and removed
// only when the server has answered. Nothing typed is lost: a reload or a crash keeps the queue.
//
//   const outcome = await offlineQueue.submit({ kind: "progress.create", taskId, body });
//   if (outcome.status === "queued") … // shown as waiting; the connection banner counts it
//
// An answer that will never change (400, 403, 404, 409 …) ends the entry: when the user is
// waiting for it (submit() while online), submit() rejects with the ApiError / SocketAckError and
// the entry is dropped (the form still holds the text); when it was sent later in the background,
// the entry is kept as `failed`, with its error, for the screen to offer retry() or discard().
import type { BodyOf, Message, Task } from "./api.ts";
import type { SendMessagePayload } from "@crewboard/contracts";
import type * as z from "zod";
import { newId } from "./ids.ts";

export type QueuedAction =
  | { kind: "progress.create"; taskId: string; body: BodyOf<"createProgressUpdate"> }
  | { kind: "task.update"; taskId: string; body: BodyOf<"updateTask"> }
  | { kind: "message.send"; payload: Omit<z.input<typeof SendMessagePayload>, "clientKey"> };

export type QueuedResult<A extends QueuedAction> = A extends { kind: "progress.create" }
  ? { progressUpdate: unknown; task: Task }
  : A extends { kind: "task.update" }
    ? Task
    : Message;

export interface QueueEntry {
  /** the Idempotency-Key / clientKey: the same for every attempt */
  id: string;
  /** the signed-in user who made it: never sent under someone else's session */
  userId: string;
  /** order of making (ms timestamp × 1000 + counter) */
  order: number;
  createdAt: string;
  action: QueuedAction;
  attempts: number;
  state: "pending" | "failed";
  error?: { status?: number; code: string; message: string };
}

/** Where entries live: IndexedDB in the browser (IdbQueueStore), memory in tests. */
export interface QueueStore {
  all(): Promise<QueueEntry[]>;
  put(entry: QueueEntry): Promise<void>;
  delete(id: string): Promise<void>;
}

/** Sends one entry; throws an error with `isRetryable` (ApiError, SocketAckError) when it fails. */
export type QueueSender = (entry: QueueEntry) => Promise<unknown>;

export type SubmitOutcome<T = unknown> =
  { status: "sent"; result: T; entry: QueueEntry } | { status: "queued"; entry: QueueEntry };

export interface QueueSnapshot {
  pending: number;
  failed: number;
  /** true while entries are being sent */
  flushing: boolean;
}

export interface FlushReport {
  sent: number;
  /** of those, sent after having waited (nobody was waiting on submit() for them) */
  sentLater: number;
  failed: number;
  remaining: number;
}

interface Retryable {
  isRetryable?: boolean;
  status?: number;
  code?: string;
  message?: string;
}

function isRetryable(error: unknown): boolean {
  return Boolean(error && typeof error === "object" && (error as Retryable).isRetryable);
}

function describe(error: unknown): NonNullable<QueueEntry["error"]> {
  const e = (error ?? {}) as Retryable;
  return { status: e.status, code: String(e.code ?? "unknown"), message: String(e.message ?? error) };
}

export class MemoryQueueStore implements QueueStore {
  readonly entries = new Map<string, QueueEntry>();
  async all() {
    return [...this.entries.values()].map((e) => structuredClone(e));
  }
  async put(entry: QueueEntry) {
    this.entries.set(entry.id, structuredClone(entry));
  }
  async delete(id: string) {
    this.entries.delete(id);
  }
}

/** IndexedDB store (database "crewboard", object store "outbox"), opened lazily. */
export class IdbQueueStore implements QueueStore {
  private db: Promise<import("idb").IDBPDatabase> | undefined;

  private open() {
    this.db ??= import("idb").then(({ openDB }) =>
      openDB("crewboard", 1, {
        upgrade(db) {
          if (!db.objectStoreNames.contains("outbox")) db.createObjectStore("outbox", { keyPath: "id" });
        },
      }),
    );
    return this.db;
  }

  async all(): Promise<QueueEntry[]> {
    return ((await (await this.open()).getAll("outbox")) as QueueEntry[]).sort((a, b) => a.order - b.order);
  }
  async put(entry: QueueEntry): Promise<void> {
    await (await this.open()).put("outbox", entry);
  }
  async delete(id: string): Promise<void> {
    await (await this.open()).delete("outbox", id);
  }
}

export interface OfflineQueueOptions {
  store: QueueStore;
  send: QueueSender;
  /** is the browser online? (navigator.onLine in the app) */
  isOnline?: () => boolean;
  /** wait before trying again after a retryable failure while online */
  retryDelayMs?: (attempt: number) => number;
  /** one sender across tabs (Web Locks) when available */
  lock?: <T>(fn: () => Promise<T>) => Promise<T>;
}

let orderCounter = 0;
function nextOrder(): number {
  orderCounter = (orderCounter + 1) % 1000;
  return Date.now() * 1000 + orderCounter;
}

export class OfflineQueue {
  private userId: string | undefined;
  private entries: QueueEntry[] = [];
  private loaded: Promise<void> | undefined;
  private flushing: Promise<FlushReport> | undefined;
  private again = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly waiters = new Map<
    string,
    { resolve: (outcome: SubmitOutcome) => void; reject: (error: unknown) => void }
  >();
  private readonly listeners = new Set<(snapshot: QueueSnapshot) => void>();
  private readonly flushListeners = new Set<(report: FlushReport) => void>();
  private snapshotValue: QueueSnapshot = { pending: 0, failed: 0, flushing: false };

  constructor(private readonly options: OfflineQueueOptions) {}

  /** Whose entries to send (after sign-in); undefined after sign-out. Loads that user's entries. */
  setUser(userId: string | undefined): Promise<void> {
    if (userId === this.userId && this.loaded) return this.loaded;
    this.userId = userId;
    clearTimeout(this.retryTimer);
    this.entries = [];
    this.loaded = userId
      ? this.options.store.all().then((all) => {
          this.entries = all.filter((e) => e.userId === userId).sort((a, b) => a.order - b.order);
          this.notify();
        })
      : Promise.resolve().then(() => this.notify());
    return this.loaded;
  }

  get snapshot(): QueueSnapshot {
    return this.snapshotValue;
  }

  /** Entries waiting or failed, oldest first (e.g. to show "waiting" on a task card). */
  list(): readonly QueueEntry[] {
    return this.entries;
  }

  subscribe(listener: (snapshot: QueueSnapshot) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** After each flush that sent or failed something. */
  onFlushed(listener: (report: FlushReport) => void): () => void {
    this.flushListeners.add(listener);
    return () => this.flushListeners.delete(listener);
  }

  /**
   * Keeps `action` and sends it in order. Resolves "sent" with the server's answer, or "queued"
   * when it could not be sent now (offline, server unreachable): it goes later by itself.
   * Rejects with the server's error when it refused the action for good.
   */
  async submit<A extends QueuedAction>(action: A): Promise<SubmitOutcome<QueuedResult<A>>> {
    if (!this.userId) throw new Error("offline queue: no signed-in user");
    await this.loaded;
    const entry: QueueEntry = {
      id: newId(),
      userId: this.userId,
      order: nextOrder(),
      createdAt: new Date().toISOString(),
      action,
      attempts: 0,
      state: "pending",
    };
    await this.options.store.put(entry);
    this.entries.push(entry);
    this.notify();
    if (!this.online()) return { status: "queued", entry };
    const outcome = new Promise<SubmitOutcome>((resolve, reject) => this.waiters.set(entry.id, { resolve, reject }));
    void this.flush();
    return outcome as Promise<SubmitOutcome<QueuedResult<A>>>;
  }

  /**
   * Sends every pending entry, oldest first, one at a time. Stops at the first retryable failure
   * (what comes after waits, to keep the order) and tries again later. Concurrent calls share
   * one run.
   */
  flush(): Promise<FlushReport> {
    if (this.flushing) {
      this.again = true;
      return this.flushing;
    }
    clearTimeout(this.retryTimer);
    const run = async (): Promise<FlushReport> => {
      const report: FlushReport = { sent: 0, sentLater: 0, failed: 0, remaining: 0 };
      await this.loaded;
      do {
        this.again = false;
        await this.runOnce(report);
      } while (this.again && this.online());
      report.remaining = this.entries.filter((e) => e.state === "pending").length;
      return report;
    };
    const lock = this.options.lock ?? ((fn) => fn());
    this.flushing = lock(run).finally(() => {
      this.flushing = undefined;
      this.notify();
    });
    this.notify();
    return this.flushing.then((report) => {
      if (report.sent || report.failed) for (const listener of this.flushListeners) listener(report);
      return report;
    });
  }

  /** Sends a failed entry again (e.g. after the user fixed the cause). */
  async retry(id: string): Promise<void> {
    const entry = this.entries.find((e) => e.id === id);
    if (!entry) return;
    entry.state = "pending";
    delete entry.error;
    // back in the order it was made
    this.entries.sort((a, b) => a.order - b.order);
    await this.options.store.put(entry);
    this.notify();
    void this.flush();
  }

  /** Gives up a waiting or failed entry. */
  async discard(id: string): Promise<void> {
    this.entries = this.entries.filter((e) => e.id !== id);
    await this.options.store.delete(id);
    this.waiters.get(id)?.reject(new Error("discarded"));
    this.waiters.delete(id);
    this.notify();
  }

  private online(): boolean {
    return this.options.isOnline?.() ?? true;
  }

  private async runOnce(report: FlushReport): Promise<void> {
    for (const entry of [...this.entries]) {
      if (entry.state !== "pending" || entry.userId !== this.userId) continue;
      if (!this.online()) return this.resolveWaitersQueued();
      entry.attempts += 1;
      try {
        const result = await this.options.send(entry);
        await this.options.store.delete(entry.id);
        this.entries = this.entries.filter((e) => e.id !== entry.id);
        report.sent += 1;
        if (!this.waiters.has(entry.id)) report.sentLater += 1;
        this.waiters.get(entry.id)?.resolve({ status: "sent", result, entry });
        this.waiters.delete(entry.id);
        this.notify();
      } catch (error) {
        if (isRetryable(error)) {
          await this.options.store.put(entry);
          this.resolveWaitersQueued();
          this.scheduleRetry(entry.attempts);
          return; // keep the order: nothing after it goes first
        }
        const waiter = this.waiters.get(entry.id);
        if (waiter) {
          // The user is looking at this action: hand them the error, keep nothing.
          await this.options.store.delete(entry.id);
          this.entries = this.entries.filter((e) => e.id !== entry.id);
          this.waiters.delete(entry.id);
          waiter.reject(error);
        } else {
          entry.state = "failed";
          entry.error = describe(error);
          await this.options.store.put(entry);
          report.failed += 1;
        }
        this.notify();
      }
    }
  }

  private resolveWaitersQueued(): void {
    for (const [id, waiter] of this.waiters) {
      const entry = this.entries.find((e) => e.id === id);
      if (entry) waiter.resolve({ status: "queued", entry });
    }
    this.waiters.clear();
  }

  private scheduleRetry(attempt: number): void {
    clearTimeout(this.retryTimer);
    if (!this.online()) return; // the "online" event flushes
    const delay = this.options.retryDelayMs?.(attempt) ?? Math.min(60_000, 2000 * 2 ** Math.min(attempt - 1, 5));
    this.retryTimer = setTimeout(() => void this.flush(), delay);
  }

  private notify(): void {
    const pending = this.entries.filter((e) => e.state === "pending").length;
    const failed = this.entries.length - pending;
    const flushing = this.flushing !== undefined;
    const prev = this.snapshotValue;
    if (prev.pending === pending && prev.failed === failed && prev.flushing === flushing) return;
    this.snapshotValue = { pending, failed, flushing };
    for (const listener of this.listeners) listener(this.snapshotValue);
  }
}

/** Web Locks keep one tab sending at a time; the server's idempotency makes a race harmless anyway. */
export function webLock<T>(fn: () => Promise<T>): Promise<T> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  return locks ? (locks.request("crewboard-outbox", fn) as Promise<T>) : fn();
}
