// Events are written to the database inside the transaction of the change they describe (each
// room numbers its events 1, 2, 3 … in commit order), and sent over Socket.IO only after that
// transaction has committed: never before, and never for a change that rolled back.
//
// A use case records its events with `add` as it goes (in memory); the write path
// (operations/write.ts) flushes them as the transaction's last statement: one upsert takes the
// sequence numbers of every room at once and, in the same statement, one multi-row insert stores
// the events. The per-room
// sequence rows are locked only from there to the commit, so writers to the same room (the busy
// `board`) wait for each other for the shortest time, not for each other's whole transaction.
import type { RoomEnvelope, SequencedEventName, SequencedEvents } from "@crewboard/contracts";
import { COMMITS_BEHIND, Prisma, rawRows } from "@crewboard/db";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw">;

/** Connection changes to apply after commit (who joins or leaves which rooms). */
export type MembershipChange =
  | { type: "join"; userId: string; rooms: string[] }
  | { type: "leave"; userId: string; rooms: string[] }
  | { type: "disconnect-user"; userId: string }
  | { type: "disconnect-room"; room: string };

interface PendingEvent {
  room: string;
  event: SequencedEventName;
  payload: Prisma.InputJsonValue;
  /** its payload's place (from 1) in `payloads`: one per event however many rooms it goes to */
  stored: number;
  at: Date;
}

export class EventBatch {
  /** the committed events, numbered; filled by `flush` */
  readonly envelopes: RoomEnvelope[] = [];
  readonly membership: MembershipChange[] = [];
  /** what else is sent once the change is committed (not stored: read markers, presence) */
  readonly afterCommit: (() => void | Promise<void>)[] = [];
  /** when its transaction committed (performance.now()), set by the write path: the publish lag is measured from it */
  committedAt: number | undefined;
  private pending: PendingEvent[] = [];
  /** the pending events' payloads as stored (JSON text), each once */
  private payloads: string[] = [];

  /** Records `event` for each room (deduplicated); it is stored and numbered when the transaction ends. */
  add<E extends SequencedEventName>(rooms: readonly string[], event: E, data: SequencedEvents[E]): void {
    const at = new Date();
    // what is sent is what is stored (dates as strings, no undefined): the parsed JSON text
    const json = JSON.stringify(data);
    const payload = JSON.parse(json) as Prisma.InputJsonValue;
    this.payloads.push(json);
    const stored = this.payloads.length;
    for (const room of new Set(rooms)) this.pending.push({ room, event, payload, stored, at });
  }

  /**
   * Stores the recorded events in `tx`, numbered per room in the order they were added. Rooms are
   * locked in name order, so two transactions that touch the same rooms cannot deadlock.
   */
  async flush(tx: Tx): Promise<void> {
    if (this.pending.length === 0) return;
    const counts = new Map<string, number>();
    for (const e of this.pending) counts.set(e.room, (counts.get(e.room) ?? 0) + 1);
    const names = [...counts.keys()].sort();
    // each event's distance from its room's last number: the room's k-th of n events gets lastSeq - (n - k)
    const seen = new Map<string, number>();
    const back = this.pending.map((e) => {
      const k = (seen.get(e.room) ?? 0) + 1;
      seen.set(e.room, k);
      return counts.get(e.room)! - k;
    });
    // One statement takes the numbers and stores the events: the sequence rows are locked from here
    // to the commit only, and the COMMIT is sent right behind it (@crewboard/db
    // transaction-statements.ts), not after one more round trip through a busy event loop (issue 14).
    // Each payload is sent (and read as jsonb) once, not once per room: a progress write's two
    // events go to three rooms each, and their JSON text was most of the statement's bytes. They
    // go as one JSON array (the texts joined), not as a jsonb[]: node-postgres escapes every quote
    // of every element of an array parameter (1.5 % of the server's CPU under the writes bench).
    const rows = await rawRows<{ room: string; seq: number }>(
      tx,
      Prisma.sql`${Prisma.raw(COMMITS_BEHIND)}
      WITH taken AS (
        INSERT INTO "RoomSequence" ("room", "lastSeq")
        SELECT room, n FROM unnest(${names}::text[], ${names.map((r) => counts.get(r)!)}::int[]) AS t(room, n) ORDER BY room
        ON CONFLICT ("room") DO UPDATE SET "lastSeq" = "RoomSequence"."lastSeq" + EXCLUDED."lastSeq"
        RETURNING "room", "lastSeq"
      )
      INSERT INTO "RoomEvent" ("room", "seq", "event", "payload", "createdAt")
      SELECT e.room, taken."lastSeq" - e.back, e.event, (${`[${this.payloads.join(",")}]`}::jsonb) -> (e.stored - 1), (e.at::timestamptz AT TIME ZONE 'UTC')
      FROM unnest(
        ${this.pending.map((e) => e.room)}::text[],
        ${back}::int[],
        ${this.pending.map((e) => e.event)}::text[],
        ${this.pending.map((e) => e.stored)}::int[],
        ${this.pending.map((e) => e.at.toISOString())}::text[]
      ) AS e(room, back, event, stored, at)
      JOIN taken ON taken."room" = e.room
      RETURNING "room", "seq"`,
    );
    const first = new Map<string, number>();
    for (const r of rows) first.set(r.room, Math.min(first.get(r.room) ?? Infinity, Number(r.seq)));
    for (const e of this.pending) {
      const seq = first.get(e.room)!;
      first.set(e.room, seq + 1);
      this.envelopes.push({ room: e.room, seq, event: e.event, data: e.payload, at: e.at.toISOString() });
    }
    this.pending = [];
    this.payloads = [];
  }

  join(userId: string, rooms: string[]): void {
    if (rooms.length) this.membership.push({ type: "join", userId, rooms });
  }

  leave(userId: string, rooms: string[]): void {
    if (rooms.length) this.membership.push({ type: "leave", userId, rooms });
  }

  disconnectUser(userId: string): void {
    this.membership.push({ type: "disconnect-user", userId });
  }

  disconnectRoom(room: string): void {
    this.membership.push({ type: "disconnect-room", room });
  }

  /** Something to send once the change is committed, after the events (e.g. a read marker). */
  onCommit(send: () => void | Promise<void>): void {
    this.afterCommit.push(send);
  }

  get isEmpty(): boolean {
    return (
      this.envelopes.length === 0 &&
      this.membership.length === 0 &&
      this.afterCommit.length === 0 &&
      this.pending.length === 0
    );
  }
}
