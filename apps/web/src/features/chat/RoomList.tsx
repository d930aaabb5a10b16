// The user's rooms, the most recently active first: name (and, for "talk to a manager", who
// answers), the unread count as text ("未読 2 件"), and the last message. Live: lib/live.ts and
// useChatRoomsLive() keep the cached list current.
import { NavLink } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import type { ChatRoomSummary } from "../../lib/api.ts";
import { useSocketStatus } from "../../lib/live.ts";
import { paths } from "../../app/paths.ts";
import { textLang } from "../../ui/lang.ts";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { useChatRooms } from "./chat-queries.ts";
import { roomName, supportState } from "./room-names.ts";
import { excerpt, messageTime } from "./chat-format.ts";

/** Most recent activity first; rooms without messages after them, in the server's order. */
export function sortRooms(items: readonly ChatRoomSummary[]): ChatRoomSummary[] {
  return items
    .map((room, index) => ({ room, index }))
    .sort((a, b) => {
      const x = a.room.lastMessage?.createdAt;
      const y = b.room.lastMessage?.createdAt;
      if (x && y && x !== y) return x < y ? 1 : -1;
      if (x && !y) return -1;
      if (!x && y) return 1;
      return a.index - b.index;
    })
    .map(({ room }) => room);
}

export function RoomList({ me }: { me: { id: string; role: string } }) {
  const { t } = useI18n();
  const rooms = useChatRooms();
  const connected = useSocketStatus() === "connected";
  const headingId = "chat-rooms-heading";
  let body;
  if (rooms.data) body = <RoomListItems rooms={rooms.data.items} me={me} />;
  else if (!connected) body = <p className="notice notice--info">{t("chat.rooms.offline")}</p>;
  else if (rooms.isError)
    body = <ErrorNotice message={t("chat.rooms.loadFailed")} onRetry={() => void rooms.refetch()} />;
  else body = <LoadingNotice />;
  return (
    <nav className="chat-rooms" aria-labelledby={headingId} data-testid="chat-rooms">
      <h2 id={headingId}>{t("chat.rooms.heading")}</h2>
      {body}
    </nav>
  );
}

export function RoomListItems({ rooms, me }: { rooms: readonly ChatRoomSummary[]; me: { id: string; role: string } }) {
  const i18n = useI18n();
  const { t, tn, locale } = i18n;
  if (rooms.length === 0) return <p>{t("chat.rooms.empty")}</p>;
  return (
    <ul className="chat-rooms__list">
      {sortRooms(rooms).map((room) => {
        const name = roomName(room, me, t);
        const state = supportState(room, t);
        const last = room.lastMessage;
        const lastText = last ? (last.deletedAt ? t("chat.message.deleted") : excerpt(last.body, 60)) : undefined;
        const lastAuthor = last ? (last.author.id === me.id ? t("chat.message.you") : last.author.name) : undefined;
        return (
          <li key={room.id} className="chat-room" data-testid="chat-room" data-room-id={room.id}>
            <NavLink to={paths.chatRoom(room.id)} className="chat-room__link">
              <span className="chat-room__kind">{t(`chat.kind.${room.kind}`)}</span>
              <span className="chat-room__name" lang={textLang(name, locale)}>
                {name}
              </span>
              {state && <span className="chat-room__state"> — {state}</span>}
              {room.unread > 0 && (
                <span className="count-badge chat-room__unread" data-testid="chat-room-unread">
                  {tn("chat.rooms.unread", room.unread)}
                </span>
              )}
            </NavLink>
            <p className="chat-room__last">
              {last && lastText !== undefined ? (
                <>
                  <span className="visually-hidden">{t("chat.rooms.lastMessage")}</span>
                  <span lang={textLang(lastAuthor, locale)}>{lastAuthor}</span>
                  {locale === "ja" ? "：" : ": "}
                  <span lang={textLang(lastText, locale)} className="chat-room__excerpt">
                    {lastText}
                  </span>{" "}
                  <time dateTime={last.createdAt}>{messageTime(i18n, last.createdAt)}</time>
                </>
              ) : (
                t("chat.rooms.noMessages")
              )}
            </p>
          </li>
        );
      })}
    </ul>
  );
}
