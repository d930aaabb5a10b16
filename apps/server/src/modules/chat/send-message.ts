import { rooms, type Message as MessageDto, type SendMessagePayload } from "@crewboard/contracts";
import { Prisma, type PrismaClient } from "@crewboard/db";
import { AppError, invalidField } from "../../errors.ts";
import type { Actor } from "../../http/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { EventBatch } from "../../realtime/event-batch.ts";
import { notifyUsers } from "../notifications/notify.ts";
import { requireRoomAccess } from "./chat-access.ts";
import { claimSupportRoom, refuseIfTakenByAnother } from "./claim-support-room.ts";
import { excerptOf, messageInclude, toMessageDto, type MessageRow } from "./message.mapper.ts";

export interface SendMessageOptions {
  actor: Actor;
  request: SendMessagePayload;
  publish(batch: EventBatch): void;
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** The first message sent with this key, when the request is a retry of it. */
function replayOf(first: MessageRow, request: SendMessagePayload): MessageDto {
  if (first.roomId !== request.roomId) {
    throw new AppError("conflict", { detail: "this clientKey was already used for a message in another room; generate a new one" });
  }
  return toMessageDto(first);
}

/**
 * Posts a message: persisted, then sent to the room. A retry with the same clientKey returns the
 * first message and writes nothing. Mentioned members are notified. In a support room the first
 * manager to answer takes the conversation.
 */
export async function sendMessage(prisma: PrismaClient, options: SendMessageOptions): Promise<MessageDto> {
  const { actor, request } = options;
  const user = actor.user;
  const clientKeyOf = { authorId_clientKey: { authorId: user.id, clientKey: request.clientKey } };
  // A claim is published first: the room hears it is taken, then the other managers leave it,
  // then the reply goes out (to the room without them).
  const claim = { announce: new EventBatch(), release: new EventBatch() };
  const events = new EventBatch();
  let result: { message: MessageDto; created: boolean };
  try {
    result = await prisma.$transaction(async (tx) => {
      await refuseIfTakenByAnother(tx, user, request.roomId);
      // A manager answering at the same moment as another may lose the room between the two reads:
      // once out of it, they are told it was taken (read again, now committed), not that they are no member.
      const { room } = await requireRoomAccess(tx, user, request.roomId).catch(async (error: unknown) => {
        await refuseIfTakenByAnother(tx, user, request.roomId);
        throw error;
      });
      const first = await tx.message.findUnique({ where: clientKeyOf, include: messageInclude });
      if (first) return { message: replayOf(first, request), created: false };

      const mentions = [...new Set(request.mentions)];
      if (mentions.length) {
        const members = await tx.chatMember.findMany({ where: { roomId: room.id, userId: { in: mentions } }, select: { userId: true } });
        const outside = mentions.filter((id) => !members.some((m) => m.userId === id));
        if (outside.length) throw invalidField("payload.mentions", `only members of this room can be mentioned (not: ${outside.join(", ")})`);
      }

      if (room.kind === "support") await claimSupportRoom(tx, claim, actor, room);

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
      await events.add(tx, [rooms.chat(room.id)], "message:created", dto);
      await notifyUsers(
        tx,
        events,
        mentions.filter((id) => id !== user.id),
        { kind: "message.mention", data: { roomId: room.id, messageId: message.id, authorName: message.author.name, excerpt: excerptOf(message.body) } },
      );
      return { message: dto, created: true };
    });
  } catch (error) {
    // A concurrent retry committed the same key first: answer with its message.
    if (!isUniqueViolation(error)) throw error;
    const first = await prisma.message.findUnique({ where: clientKeyOf, include: messageInclude });
    if (!first) throw error;
    return replayOf(first, request);
  }
  if (result.created) {
    options.publish(claim.announce);
    options.publish(claim.release);
    options.publish(events);
  }
  return result.message;
}
