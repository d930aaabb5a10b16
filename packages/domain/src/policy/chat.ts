// Chat: a room per work order (its client company's users, the managers, the crew with a task in
// it), team rooms, direct rooms and "talk to a manager". Members read and write; admins may look
// into any room. In a "whoever is free" room, the first manager to answer takes the conversation
// and the other managers leave it.
import { isAdmin, isManager, isStaff, type Identity } from "./identity.ts";

export interface ChatRoomFacts {
  kind: "work_order" | "team" | "direct" | "support";
  requesterId: string | null;
  claimedById: string | null;
}

/** Reading a room and its history: its members, and admins. */
export function mayReadChatRoom(who: Identity, isMember: boolean): boolean {
  return isMember || isAdmin(who);
}

/** A support room that another manager has taken is closed to the manager who did not take it. */
export function supportRoomTakenByAnother(who: Identity, room: ChatRoomFacts): boolean {
  return room.kind === "support" && isManager(who) && room.requesterId !== who.id && room.claimedById !== null && room.claimedById !== who.id;
}

/** Writing in a room: its members, unless the conversation was taken by another manager. */
export function mayPostInChatRoom(who: Identity, room: ChatRoomFacts, isMember: boolean): boolean {
  return isMember && !supportRoomTakenByAnother(who, room);
}

/** Answering in a support room makes a manager (not the one who asked) take it. */
export function claimsSupportRoom(who: Identity, room: ChatRoomFacts): boolean {
  return room.kind === "support" && isManager(who) && room.requesterId !== who.id;
}

export interface MessageFacts {
  authorId: string;
  deleted: boolean;
}

/** The author edits their own message while they are in the room. */
export function mayEditMessage(who: Identity, message: MessageFacts, isMember: boolean): boolean {
  return isMember && !message.deleted && message.authorId === who.id;
}

/** The author deletes their message; staff may remove any message in a room they are in (moderation). */
export function mayDeleteMessage(who: Identity, message: MessageFacts, isMember: boolean): boolean {
  return isMember && !message.deleted && (message.authorId === who.id || isStaff(who));
}
