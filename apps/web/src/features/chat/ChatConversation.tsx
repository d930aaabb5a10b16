// A chat room's conversation: history with "load earlier", each message with author, time, text
// (in its own language), edited/deleted/mention shown as text; messages waiting in the outbox
// ("送信待ち"); "既読 (name)" under the user's last message; who is typing; and the composer.
//
// Reusable: the work order page embeds it with <ChatConversation roomId={room.id} />.
//
// Live changes never move focus, and never move the scroll position when the user has scrolled
// up to read: new messages are then offered with a "new messages ↓" button. New messages from
// others are announced politely, batched by the app's announcer. The newest message is marked
// read while the conversation is on screen and scrolled to its end.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useI18n, type I18n } from "../../i18n/index.ts";
import { useSession } from "../../app/session.tsx";
import { useAnnouncer } from "../../lib/announcer.tsx";
import { applyMessage, useLiveEvent, useSocketStatus, useTrackRoom } from "../../lib/live.ts";
import { offlineQueue } from "../../lib/outbox.ts";
import { rooms, TEXT_LIMITS } from "@crewboard/domain";
import { liveClient, SocketAckError, type LiveClient } from "../../lib/socket.ts";
import { messagePermissions, supportTakenByAnother, takesPartInChat } from "@crewboard/domain";
import type { ChatRoomSummary, Message, PersonRef, User } from "../../lib/api.ts";
import { textLang } from "../../ui/lang.ts";
import { errorMessage } from "../../ui/errors.ts";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { registerViewing, setRoomUnread, useChatRoom, useChatRoomsLive } from "./chat-queries.ts";
import {
  conversationOrder,
  readersOf,
  useMessageHistory,
  usePendingMessages,
  type PendingMessage,
} from "./conversation-data.ts";
import { Composer, type SendOutcome } from "./Composer.tsx";
import { roomTitle } from "./room-names.ts";
import { TypingStatus, useTypingSender } from "./typing.tsx";
import { excerpt, messageTime } from "./chat-format.ts";
import { linkify } from "./linkify.ts";
import "./chat.css";
import { Icon } from "../../ui/Icon.tsx";
import { Field, FieldErrorText } from "../../ui/Field.tsx";

export interface ChatConversationProps {
  roomId: string;
  /** level of the conversation's heading in the host page (default 2) */
  headingLevel?: 2 | 3;
  /** the live connection (tests pass a fake) */
  client?: LiveClient;
}

/** Ids a host page can use to move focus (after the user chose a room). */
export const conversationHeadingId = (roomId: string) => `chat-conversation-${roomId}-title`;
export const composerInputId = (roomId: string) => `chat-conversation-${roomId}-message`;

/** Within this many pixels of the end counts as "at the end". */
const AT_END_PX = 48;

export function ChatConversation({ roomId, headingLevel = 2, client = liveClient }: ChatConversationProps) {
  const { user } = useSession();
  if (!user) return null;
  // a new room starts from a clean state (scroll, "new messages", edits)
  return <Conversation key={roomId} roomId={roomId} headingLevel={headingLevel} me={user} client={client} />;
}

export default ChatConversation;

