// A chat room as its members see it in their list: who is in it, the last message, everyone's
// read markers and (for the viewer) how many messages they have not read yet.
import { rubyOf } from "../../readings/readings.ts";
import type { ChatRoomSummary } from "@crewboard/contracts";
import type { Prisma, PrismaClient } from "@crewboard/db";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";
import { newerThan, newestFirst } from "../../http/pagination.ts";
import { messageInclude, toMessageDto } from "./message.mapper.ts";

type Db = Pick<Prisma.TransactionClient, "chatRoom" | "chatMember" | "message" | "user"> | PrismaClient;

/** Messages by others, not deleted, after the viewer's read marker. */
export async function countUnread(
  db: Db,
  roomId: string,
  userId: string,
  lastReadMessageId: string | null,
): Promise<number> {
  const marker = lastReadMessageId
    ? await db.message.findUnique({ where: { id: lastReadMessageId }, select: { id: true, createdAt: true } })
    : null;
  return db.message.count({
    where: { roomId, authorId: { not: userId }, deletedAt: null, ...(marker ? newerThan(marker) : {}) },
  });
}

/**
 * The summary of one room. With a viewer, `unread` is theirs; without (a summary broadcast to the
 * whole room), it is 0 and each client keeps its own count.
 */
export async function buildRoomSummary(db: Db, roomId: string, viewerId: string | null): Promise<ChatRoomSummary> {
  const room = await db.chatRoom.findUniqueOrThrow({
    where: { id: roomId },
    include: {
      members: { include: { user: { select: personSelect } }, orderBy: { joinedAt: "asc" } },
      team: { select: { id: true, name: true } },
    },
  });
  // one query at a time: inside a transaction they share one connection
  const last = await db.message.findFirst({
    where: { roomId, deletedAt: null },
    orderBy: newestFirst(),
    include: messageInclude,
  });
  const claimedBy = room.claimedById
    ? await db.user.findUnique({ where: { id: room.claimedById }, select: personSelect })
    : null;
  const viewer = viewerId ? room.members.find((m) => m.userId === viewerId) : undefined;
  const unread = viewer ? await countUnread(db, roomId, viewer.userId, viewer.lastReadMessageId) : 0;
  return {
    id: room.id,
    kind: room.kind,
    // a team room is named by each viewer's UI from its team, in their language
    name: room.kind === "team" ? null : room.name,
    // the name copies the order's title: its readings are computed when read (the dictionary is loaded once)
    ruby: room.workOrderId && room.name ? rubyOf({ name: room.name }, null) : null,
    workOrderId: room.workOrderId,
    team: room.team,
    members: room.members.map((m) => toPersonRef(m.user)),
    requesterId: room.requesterId,
    claimedBy: claimedBy ? toPersonRef(claimedBy) : null,
    unread,
    lastMessage: last ? toMessageDto(last) : null,
    readMarkers: room.members.map((m) => ({
      userId: m.userId,
      messageId: m.lastReadMessageId,
      at: m.lastReadAt?.toISOString() ?? null,
    })),
  };
}
