import { rooms, type Message as MessageDto } from "@crewboard/contracts";
import type { PrismaClient } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import type { Actor } from "../../http/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { EventBatch } from "../../realtime/event-batch.ts";
import { messagePermissions } from "@crewboard/domain";
import { roomFacts } from "./chat-access.ts";
import { findMessageInMyRoom } from "./edit-message.ts";
import { messageInclude, toMessageDto } from "./message.mapper.ts";

/**
 * The author, or a manager/admin in the room (domain messagePermissions), deletes a message: it stays in the conversation
 * without its text; the text is kept as a revision (history is never lost).
 */
export async function deleteMessage(
  prisma: PrismaClient,
  options: { actor: Actor; request: { messageId: string }; publish(batch: EventBatch): void },
): Promise<MessageDto> {
  const { actor, request } = options;
  const events = new EventBatch();
  const result = await prisma.$transaction(async (tx) => {
    const { message, room } = await findMessageInMyRoom(tx, actor.user, request.messageId);
    // the rule the web also asks before it offers "delete"
    if (!messagePermissions(message, await roomFacts(tx, room), actor.user).delete) {
      throw new AppError("auth.forbidden", { detail: "only the author or a manager, while in the room, can delete a message" });
    }
    if (message.deletedAt) return { dto: toMessageDto(message), changed: false };
    const deleted = await tx.message.updateMany({ where: { id: message.id, deletedAt: null }, data: { deletedAt: new Date(), body: "" } });
    if (deleted.count === 0) {
      // deleted meanwhile by someone else: same outcome
      return { dto: toMessageDto(await tx.message.findUniqueOrThrow({ where: { id: message.id }, include: messageInclude })), changed: false };
    }
    await tx.messageRevision.create({ data: { messageId: message.id, body: message.body } });
    await recordAudit(tx, actor, {
      action: "message.delete",
      entityType: "message",
      entityId: message.id,
      metadata: { roomId: message.roomId, authorId: message.authorId },
    });
    const dto = toMessageDto(await tx.message.findUniqueOrThrow({ where: { id: message.id }, include: messageInclude }));
    await events.add(tx, [rooms.chat(message.roomId)], "message:updated", dto);
    return { dto, changed: true };
  });
  if (result.changed) options.publish(events);
  return result.dto;
}