function Conversation({ roomId, headingLevel, me, client }: Required<ChatConversationProps> & { me: User }) {
  const i18n = useI18n();
  const { t, tn } = i18n;
  const queryClient = useQueryClient();
  const { announce } = useAnnouncer();
  const connected = useSocketStatus(client) === "connected";
  useChatRoomsLive(client);
  useTrackRoom(rooms.chat(roomId), client);

  const room = useChatRoom(roomId);
  const history = useMessageHistory(roomId, client);
  const messages = useMemo(() => conversationOrder(history.data), [history.data]);
  const sentKeys = useMemo(() => new Set(messages.map((m) => m.clientKey).filter(Boolean)), [messages]);
  const pending = usePendingMessages(roomId).filter((p) => !sentKeys.has(p.entry.id));
  const typing = useTypingSender(roomId, client);

  const forbidden = history.error instanceof SocketAckError && history.error.code === "auth.forbidden";
  // the shared rule (domain chat.ts): a support request another manager took is closed to the others
  const closed = forbidden || (room ? !takesPartInChat(room, me) : false);
  const title = room ? roomTitle(room, me, t) : t("chat.title");
  const Heading = headingLevel === 3 ? "h3" : "h2";

  // ---- scrolling: stay at the end when there, stay put when reading further up ----------
  const log = useRef<HTMLDivElement>(null);
  const atEndRef = useRef(true);
  const [atEnd, setAtEnd] = useState(true);
  const fromEnd = useRef(0);
  const [unseen, setUnseen] = useState<string[]>([]);
  const edges = useRef<{ oldest?: string; newest?: string; count: number }>({ count: 0 });

  const measure = useCallback(() => {
    const el = log.current;
    if (!el) return;
    fromEnd.current = el.scrollHeight - el.scrollTop - el.clientHeight;
    const end = fromEnd.current <= AT_END_PX;
    atEndRef.current = end;
    setAtEnd(end);
    if (end) setUnseen((list) => (list.length ? [] : list));
  }, []);

  const itemCount = messages.length + pending.length;
  const oldest = messages[0]?.id;
  const newest = pending.length ? pending[pending.length - 1]!.entry.id : messages[messages.length - 1]?.id;
  useLayoutEffect(() => {
    const el = log.current;
    const before = edges.current;
    edges.current = { oldest, newest, count: itemCount };
    if (!el || itemCount === 0) return;
    if (before.count === 0) {
      el.scrollTop = el.scrollHeight; // first load: the newest messages
    } else if (oldest !== before.oldest && newest === before.newest) {
      // earlier messages were added above: keep what the user was reading where it was
      el.scrollTop = el.scrollHeight - el.clientHeight - fromEnd.current;
    } else if (newest !== before.newest && atEndRef.current) {
      el.scrollTop = el.scrollHeight;
    }
    measure();
  }, [oldest, newest, itemCount, measure]);

  // ---- announcements and "new messages" -------------------------------------------------
  useLiveEvent(
    ["message:created"],
    (e, { replayed }) => {
      const m = e.data;
      if (m.roomId !== roomId || m.author.id === me.id) return;
      if (!atEndRef.current) setUnseen((list) => (list.includes(m.id) ? list : [...list, m.id]));
      if (!replayed)
        announce(t("chat.announce.message", { name: m.author.name, text: excerpt(m.body) }), { group: "messages" });
    },
    client,
  );

  function showNew() {
    const first = unseen[0];
    const el = log.current;
    if (el) el.scrollTop = el.scrollHeight;
    setUnseen([]);
    // the user asked to go there: focus the first new message, so reading starts at it
    if (first) document.getElementById(messageDomId(first))?.focus();
    measure();
  }

  // ---- read markers: the newest message, while the user can see it -----------------------
  const lastMarked = useRef<string | undefined>(undefined);
  const newestMessage = messages[messages.length - 1];
  const myMarker = room?.readMarkers.find((m) => m.userId === me.id)?.messageId ?? null;
  const [visible, setVisible] = useState(
    () => typeof document === "undefined" || document.visibilityState !== "hidden",
  );
  useEffect(() => {
    const onChange = () => setVisible(document.visibilityState !== "hidden");
    document.addEventListener("visibilitychange", onChange);
    return () => document.removeEventListener("visibilitychange", onChange);
  }, []);
  useEffect(() => registerViewing(roomId, () => document.visibilityState !== "hidden" && atEndRef.current), [roomId]);
  useEffect(() => {
    if (!connected || !visible || !atEnd || !newestMessage || closed) return;
    if (lastMarked.current === newestMessage.id || (myMarker === newestMessage.id && !room?.unread)) return;
    lastMarked.current = newestMessage.id;
    client
      .request("message:read", { roomId, messageId: newestMessage.id })
      .then(({ unread }) => setRoomUnread(queryClient, roomId, unread))
      .catch(() => {
        lastMarked.current = undefined; // try again with the next change
      });
  }, [connected, visible, atEnd, newestMessage, myMarker, room?.unread, roomId, queryClient, closed, client]);

  // ---- sending ---------------------------------------------------------------------------
  async function send(body: string, mentions: string[]): Promise<SendOutcome> {
    typing.stopped();
    atEndRef.current = true; // one's own message is always shown
    const outcome = await offlineQueue.submit({ kind: "message.send", payload: { roomId, body, mentions } });
    if (outcome.status === "sent") applyMessage(queryClient, outcome.result);
    return outcome.status;
  }

  const mine = [...messages].reverse().find((m) => m.author.id === me.id);
  const readers = mine && room ? readersOf(mine, messages, room, me.id) : [];
  const others = room ? room.members.filter((m) => m.id !== me.id) : [];

  return (
    <section
      className="chat-conversation"
      aria-labelledby={conversationHeadingId(roomId)}
      data-testid="chat-conversation"
      data-room-id={roomId}
    >
      <Heading id={conversationHeadingId(roomId)} tabIndex={-1} className="chat-conversation__title">
        <span lang={textLang(title, i18n.locale)}>{title}</span>
      </Heading>

      {room?.kind === "support" && <SupportNotice room={room} me={me} />}

      {!history.data && !connected && (
        <p className="notice notice--info" data-testid="chat-offline">
          {t("chat.conversation.offline")}
        </p>
      )}
      {history.isPending && connected && <LoadingNotice />}
      {history.isError && !history.data && (
        <ErrorNotice
          message={forbidden ? t("chat.conversation.notMember") : t("chat.conversation.loadFailed")}
          onRetry={forbidden ? undefined : () => void history.refetch()}
        />
      )}

      <div
        ref={log}
        className="chat-log"
        role="region"
        aria-label={t("chat.conversation.history")}
        tabIndex={0}
        onScroll={measure}
        data-testid="chat-log"
      >
        {history.hasNextPage ? (
          <p className="chat-log__older">
            <button
              type="button"
              className="button"
              onClick={() => void history.fetchNextPage()}
              disabled={history.isFetchingNextPage}
            >
              {history.isFetchingNextPage ? t("chat.conversation.loadingOlder") : t("chat.conversation.loadOlder")}
            </button>
          </p>
        ) : (
          history.data &&
          messages.length > 0 && <p className="chat-log__beginning">{t("chat.conversation.beginning")}</p>
        )}
        {history.data && itemCount === 0 && <p className="chat-log__empty">{t("chat.conversation.empty")}</p>}
        <ol className="chat-messages">
          {messages.map((m) => (
            <MessageItem
              key={m.id}
              message={m}
              me={me}
              room={room}
              readers={m === mine ? readers : []}
              i18n={i18n}
              client={client}
            />
          ))}
          {pending.map((p) => (
            <PendingItem key={p.entry.id} pending={p} connected={connected} i18n={i18n} />
          ))}
        </ol>
      </div>

      {unseen.length > 0 && (
        <p className="chat-new-messages">
          <button type="button" className="button button--primary" onClick={showNew}>
            {tn("chat.conversation.newMessages", unseen.length)}
            <Icon name="arrowDown" />
          </button>
        </p>
      )}

      <TypingStatus roomId={roomId} myId={me.id} client={client} />

      {forbidden ? null : closed ? (
        <p className="notice notice--info">{t("chat.composer.closed")}</p>
      ) : (
        <Composer members={others} onSend={send} onTyping={typing.typed} inputId={composerInputId(roomId)} />
      )}
    </section>
  );
}

