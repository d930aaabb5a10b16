// Every chat event checks on the server that the user is in the room: a ChatMember row, or an
// admin. Anyone else gets the same answer whether the room exists or not.
import { mayReadChatRoom, type ChatRoomFacts } from "@crewboard/domain";
import type { ChatMember, ChatRoom, Prisma, PrismaClient } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import type { SignedInUser } from "@crewboard/contracts";

type Db = Pick<Prisma.TransactionClient, "chatRoom" | "chatMember"> | PrismaClient;

export interface RoomAccess {
  room: ChatRoom;
  /** null for an admin who is not a member */
  member: ChatMember | null;
}

export function forbiddenRoom(): AppError {
  return new AppError("auth.forbidden", { detail: "you are not a member of this chat room" });
}

/** The room and the user's membership in it, or auth.forbidden. */
export async function requireRoomAccess(db: Db, user: SignedInUser, roomId: string): Promise<RoomAccess> {
  const room = await db.chatRoom.findUnique({ where: { id: roomId } });
  if (!room) throw forbiddenRoom();
  const member = await db.chatMember.findUnique({ where: { roomId_userId: { roomId, userId: user.id } } });
  if (!mayReadChatRoom(user, Boolean(member))) throw forbiddenRoom();
  return { room, member };
}

/** The room as the shared chat rules (@crewboard/domain chat.ts) see it: its members and, for support rooms, who asked and who took it. */
export async function roomFacts(db: Db, room: ChatRoom): Promise<ChatRoomFacts> {
  const members = await db.chatMember.findMany({ where: { roomId: room.id }, select: { userId: true } });
  return {
    kind: room.kind,
    members: members.map((m) => ({ id: m.userId })),
    requesterId: room.requesterId,
    claimedBy: room.claimedById ? { id: room.claimedById } : null,
  };
}

/** The key of the direct room of two people: their ids sorted and joined. */
export const directKeyOf = (a: string, b: string) => [a, b].sort().join(":");
