// Socket.IO room names, the same as `rooms` in packages/contracts/src/realtime.ts. Copied rather
// than imported because that module also builds zod schemas, which must not enter the initial
// bundle; rooms.test.ts checks that the two agree.
export const rooms = {
  user: (userId: string) => `user:${userId}`,
  board: () => "board",
  company: (clientCompanyId: string) => `company:${clientCompanyId}`,
  workOrder: (workOrderId: string) => `work-order:${workOrderId}`,
  team: (teamId: string) => `team:${teamId}`,
  chat: (chatRoomId: string) => `chat:${chatRoomId}`,
} as const;

export type RoomKind = "board" | "user" | "company" | "work-order" | "team" | "chat";

export function roomKind(room: string): RoomKind | undefined {
  if (room === "board") return "board";
  const kind = room.slice(0, room.indexOf(":"));
  return (["user", "company", "work-order", "team", "chat"] as const).find((k) => k === kind);
}

/** The rooms the server puts every connection of this user in, as far as the user alone tells. */
export function homeRooms(user: { id: string; role: string; clientCompanyId: string | null; teamId: string | null }): string[] {
  const result = [rooms.user(user.id)];
  if (user.role === "admin" || user.role === "manager") result.push(rooms.board());
  if (user.role === "client" && user.clientCompanyId) result.push(rooms.company(user.clientCompanyId));
  if (user.teamId && user.role !== "client") result.push(rooms.team(user.teamId));
  return result;
}
