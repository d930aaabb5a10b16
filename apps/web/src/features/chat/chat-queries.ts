// Chat data over the socket, cached by React Query under queryKeys.chat (kept live by lib/live.ts).
// Used by the header's unread count; the chat screen builds on it.
import { useQuery } from "@tanstack/react-query";
import { liveClient } from "../../lib/socket.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useSocketStatus } from "../../lib/live.ts";

export function fetchChatRooms() {
  return liveClient.request("chat:rooms", {});
}

/** The user's chat rooms with unread counts (needs the live connection). */
export function useChatRooms() {
  const connected = useSocketStatus() === "connected";
  return useQuery({ queryKey: queryKeys.chat.rooms(), queryFn: fetchChatRooms, enabled: connected, staleTime: Infinity, retry: false });
}

export function useUnreadCount(): number {
  const rooms = useChatRooms();
  return rooms.data?.items.reduce((sum, room) => sum + room.unread, 0) ?? 0;
}
