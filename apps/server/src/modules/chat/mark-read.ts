import { invalidField } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { requireRoomAccess } from "./chat-access.ts";
import { countUnread } from "./chat-room.mapper.ts";
import { isAfter } from "./message.mapper.ts";

export interface ReadMarker {
  roomId: string;
  userId: string;
  messageId: string;
  at: string;
}

/**
 * Moves the member's read marker forward to `messageId` (never backwards: an older message leaves
 * it where it is). Answers the unread count, and the new marker when it moved (to tell the room: 既読).
 */
export async function markRead(
  tx: Tx,
  options: { actor: Actor; request: { roomId: string; messageId: string } },
): Promise<{ unread: number; marker: ReadMarker | null }> {
  const { actor, request } = options;
  const user = actor.user;
  const { member } = await requireRoomAccess(tx, user, request.roomId);
  const message = await tx.message.findFirst({
    where: { id: request.messageId, roomId: request.roomId },
    select: { id: true, createdAt: true },
  });
  if (!message) throw invalidField("payload.messageId", "not a message of this room");
  // an admin reading a room they are not in has no marker to move
  if (!member) return { unread: 0, marker: null };
  // the member row is locked, so two reads at once cannot move the marker backwards
  await tx.$queryRaw`SELECT 1 FROM "ChatMember" WHERE "roomId" = ${request.roomId}::uuid AND "userId" = ${user.id}::uuid FOR UPDATE`;
  const current = await tx.chatMember.findUniqueOrThrow({
    where: { roomId_userId: { roomId: request.roomId, userId: user.id } },
  });
  const previous = current.lastReadMessageId
    ? await tx.message.findUnique({ where: { id: current.lastReadMessageId }, select: { id: true, createdAt: true } })
    : null;
  let marker: ReadMarker | null = null;
  let lastReadMessageId = current.lastReadMessageId;
  if (!previous || isAfter(message, previous)) {
    const at = new Date();
    await tx.chatMember.update({
      where: { roomId_userId: { roomId: request.roomId, userId: user.id } },
      data: { lastReadMessageId: message.id, lastReadAt: at },
    });
    await recordAudit(tx, actor, {
      action: "chat_room.read",
      entityType: "chat_room",
      entityId: request.roomId,
      metadata: { messageId: message.id },
    });
    lastReadMessageId = message.id;
    marker = { roomId: request.roomId, userId: user.id, messageId: message.id, at: at.toISOString() };
  }
  const unread = await countUnread(tx, request.roomId, user.id, lastReadMessageId);
  return { unread, marker };
}
