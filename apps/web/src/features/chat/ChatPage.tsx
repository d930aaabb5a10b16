// Chat (/chat, /chat/:roomId) and "Talk to a manager" (/chat/talk-to-manager).
// Wide screens: the rooms list beside the open conversation. Narrow screens and 200 % zoom: one
// after the other; with a room open, its conversation alone and a link back to the list.
//
// Choosing a room is a navigation: focus goes to the conversation's heading (or, after "Talk to a
// manager", to the message field), after PageHeading has done its part. Live changes never move it.
import { useEffect } from "react";
import { Link, useLocation, useParams } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import { useUser } from "../../app/session.tsx";
import { paths } from "../../app/paths.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ChatConversation, composerInputId, conversationHeadingId } from "./ChatConversation.tsx";
import { useChatRoom, useChatRoomsLive } from "./chat-queries.ts";
import { RoomList } from "./RoomList.tsx";
import { TalkToManager } from "./TalkToManager.tsx";
import { roomTitle } from "./room-names.ts";
import "./chat.css";
import { Icon } from "../../ui/Icon.tsx";

export default function ChatPage() {
  const { t } = useI18n();
  const me = useUser();
  const location = useLocation();
  const { roomId } = useParams();
  const talk = location.pathname === paths.talkToManager;
  const openRoomId = talk ? undefined : roomId;
  useChatRoomsLive();
  const room = useChatRoom(openRoomId);

  // After PageHeading (a child: its effect runs first) has focused the <h1>, a chosen room takes
  // focus to its conversation: that is what the user asked to see.
  const focusComposer = (location.state as { focus?: string } | null)?.focus === "composer";
  useEffect(() => {
    if (!openRoomId || location.key === "default") return;
    const target = document.getElementById(
      focusComposer ? composerInputId(openRoomId) : conversationHeadingId(openRoomId),
    );
    target?.focus();
    // focusComposer comes from the history entry's state, so it changes only with location.key
  }, [openRoomId, location.key, focusComposer]);

  const pageTitle = talk
    ? t("chat.talkToManager.title")
    : room
      ? `${roomTitle(room, me, t)} – ${t("chat.title")}`
      : t("chat.title");

  return (
    <section className="page chat-page" data-testid="page-chat" data-room-id={openRoomId}>
      <PageHeading title={pageTitle}>{talk ? t("chat.talkToManager.title") : t("chat.title")}</PageHeading>
      {talk ? (
        <>
          <p>{t("chat.talkToManager.intro")}</p>
          <TalkToManager me={me} />
        </>
      ) : (
        <div className={openRoomId ? "chat-layout chat-layout--room-open" : "chat-layout"}>
          <RoomList me={me} />
          <div className="chat-layout__main">
            {openRoomId ? (
              <>
                <p className="chat-back">
                  <Link to={paths.chat}>
                    <Icon name="arrowLeft" className="icon--before" />
                    {t("chat.rooms.backToList")}
                  </Link>
                </p>
                <ChatConversation roomId={openRoomId} />
              </>
            ) : (
              <p className="chat-choose">{t("chat.rooms.choose")}</p>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
