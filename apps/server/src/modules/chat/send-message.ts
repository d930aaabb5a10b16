import type { Message as MessageDto, SendMessagePayload } from "@crewboard/contracts";
import { audience } from "@crewboard/domain";
import { nameForClients } from "../../access/client-view.ts";
import { AppError, invalidField } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { notifyUsers } from "../notifications/notify.ts";
import { scheduleUnreadCheck } from "../notifications/reminders.ts";
import { requireRoomAccess } from "./chat-access.ts";
import { claimSupportRoom, refuseIfTakenByAnother } from "./claim-support-room.ts";
import { excerptOf, messageInclude, toMessageDto, type MessageRow } from "./message.mapper.ts";

/** The first message sent with this key, when the request is a retry of it. */
function replayOf(first: MessageRow, request: SendMessagePayload): MessageDto {
  if (first.roomId !== request.roomId) throw new AppError("message.client_key_reused");
  return toMessageDto(first);
}

/**
 * Posts a message: persisted, then sent to the room. A retry with the same clientKey returns the
 * first message and writes nothing (two copies at once: the second loses the race on the key, and
 * the write path runs it again, which finds the first). Mentioned members are notified. In a
 * support room the first manager to answer takes the conversation.
 */
export async function sendMessage(
  tx: Tx,
  options: { actor: Actor; request: SendMessagePayload; events: EventBatch },
): Promise<MessageDto> {
  const { actor, request, events } = options;
  const user = actor.user;
  await refuseIfTakenByAnother(tx, user, request.roomId);
  // A manager answering at the same moment as another may lose the room between the two reads:
  // once out of it, they are told it was taken (read again, now committed), not that they are no member.
  const { room } = await requireRoomAccess(tx, user, request.roomId).catch(async (error: unknown) => {
    await refuseIfTakenByAnother(tx, user, request.roomId);
    throw error;
  });
  const first = await tx.message.findUnique({
    where: { authorId_clientKey: { authorId: user.id, clientKey: request.clientKey } },
    include: messageInclude,
  });
  if (first) return replayOf(first, request);

  const mentions = [...new Set(request.mentions)];
  if (mentions.length) {
    const members = await tx.chatMember.findMany({
      where: { roomId: room.id, userId: { in: mentions } },
      select: { userId: true },
    });
    const outside = mentions.filter((id) => !members.some((m) => m.userId === id));
    if (outside.length)
      throw invalidField("payload.mentions", `only members of this room can be mentioned (not: ${outside.join(", ")})`);
  }

  if (room.kind === "support") await claimSupportRoom(tx, events, actor, room);

  const message = await tx.message.create({
    data: { roomId: room.id, authorId: user.id, body: request.body, clientKey: request.clientKey, mentions },
    include: messageInclude,
  });
  await recordAudit(tx, actor, {
    action: "message.create",
    entityType: "message",
    entityId: message.id,
    metadata: { roomId: room.id, mentions: mentions.length },
  });
  const dto = toMessageDto(message);
  events.add(audience.chatRoom(room.id), "message:created", dto);
  await notifyUsers(
    tx,
    events,
    mentions.filter((id) => id !== user.id),
    {
      kind: "message.mention",
      data: {
        roomId: room.id,
        messageId: message.id,
        authorName: message.author.name,
        excerpt: excerptOf(message.body),
      },
      dataForClients: {
        roomId: room.id,
        messageId: message.id,
        authorName: nameForClients(message.author),
        excerpt: excerptOf(message.body),
      },
    },
  );
  // issue 11: members who have been away for a while hear of it (jobs: chat.unread, in 30 minutes)
  await scheduleUnreadCheck(tx, room.id, message.createdAt);
  return dto;
}
