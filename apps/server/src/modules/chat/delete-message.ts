import type { Message as MessageDto } from "@crewboard/contracts";
import { audience, messagePermissions } from "@crewboard/domain";
import { AppError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { roomFacts } from "./chat-access.ts";
import { findMessageInMyRoom } from "./edit-message.ts";
import { messageInclude, toMessageDto } from "./message.mapper.ts";

/**
 * The author, or a manager/admin in the room (domain messagePermissions), deletes a message: it
 * stays in the conversation without its text; the text is kept as a revision (history is never lost).
 */
export async function deleteMessage(
  tx: Tx,
  options: { actor: Actor; request: { messageId: string }; events: EventBatch },
): Promise<MessageDto> {
  const { actor, request, events } = options;
  const { message, room } = await findMessageInMyRoom(tx, actor.user, request.messageId);
  // the rule the web also asks before it offers "delete"
  if (!messagePermissions(message, await roomFacts(tx, room), actor.user).delete) {
    throw new AppError("auth.forbidden", {
      detail: "only the author or a manager, while in the room, can delete a message",
    });
  }
  if (message.deletedAt) return toMessageDto(message);
  const deleted = await tx.message.updateMany({
    where: { id: message.id, deletedAt: null },
    data: { deletedAt: new Date(), body: "" },
  });
  // deleted meanwhile by someone else: the same outcome
  if (deleted.count === 0)
    return toMessageDto(await tx.message.findUniqueOrThrow({ where: { id: message.id }, include: messageInclude }));
  await tx.messageRevision.create({ data: { messageId: message.id, body: message.body } });
  await recordAudit(tx, actor, {
    action: "message.delete",
    entityType: "message",
    entityId: message.id,
    metadata: { roomId: message.roomId, authorId: message.authorId },
  });
  const dto = toMessageDto(await tx.message.findUniqueOrThrow({ where: { id: message.id }, include: messageInclude }));
  events.add(audience.chatRoom(message.roomId), "message:updated", dto);
  return dto;
}
