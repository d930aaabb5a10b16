// The bell on every screen: a link to the inbox with the unread count, in its accessible name too.
// The count stays live: every notification event refetches it (lib/live.ts).
import { useQuery } from "@tanstack/react-query";
import { NavLink } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import { listNotifications } from "../../lib/follow-through-api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { Icon } from "../../ui/Icon.tsx";
import { useLiveEvent } from "../../lib/live.ts";
import { followThroughPaths } from "./paths.ts";

export function InboxBell() {
  const { t, tn } = useI18n();
  const unread = useQuery({
    queryKey: queryKeys.notifications.unread(),
    queryFn: ({ signal }) => listNotifications({ unread: true, limit: 1 }, signal),
    staleTime: 30_000,
  });
  const count = unread.data?.unreadCount ?? 0;
  // browser notifications: only once the person turned them on (inbox page), and only when the tab is not in view
  useLiveEvent(["notification:created"], (_e, info) => {
    if (info.replayed || typeof window === "undefined" || !("Notification" in window)) return;
    if (window.Notification.permission === "granted" && document.visibilityState === "hidden")
      new window.Notification(t("app.name"), { body: t("inbox.kind.generic") });
  });
  return (
    <NavLink
      to={followThroughPaths.inbox}
      className="button button--help inbox-bell"
      data-testid="inbox-bell"
      aria-label={count > 0 ? tn("inbox.bellUnread", count) : t("inbox.bell")}
    >
      <Icon name="bell" />
      <span aria-hidden="true">{t("inbox.bell")}</span>
      {count > 0 && (
        <span className="count-badge" aria-hidden="true" data-testid="inbox-unread">
          {count}
        </span>
      )}
    </NavLink>
  );
}
