import type { Message as MessageDto } from "@crewboard/contracts";
import { invalidField } from "../../errors.ts";
import type { SignedInUser } from "@crewboard/contracts";
import { requireRoomAccess } from "./chat-access.ts";
import { newestFirst, olderThan } from "../../http/pagination.ts";
import { messageInclude, toMessageDto } from "./message.mapper.ts";
import type { Tx } from "../../operations/context.ts";

/**
 * A room's messages, newest first, a page at a time: pass `nextCursor` as `before` for older ones.
 * The cursor here is a message id: the server reads that message's (createdAt, id) — checking
 * that it belongs to the room — and pages with the same keyset as every other list.
 */
export async function listMessages(
  prisma: Tx,
  user: SignedInUser,
  request: { roomId: string; before?: string | undefined; limit: number },
): Promise<{ items: MessageDto[]; nextCursor: string | null }> {
  await requireRoomAccess(prisma, user, request.roomId);
  let cursor: { id: string; createdAt: Date } | null = null;
  if (request.before) {
    cursor = await prisma.message.findFirst({
      where: { id: request.before, roomId: request.roomId },
      select: { id: true, createdAt: true },
    });
    if (!cursor) throw invalidField("payload.before", "not a message of this room");
  }
  const rows = await prisma.message.findMany({
    where: { roomId: request.roomId, ...(cursor ? olderThan(cursor) : {}) },
    orderBy: newestFirst(),
    take: request.limit + 1,
    include: messageInclude,
  });
  const page = rows.slice(0, request.limit);
  return { items: page.map(toMessageDto), nextCursor: rows.length > request.limit ? page[page.length - 1]!.id : null };
}
