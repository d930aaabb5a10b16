// Events are written to the database inside the transaction of the change they describe (each
// room numbers its events 1, 2, 3 … in commit order), and sent over Socket.IO only after that
// transaction has committed: never before, and never for a change that rolled back.
//
// A use case records its events with `add` as it goes (in memory); the write path
// (operations/write.ts) flushes them as the transaction's last statement, unnumbered, in one row;
// the commit numbers them (a deferred trigger takes every room's numbers at once and stores the
// events), and after it `number` reads the numbers back for the publish. The per-room sequence rows
// are locked only during the commit, so writers to the same room (the busy `board`) wait for each
// other for the shortest time, not for each other's statements or round trips.
import type { RoomEnvelope, SequencedEventName, SequencedEvents } from "@crewboard/contracts";
import type { Prisma } from "@crewboard/db";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw">;
type Reader = Pick<Prisma.TransactionClient, "$queryRaw">;

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
  /** the payload as stored (JSON text), made once per event however many rooms it goes to */
  json: string;
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
  /** why the committed events' numbers could not be read back (they are then not sent live) */
  numberingError: unknown;
  private pending: PendingEvent[] = [];
  /** the id of the transaction that stored `pending` (set by `flush`) */
  private transactionId: string | undefined;

  /** Records `event` for each room (deduplicated); it is stored and numbered when the transaction ends. */
  add<E extends SequencedEventName>(rooms: readonly string[], event: E, data: SequencedEvents[E]): void {
    const at = new Date();
    // what is sent is what is stored (dates as strings, no undefined): the parsed JSON text
    const json = JSON.stringify(data);
    const payload = JSON.parse(json) as Prisma.InputJsonValue;
    for (const room of new Set(rooms)) this.pending.push({ room, event, payload, json, at });
  }

  /**
   * Stores the recorded events in `tx`, unnumbered: one row of RoomEventBatch, which a deferred
   * trigger numbers per room (in the order added) and moves to RoomEvent when `tx` commits — the
   * rooms' sequence rows are locked from there to the end of the commit only, never across a round
   * trip through this process (issue 14; the migration room_events_numbered_at_commit says how).
   * After the commit, `number` reads the numbers the commit gave.
   */
  async flush(tx: Tx): Promise<void> {
    if (this.pending.length === 0) return;
    // an event sent to several rooms is stored (and parsed by the database) as one payload
    const payloads: string[] = [];
    const payloadOf = new Map<string, number>();
    for (const e of this.pending) if (!payloadOf.has(e.json)) payloadOf.set(e.json, payloads.push(e.json));
    const [stored] = await tx.$queryRaw<{ xid: string }[]>`
      INSERT INTO "RoomEventBatch" ("rooms", "events", "payloadOf", "payloads", "ats")
      VALUES (
        ${this.pending.map((e) => e.room)}::text[],
        ${this.pending.map((e) => e.event)}::text[],
        ${this.pending.map((e) => payloadOf.get(e.json)!)}::int[],
        ${payloads}::text[],
        ${this.pending.map((e) => e.at.toISOString())}::text[]
      )
      RETURNING xmin::text AS xid`;
    this.transactionId = stored!.xid;
  }

  /**
   * Once the transaction has committed: the numbers its events were given, read back by the
   * transaction's id (the events' `xmin`, which no later write changes: room events are never
   * updated). Each room's newest events are scanned backwards until its own are found — a few
   * rows, those committed after this one in the same room.
   */
  async number(db: Reader): Promise<void> {
    const transactionId = this.transactionId;
    if (transactionId === undefined) return;
    const counts = new Map<string, number>();
    for (const e of this.pending) counts.set(e.room, (counts.get(e.room) ?? 0) + 1);
    const names = [...counts.keys()];
    const rows = await db.$queryRaw<{ room: string; first: number }[]>`
      SELECT r.room, min(e."seq") AS first
      FROM unnest(${names}::text[], ${names.map((r) => counts.get(r)!)}::int[]) AS r(room, n)
      CROSS JOIN LATERAL (
        SELECT "seq" FROM "RoomEvent" WHERE "room" = r.room AND xmin = ${transactionId}::xid ORDER BY "seq" DESC LIMIT r.n
      ) AS e
      GROUP BY r.room`;
    const next = new Map(rows.map((r) => [r.room, Number(r.first)]));
    if (next.size !== names.length) throw new Error(`committed events not found for ${names.join(", ")}`);
    for (const e of this.pending) {
      const seq = next.get(e.room)!;
      next.set(e.room, seq + 1);
      this.envelopes.push({ room: e.room, seq, event: e.event, data: e.payload, at: e.at.toISOString() });
    }
    this.pending = [];
    this.transactionId = undefined;
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