function SupportNotice({ room, me }: { room: ChatRoomSummary; me: User }) {
  const { t } = useI18n();
  let text: string;
  if (room.claimedBy) {
    if (room.claimedBy.id === me.id) text = t("chat.support.youAreAnswering");
    else if (supportTakenByAnother(room, me)) text = t("chat.support.takenByOther", { name: room.claimedBy.name });
    else text = t("chat.support.isAnswering", { name: room.claimedBy.name });
  } else {
    text = room.requesterId === me.id ? t("chat.support.waitingLong") : t("chat.support.youAnswer");
  }
  return (
    <p className="chat-support-state" data-testid="support-state">
      <Icon name={room.claimedBy ? "check" : "waiting"} className="chat-support-state__icon" />
      {text}
    </p>
  );
}

// ---- one message -------------------------------------------------------------------------

export const messageDomId = (id: string) => `chat-message-${id}`;

/**
 * The text with "@name" of the mentioned people marked (bold, underlined: not colour alone) and
 * its http(s) addresses as links (linkify.ts), opening in a new tab, which the link says.
 */
export function MessageBody({ body, mentioned }: { body: string; mentioned: readonly PersonRef[] }) {
  const names = [...new Set(mentioned.map((p) => `@${p.name}`))].sort((a, b) => b.length - a.length);
  const pattern = names.length
    ? new RegExp(`(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})`, "g")
    : null;
  const pieces = pattern ? body.split(pattern) : [body];
  return (
    <>
      {pieces.map((piece, index) =>
        names.includes(piece) ? (
          <strong key={index} className="chat-mention-text">
            {piece}
          </strong>
        ) : (
          <Linked key={index} text={piece} />
        ),
      )}
    </>
  );
}

