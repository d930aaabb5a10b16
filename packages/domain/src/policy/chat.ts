// Chat: a room per work order (its client company's users, the managers, the crew with a task in
// it), team rooms, direct rooms and "talk to a manager". Who may do what in a room is decided here
// once, asked by the server (before it writes) and by the web (before it offers a button or lists a
// room), so the two never disagree.
//
// The shape is the one of a room summary (contracts ChatRoomSummary), so the web passes its
// summary as it is and the server builds the same from its rows.
import type { Role } from "../roles.ts";
import { isAdmin, isManager, isStaff } from "./identity.ts";

export const CHAT_ROOM_KINDS = ["work_order", "team", "direct", "support"] as const;
export type ChatRoomKind = (typeof CHAT_ROOM_KINDS)[number];

export interface ChatRoomFacts {
  kind: ChatRoomKind;
  members: readonly { id: string }[];
  /** support rooms: who asked, and the manager who took the conversation (null while nobody has) */
  requesterId: string | null;
  claimedBy: { id: string } | null;
}

export interface ChatViewer {
  id: string;
  role: Role;
}

export const isChatMember = (room: Pick<ChatRoomFacts, "members">, userId: string): boolean =>
  room.members.some((m) => m.id === userId);

/** Reading a room and its history: its members, and admins (who may look into any room). */
export function mayReadChatRoom(viewer: ChatViewer, isMember: boolean): boolean {
  return isMember || isAdmin(viewer);
}

/**
 * A room is in someone's list while they are a member of it. When a manager takes a "talk to a
 * manager" room, the other managers leave it, and it drops out of their lists at once.
 */
export function listsChatRoom(room: Pick<ChatRoomFacts, "members">, viewer: Pick<ChatViewer, "id">): boolean {
  return isChatMember(room, viewer.id);
}

/** Answering in a "whoever is free" room makes a manager (not the one who asked) take it. */
export function claimsSupportRoom(room: Pick<ChatRoomFacts, "kind" | "requesterId">, viewer: ChatViewer): boolean {
  return room.kind === "support" && isManager(viewer) && room.requesterId !== viewer.id;
}

/** A support room another manager has taken: a manager who was asked too can no longer reply. */
export function supportTakenByAnother(
  room: Pick<ChatRoomFacts, "kind" | "claimedBy" | "requesterId">,
  viewer: ChatViewer,
): boolean {
  return (
    room.kind === "support" &&
    isManager(viewer) &&
    room.claimedBy !== null &&
    room.claimedBy.id !== viewer.id &&
    room.requesterId !== viewer.id
  );
}

/** Takes part in the conversation: a member (or an admin, who may look into any room), unless the room was taken by another manager. */
export function takesPartInChat(room: ChatRoomFacts, viewer: ChatViewer): boolean {
  return (isChatMember(room, viewer.id) || isAdmin(viewer)) && !supportTakenByAnother(room, viewer);
}

export interface MessagePermissions {
  edit: boolean;
  delete: boolean;
}

/**
 * What `viewer` may do with a message, while they take part in its room: its author edits it and
 * may delete it; managers and admins in the room may delete it too (moderation). Someone who left
 * the room, or whose support request was taken by another manager, may do neither.
 */
export function messagePermissions(
  message: { authorId: string },
  room: ChatRoomFacts,
  viewer: ChatViewer,
): MessagePermissions {
  if (!takesPartInChat(room, viewer)) return { edit: false, delete: false };
  const author = message.authorId === viewer.id;
  return { edit: author, delete: author || isStaff(viewer) };
}
