// Echoes of the user's own writes (issue 9 barrier 4). A change the user made comes back as a live
// event too, and it may arrive before the HTTP answer does (the server publishes on commit, the
// answer travels separately). A screen that announces others' changes asks `isOwnEcho(entity)`,
// which waits for this user's writes to that entity still in flight (every task write of the
// outbox, lib/outbox.ts, is tracked by its Idempotency-Key) and then says whether the event's
// version is one those writes produced. Nothing is guessed from timing, and another person's
// change that lands while ours is in flight is still theirs: it has another version.

export interface Versioned {
  id: string;
  version: number;
}

const MAX_VERSIONS = 500;

export class OwnWrites {
  /** versions produced by this user's writes, by entity id */
  private readonly versions = new Map<string, Set<number>>();
  /** writes still waiting for their answer, by entity id (keyed by the request's idempotency key) */
  private readonly inFlight = new Map<string, Map<string, Promise<unknown>>>();
  private count = 0;

  /**
   * Tracks a write to `entityId` sent with `requestKey`: until `request` settles, events about
   * the entity wait in isOwnEcho; its answer's version (`versionOf`) is remembered as own.
   */
  track<T>(
    entityId: string,
    requestKey: string,
    request: Promise<T>,
    versionOf: (result: T) => number | undefined,
  ): Promise<T> {
    const writes = this.inFlight.get(entityId) ?? new Map<string, Promise<unknown>>();
    this.inFlight.set(entityId, writes);
    const settled = request.then(
      (result) => {
        const version = versionOf(result);
        if (version !== undefined) this.remember(entityId, version);
      },
      () => undefined,
    );
    writes.set(requestKey, settled);
    void settled.finally(() => {
      writes.delete(requestKey);
      if (writes.size === 0 && this.inFlight.get(entityId) === writes) this.inFlight.delete(entityId);
    });
    return request;
  }

  /** A version of `entityId` this user produced by other means (e.g. a task created by splitting an order). */
  remember(entityId: string, version: number): void {
    const set = this.versions.get(entityId) ?? new Set<number>();
    this.versions.set(entityId, set);
    if (!set.has(version)) {
      set.add(version);
      if (++this.count > MAX_VERSIONS) this.forgetOldest();
    }
  }

  /** Is `entity` (as a live event carries it) the result of this user's own write? Waits for writes in flight. */
  async isOwnEcho(entity: Versioned): Promise<boolean> {
    for (;;) {
      const writes = this.inFlight.get(entity.id);
      if (!writes || writes.size === 0) break;
      await Promise.all(writes.values());
    }
    return this.versions.get(entity.id)?.has(entity.version) ?? false;
  }

  /** Synchronous check, for an answer already in. */
  isOwn(entity: Versioned): boolean {
    return this.versions.get(entity.id)?.has(entity.version) ?? false;
  }

  private forgetOldest(): void {
    const first = this.versions.keys().next();
    if (first.done) return;
    this.count -= this.versions.get(first.value)?.size ?? 0;
    this.versions.delete(first.value);
  }

  /** For tests. */
  clear(): void {
    this.versions.clear();
    this.inFlight.clear();
    this.count = 0;
  }
}

/** The app's one record of its own writes. */
export const ownWrites = new OwnWrites();
