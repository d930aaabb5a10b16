// Which rooms a user belongs to, decided on the server. A connection joins these at once; any
// other join request is checked here and refused (and audited) when it is not allowed.
import { parseRoom, rooms } from "@crewboard/contracts";
import type { PrismaClient } from "@crewboard/db";
import type { AuthUser } from "../http/context.ts";
import { visibleWorkOrders } from "../access/visibility.ts";

export async function roomsOf(prisma: PrismaClient, user: AuthUser): Promise<string[]> {
  const result = [rooms.user(user.id)];
  if (user.role === "admin" || user.role === "manager") result.push(rooms.board());
  if (user.role === "client" && user.clientCompanyId) result.push(rooms.company(user.clientCompanyId));
  if (user.teamId && user.role !== "client") result.push(rooms.team(user.teamId));
  if (user.role === "crew") {
    // staff see every order through the board room and clients through their company's room
    // (one room each, so no event arrives twice); crew follow their orders one by one
    const orders = await prisma.workOrder.findMany({ where: visibleWorkOrders(user), select: { id: true } });
    result.push(...orders.map((o) => rooms.workOrder(o.id)));
  }
  const chats = await prisma.chatMember.findMany({ where: { userId: user.id }, select: { roomId: true } });
  result.push(...chats.map((c) => rooms.chat(c.roomId)));
  return result;
}

export async function mayJoin(prisma: PrismaClient, user: AuthUser, room: string): Promise<boolean> {
  const parsed = parseRoom(room);
  if (!parsed) return false;
  const staff = user.role === "admin" || user.role === "manager";
  switch (parsed.kind) {
    case "board":
      return staff;
    case "user":
      return parsed.id === user.id;
    case "company":
      return user.role === "client" ? parsed.id === user.clientCompanyId : false;
    case "team":
      return user.role === "admin" || (user.role !== "client" && parsed.id === user.teamId);
    case "work-order":
      if (staff) return true;
      // clients already receive their orders' events in their company room
      if (user.role === "client") return false;
      return (await prisma.workOrder.count({ where: { AND: [{ id: parsed.id }, visibleWorkOrders(user)] } })) === 1;
    case "chat":
      if (user.role === "admin") return (await prisma.chatRoom.count({ where: { id: parsed.id } })) === 1;
      return (await prisma.chatMember.count({ where: { roomId: parsed.id, userId: user.id } })) === 1;
  }
}
