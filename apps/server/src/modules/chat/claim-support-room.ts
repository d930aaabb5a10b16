// "Talk to a manager — whoever is free": every active manager is invited to a support room; the
// first one to answer takes it (atomically), the others are told and leave the room.
import { rooms } from "@crewboard/contracts";
import { supportTakenByAnother } from "@crewboard/domain";
import type { ChatRoom, Prisma } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import type { Actor, AuthUser } from "../../http/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { buildRoomSummary } from "./chat-room.mapper.ts";

type Tx = Prisma.TransactionClient;

function taken(): AppError {
  return new AppError("conflict", { detail: "another manager has already taken this conversation" });
}

/** A manager cannot post in a support room another manager has taken (they are no longer in it). */
export async function refuseIfTakenByAnother(tx: Tx, user: AuthUser, roomId: string): Promise<void> {
  const room = await tx.chatRoom.findUnique({ where: { id: roomId }, select: { kind: true, requesterId: true, claimedById: true } });
  if (room && supportTakenByAnother({ ...room, claimedBy: room.claimedById ? { id: room.claimedById } : null }, user)) throw taken();
}

/** Published in this order after commit: the news to the room, then the other managers leave it. */
export interface ClaimBatches {
  announce: EventBatch;
  release: EventBatch;
}

/**
 * Called when someone posts in a support room. The first manager to do so takes it: the claim is
 * a conditional update, so of two managers answering at once exactly one wins and the other is refused.
 */
export async function claimSupportRoom(tx: Tx, batches: ClaimBatches, actor: Actor, room: ChatRoom): Promise<void> {
  const user = actor.user;
  if (user.role !== "manager" || user.id === room.requesterId) return;
  const won = await tx.chatRoom.updateMany({ where: { id: room.id, claimedById: null }, data: { claimedById: user.id, claimedAt: new Date() } });
  if (won.count === 0) {
    const now = await tx.chatRoom.findUniqueOrThrow({ where: { id: room.id }, select: { claimedById: true } });
    if (now.claimedById !== user.id) throw taken();
    return;
  }
  const others = await tx.chatMember.findMany({
    where: { roomId: room.id, userId: { notIn: [user.id, ...(room.requesterId ? [room.requesterId] : [])] }, user: { role: "manager" } },
    select: { userId: true },
  });
  const otherIds = others.map((o) => o.userId);
  await tx.chatMember.deleteMany({ where: { roomId: room.id, userId: { in: otherIds } } });
  await recordAudit(tx, actor, { action: "chat_room.claim", entityType: "chat_room", entityId: room.id, metadata: { released: otherIds } });
  const summary = await buildRoomSummary(tx, room.id, null);
  // to the room while the others are still in it (published before `release`), and to their own
  // rooms too: they cannot sync the chat room any more, so a reconnecting one catches up there
  await batches.announce.add(tx, [rooms.chat(room.id), ...otherIds.map((id) => rooms.user(id))], "chat_room:updated", summary);
  for (const id of otherIds) batches.release.leave(id, [rooms.chat(room.id)]);
}