function Linked({ text }: { text: string }) {
  const { t, locale } = useI18n();
  return (
    <>
      {linkify(text).map((part, index) =>
        part.kind === "text" ? (
          part.text
        ) : (
          <a key={index} href={part.href} target="_blank" rel="noopener noreferrer" className="chat-link">
            {part.text}
            {/* the UI's words, inside people's text: in the UI's language */}
            <span className="visually-hidden" lang={locale}>
              {t("nav.opensNewTab")}
            </span>
          </a>
        ),
      )}
    </>
  );
}

function MessageItem({
  message,
  me,
  room,
  readers,
  i18n,
  client,
}: {
  message: Message;
  me: User;
  room: ChatRoomSummary | undefined;
  readers: PersonRef[];
  i18n: I18n;
  client: LiveClient;
}) {
  const { t, locale } = i18n;
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<"view" | "edit" | "confirmDelete">("view");
  const [draft, setDraft] = useState(message.body);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState("");
  const editButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const editField = useRef<HTMLTextAreaElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const item = useRef<HTMLLIElement>(null);

  const mineMessage = message.author.id === me.id;
  const deleted = message.deletedAt !== null;
  // who may change it: the rule the server applies too (domain messagePermissions); nothing
  // until the room is known, and nothing once the user is out of the room
  const may = room ? messagePermissions({ authorId: message.author.id }, room, me) : { edit: false, delete: false };
  const canEdit = may.edit && !deleted;
  const canDelete = may.delete && !deleted;
  const time = messageTime(i18n, message.createdAt);
  const mentioned = (room?.members ?? []).filter((p) => message.mentions.includes(p.id));
  const mentionsMe = message.mentions.includes(me.id);
  const target = <span className="visually-hidden">{t("chat.message.actionTarget", { time })}</span>;

  useEffect(() => {
    if (mode === "edit") editField.current?.focus();
    if (mode === "confirmDelete") confirmButton.current?.focus();
  }, [mode]);

  function backTo(ref: RefObject<HTMLElement | null>) {
    requestAnimationFrame(() => (ref.current ?? item.current)?.focus());
  }

  async function saveEdit() {
    const body = draft.trim();
    const problem = !body
      ? t("chat.composer.empty")
      : body.length > TEXT_LIMITS.chatMessage
        ? t("chat.composer.tooLong", { max: TEXT_LIMITS.chatMessage, count: body.length })
        : undefined;
    if (problem) {
      setError(problem);
      editField.current?.focus();
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const updated = await client.request("message:edit", { messageId: message.id, body });
      applyMessage(queryClient, updated);
      setMode("view");
      setStatus(t("chat.message.editedStatus"));
      backTo(editButton);
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  }

  async function confirmDelete() {
    setBusy(true);
    setError(undefined);
    try {
      const updated = await client.request("message:delete", { messageId: message.id });
      applyMessage(queryClient, updated);
      setMode("view");
      setStatus(t("chat.message.deletedStatus"));
      backTo(item); // the buttons are gone with the text
    } catch (e) {
      setError(errorMessage(e, t));
    } finally {
      setBusy(false);
    }
  }

  const editId = `${messageDomId(message.id)}-edit`;
  const confirmId = `${messageDomId(message.id)}-confirm`;

  return (
    <li
      ref={item}
      id={messageDomId(message.id)}
      tabIndex={-1}
      className={`chat-message${mineMessage ? " chat-message--mine" : ""}${mentionsMe ? " chat-message--mentions-me" : ""}`}
      data-testid="chat-message"
    >
      <p className="chat-message__meta">
        <span className="chat-message__author" lang={mineMessage ? undefined : textLang(message.author.name, locale)}>
          {mineMessage ? t("chat.message.you") : message.author.name}
        </span>{" "}
        <time dateTime={message.createdAt} className="chat-message__time">
          {time}
        </time>
        {message.editedAt && !deleted && <span className="chat-message__flag"> {t("chat.message.edited")}</span>}
        {mentionsMe && !deleted && (
          <span className="chat-badge">
            <Icon name="mention" className="icon--before" />
            {t("chat.message.mentionsYou")}
          </span>
        )}
      </p>

      {mode === "edit" ? (
        <div className="chat-message__edit">
          <Field id={editId} label={t("chat.message.editLabel")} error={error} alert>
            {(control) => (
              <textarea
                {...control}
                ref={editField}
                rows={3}
                value={draft}
                lang={textLang(draft, locale)}
                onChange={(e) => setDraft(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === "Escape") {
                    e.preventDefault();
                    setMode("view");
                    setError(undefined);
                    backTo(editButton);
                  } else if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing && e.keyCode !== 229) {
                    e.preventDefault();
                    void saveEdit();
                  }
                }}
              />
            )}
          </Field>
          <div className="chat-message__actions">
            <button type="button" className="button button--primary" onClick={() => void saveEdit()} disabled={busy}>
              {busy ? t("chat.message.saving") : t("chat.message.save")}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setMode("view");
                setError(undefined);
                backTo(editButton);
              }}
            >
              {t("chat.message.cancel")}
            </button>
          </div>
        </div>
      ) : deleted ? (
        <p className="chat-message__body chat-message__body--deleted">{t("chat.message.deleted")}</p>
      ) : (
        <p className="chat-message__body" lang={textLang(message.body, locale)}>
          <MessageBody body={message.body} mentioned={mentioned} />
        </p>
      )}

      {mode === "confirmDelete" && (
        <div className="chat-message__confirm" role="group" aria-labelledby={confirmId}>
          <p id={confirmId}>{t("chat.message.confirmDelete")}</p>
          <div className="chat-message__actions">
            <button
              ref={confirmButton}
              type="button"
              className="button chat-button--danger"
              onClick={() => void confirmDelete()}
              disabled={busy}
            >
              {t("chat.message.confirmDeleteYes")}
            </button>
            <button
              type="button"
              className="button"
              onClick={() => {
                setMode("view");
                backTo(deleteButton);
              }}
            >
              {t("chat.message.cancel")}
            </button>
          </div>
        </div>
      )}

      {mode === "view" && (canEdit || canDelete) && (
        <div className="chat-message__actions">
          {canEdit && (
            <button
              ref={editButton}
              type="button"
              className="button chat-button--small"
              onClick={() => {
                setDraft(message.body);
                setStatus("");
                setMode("edit");
              }}
            >
              {t("chat.message.edit")}
              {target}
            </button>
          )}
          {canDelete && (
            <button
              ref={deleteButton}
              type="button"
              className="button chat-button--small"
              onClick={() => {
                setStatus("");
                setMode("confirmDelete");
              }}
            >
              {t("chat.message.delete")}
              {target}
            </button>
          )}
        </div>
      )}

      {/* a refused delete (an edit's error stands at its field) */}
      {mode !== "edit" && <FieldErrorText id={`${messageDomId(message.id)}-error`} error={error} alert />}
      {status && (
        <p className="visually-hidden" role="status">
          {status}
        </p>
      )}

      {readers.length > 0 && <ReadBy readers={readers} i18n={i18n} />}
    </li>
  );
}

