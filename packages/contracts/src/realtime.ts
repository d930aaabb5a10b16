// Typed Socket.IO events, shared by the server and the web app. Event names are `entity:verb`.
// Events that change what a board or room shows are persisted per room with a sequence number
// (RoomEnvelope.seq), so a client that reconnects asks for what it missed (`sync:request`).
import * as z from "zod";
import { PersonRef } from "./common.ts";
import { Place, type CheckInLive } from "./wellbeing.ts";
import type { WorkOrder } from "./work-orders.ts";
import type { Task, ProgressUpdate } from "./tasks.ts";
import type { Deliverable, Feedback } from "./deliverables.ts";
import type { Message, ChatRoomSummary } from "./chat.ts";
import { ROOM_PATTERN } from "@crewboard/domain";
import type { ErrorCode } from "./errors.ts";
import type { SignedInUser } from "./identity.ts";
import type { FollowUp } from "./follow-through.ts";
import type { UrgentOffer } from "./urgent-offers.ts";

/** Room names and who may be in which are the access policy's (packages/domain/src/policy/rooms.ts). */
export { rooms, parseRoom } from "@crewboard/domain";

/**
 * Rooms the server keeps for itself: never named to a client, and not a RoomName, so they can
 * never be asked for, joined or synced.
 */
export const internalRooms = {
  /** the connections of one signed-in session, so that signing out closes exactly them on every instance */
  session: (sessionId: string) => `session:${sessionId}`,
} as const;

export const RoomName = z.string().max(60).regex(ROOM_PATTERN, "not a room name");

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
  /** issue 10: a manager honoured or declined the client's nomination (the order, with its answer) */
  "work_order:nomination_answered": WorkOrder;
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
  // ---- issue 11 ----
  /** some of my notifications were read (on another device too): their ids, or all of them */
  "notification:read": { ids: string[] | "all"; readAt: string; unreadCount: number };
  /** a follow-up opened or moved a step (staff: the board) */
  "follow_up:updated": FollowUp;
  // ---- issue 10 ----
  /** an urgent offer was made (staff: the board; each person asked: their own room, their own view) */
  "urgent_offer:created": UrgentOffer;
  /** an urgent offer changed: an answer, taken (every open copy at once), expired, the manager's choice, the client told */
  "urgent_offer:updated": UrgentOffer;
  // ---- issue 12: check-ins ----
  /** a crew member checked in or changed today's check-in (the team's managers' room: its managers and admins) */
  "check_in:updated": CheckInLive;
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

/** What a connection is told about the server it is connected to (issue 13: sockets stay up through a database outage, and say so). */
export interface ServerStatus {
  database: "ok" | "unavailable";
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
  /** the database stopped answering (nothing can be saved just now) or answers again; not sequenced */
  "server:status": (e: ServerStatus) => void;
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
  rooms: Record<string, SyncRoomResult | { error: ErrorCode }>;
}

export const JoinRoomPayload = z.strictObject({ room: RoomName });
export const SetPresencePayload = z.strictObject({ status: z.enum(["online", "away"]), place: Place.optional() });
export const ListPresencePayload = z.strictObject({});

/**
 * A refused client event: the same problem as a REST error answer (RFC 9457 members and the code
 * of errors.ts), so one vocabulary of codes serves both transports.
 */
export interface AckProblem {
  code: ErrorCode;
  status: number;
  title: string;
  detail?: string;
  errors?: { path: string; message: string; code?: string }[];
  /** the id of this client event in the server's log (give it to support) */
  requestId?: string;
  /** extensions, e.g. `current` for a stale version */
  [extension: string]: unknown;
}

export type Ack<T> = { ok: true; data: T } | { ok: false; error: AckProblem };
export type AckCallback<T> = (answer: Ack<T>) => void;

export interface InterServerEvents {
  ping: () => void;
}

export interface SocketData {
  user: SignedInUser;
  sessionId: string;
  presence: "online" | "away";
}
