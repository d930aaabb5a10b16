// Chat data over the socket, cached by React Query under queryKeys.chat (kept live by lib/live.ts
// for messages and room summaries). Used by the header's unread count (so it is part of the first
// load: keep it small, types only from the shared packages); the chat screen builds on it.
//
// lib/live.ts puts messages into the room's message cache and replaces room summaries. What is
// per viewer it cannot know, useChatRoomsLive() keeps here: each room's last message and this
// user's unread count (message:created), everyone's read markers (read:updated, not sequenced),
// and the announcements that a support request arrived or was taken. Every update is idempotent
// (the same event handled by two mounted hooks changes nothing the second time).
import { compareByCreation } from "@crewboard/domain";
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { liveClient, type LiveClient } from "../../lib/socket.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useEphemeralEvent, useLiveEvent, useSocketStatus } from "../../lib/live.ts";
import { announce } from "../../lib/announcer.tsx";
import type { ChatRoomSummary, Message } from "../../lib/api.ts";
import { isStaff, supportTakenByAnother } from "@crewboard/domain";
import { useSession } from "../../app/session.tsx";
import { useI18n } from "../../i18n/index.ts";

export type RoomsData = { items: ChatRoomSummary[] };

export function fetchChatRooms() {
  return liveClient.request("chat:rooms", {});
}

