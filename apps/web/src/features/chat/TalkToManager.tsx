// "Talk to a manager / 管理者に相談する" (journey 4): choose a manager by name, or "whoever is
// free" (every manager is asked; the first to answer takes it). chat:talk_to_manager answers the
// room (the direct room with that manager, or a new support room), which then opens.
//
// Managers by name: everyone the user may see the presence of (presence:list: the people they
// share a room or a team with) who is a manager, and the managers in their rooms.
import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { isManager } from "@crewboard/domain";
import { FieldSet, FormAlert } from "../../ui/Field.tsx";
import { useI18n } from "../../i18n/index.ts";
import type { PersonRef, Presence, PresenceStatus } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { liveClient } from "../../lib/socket.ts";
import { useEphemeralEvent, useSocketStatus } from "../../lib/live.ts";
import { paths } from "../../app/paths.ts";
import { textLang } from "../../ui/lang.ts";
import { errorMessage } from "../../ui/errors.ts";
import { useChatRooms, upsertRoom } from "./chat-queries.ts";

const FREE = "free";

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

export function TalkToManager({ me }: { me: { id: string } }) {
  const { t, locale } = useI18n();
  const id = useId();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const connected = useSocketStatus() === "connected";
  const presence = usePresence();
  const rooms = useChatRooms();
  const [choice, setChoice] = useState<string>(FREE);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const managers = managerChoices(presence.data?.items ?? [], rooms.data?.items.flatMap((r) => r.members) ?? [], me.id);
  const errorId = `${id}-error`;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!connected) {
      setError(t("chat.talk.offline"));
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const room = await liveClient.request("chat:talk_to_manager", choice === FREE ? {} : { managerId: choice });
      upsertRoom(queryClient, room);
      navigate(paths.chatRoom(room.id), { state: { focus: "composer" } });
    } catch (e) {
      setError(`${t("chat.talk.failed")} ${errorMessage(e, t)}`);
      setBusy(false);
    }
  }

  return (
    <form
      className="chat-talk card"
      onSubmit={onSubmit}
      aria-describedby={error ? errorId : undefined}
      noValidate
      data-testid="talk-to-manager"
    >
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
                <span lang={textLang(person.name, locale)}>{person.name}</span>
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
      <FormAlert id={errorId} message={error} />
    </form>
  );
}
