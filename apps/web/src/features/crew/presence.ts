// Who is online / away / offline and where they work today, for the board and the crew
// overview: `presence:list` once the socket is connected (again after every reconnect), then
// each `presence:updated`. Presence is not persisted, so it is kept under this feature's own key.
import { useEffect, useMemo } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { Presence } from "../../lib/api.ts";
import { useEphemeralEvent, useSocketStatus } from "../../lib/live.ts";
import { liveClient } from "../../lib/socket.ts";
import type { IconName } from "../../ui/Icon.tsx";

export const PRESENCE_KEY = ["crew", "presence"] as const;

export function upsertPresence(
  list: { items: Presence[] } | undefined,
  presence: Presence,
): { items: Presence[] } | undefined {
  if (!list) return list;
  const exists = list.items.some((p) => p.user.id === presence.user.id);
  return {
    items: exists ? list.items.map((p) => (p.user.id === presence.user.id ? presence : p)) : [...list.items, presence],
  };
}

/** Presence by user id (empty until the socket is connected). */
export function usePresence(): Map<string, Presence> {
  const status = useSocketStatus();
  const client = useQueryClient();
  const connected = status === "connected";
  const query = useQuery({
    queryKey: PRESENCE_KEY,
    queryFn: () => liveClient.request("presence:list", {}),
    enabled: connected,
    staleTime: Infinity,
  });
  useEffect(() => {
    // what changed while disconnected was not sent: ask again
    if (connected) void client.invalidateQueries({ queryKey: PRESENCE_KEY });
  }, [client, connected]);
  useEphemeralEvent("presence:updated", (presence) => {
    client.setQueryData<{ items: Presence[] }>(PRESENCE_KEY, (list) => upsertPresence(list, presence));
  });
  return useMemo(() => new Map((query.data?.items ?? []).map((p) => [p.user.id, p])), [query.data]);
}

/** Icons (ui/Icon.tsx) beside the words for presence and place. */
export const PRESENCE_ICONS = { online: "online", away: "away", offline: "offline" } as const satisfies Record<
  string,
  IconName
>;
export const PLACE_ICONS = { office: "office", home: "home" } as const satisfies Record<string, IconName>;