/** The user's chat rooms with unread counts (needs the live connection). */
export function useChatRooms() {
  const connected = useSocketStatus() === "connected";
  return useQuery({
    queryKey: queryKeys.chat.rooms(),
    queryFn: fetchChatRooms,
    enabled: connected,
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * One room's summary: from the rooms list, or the last one of a room the user has just left (a
 * support request another manager took), so an open conversation can say why it closed.
 * Undefined while loading or when the user was never in it.
 */
export function useChatRoom(roomId: string | undefined): ChatRoomSummary | undefined {
  const rooms = useChatRooms();
  const queryClient = useQueryClient();
  const left = useQuery({
    queryKey: queryKeys.chat.leftRoom(roomId ?? ""),
    // never fetched: lib/live.ts puts it there when the user leaves the room
    queryFn: () => queryClient.getQueryData<ChatRoomSummary>(queryKeys.chat.leftRoom(roomId ?? "")) ?? null,
    enabled: false,
    staleTime: Infinity,
  });
  if (!roomId) return undefined;
  return rooms.data?.items.find((r) => r.id === roomId) ?? left.data ?? undefined;
}

/** The chat room of a work order, for pages that embed <ChatConversation roomId=…>. */
export function useWorkOrderChatRoom(workOrderId: string | undefined): ChatRoomSummary | undefined {
  const rooms = useChatRooms();
  return workOrderId ? rooms.data?.items.find((r) => r.workOrderId === workOrderId) : undefined;
}

/**
 * The latest message a manager (or an admin) wrote in a room, for read-aloud (issue 9 barrier 12):
 * the room's last message when a manager wrote it, else the newest of its last page that a manager
 * wrote; null when none did (or the connection cannot ask).
 */
export async function latestStaffMessage(
  room: Pick<ChatRoomSummary, "id" | "lastMessage">,
  client: Pick<LiveClient, "request"> = liveClient,
): Promise<Message | null> {
  const said = (m: Message | null | undefined): m is Message => !!m && isStaff(m.author) && !m.deletedAt && !!m.body;
  if (said(room.lastMessage)) return room.lastMessage;
  try {
    const page = await client.request("message:history", { roomId: room.id, limit: 50 });
    return page.items.find(said) ?? null;
  } catch {
    return null;
  }
}

/**
 * Unread messages for the header's help button. "Talk to a manager" (crew, clients) counts only the
 * support conversation, where a manager answers: a count of every room would suggest a manager
 * wrote that many times (issue 9 barrier 9). "Chat" (managers, admins) counts every room.
 */
export function helpUnread(rooms: readonly Pick<ChatRoomSummary, "kind" | "unread">[], supportOnly: boolean): number {
  return rooms.reduce((sum, room) => sum + (!supportOnly || room.kind === "support" ? room.unread : 0), 0);
}

export function useUnreadCount({ supportOnly = false }: { supportOnly?: boolean } = {}): number {
  useChatRoomsLive();
  const rooms = useChatRooms();
  return helpUnread(rooms.data?.items ?? [], supportOnly);
}

// ---- per-viewer updates of the rooms cache -------------------------------------------------

/** Order of messages in a conversation: (createdAt, id), as the server sorts (packages/domain). */
export function compareMessages(a: Pick<Message, "createdAt" | "id">, b: Pick<Message, "createdAt" | "id">): number {
  return compareByCreation(a, b);
}

/** Rooms the user is looking at right now (conversation visible and scrolled to its end). */
const viewing = new Map<string, () => boolean>();

/** A conversation says whether the user sees its newest messages (then they are not counted unread). */
export function registerViewing(roomId: string, isViewing: () => boolean): () => void {
  viewing.set(roomId, isViewing);
  return () => {
    if (viewing.get(roomId) === isViewing) viewing.delete(roomId);
  };
}

function isViewing(roomId: string): boolean {
  return viewing.get(roomId)?.() ?? false;
}

function updateRoom(client: QueryClient, roomId: string, fn: (room: ChatRoomSummary) => ChatRoomSummary): void {
  client.setQueryData<RoomsData>(queryKeys.chat.rooms(), (data) => {
    if (!data) return data;
    let changed = false;
    const items = data.items.map((room) => {
      if (room.id !== roomId) return room;
      const next = fn(room);
      if (next !== room) changed = true;
      return next;
    });
    return changed ? { ...data, items } : data;
  });
}

/** Messages already counted (the same event may reach several mounted hooks). */
const counted = new Set<string>();

/** A new message: one more unread when someone else wrote it, and the room's last message. */
export function applyMessageToRooms(client: QueryClient, message: Message, userId: string, seen = false): void {
  if (counted.has(message.id)) return;
  counted.add(message.id);
  if (counted.size > 1000) counted.delete(counted.values().next().value as string);
  updateRoom(client, message.roomId, (room) => {
    const last = room.lastMessage;
    if (last?.id === message.id) return room;
    const unread = message.author.id !== userId && !message.deletedAt && !seen ? room.unread + 1 : room.unread;
    // (a message dated before the room's last one still counts as unread, but is not "last")
    const lastMessage = !last || compareMessages(message, last) > 0 ? message : last;
    return { ...room, lastMessage, unread };
  });
}

/** An edited or deleted message that is the room's last one. */
export function applyMessageUpdateToRooms(client: QueryClient, message: Message): boolean {
  let deletedLast = false;
  updateRoom(client, message.roomId, (room) => {
    if (room.lastMessage?.id !== message.id) return room;
    if (message.deletedAt) deletedLast = true;
    return { ...room, lastMessage: message };
  });
  return deletedLast;
}

/** A member's read marker moved (read:updated); the user's own marker at the end means nothing unread. */
export function applyReadMarker(
  client: QueryClient,
  marker: { roomId: string; userId: string; messageId: string; at: string },
  userId: string,
): void {
  updateRoom(client, marker.roomId, (room) => {
    const current = room.readMarkers.find((m) => m.userId === marker.userId);
    if (current?.messageId === marker.messageId) return room;
    const readMarkers = current
      ? room.readMarkers.map((m) =>
          m.userId === marker.userId ? { userId: m.userId, messageId: marker.messageId, at: marker.at } : m,
        )
      : [...room.readMarkers, { userId: marker.userId, messageId: marker.messageId, at: marker.at }];
    const unread = marker.userId === userId && room.lastMessage?.id === marker.messageId ? 0 : room.unread;
    return { ...room, readMarkers, unread };
  });
}

/** The server's answer to message:read. */
export function setRoomUnread(client: QueryClient, roomId: string, unread: number): void {
  updateRoom(client, roomId, (room) => (room.unread === unread ? room : { ...room, unread }));
}

/** A room summary answered to this user (talk to a manager): put it in the list as it is. */
export function upsertRoom(client: QueryClient, summary: ChatRoomSummary): void {
  client.setQueryData<RoomsData>(queryKeys.chat.rooms(), (data) => {
    if (!data) return data;
    const exists = data.items.some((r) => r.id === summary.id);
    return {
      ...data,
      items: exists ? data.items.map((r) => (r.id === summary.id ? summary : r)) : [summary, ...data.items],
    };
  });
}

/** What was said already (the hook may be mounted more than once). */
const announced = new Set<string>();
function announceOnce(key: string, text: string, important = false): void {
  if (announced.has(key)) return;
  announced.add(key);
  if (announced.size > 500) announced.delete(announced.values().next().value as string);
  announce(text, { group: "messages", important });
}

/** Keeps the rooms cache per viewer (see the top of this file). Safe to mount several times. */
export function useChatRoomsLive(client: LiveClient = liveClient): void {
  const queryClient = useQueryClient();
  const { user } = useSession();
  const { t } = useI18n();

  useLiveEvent(
    ["message:created", "message:updated", "chat_room:updated"],
    (envelope) => {
      if (!user) return;
      if (envelope.event === "message:created") {
        applyMessageToRooms(queryClient, envelope.data, user.id, isViewing(envelope.data.roomId));
      } else if (envelope.event === "message:updated") {
        // a deleted last message: the server knows the new last one and the unread count
        if (applyMessageUpdateToRooms(queryClient, envelope.data))
          void queryClient.invalidateQueries({ queryKey: queryKeys.chat.rooms() });
      } else {
        const room = envelope.data;
        if (room.kind !== "support") return;
        const staff = isStaff(user);
        const requester = room.members.find((m) => m.id === room.requesterId);
        if (!room.claimedBy) {
          if (staff && room.requesterId !== user.id && requester) {
            announceOnce(`support:${room.id}`, t("chat.support.requested", { name: requester.name }), true);
          }
          return;
        }
        if (room.requesterId === user.id) {
          announceOnce(
            `claimed:${room.id}:${room.claimedBy.id}`,
            t("chat.support.isAnswering", { name: room.claimedBy.name }),
            true,
          );
        } else if (supportTakenByAnother(room, user)) {
          // (lib/live.ts has taken it out of this manager's list: he is no longer in it)
          announceOnce(
            `claimed:${room.id}:${room.claimedBy.id}`,
            t("chat.support.takenByOther", { name: room.claimedBy.name }),
            true,
          );
        }
      }
    },
    client,
  );

  useEphemeralEvent(
    "read:updated",
    (marker) => {
      if (user) applyReadMarker(queryClient, marker, user.id);
    },
    client,
  );
}
