// Journey 4, "Talk to someone": a crew member (or a client) asks to talk to a manager, either a
// named one (their direct room) or "whoever is free" (a support room every manager is invited to;
// the first to answer takes it, see claim-support-room.ts).
import type { ChatRoomSummary } from "@crewboard/contracts";
import { audience } from "@crewboard/domain";
import { AppError, invalidField } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { notifyUsers } from "../notifications/notify.ts";
import { directKeyOf } from "./chat-access.ts";
import { buildRoomSummary } from "./chat-room.mapper.ts";

export interface TalkToManagerOptions {
  actor: Actor;
  request: { managerId?: string | undefined };
  events: EventBatch;
}

/** Tells each member's connections about the room they are now in (their own rooms: the chat room's sockets join after commit). */
async function announceRoom(tx: Tx, events: EventBatch, roomId: string, memberIds: string[]): Promise<void> {
  for (const id of memberIds) events.join(id, audience.chatRoom(roomId));
  const summary = await buildRoomSummary(tx, roomId, null);
  events.add(
    [...audience.chatRoom(roomId), ...memberIds.flatMap((id) => audience.person(id))],
    "chat_room:updated",
    summary,
  );
}

async function directRoom(tx: Tx, events: EventBatch, actor: Actor, managerId: string): Promise<string> {
  const user = actor.user;
  if (managerId === user.id) throw invalidField("payload.managerId", "choose a manager other than yourself");
  const manager = await tx.user.findFirst({
    where: { id: managerId, role: "manager", active: true },
    select: { id: true },
  });
  if (!manager) throw invalidField("payload.managerId", "not an active manager");
  const directKey = directKeyOf(user.id, managerId);
  const existing = await tx.chatRoom.findUnique({ where: { directKey }, select: { id: true } });
  if (existing) {
    // both people are in their direct room (put back, should one have been taken out)
    const missing: string[] = [];
    for (const userId of [user.id, managerId]) {
      const m = await tx.chatMember.findUnique({ where: { roomId_userId: { roomId: existing.id, userId } } });
      if (!m) missing.push(userId);
    }
    if (missing.length) {
      await tx.chatMember.createMany({ data: missing.map((userId) => ({ roomId: existing.id, userId })) });
      await recordAudit(tx, actor, {
        action: "chat_room.add_members",
        entityType: "chat_room",
        entityId: existing.id,
        metadata: { userIds: missing },
      });
      await announceRoom(tx, events, existing.id, missing);
    }
    return existing.id;
  }
  const room = await tx.chatRoom.create({
    data: { kind: "direct", directKey, members: { create: [{ userId: user.id }, { userId: managerId }] } },
  });
  await recordAudit(tx, actor, {
    action: "chat_room.create",
    entityType: "chat_room",
    entityId: room.id,
    metadata: { kind: "direct", managerId },
  });
  await announceRoom(tx, events, room.id, [user.id, managerId]);
  return room.id;
}

async function supportRoom(tx: Tx, events: EventBatch, actor: Actor): Promise<string> {
  const user = actor.user;
  // one open request per person: asking again while nobody has answered returns the same room
  await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${user.id}::uuid FOR NO KEY UPDATE`;
  const open = await tx.chatRoom.findFirst({
    where: { kind: "support", requesterId: user.id, claimedById: null, members: { some: { userId: user.id } } },
    orderBy: { createdAt: "desc" },
    select: { id: true },
  });
  if (open) return open.id;
  const managers = await tx.user.findMany({
    where: { role: "manager", active: true, id: { not: user.id } },
    select: { id: true },
  });
  if (managers.length === 0) throw new AppError("chat_room.no_manager_available");
  const memberIds = [user.id, ...managers.map((m) => m.id)];
  const room = await tx.chatRoom.create({
    data: { kind: "support", requesterId: user.id, members: { create: memberIds.map((userId) => ({ userId })) } },
  });
  await recordAudit(tx, actor, {
    action: "chat_room.create",
    entityType: "chat_room",
    entityId: room.id,
    metadata: { kind: "support" },
  });
  await announceRoom(tx, events, room.id, memberIds);
  await notifyUsers(
    tx,
    events,
    managers.map((m) => m.id),
    { kind: "chat.support_requested", data: { roomId: room.id, requesterId: user.id, requesterName: user.name } },
  );
  return room.id;
}

/**
 * Opens (or finds) the room. Two requests creating the same direct room at once: the second loses
 * the race on the room's key and the write path runs it again, which finds the first one's room.
 */
export async function talkToManager(tx: Tx, options: TalkToManagerOptions): Promise<ChatRoomSummary> {
  const { actor, request, events } = options;
  const roomId = request.managerId
    ? await directRoom(tx, events, actor, request.managerId)
    : await supportRoom(tx, events, actor);
  return buildRoomSummary(tx, roomId, actor.user.id);
}
