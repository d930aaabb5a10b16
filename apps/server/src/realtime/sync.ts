// Catch-up after a reconnect: the client names the last sequence it saw per room and gets every
// later event of that room, in order, from the database (so it works on any instance and after
// restarts). A gap that is too large, or older than what is kept, is answered with `reset`.
import type { RoomEnvelope, SequencedEventName, SyncRoomResult } from "@crewboard/contracts";
import type { PrismaClient } from "@crewboard/db";

/** The most events replayed for one room; past this the client reloads the snapshot instead. */
export const MAX_REPLAY = 1000;

export async function latestSeq(prisma: PrismaClient, room: string): Promise<number> {
  const row = await prisma.roomSequence.findUnique({ where: { room } });
  return row?.lastSeq ?? 0;
}

export async function eventsSince(prisma: PrismaClient, room: string, after: number): Promise<SyncRoomResult> {
  const latest = await latestSeq(prisma, room);
  if (after > latest) return { events: [], latest, reset: true }; // a client ahead of the server: its view is from another database
  if (after === latest) return { events: [], latest, reset: false };
  if (latest - after > MAX_REPLAY) return { events: [], latest, reset: true };
  const rows = await prisma.roomEvent.findMany({
    where: { room, seq: { gt: after } },
    orderBy: { seq: "asc" },
    take: MAX_REPLAY,
  });
  // Pruned history shows as a hole at the start: the client cannot be brought up to date event by event.
  if (rows[0]?.seq !== after + 1) return { events: [], latest, reset: true };
  const events: RoomEnvelope[] = rows.map((r) => ({
    room: r.room,
    seq: r.seq,
    event: r.event as SequencedEventName,
    data: r.payload,
    at: r.createdAt.toISOString(),
  }));
  return { events, latest, reset: false };
}

/** How long room events are kept for catching up; older gaps are answered with `reset`. */
export const ROOM_EVENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

export async function pruneRoomEvents(prisma: Pick<PrismaClient, "roomEvent">, now = Date.now()): Promise<number> {
  const { count } = await prisma.roomEvent.deleteMany({
    where: { createdAt: { lt: new Date(now - ROOM_EVENT_RETENTION_MS) } },
  });
  return count;
}
