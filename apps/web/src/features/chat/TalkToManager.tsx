// "Talk to a manager / 管理者に相談する" (journey 4): choose a manager by name, or "whoever is
// free" (every manager is asked; the first to answer takes it). chat:talk_to_manager answers the
// room (the direct room with that manager, or a new support room), which then opens.
//
// Managers by name: everyone the user may see the presence of (presence:list: the people they
// share a room or a team with) who is a manager, and the managers in their rooms.
import { useId, useRef, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { isCrew, isManager, type Role } from "@crewboard/domain";
import { FieldSet, FormAlert } from "../../ui/Field.tsx";
import { useI18n } from "../../i18n/index.ts";
import {
  call,
  type CheckIn,
  type ChatRoomSummary,
  type PersonRef,
  type Presence,
  type PresenceStatus,
} from "../../lib/api.ts";
import { offlineQueue } from "../../lib/outbox.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { liveClient } from "../../lib/socket.ts";
import { useEphemeralEvent, useSocketStatus } from "../../lib/live.ts";
import { paths } from "../../app/paths.ts";
import { textLang } from "../../ui/lang.ts";
import { errorMessage } from "../../ui/errors.ts";
import { useChatRooms, upsertRoom } from "./chat-queries.ts";

const FREE = "free";

/** One-tap phrases (issue 9 barrier 13): sent as the first message, in the user's language. */
const PHRASES = ["question", "break", "unwell"] as const;
type Phrase = (typeof PHRASES)[number];

function usePresence() {
  const connected = useSocketStatus() === "connected";
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: queryKeys.chat.presence(),
    queryFn: () => liveClient.request("presence:list", {}),
    enabled: connected,
    staleTime: 60_000,
    retry: false,
  });
  useEphemeralEvent("presence:updated", (presence) => {
    queryClient.setQueryData<{ items: Presence[] }>(queryKeys.chat.presence(), (data) => {
      if (!data) return data;
      const exists = data.items.some((p) => p.user.id === presence.user.id);
      return {
        ...data,
        items: exists
          ? data.items.map((p) => (p.user.id === presence.user.id ? presence : p))
          : [...data.items, presence],
      };
    });
  });
  return query;
}

/** How long managers usually take to answer (chat:reply_time): one company-wide figure, asked once a visit. */
function useUsualReplyTime() {
  const connected = useSocketStatus() === "connected";
  return useQuery({
    queryKey: queryKeys.chat.replyTime(),
    queryFn: () => liveClient.request("chat:reply_time", {}),
    enabled: connected,
    staleTime: 10 * 60_000,
    retry: false,
  });
}

export interface ManagerChoice {
  person: PersonRef;
  status: PresenceStatus | null;
}

/** Managers the user can name, by name, each once. */
export function managerChoices(
  presence: readonly Presence[],
  roomMembers: readonly PersonRef[],
  myId: string,
): ManagerChoice[] {
  const byId = new Map<string, ManagerChoice>();
  for (const p of presence)
    if (isManager(p.user) && p.user.id !== myId) byId.set(p.user.id, { person: p.user, status: p.status });
  for (const m of roomMembers)
    if (isManager(m) && m.id !== myId && !byId.has(m.id)) byId.set(m.id, { person: m, status: null });
  return [...byId.values()].sort((a, b) => a.person.name.localeCompare(b.person.name, "ja"));
}

