// A conversation's data: its history (pages of message:history, newest first, kept live by
// lib/live.ts), the messages of this room still waiting in the offline queue, and the read markers.
import { useSyncExternalStore } from "react";
import { useInfiniteQuery, type InfiniteData } from "@tanstack/react-query";
import type { Message, Page, ChatRoomSummary, PersonRef } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { liveClient, type LiveClient } from "../../lib/socket.ts";
import { useSocketStatus } from "../../lib/live.ts";
import { offlineQueue } from "../../lib/outbox.ts";
import type { QueueEntry } from "../../lib/offline-queue.ts";
import { compareMessages } from "./chat-queries.ts";

export const HISTORY_PAGE_SIZE = 30;

export function useMessageHistory(roomId: string, client: LiveClient = liveClient) {
  const connected = useSocketStatus(client) === "connected";
  return useInfiniteQuery({
    queryKey: queryKeys.chat.messages(roomId),
    queryFn: ({ pageParam }): Promise<Page<Message>> =>
      client.request("message:history", {
        roomId,
        limit: HISTORY_PAGE_SIZE,
        ...(pageParam ? { before: pageParam } : {}),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: connected,
    staleTime: Infinity,
    retry: false,
  });
}

/** Oldest first, each message once (live events and pages may overlap). */
export function conversationOrder(data: InfiniteData<Page<Message>> | undefined): Message[] {
  if (!data) return [];
  const byId = new Map<string, Message>();
  for (const page of data.pages) for (const m of page.items) if (!byId.has(m.id)) byId.set(m.id, m);
  return [...byId.values()].sort(compareMessages);
}

export interface PendingMessage {
  entry: QueueEntry;
  body: string;
  mentions: string[];
}

/** This room's messages still in the offline queue (waiting or failed), oldest first. */
export function usePendingMessages(roomId: string): PendingMessage[] {
  // the snapshot object changes whenever an entry is added, sent or fails
  useSyncExternalStore(
    (listener) => offlineQueue.subscribe(listener),
    () => offlineQueue.snapshot,
    () => offlineQueue.snapshot,
  );
  const result: PendingMessage[] = [];
  for (const entry of offlineQueue.list()) {
    if (entry.action.kind !== "message.send" || entry.action.payload.roomId !== roomId) continue;
    result.push({ entry, body: entry.action.payload.body, mentions: entry.action.payload.mentions ?? [] });
  }
  return result;
}

/**
 * Who has read `mine` (the user's last message): the other members whose read marker is at it or
 * later in the conversation.
 */
export function readersOf(
  mine: Message,
  messages: readonly Message[],
  room: Pick<ChatRoomSummary, "readMarkers" | "members">,
  myId: string,
): PersonRef[] {
  const position = new Map(messages.map((m, i) => [m.id, i]));
  const minePos = position.get(mine.id);
  if (minePos === undefined) return [];
  const readers: PersonRef[] = [];
  for (const marker of room.readMarkers) {
    if (marker.userId === myId || !marker.messageId) continue;
    const pos = position.get(marker.messageId);
    if (pos === undefined || pos < minePos) continue;
    const person = room.members.find((m) => m.id === marker.userId);
    if (person) readers.push(person);
  }
  return readers;
}
