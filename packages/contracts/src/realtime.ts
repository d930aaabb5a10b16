// Typed Socket.IO events, shared by the server and the web app. Event names are `entity:verb`.
// Events that change what a board or room shows are persisted per room with a sequence number
// (RoomEnvelope.seq), so a client that reconnects asks for what it missed (`sync:request`).
import * as z from "zod";
import { PersonRef } from "./common.ts";
import { Place } from "./wellbeing.ts";
import type { WorkOrder } from "./work-orders.ts";
import type { Task, ProgressUpdate } from "./tasks.ts";
import type { Deliverable, Feedback } from "./deliverables.ts";
import type { Message, ChatRoomSummary } from "./chat.ts";
import {
  DeleteMessagePayload,
  EditMessagePayload,
  ListChatRoomsPayload,
  MarkReadPayload,
  MessageHistoryPayload,
  SendMessagePayload,
  TalkToManagerPayload,
  TypingPayload,
} from "./chat.ts";

/** Room names, built only here (the server decides who may be in which). */
export const rooms = {
  /** one person's own events: their tasks, notifications */
  user: (userId: string) => `user:${userId}`,
  /** managers and admins: every order and task */
  board: () => "board",
  /** a client company's users: their orders and tasks */
  company: (clientCompanyId: string) => `company:${clientCompanyId}`,
  /** one work order: its client, managers and the crew who have a task in it */
  workOrder: (workOrderId: string) => `work-order:${workOrderId}`,
  team: (teamId: string) => `team:${teamId}`,
  /** a chat room's members */
  chat: (chatRoomId: string) => `chat:${chatRoomId}`,
} as const;

/**
 * Rooms the server keeps for itself: never named to a client, and not a RoomName, so they can
 * never be asked for, joined or synced.
 */
export const internalRooms = {
  /** the connections of one signed-in session, so that signing out closes exactly them on every instance */
  session: (sessionId: string) => `session:${sessionId}`,
} as const;

const ROOM_PATTERN = /^(user|company|work-order|team|chat):([0-9a-f-]{36})$|^board$/;
export const RoomName = z.string().max(60).regex(ROOM_PATTERN, "not a room name");

export function parseRoom(name: string): { kind: "board" } | { kind: "user" | "company" | "work-order" | "team" | "chat"; id: string } | null {
  const m = ROOM_PATTERN.exec(name);
  if (!m) return null;
  if (name === "board") return { kind: "board" };
  return { kind: m[1] as "user" | "company" | "work-order" | "team" | "chat", id: m[2]! };
}

/** A persisted room event as it is delivered. */
export interface RoomEnvelope<T = unknown> {
  room: string;
  /** 1, 2, 3 … per room, in commit order */
  seq: number;
  event: SequencedEventName;
  data: T;
  at: string;
}

export interface SequencedEvents {
  "work_order:created": WorkOrder;
  "work_order:updated": WorkOrder;
  "task:created": Task;
  "task:updated": Task;
  /** the task left this room's view (e.g. reassigned to someone else) */
  "task:removed": { taskId: string; workOrderId: string };
  "progress:created": { progressUpdate: ProgressUpdate; task: Task };
  /** added to the order: staff and the order's crew hear of it (the client not yet) */
  "deliverable:created": Deliverable;
  /** shown to the client now (the order was delivered): the client's company hears of it too */
  "deliverable:released": Deliverable;
  "feedback:created": Feedback;
  "message:created": Message;
  "message:updated": Message;
  "chat_room:updated": ChatRoomSummary;
  "notification:created": { id: string; kind: string; data: Record<string, unknown>; createdAt: string };
}
export type SequencedEventName = keyof SequencedEvents;

export const PresenceStatus = z.enum(["online", "away", "offline"]);
export type PresenceStatus = z.infer<typeof PresenceStatus>;

export interface Presence {
  user: z.infer<typeof PersonRef>;
  status: PresenceStatus;
  /** where they work today, when known */
  place: z.infer<typeof Place> | null;
}

export type ServerToClientEvents = {
  [E in SequencedEventName]: (envelope: RoomEnvelope<SequencedEvents[E]>) => void;
} & {
  /** someone starts or stops typing in a chat room (not persisted) */
  "typing:updated": (e: { roomId: string; user: z.infer<typeof PersonRef>; typing: boolean }) => void;
  /** a member's read marker moved */
  "read:updated": (e: { roomId: string; userId: string; messageId: string; at: string }) => void;
  "presence:updated": (e: Presence) => void;
  /** the server added this connection to rooms or took it out of some (access changed) */
  "membership:updated": (e: { joined: string[]; left: string[] }) => void;
};

export const SyncRequestPayload = z.strictObject({
  /** room → the last sequence number this client has seen (0 = none yet) */
  rooms: z.record(RoomName, z.number().int().min(0)).refine((r) => Object.keys(r).length <= 500, "at most 500 rooms"),
});
export interface SyncRoomResult {
  /** the events after the given sequence, in order */
  events: RoomEnvelope[];
  /** the newest sequence number of the room */
  latest: number;
  /** true when the gap is too old or too large: reload the snapshot over REST and continue from `latest` */
  reset: boolean;
}
export interface SyncResponse {
  rooms: Record<string, SyncRoomResult | { error: AckErrorCode }>;
}

export const JoinRoomPayload = z.strictObject({ room: RoomName });
export const SetPresencePayload = z.strictObject({ status: z.enum(["online", "away"]), place: Place.optional() });
export const ListPresencePayload = z.strictObject({});

export type AckErrorCode =
  | "validation.failed"
  | "auth.required"
  | "auth.forbidden"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "internal";

export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: AckErrorCode; message: string; fields?: { path: string; message: string }[] } };
export type AckCallback<T> = (answer: Ack<T>) => void;

export interface ClientToServerEvents {
  "room:join": (payload: z.input<typeof JoinRoomPayload>, ack: AckCallback<{ room: string; latest: number }>) => void;
  "sync:request": (payload: z.input<typeof SyncRequestPayload>, ack: AckCallback<SyncResponse>) => void;
  "chat:rooms": (payload: z.input<typeof ListChatRoomsPayload>, ack: AckCallback<{ items: ChatRoomSummary[] }>) => void;
  "chat:talk_to_manager": (payload: z.input<typeof TalkToManagerPayload>, ack: AckCallback<ChatRoomSummary>) => void;
  "message:send": (payload: z.input<typeof SendMessagePayload>, ack: AckCallback<Message>) => void;
  "message:edit": (payload: z.input<typeof EditMessagePayload>, ack: AckCallback<Message>) => void;
  "message:delete": (payload: z.input<typeof DeleteMessagePayload>, ack: AckCallback<Message>) => void;
  "message:history": (payload: z.input<typeof MessageHistoryPayload>, ack: AckCallback<{ items: Message[]; nextCursor: string | null }>) => void;
  "message:read": (payload: z.input<typeof MarkReadPayload>, ack: AckCallback<{ unread: number }>) => void;
  "typing:update": (payload: z.input<typeof TypingPayload>, ack?: AckCallback<null>) => void;
  "presence:set": (payload: z.input<typeof SetPresencePayload>, ack: AckCallback<Presence>) => void;
  "presence:list": (payload: Record<string, never>, ack: AckCallback<{ items: Presence[] }>) => void;
}

export interface InterServerEvents {
  ping: () => void;
}

export interface SocketData {
  user: { id: string; email: string; name: string; role: "admin" | "manager" | "crew" | "client"; clientCompanyId: string | null; teamId: string | null };
  sessionId: string;
  presence: "online" | "away";
}

