// A write's events are numbered per room by its transaction's last statement and sent once it has
// committed. On PostgreSQL that COMMIT goes right behind the statement (@crewboard/db
// transaction-statements.ts), so the next writer to the room gets its number the moment the first
// commits, and the two answers reach this process on two connections at about the same time: read
// in the other order, the room's events would go out 35 before 34, and every client would take
// the gap for a lost event and ask for a sync.
//
// So this instance sends a room's events in the order of their numbers: a committed batch waits
// while a batch numbered here with a lower number in one of its rooms is still unsent (it is
// committing; or it rolled back, and then its numbers were never taken). Committed batches are
// sent at the end of the event loop's turn, by which time every answer read in that turn has been
// noted. Numbers taken by other instances are not waited for: each instance sends its own events,
// and a client that sees a gap asks for a sync, as before. A batch waits only for a write of this
// instance that is committing; its wait ends with that write's commit or failure (a connection
// lost fails it), so the database's answer bounds it, as it bounds the write itself.
import type { EventBatch } from "./event-batch.ts";

/** Where a write's committed events go; the write path also says when they were numbered, or abandoned. */
export type Publish = ((batch: EventBatch) => void) & {
  /** the transaction's last statement numbered the batch's events; its commit comes next */
  numbered?(batch: EventBatch): void;
  /** the transaction did not commit after numbering them: nothing of it is sent */
  abandoned?(batch: EventBatch): void;
};

/** A `Publish` that hands committed batches to `send` in the order of their rooms' numbers. */
export function inNumberOrder(send: (batch: EventBatch) => void, onError: (error: unknown) => void): Publish {
  /** per room, the numbers of batches numbered here and not yet sent or abandoned (a rolled-back number is taken again) */
  const unsent = new Map<string, Map<number, EventBatch>>();
  const committed: EventBatch[] = [];
  let scheduled = false;

  const forget = (batch: EventBatch) => {
    for (const e of batch.envelopes) {
      const numbers = unsent.get(e.room);
      if (numbers?.get(e.seq) === batch) numbers.delete(e.seq);
      if (numbers?.size === 0) unsent.delete(e.room);
    }
  };
  /** Another batch with a lower number in one of this batch's rooms is unsent. */
  const waitsForAnother = (batch: EventBatch) => {
    const rooms = new Set<string>();
    for (const e of batch.envelopes) {
      // a room's first envelope in the batch has the batch's lowest number in it
      if (rooms.has(e.room)) continue;
      rooms.add(e.room);
      for (const n of unsent.get(e.room)?.keys() ?? []) if (n < e.seq) return true;
    }
    return false;
  };
  const sendWhatMayGo = () => {
    scheduled = false;
    for (let sentOne = true; sentOne;) {
      sentOne = false;
      let held = false;
      for (let i = 0; i < committed.length; i++) {
        const batch = committed[i]!;
        // joins and leaves keep the order they were committed in: none passes a batch held before it
        if (waitsForAnother(batch) || (held && batch.membership.length > 0)) {
          held = true;
          continue;
        }
        committed.splice(i, 1);
        forget(batch);
        try {
          send(batch);
        } catch (error) {
          onError(error);
        }
        sentOne = true;
        break;
      }
    }
  };
  const later = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(sendWhatMayGo);
  };

  const publish: Publish = (batch) => {
    committed.push(batch);
    later();
  };
  publish.numbered = (batch) => {
    for (const e of batch.envelopes) {
      const numbers = unsent.get(e.room) ?? new Map<number, EventBatch>();
      numbers.set(e.seq, batch);
      unsent.set(e.room, numbers);
    }
  };
  publish.abandoned = (batch) => {
    forget(batch);
    later();
  };
  return publish;
}
