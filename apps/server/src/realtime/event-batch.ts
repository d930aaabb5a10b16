// Events are written to the database inside the transaction of the change they describe (each
// room numbers its events 1, 2, 3 … in commit order), and sent over Socket.IO only after that
// transaction has committed: never before, and never for a change that rolled back.
import type { RoomEnvelope, SequencedEventName, SequencedEvents } from "@crewboard/contracts";
import type { Prisma } from "@crewboard/db";

type Tx = Pick<Prisma.TransactionClient, "$queryRaw" | "roomEvent">;

/** Connection changes to apply after commit (who joins or leaves which rooms). */
export type MembershipChange =
  | { type: "join"; userId: string; rooms: string[] }
  | { type: "leave"; userId: string; rooms: string[] }
  | { type: "disconnect-user"; userId: string }
  | { type: "disconnect-room"; room: string };

export class EventBatch {
  readonly envelopes: RoomEnvelope[] = [];
  readonly membership: MembershipChange[] = [];

  /** Records `event` for each room (deduplicated), inside `tx`. */
  async add<E extends SequencedEventName>(tx: Tx, rooms: readonly string[], event: E, data: SequencedEvents[E]): Promise<void> {
    const at = new Date();
    const payload = JSON.parse(JSON.stringify(data)) as Prisma.InputJsonValue;
    for (const room of [...new Set(rooms)]) {
      // The upsert's row lock is held until commit, so writers to one room take numbers in commit order.
      const [row] = await tx.$queryRaw<{ lastSeq: number }[]>`
        INSERT INTO "RoomSequence" ("room", "lastSeq") VALUES (${room}, 1)
        ON CONFLICT ("room") DO UPDATE SET "lastSeq" = "RoomSequence"."lastSeq" + 1
        RETURNING "lastSeq"`;
      const seq = Number(row!.lastSeq);
      await tx.roomEvent.create({ data: { room, seq, event, payload, createdAt: at } });
      this.envelopes.push({ room, seq, event, data: payload, at: at.toISOString() });
    }
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

  get isEmpty(): boolean {
    return this.envelopes.length === 0 && this.membership.length === 0;
  }
}
