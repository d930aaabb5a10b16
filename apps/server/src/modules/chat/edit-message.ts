import type { Message as MessageDto, SignedInUser } from "@crewboard/contracts";
import { audience, messagePermissions } from "@crewboard/domain";
import { AppError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { forbiddenRoom, requireRoomAccess, roomFacts } from "./chat-access.ts";
import { messageInclude, toMessageDto } from "./message.mapper.ts";

/** The message and its room, if the user is in the room; otherwise auth.forbidden (also for an unknown id). */
export async function findMessageInMyRoom(tx: Tx, user: SignedInUser, messageId: string) {
  const message = await tx.message.findUnique({ where: { id: messageId }, include: messageInclude });
  if (!message) throw forbiddenRoom();
  const access = await requireRoomAccess(tx, user, message.roomId);
  return { message, ...access };
}

/** The author rewrites their message; the previous text is kept as a revision. */
export async function editMessage(
  tx: Tx,
  options: { actor: Actor; request: { messageId: string; body: string }; events: EventBatch },
): Promise<MessageDto> {
  const { actor, request, events } = options;
  const { message, room } = await findMessageInMyRoom(tx, actor.user, request.messageId);
  // the rule the web also asks before it offers "edit"
  if (!messagePermissions(message, await roomFacts(tx, room), actor.user).edit) {
    throw new AppError("auth.forbidden", { detail: "only the author, while in the room, can edit a message" });
  }
  if (message.deletedAt) throw new AppError("message.deleted");
  if (message.body === request.body) return toMessageDto(message);
  // conditional on the text we read: of two edits at once, the second one is refused instead of losing a revision
  const updated = await tx.message.updateMany({
    where: { id: message.id, body: message.body, deletedAt: null },
    data: { body: request.body, editedAt: new Date() },
  });
  if (updated.count === 0) throw new AppError("message.changed");
  await tx.messageRevision.create({ data: { messageId: message.id, body: message.body } });
  await recordAudit(tx, actor, {
    action: "message.edit",
    entityType: "message",
    entityId: message.id,
    metadata: { roomId: message.roomId },
  });
  const dto = toMessageDto(await tx.message.findUniqueOrThrow({ where: { id: message.id }, include: messageInclude }));
  events.add(audience.chatRoom(message.roomId), "message:updated", dto);
  return dto;
}
