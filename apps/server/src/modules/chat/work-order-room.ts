// Each work order has a chat room: its client company's users, the managers, and the crew who
// have a task in it. Crew join when they get their first task in the order and leave with their last.
import { rooms } from "@crewboard/contracts";
import { isCrew } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import type { EventBatch } from "../../realtime/event-batch.ts";

type Tx = Prisma.TransactionClient;

export async function ensureWorkOrderChatRoom(
  tx: Tx,
  events: EventBatch,
  order: { id: string; number: number; title: string; clientCompanyId: string },
) {
  const existing = await tx.chatRoom.findUnique({ where: { workOrderId: order.id } });
  if (existing) return existing;
  const members = await tx.user.findMany({
    where: { active: true, OR: [{ clientCompanyId: order.clientCompanyId }, { role: "manager" }] },
    select: { id: true },
  });
  const room = await tx.chatRoom.create({
    data: {
      kind: "work_order",
      name: `#${order.number} ${order.title}`.slice(0, 200),
      workOrderId: order.id,
      members: { create: members.map((m) => ({ userId: m.id })) },
    },
  });
  for (const m of members) events.join(m.id, [rooms.chat(room.id)]);
  return room;
}

/** Brings the given crew members' access to the order's rooms in line with their tasks in it. */
export async function syncCrewAccess(
  tx: Tx,
  events: EventBatch,
  workOrderId: string,
  userIds: readonly string[],
): Promise<void> {
  if (userIds.length === 0) return;
  const order = await tx.workOrder.findUniqueOrThrow({
    where: { id: workOrderId },
    select: { id: true, number: true, title: true, clientCompanyId: true },
  });
  const chat = await ensureWorkOrderChatRoom(tx, events, order);
  for (const userId of new Set(userIds)) {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true } });
    if (!user || !isCrew(user)) continue;
    const hasTask = (await tx.task.count({ where: { workOrderId, assigneeId: userId } })) > 0;
    const orderRooms = [rooms.workOrder(workOrderId), rooms.chat(chat.id)];
    if (hasTask) {
      await tx.chatMember.upsert({
        where: { roomId_userId: { roomId: chat.id, userId } },
        create: { roomId: chat.id, userId },
        update: {},
      });
      events.join(userId, orderRooms);
    } else {
      await tx.chatMember.deleteMany({ where: { roomId: chat.id, userId } });
      events.leave(userId, orderRooms);
    }
  }
}