function ReadBy({ readers, i18n }: { readers: PersonRef[]; i18n: I18n }) {
  const { t } = i18n;
  const shown = readers.slice(0, 3).map((p) => p.name);
  const separator = i18n.locale === "ja" ? "、" : ", ";
  const text =
    readers.length > 3
      ? t("chat.message.readByMore", { names: shown.join(separator), count: readers.length - 3 })
      : t("chat.message.readBy", { names: shown.join(separator) });
  return (
    <p className="chat-message__read" data-testid="read-by">
      <Icon name="check" className="icon--before" />
      {text}
    </p>
  );
}

function PendingItem({ pending, connected, i18n }: { pending: PendingMessage; connected: boolean; i18n: I18n }) {
  const { t, locale } = i18n;
  const { entry } = pending;
  const failed = entry.state === "failed";
  const online = connected && (globalThis.navigator?.onLine ?? true);
  const label = failed ? t("chat.message.failed") : online ? t("chat.message.sending") : t("chat.message.pending");
  return (
    <li className="chat-message chat-message--mine chat-message--pending" data-testid="chat-message-pending">
      <p className="chat-message__meta">
        <span className="chat-message__author">{t("chat.message.you")}</span>{" "}
        <span className={failed ? "chat-badge chat-badge--error" : "chat-badge chat-badge--pending"}>
          <Icon name={failed ? "warning" : "waiting"} className="icon--before" />
          {label}
        </span>
      </p>
      <p className="chat-message__body" lang={textLang(pending.body, locale)}>
        {pending.body}
      </p>
      {failed && (
        <>
          <div className="chat-message__actions">
            <button
              type="button"
              className="button chat-button--small"
              onClick={() => void offlineQueue.retry(entry.id)}
            >
              {t("chat.message.retry")}
            </button>
            <button
              type="button"
              className="button chat-button--small"
              onClick={() => void offlineQueue.discard(entry.id)}
            >
              {t("chat.message.discard")}
            </button>
          </div>
        </>
      )}
    </li>
  );
}
