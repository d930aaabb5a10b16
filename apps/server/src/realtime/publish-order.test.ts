import { describe, expect, it } from "vitest";
import { EventBatch } from "./event-batch.ts";
import { inNumberOrder } from "./publish-order.ts";

/** A batch as the write path has it after its last statement: its events numbered. */
function numberedBatch(...events: [room: string, seq: number][]): EventBatch {
  const batch = new EventBatch();
  for (const [room, seq] of events)
    batch.envelopes.push({ room, seq, event: "task:updated", data: {}, at: new Date(0).toISOString() } as never);
  return batch;
}

const fail = (error: unknown) => {
  throw error;
};
const endOfTurn = () => new Promise((resolve) => setImmediate(resolve));
const numbersOf = (sent: EventBatch[]) => sent.map((b) => b.envelopes.map((e) => `${e.room}#${e.seq}`).join(","));

describe("a room's events are sent in the order of their numbers", () => {
  it("a batch committed first waits for the one numbered before it in its room", async () => {
    const sent: EventBatch[] = [];
    const publish = inNumberOrder((b) => sent.push(b), fail);
    const first = numberedBatch(["board", 34]);
    const second = numberedBatch(["board", 35], ["user:1", 9]);
    publish.numbered!(first);
    publish.numbered!(second);
    publish(second);
    await endOfTurn();
    expect(sent).toEqual([]);
    publish(first);
    await endOfTurn();
    expect(numbersOf(sent)).toEqual(["board#34", "board#35,user:1#9"]);
  });

  it("both committed in one turn go out in order", async () => {
    const sent: EventBatch[] = [];
    const publish = inNumberOrder((b) => sent.push(b), fail);
    const batches = [3, 1, 2].map((n) => numberedBatch(["board", n]));
    for (const b of batches) publish.numbered!(b);
    for (const b of batches) publish(b);
    await endOfTurn();
    expect(numbersOf(sent)).toEqual(["board#1", "board#2", "board#3"]);
  });

  it("an abandoned batch (rolled back after numbering) no longer holds the next one", async () => {
    const sent: EventBatch[] = [];
    const publish = inNumberOrder((b) => sent.push(b), fail);
    const rolledBack = numberedBatch(["board", 7]);
    const next = numberedBatch(["board", 8]);
    publish.numbered!(rolledBack);
    publish.numbered!(next);
    publish(next);
    await endOfTurn();
    expect(sent).toEqual([]);
    publish.abandoned!(rolledBack);
    await endOfTurn();
    expect(numbersOf(sent)).toEqual(["board#8"]);
  });

  it("other rooms, numbers taken elsewhere and batches without events are not held", async () => {
    const sent: EventBatch[] = [];
    const publish = inNumberOrder((b) => sent.push(b), fail);
    const pending = numberedBatch(["board", 10]);
    publish.numbered!(pending);
    // another instance took 11-19: only numbers taken here are waited for
    const chat = numberedBatch(["chat:1", 4]);
    const membershipOnly = new EventBatch();
    membershipOnly.join("u1", ["work-order:1"]);
    const fromAfar = numberedBatch(["board", 20]);
    for (const b of [chat, membershipOnly]) publish(b);
    publish.numbered!(fromAfar);
    await endOfTurn();
    expect(sent).toEqual([chat, membershipOnly]);
    publish(pending);
    publish(fromAfar);
    await endOfTurn();
    expect(numbersOf(sent.slice(2))).toEqual(["board#10", "board#20"]);
  });

  it("joins and leaves do not pass a batch held before them; a number taken again after a rollback is its new batch's", async () => {
    const sent: EventBatch[] = [];
    const publish = inNumberOrder((b) => sent.push(b), fail);
    const committing = numberedBatch(["board", 1]);
    const held = numberedBatch(["board", 2]);
    held.join("u1", ["work-order:1"]);
    const leave = new EventBatch();
    leave.leave("u1", ["work-order:1"]);
    for (const b of [committing, held]) publish.numbered!(b);
    publish(held);
    publish(leave);
    await endOfTurn();
    expect(sent).toEqual([]);
    // the first rolled back and a new write took its number 1 before the abandon was noted
    const retaken = numberedBatch(["board", 1]);
    publish.numbered!(retaken);
    publish.abandoned!(committing);
    await endOfTurn();
    expect(sent).toEqual([]);
    publish(retaken);
    await endOfTurn();
    expect(sent).toEqual([retaken, held, leave]);
  });

  it("a batch that cannot be sent is reported, and the others still go", async () => {
    const sent: EventBatch[] = [];
    const errors: unknown[] = [];
    const broken = numberedBatch(["board", 1]);
    const publish = inNumberOrder(
      (b) => {
        if (b === broken) throw new Error("no");
        sent.push(b);
      },
      (e) => errors.push(e),
    );
    const next = numberedBatch(["board", 2]);
    for (const b of [broken, next]) publish.numbered!(b);
    publish(broken);
    publish(next);
    await endOfTurn();
    expect(sent).toEqual([next]);
    expect(errors).toHaveLength(1);
  });

  it("several of one room in one batch do not wait for themselves", async () => {
    const sent: EventBatch[] = [];
    const publish = inNumberOrder((b) => sent.push(b), fail);
    const batch = numberedBatch(["board", 5], ["board", 6], ["work-order:1", 2]);
    publish.numbered!(batch);
    publish(batch);
    await endOfTurn();
    expect(sent).toEqual([batch]);
  });
});
