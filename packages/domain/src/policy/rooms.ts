// Socket.IO rooms: their names, and who may be in which. A connection is put at once in its home
// rooms; any other room is joined only when `mayJoinRoom` says so (facts about the database are
// asked through `RoomFacts`, so the rule stays pure and reads like the sentence it implements).
import { isAdmin, isClient, isCrew, isEmployee, isManager, isStaff, type Identity } from "./identity.ts";

/** Room names, built only here (the server decides who may be in which). */
export const rooms = {
  /** one person's own events: their tasks, notifications */
  user: (userId: string) => `user:${userId}`,
  /** managers and admins: every order and task */
  board: () => "board",
  /** a client company's users: their orders and tasks */
  company: (clientCompanyId: string) => `company:${clientCompanyId}`,
  /** one work order: the crew who have a task in it (staff and clients hear through board/company) */
  workOrder: (workOrderId: string) => `work-order:${workOrderId}`,
  /** a team's people (managers and crew) */
  team: (teamId: string) => `team:${teamId}`,
  /** a chat room's members */
  chat: (chatRoomId: string) => `chat:${chatRoomId}`,
  /** issue 12: a team's managers and admins only (never its crew): its crew's check-ins */
  teamManagers: (teamId: string) => `team-managers:${teamId}`,
} as const;

export type RoomKind = "board" | "user" | "company" | "work-order" | "team" | "chat" | "team-managers";
export type ParsedRoom = { kind: "board" } | { kind: Exclude<RoomKind, "board">; id: string };

export const ROOM_PATTERN = /^(user|company|work-order|team|chat|team-managers):([0-9a-f-]{36})$|^board$/;

export function parseRoom(name: string): ParsedRoom | null {
  const m = ROOM_PATTERN.exec(name);
  if (!m) return null;
  if (name === "board") return { kind: "board" };
  return { kind: m[1] as Exclude<RoomKind, "board">, id: m[2]! };
}

/** The rooms every connection of this user is in from the start (their orders and chats come on top). */
export function homeRooms(who: Identity): string[] {
  const result = [rooms.user(who.id)];
  if (isStaff(who)) result.push(rooms.board());
  if (isClient(who) && who.clientCompanyId) result.push(rooms.company(who.clientCompanyId));
  if (isEmployee(who) && who.teamId) result.push(rooms.team(who.teamId));
  if (isManager(who) && who.teamId) result.push(rooms.teamManagers(who.teamId));
  return result;
}

/**
 * The rooms a live client asks to join (`room:join`) when it connects: those it follows, less its
 * home rooms whose sequence it already knows. The server puts every connection in its home rooms by
 * itself (apps/server realtime.ts, at connection), so a known one needs no join: the client's
 * `sync:request` asks it for what came after. After a restart a manager's connection came back
 * with four joins and a sync, each a database read and an answer; now with the sync alone (issue
 * 14, reconnect storm). The web app (lib/socket.ts) and the bench's clients follow this one rule.
 */
export function roomsToJoinOnConnect(
  who: Identity,
  following: Iterable<string>,
  knowsSequenceOf: (room: string) => boolean,
): string[] {
  const home = new Set(homeRooms(who));
  return [...following].filter((room) => !(home.has(room) && knowsSequenceOf(room)));
}

/**
 * Admins are in every team's managers' room from the start (their crew overview shows everyone);
 * the server adds one room per team (room-access.ts), since the teams are facts of the database.
 */
export function followsEveryTeamAsManager(who: Identity): boolean {
  return isAdmin(who);
}

/** Who is in a team's managers' room: its own managers, and admins. Never crew, never clients. */
export function mayFollowTeamAsManager(who: Identity, teamId: string): boolean {
  return isAdmin(who) || (isManager(who) && who.teamId === teamId);
}

/**
 * Crew follow each of their orders in its own room; staff hear of every order in `board` and
 * clients in their company's room (one room each, so no event arrives twice).
 */
export function followsOrdersOneByOne(who: Identity): boolean {
  return isCrew(who);
}

/** What the join rule needs to know from the database. */
export interface RoomFacts {
  /** the crew member has a task in this order */
  hasTaskIn(workOrderId: string): Promise<boolean>;
  isChatMember(chatRoomId: string): Promise<boolean>;
  chatRoomExists(chatRoomId: string): Promise<boolean>;
}

export async function mayJoinRoom(who: Identity, room: string, facts: RoomFacts): Promise<boolean> {
  const parsed = parseRoom(room);
  if (!parsed) return false;
  switch (parsed.kind) {
    case "board":
      return isStaff(who);
    case "user":
      return parsed.id === who.id;
    case "company":
      return isClient(who) && parsed.id === who.clientCompanyId;
    case "team":
      return isAdmin(who) || (isEmployee(who) && parsed.id === who.teamId);
    case "team-managers":
      return mayFollowTeamAsManager(who, parsed.id);
    case "work-order":
      if (isStaff(who)) return true;
      // clients already receive their orders' events in their company room
      return isCrew(who) && facts.hasTaskIn(parsed.id);
    case "chat":
      // admins may look into any room (moderation); everyone else only into rooms they are members of
      return isAdmin(who) ? facts.chatRoomExists(parsed.id) : facts.isChatMember(parsed.id);
  }
}
