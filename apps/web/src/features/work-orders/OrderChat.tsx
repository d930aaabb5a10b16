// The order's chat room, embedded with the chat screen's own <ChatConversation> (loaded with
// it, on demand). The room comes from `chat:rooms` (the rooms the user is a member of); when it
// is not there — not connected, not a member, or a room made after the list was loaded, which
// is asked for once more — the page links to the chat screen instead.
import { Component, lazy, Suspense, useEffect, useRef, type ErrorInfo, type ReactNode } from "react";
import { Link } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import { paths } from "../../app/paths.ts";
import { LoadingNotice } from "../../ui/Notice.tsx";
import { useChatRooms } from "../chat/chat-queries.ts";

const ChatConversation = lazy(() => import("../chat/ChatConversation.tsx"));

/** A failure inside the embedded conversation leaves the rest of the page working. */
class ChatBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error("chat conversation failed", error, info.componentStack);
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

export function OrderChat({
  workOrderId,
  forClient = false,
  pinned,
}: {
  workOrderId: string;
  forClient?: boolean;
  /** shown above the conversation (the answer to the client's nomination) */
  pinned?: ReactNode;
}) {
  const { t } = useI18n();
  const rooms = useChatRooms();
  const room = rooms.data?.items.find((r) => r.workOrderId === workOrderId);
  const askedAgain = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (rooms.data && !room && !rooms.isFetching && askedAgain.current !== workOrderId) {
      askedAgain.current = workOrderId;
      void rooms.refetch();
    }
  }, [rooms, room, workOrderId]);

  const fallback = (
    <p>
      {t("workOrder.chat.unavailable")}{" "}
      <Link to={room ? paths.chatRoom(room.id) : paths.chat}>{t("workOrder.chat.open")}</Link>
    </p>
  );
  if (!room) {
    const settled = (rooms.data && !rooms.isFetching && askedAgain.current === workOrderId) || rooms.isError;
    return (
      <>
        {pinned}
        {settled ? (
          fallback
        ) : (
          <p>
            <Link to={paths.chat}>{t("workOrder.chat.open")}</Link>
          </p>
        )}
      </>
    );
  }
  return (
    <>
      {pinned}
      <p>
        {forClient ? t("workOrder.chat.introClient") : t("workOrder.chat.intro")}{" "}
        <Link to={paths.chatRoom(room.id)}>{t("workOrder.chat.open")}</Link>
      </p>
      <ChatBoundary fallback={fallback}>
        <Suspense fallback={<LoadingNotice />}>
          <ChatConversation roomId={room.id} headingLevel={3} />
        </Suspense>
      </ChatBoundary>
    </>
  );
}
