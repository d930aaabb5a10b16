// Chat: rooms with unread counts, history, typing, read markers, mentions, and "Talk to a
// manager" (/chat/talk-to-manager). Placeholder for the chat engineer: rooms come from
// useChatRooms() (chat-queries.ts), messages go out through offlineQueue.submit({ kind:
// "message.send", payload }) (the queue's entry id is the clientKey), typing and read markers
// through liveClient.request / useEphemeralEvent.
import { useLocation, useParams } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import { paths } from "../../app/paths.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { PlaceholderNotice } from "../../ui/Notice.tsx";

export default function ChatPage() {
  const { t } = useI18n();
  const { pathname } = useLocation();
  const { roomId } = useParams();
  const talk = pathname === paths.talkToManager;
  return (
    <section className="page" data-testid="page-chat" data-room-id={roomId}>
      <PageHeading title={talk ? t("chat.talkToManager.title") : t("chat.title")} />
      {talk && <p>{t("chat.talkToManager.intro")}</p>}
      <PlaceholderNotice />
    </section>
  );
}
