// "○○さんが入力中です…": who else is typing in a room, said in a polite status that changes only
// when the set of people typing changes (never once per keystroke), and the user's own typing
// sent to the room (at most every few seconds, and "stopped" after a pause or on sending).
import { useCallback, useEffect, useRef, useState } from "react";
import type { PersonRef } from "../../lib/api.ts";
import { useEphemeralEvent, useLiveEvent } from "../../lib/live.ts";
import { liveClient, type LiveClient } from "../../lib/socket.ts";
import { useI18n, type I18n } from "../../i18n/index.ts";

/** Without news from a typist for this long, they are taken as stopped (a lost "stopped"). */
export const TYPING_EXPIRES_MS = 8000;
/** While typing goes on, "typing" is sent again this often. */
export const TYPING_REPEAT_MS = 4000;
/** After this long without a keystroke, "stopped" is sent. */
export const TYPING_IDLE_MS = 3000;

/** The other members typing in `roomId`, in the order they started. */
export function useTypingUsers(roomId: string, myId: string, client: LiveClient = liveClient): PersonRef[] {
  const [typing, setTyping] = useState<PersonRef[]>([]);
  const expiries = useRef(new Map<string, number>());
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const remove = useCallback((userId: string) => {
    expiries.current.delete(userId);
    setTyping((list) => (list.some((p) => p.id === userId) ? list.filter((p) => p.id !== userId) : list));
  }, []);

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    if (expiries.current.size === 0) return;
    const next = Math.min(...expiries.current.values());
    timer.current = setTimeout(
      () => {
        const now = Date.now();
        for (const [id, at] of [...expiries.current]) if (at <= now) remove(id);
        schedule();
      },
      Math.max(0, next - Date.now()),
    );
  }, [remove]);

  useEffect(() => {
    expiries.current.clear();
    setTyping([]);
    return () => clearTimeout(timer.current);
  }, [roomId]);

  useEphemeralEvent(
    "typing:updated",
    (e) => {
      if (e.roomId !== roomId || e.user.id === myId) return;
      if (e.typing) {
        expiries.current.set(e.user.id, Date.now() + TYPING_EXPIRES_MS);
        // only a new typist changes what is shown (and said)
        setTyping((list) => (list.some((p) => p.id === e.user.id) ? list : [...list, e.user]));
      } else {
        remove(e.user.id);
      }
      schedule();
    },
    client,
  );

  // a message from someone ends their typing
  useLiveEvent(
    ["message:created"],
    (e) => {
      if (e.data.roomId === roomId) remove(e.data.author.id);
    },
    client,
  );

  return typing;
}

export function typingText(people: readonly PersonRef[], t: I18n["t"]): string {
  if (people.length === 0) return "";
  if (people.length === 1) return t("chat.typing.single", { name: people[0]!.name });
  if (people.length === 2) return t("chat.typing.pair", { name: people[0]!.name, other: people[1]!.name });
  return t("chat.typing.many", { count: people.length });
}

/** The polite status under a conversation. Always in the page (empty when nobody types). */
export function TypingStatus({
  roomId,
  myId,
  client = liveClient,
}: {
  roomId: string;
  myId: string;
  client?: LiveClient;
}) {
  const { t } = useI18n();
  const people = useTypingUsers(roomId, myId, client);
  const text = typingText(people, t);
  return (
    <p className="chat-typing" role="status" data-testid="typing-status">
      {text}
    </p>
  );
}

/** Tells the room that the user types: call `typed()` on input and `stopped()` on send. */
export function useTypingSender(
  roomId: string,
  client: LiveClient = liveClient,
): { typed: () => void; stopped: () => void } {
  const state = useRef({ typing: false, lastSent: 0, idle: undefined as ReturnType<typeof setTimeout> | undefined });

  const send = useCallback(
    (typing: boolean) => {
      if (!client.connected) return;
      client.request("typing:update", { roomId, typing }).catch(() => undefined);
    },
    [client, roomId],
  );

  const stopped = useCallback(() => {
    const s = state.current;
    clearTimeout(s.idle);
    if (s.typing) {
      s.typing = false;
      send(false);
    }
  }, [send]);

  const typed = useCallback(() => {
    const s = state.current;
    const now = Date.now();
    if (!s.typing || now - s.lastSent >= TYPING_REPEAT_MS) {
      s.typing = true;
      s.lastSent = now;
      send(true);
    }
    clearTimeout(s.idle);
    s.idle = setTimeout(stopped, TYPING_IDLE_MS);
  }, [send, stopped]);

  // leaving the room (or the page) stops typing there
  useEffect(() => stopped, [stopped]);

  return { typed, stopped };
}
