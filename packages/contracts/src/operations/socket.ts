// The Socket.IO client events, declared like the REST operations: each with its gate, payload
// schema, errors and the room events it may record. The server registers exactly these (socket
// handlers check the gate and the payload the same way REST does), and `ClientToServerEvents`
// (the typed event map both the server and the web app use) is derived from them.
import type * as z from "zod";
import {
  DeleteMessagePayload,
  EditMessagePayload,
  ListChatRoomsPayload,
  MarkReadPayload,
  MessageHistoryPayload,
  ReplyTimePayload,
  SendMessagePayload,
  TalkToManagerPayload,
  TypingPayload,
  type ChatRoomSummary,
  type Message,
  type ReplyTime,
} from "../chat.ts";
import {
  JoinRoomPayload,
  ListPresencePayload,
  SetPresencePayload,
  SyncRequestPayload,
  type AckCallback,
  type Presence,
  type SyncResponse,
} from "../realtime.ts";
import type { SocketOperation } from "./types.ts";

type SocketDef = Omit<SocketOperation, "transport" | "operationId">;

function socket<const N extends string, const D extends SocketDef>(name: N, def: D) {
  return { transport: "socket", operationId: name, ...def } as const;
}

export const socketOperations = {
  joinRoom: socket("joinRoom", {
    event: "room:join",
    summary: "Follow one more room (the server decides; a refusal is audited)",
    tag: "Realtime",
    gate: "signedIn",
    payload: JoinRoomPayload,
  }),
  requestSync: socket("requestSync", {
    event: "sync:request",
    summary: "The events missed in each room since the last sequence seen (or `reset`)",
    tag: "Realtime",
    gate: "signedIn",
    payload: SyncRequestPayload,
  }),
  listChatRooms: socket("listChatRooms", {
    event: "chat:rooms",
    summary: "My chat rooms, the most recently active first",
    tag: "Chat",
    gate: "signedIn",
    payload: ListChatRoomsPayload,
  }),
  talkToManager: socket("talkToManager", {
    write: true,
    event: "chat:talk_to_manager",
    summary: "A room with a named manager, or with whoever is free (the first manager to answer takes it)",
    tag: "Chat",
    gate: "signedIn",
    payload: TalkToManagerPayload,
    errors: ["chat_room.no_manager_available"],
    emits: ["chat_room:updated", "notification:created"],
  }),
  replyTime: socket("replyTime", {
    event: "chat:reply_time",
    summary: "How long managers usually take to answer a question (the median of the last 30 days)",
    tag: "Chat",
    gate: "signedIn",
    payload: ReplyTimePayload,
  }),
  sendMessage: socket("sendMessage", {
    write: true,
    event: "message:send",
    summary: "Post a message (a retry with the same clientKey returns the first message)",
    tag: "Chat",
    gate: "signedIn",
    payload: SendMessagePayload,
    errors: ["chat_room.taken", "message.client_key_reused"],
    emits: ["message:created", "chat_room:updated", "notification:created"],
  }),
  editMessage: socket("editMessage", {
    write: true,
    event: "message:edit",
    summary: "Rewrite my message (the earlier text is kept)",
    tag: "Chat",
    gate: "signedIn",
    payload: EditMessagePayload,
    errors: ["message.deleted", "message.changed"],
    emits: ["message:updated"],
  }),
  deleteMessage: socket("deleteMessage", {
    write: true,
    event: "message:delete",
    summary:
      "Delete a message (mine, or any in my room as staff; the text is kept in history). Deleting it again answers the deleted message",
    tag: "Chat",
    gate: "signedIn",
    payload: DeleteMessagePayload,
    emits: ["message:updated"],
  }),
  listMessages: socket("listMessages", {
    event: "message:history",
    summary: "A page of a room's messages, newest first",
    tag: "Chat",
    gate: "signedIn",
    payload: MessageHistoryPayload,
  }),
  markRead: socket("markRead", {
    write: true,
    event: "message:read",
    summary: "Move my read marker (既読) in a room",
    tag: "Chat",
    gate: "signedIn",
    payload: MarkReadPayload,
  }),
  setTyping: socket("setTyping", {
    event: "typing:update",
    summary: "I start or stop typing in a room (not persisted)",
    tag: "Chat",
    gate: "signedIn",
    payload: TypingPayload,
    ackOptional: true,
  }),
  setPresence: socket("setPresence", {
    write: true,
    event: "presence:set",
    summary: "Online or away for this connection, and where I work today",
    tag: "Presence",
    gate: "signedIn",
    payload: SetPresencePayload,
  }),
  listPresence: socket("listPresence", {
    event: "presence:list",
    summary: "Everyone I share a room with: online, away or offline, and (colleagues) where",
    tag: "Presence",
    gate: "signedIn",
    payload: ListPresencePayload,
  }),
} as const satisfies Record<string, SocketOperation>;

export type SocketOperationName = keyof typeof socketOperations;

/** What each client event's acknowledgement carries when it succeeds. */
export interface SocketResults {
  joinRoom: { room: string; latest: number };
  requestSync: SyncResponse;
  listChatRooms: { items: ChatRoomSummary[] };
  talkToManager: ChatRoomSummary;
  replyTime: ReplyTime;
  sendMessage: Message;
  editMessage: Message;
  deleteMessage: Message;
  listMessages: { items: Message[]; nextCursor: string | null };
  markRead: { unread: number };
  setTyping: null;
  setPresence: Presence;
  listPresence: { items: Presence[] };
}

type Ops = typeof socketOperations;
type EventOf<N extends SocketOperationName> = Ops[N]["event"];
type ListenerOf<N extends SocketOperationName> = Ops[N] extends { ackOptional: true }
  ? (payload: z.input<Ops[N]["payload"]>, ack?: AckCallback<SocketResults[N]>) => void
  : (payload: z.input<Ops[N]["payload"]>, ack: AckCallback<SocketResults[N]>) => void;

/** The client events as Socket.IO's typed map: derived from the catalogue above. */
export type ClientToServerEvents = { [N in SocketOperationName as EventOf<N>]: ListenerOf<N> };

export type ClientEventName = keyof ClientToServerEvents;
