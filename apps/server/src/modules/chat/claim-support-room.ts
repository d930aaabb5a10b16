// "Talk to a manager — whoever is free": every active manager is invited to a support room; the
// first one to answer takes it (atomically), the others are told and leave the room.
import { audience, claimsSupportRoom, supportTakenByAnother } from "@crewboard/domain";
import type { ChatRoom } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import type { SignedInUser } from "@crewboard/contracts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { buildRoomSummary } from "./chat-room.mapper.ts";

function taken(): AppError {
  return new AppError("chat_room.taken");
}

/** A manager cannot post in a support room another manager has taken (they are no longer in it). */
export async function refuseIfTakenByAnother(tx: Tx, user: SignedInUser, roomId: string): Promise<void> {
  const room = await tx.chatRoom.findUnique({
    where: { id: roomId },
    select: { kind: true, requesterId: true, claimedById: true },
  });
  if (room && supportTakenByAnother({ ...room, claimedBy: room.claimedById ? { id: room.claimedById } : null }, user))
    throw taken();
}

/**
 * Called when someone posts in a support room. The first manager to do so takes it: the claim is
 * a conditional update, so of two managers answering at once exactly one wins and the other is refused.
 */
export async function claimSupportRoom(tx: Tx, events: EventBatch, actor: Actor, room: ChatRoom): Promise<void> {
  const user = actor.user;
  if (!claimsSupportRoom(room, user)) return;
  const won = await tx.chatRoom.updateMany({
    where: { id: room.id, claimedById: null },
    data: { claimedById: user.id, claimedAt: new Date() },
  });
  if (won.count === 0) {
    const now = await tx.chatRoom.findUniqueOrThrow({ where: { id: room.id }, select: { claimedById: true } });
    if (now.claimedById !== user.id) throw taken();
    return;
  }
  const others = await tx.chatMember.findMany({
    where: {
      roomId: room.id,
      userId: { notIn: [user.id, ...(room.requesterId ? [room.requesterId] : [])] },
      user: { role: "manager" },
    },
    select: { userId: true },
  });
  const otherIds = others.map((o) => o.userId);
  await tx.chatMember.deleteMany({ where: { roomId: room.id, userId: { in: otherIds } } });
  await recordAudit(tx, actor, {
    action: "chat_room.claim",
    entityType: "chat_room",
    entityId: room.id,
    metadata: { released: otherIds },
  });
  const summary = await buildRoomSummary(tx, room.id, null);
  // The others leave the room as the batch is published (before its events), so they hear of the
  // claim in their own rooms: where a reconnecting one catches up too, since the chat room is no
  // longer theirs to sync. The room hears it as well; then the reply goes out, to the room without them.
  for (const id of otherIds) events.leave(id, audience.chatRoom(room.id));
  events.add(
    [...audience.chatRoom(room.id), ...otherIds.flatMap((id) => audience.person(id))],
    "chat_room:updated",
    summary,
  );
}