export function TalkToManager({ me }: { me: { id: string; role: Role } }) {
  const { t, tNodes, locale } = useI18n();
  const id = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const connected = useSocketStatus() === "connected";
  const presence = usePresence();
  const replyTime = useUsualReplyTime().data?.medianMinutes ?? null;
  const rooms = useChatRooms();
  const [choice, setChoice] = useState<string>(FREE);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const managers = managerChoices(presence.data?.items ?? [], rooms.data?.items.flatMap((r) => r.members) ?? [], me.id);
  const online = managers.filter((m) => m.status === "online");
  const errorId = `${id}-error`;
  // after 「体調がよくありません」: the offer to update today's check-in (it takes focus)
  const [offer, setOffer] = useState<{ room: ChatRoomSummary; state: "ask" | "saving" | "saved" } | null>(null);
  const offerRef = useRef<HTMLHeadingElement>(null);

  /** Starts (or reopens) the conversation with the chosen manager, or whoever is free. */
  async function start(): Promise<ChatRoomSummary | undefined> {
    if (!connected) {
      setError(t("chat.talk.offline"));
      return undefined;
    }
    setBusy(true);
    setError(undefined);
    try {
      const room = await liveClient.request("chat:talk_to_manager", choice === FREE ? {} : { managerId: choice });
      upsertRoom(queryClient, room);
      return room;
    } catch (e) {
      setError(`${t("chat.talk.failed")} ${errorMessage(e, t)}`);
      setBusy(false);
      return undefined;
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const room = await start();
    if (room) navigate(paths.chatRoom(room.id), { state: { focus: "composer" } });
  }

  /** One tap: the conversation starts with the phrase as its first message. */
  async function sendPhrase(phrase: Phrase) {
    if (busy) return;
    const room = await start();
    if (!room) return;
    try {
      await offlineQueue.submit({
        kind: "message.send",
        payload: { roomId: room.id, body: t(`chat.talk.phrase.${phrase}`) },
      });
    } catch (e) {
      setError(`${t("chat.talk.failed")} ${errorMessage(e, t)}`);
      setBusy(false);
      return;
    }
    setBusy(false);
    if (phrase === "unwell" && isCrew(me)) {
      setOffer({ room, state: "ask" });
      requestAnimationFrame(() => offerRef.current?.focus());
    } else navigate(paths.chatRoom(room.id), { state: { focus: "composer" } });
  }

  /** Today's check-in becomes 体調不良 (its note, its sharing and its place kept: only the condition is sent). */
  async function markUnwell() {
    if (!offer || offer.state !== "ask") return;
    setOffer({ ...offer, state: "saving" });
    try {
      const saved = await call("putMyCheckIn", { body: { condition: "unwell" } });
      queryClient.setQueryData<{ items: CheckIn[] }>(queryKeys.checkIns(), (data) => ({
        items: [...(data?.items ?? []).filter((c) => c.user.id !== saved.user.id), saved],
      }));
      setOffer({ ...offer, state: "saved" });
    } catch (e) {
      setOffer({ ...offer, state: "ask" });
      setError(`${t("chat.talk.checkInFailed")} ${errorMessage(e, t)}`);
    }
  }

  if (offer) {
    return (
      <section className="chat-talk card" aria-labelledby={`${id}-offer`} data-testid="talk-unwell-offer">
        <h2 id={`${id}-offer`} ref={offerRef} tabIndex={-1}>
          {t("chat.talk.sent")}
        </h2>
        {offer.state === "saved" ? (
          <p role="status">{t("chat.talk.checkInSaved")}</p>
        ) : (
          <>
            <p>{t("chat.talk.offerCheckIn")}</p>
            <p className="chat-talk__actions">
              <button
                type="button"
                className="button button--primary"
                aria-disabled={offer.state === "saving" || undefined}
                onClick={() => void markUnwell()}
              >
                {offer.state === "saving" ? t("chat.talk.checkInSaving") : t("chat.talk.checkInUnwell")}
              </button>
            </p>
          </>
        )}
        <p className="chat-talk__actions">
          <button
            type="button"
            className="button"
            onClick={() => navigate(paths.chatRoom(offer.room.id), { state: { focus: "composer" } })}
          >
            {t("chat.talk.openConversation")}
          </button>
        </p>
        <FormAlert id={errorId} message={error} />
      </section>
    );
  }

  return (
    <form
      className="chat-talk card"
      onSubmit={onSubmit}
      aria-describedby={error ? errorId : undefined}
      noValidate
      data-testid="talk-to-manager"
    >
      <p className="chat-talk__online" data-testid="talk-online">
        {online.length > 0
          ? tNodes("chat.talk.onlineNow", {
              names: online.map(({ person }, index) => (
                <span key={person.id}>
                  {index > 0 && t("chat.talk.nameSeparator")}
                  <span lang={textLang(person.name, locale)} data-person-name="">
                    {person.name}
                  </span>
                </span>
              )),
            })
          : t("chat.talk.noneOnline")}
        {replyTime !== null && (
          <>
            {" "}
            <span data-testid="talk-reply-time">
              {replyTime >= 90
                ? t("chat.talk.usualReplyHours", { hours: Math.round(replyTime / 60) })
                : t("chat.talk.usualReplyMinutes", { minutes: replyTime })}
            </span>
          </>
        )}
      </p>
      <FieldSet id={`${id}-manager`} legend={t("chat.talk.choose")}>
        <div className="choice-list chat-talk__choices">
          <div className="choice choice--with-hint">
            <input
              type="radio"
              id={`${id}-free`}
              name="manager"
              value={FREE}
              checked={choice === FREE}
              onChange={() => setChoice(FREE)}
              aria-describedby={`${id}-free-hint`}
            />
            <div>
              <label htmlFor={`${id}-free`}>{t("chat.talk.whoeverIsFree")}</label>
              <p id={`${id}-free-hint`} className="choice__hint">
                {t("chat.talk.whoeverIsFreeHint")}
              </p>
            </div>
          </div>
          {managers.map(({ person, status }) => (
            <div key={person.id} className="choice">
              <input
                type="radio"
                id={`${id}-${person.id}`}
                name="manager"
                value={person.id}
                checked={choice === person.id}
                onChange={() => setChoice(person.id)}
              />
              <label htmlFor={`${id}-${person.id}`}>
                <span lang={textLang(person.name, locale)} data-person-name="">
                  {person.name}
                </span>
                {status && (
                  <span className="chat-talk__status">
                    {" "}
                    {t("chat.talk.status", { status: t(`presence.${status}`) })}
                  </span>
                )}
              </label>
            </div>
          ))}
        </div>
        {presence.isPending && connected && <p role="status">{t("chat.talk.loadingManagers")}</p>}
        {presence.data && managers.length === 0 && <p>{t("chat.talk.noManagers")}</p>}
      </FieldSet>
      <p className="chat-talk__actions">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t("chat.talk.starting") : t("chat.talk.start")}
        </button>
      </p>
      <div className="chat-talk__phrases" role="group" aria-labelledby={`${id}-phrases`}>
        <p id={`${id}-phrases`} className="chat-talk__phrases-title">
          {t("chat.talk.phrases")}
        </p>
        {PHRASES.filter((phrase) => isCrew(me) || phrase === "question").map((phrase) => (
          <button
            key={phrase}
            type="button"
            className="button button--secondary"
            aria-disabled={busy || undefined}
            onClick={() => void sendPhrase(phrase)}
          >
            {t(`chat.talk.phrase.${phrase}`)}
          </button>
        ))}
      </div>
      <FormAlert id={errorId} message={error} />
    </form>
  );
}
