// Which rooms a connection is in, by the access policy (packages/domain/src/policy/rooms.ts): its
// home rooms (realtime.ts joins them at connection, no database needed), plus the rooms read here
// from the database — the orders a crew member works on, an admin's teams, the user's chat rooms.
// Any other join request is asked of `mayJoinRoom`, with the facts it needs read from the database here.
import {
  followsEveryTeamAsManager,
  followsOrdersOneByOne,
  mayJoinRoom,
  rooms,
  type Identity,
  type RoomFacts,
} from "@crewboard/domain";
import type { PrismaClient } from "@crewboard/db";
import { visibleWorkOrders } from "../access/visibility.ts";

/** The rooms of a connection besides its home rooms: those that depend on facts of the database. */
export async function databaseRoomsOf(prisma: PrismaClient, user: Identity): Promise<string[]> {
  const result: string[] = [];
  if (followsOrdersOneByOne(user)) {
    const orders = await prisma.workOrder.findMany({ where: visibleWorkOrders(user), select: { id: true } });
    result.push(...orders.map((o) => rooms.workOrder(o.id)));
  }
  // issue 12: admins hear every team's check-ins (a team made later: on their next connection, or joined by the crew overview)
  if (followsEveryTeamAsManager(user)) {
    const teams = await prisma.team.findMany({ select: { id: true } });
    result.push(...teams.map((team) => rooms.teamManagers(team.id)));
  }
  const chats = await prisma.chatMember.findMany({ where: { userId: user.id }, select: { roomId: true } });
  result.push(...chats.map((c) => rooms.chat(c.roomId)));
  return result;
}

function roomFacts(prisma: PrismaClient, user: Identity): RoomFacts {
  return {
    hasTaskIn: async (workOrderId) =>
      (await prisma.workOrder.count({ where: { AND: [{ id: workOrderId }, visibleWorkOrders(user)] } })) === 1,
    isChatMember: async (roomId) => (await prisma.chatMember.count({ where: { roomId, userId: user.id } })) === 1,
    chatRoomExists: async (roomId) => (await prisma.chatRoom.count({ where: { id: roomId } })) === 1,
  };
}

export function mayJoin(prisma: PrismaClient, user: Identity, room: string): Promise<boolean> {
  return mayJoinRoom(user, room, roomFacts(prisma, user));
}
