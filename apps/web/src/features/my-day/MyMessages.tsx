// My chat rooms, small: unread first, each a link to the room with its unread count in the
// link's text. The rooms come over the live connection (features/chat/chat-queries.ts, read
// only here) and stay live through lib/live.ts.
import { useId } from "react";
import { Link } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import type { ChatRoomSummary } from "../../lib/api.ts";
import { paths } from "../../app/paths.ts";
import { textLang } from "../../ui/lang.ts";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { useChatRooms } from "../chat/chat-queries.ts";
import { roomName } from "../chat/room-names.ts";

const SHOWN = 5;

/** Unread first, then the latest message first. */
export function sortRooms(rooms: readonly ChatRoomSummary[]): ChatRoomSummary[] {
  const last = (r: ChatRoomSummary) => (r.lastMessage ? Date.parse(r.lastMessage.createdAt) : 0);
  return [...rooms].sort((a, b) => Number(b.unread > 0) - Number(a.unread > 0) || last(b) - last(a));
}

export function MyMessages({ userId }: { userId: string }) {
  const { t, tn, locale } = useI18n();
  const headingId = useId();
  const rooms = useChatRooms();

  let body;
  if (rooms.isError) body = <ErrorNotice error={rooms.error} onRetry={() => void rooms.refetch()} />;
  else if (!rooms.data && rooms.fetchStatus === "fetching") body = <LoadingNotice />;
  else if (!rooms.data) body = <p className="md-muted">{t("myDay.messages.offline")}</p>;
  else if (rooms.data.items.length === 0) body = <p className="md-muted">{t("myDay.messages.empty")}</p>;
  else {
    const shown = sortRooms(rooms.data.items).slice(0, SHOWN);
    body = (
      <ul className="md-rooms">
        {shown.map((room) => {
          // named as on the chat screen (a team room in the viewer's language; My Day is crew's)
          const name = roomName(room, { id: userId, role: "crew" }, t);
          return (
            <li key={room.id}>
              <Link to={paths.chatRoom(room.id)} className="md-room">
                <span className="md-room__name" lang={textLang(name, locale)}>
                  {name}
                </span>
                {room.unread > 0 ? (
                  <span className="count-badge">{tn("nav.unread", room.unread)}</span>
                ) : (
                  <span className="md-room__read">{t("myDay.messages.noUnread")}</span>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
    );
  }

  return (
    <section className="md-section md-messages" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("myDay.messages.heading")}</h2>
      {body}
      <p className="md-messages__all">
        <Link to={paths.chat}>{t("myDay.messages.all")}</Link>
      </p>
    </section>
  );
}
