// The inbox (お知らせ): my notifications, newest first, unread ones marked; mark one or all as
// read; and how I hear of each kind (live only, email, daily digest). Browser notifications are
// offered only when the person asks for them (a button), never on arrival.
import { useId, useState } from "react";
import { Link } from "react-router";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { NOTIFICATION_CATEGORIES, DELIVERY_CHOICES } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import {
  getNotificationPreferences,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  updateNotificationPreferences,
  type DeliveryChoice,
  type NotificationCategory,
} from "../../lib/follow-through-api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { Icon } from "../../ui/Icon.tsx";
import { notificationHref, notificationText } from "./notification-text.tsx";
import "./follow-through.css";

export default function InboxPage() {
  const i18n = useI18n();
  const { t, tn, formatRelative } = i18n;
  const queryClient = useQueryClient();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [status, setStatus] = useState("");
  const onlyUnreadId = useId();
  const list = useInfiniteQuery({
    queryKey: queryKeys.notifications.list({ unread: onlyUnread }),
    queryFn: ({ signal, pageParam }) =>
      listNotifications({ unread: onlyUnread || undefined, cursor: pageParam, limit: 30 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.notifications.all() });
  const markOne = useMutation({
    mutationFn: markNotificationRead,
    onSuccess: async () => {
      setStatus(t("inbox.markedRead"));
      await refresh();
    },
    onError: (error) => setStatus(errorMessage(error, t)),
  });
  const markAll = useMutation({
    mutationFn: markAllNotificationsRead,
    onSuccess: async () => {
      setStatus(t("inbox.allMarkedRead"));
      await refresh();
    },
    onError: (error) => setStatus(errorMessage(error, t)),
  });

  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const unreadCount = list.data?.pages[0]?.unreadCount ?? 0;

  return (
    <section className="page inbox-page" data-testid="page-inbox">
      <PageHeading title={t("inbox.title")} />
      <p>{t("inbox.intro")}</p>
      <div className="inbox-tools">
        <p data-testid="inbox-count">{tn("inbox.unreadCount", unreadCount)}</p>
        <div className="ft-checkbox">
          <input
            id={onlyUnreadId}
            type="checkbox"
            checked={onlyUnread}
            onChange={(e) => setOnlyUnread(e.target.checked)}
          />
          <label htmlFor={onlyUnreadId}>{t("inbox.onlyUnread")}</label>
        </div>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => markAll.mutate()}
          disabled={markAll.isPending || unreadCount === 0}
        >
          {t("inbox.markAllRead")}
        </button>
      </div>
      <p role="status" className="inbox-status">
        {status}
      </p>
      {list.isPending && <LoadingNotice />}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <p>{t("inbox.none")}</p>}
      {items.length > 0 && (
        <ul className="inbox-list" data-testid="inbox-list">
          {items.map((n) => {
            const href = notificationHref(n);
            const unread = n.readAt === null;
            return (
              <li
                key={n.id}
                className={unread ? "inbox-item inbox-item--unread" : "inbox-item"}
                data-testid="inbox-item"
              >
                <p className="inbox-item__text">
                  {unread && (
                    <span className="inbox-item__badge">
                      <Icon name="info" /> {t("inbox.unread")}
                    </span>
                  )}{" "}
                  {notificationText(n, i18n)}
                </p>
                <p className="inbox-item__meta">
                  <time dateTime={n.createdAt}>{formatRelative(n.createdAt)}</time>
                  {href && (
                    <>
                      {" "}
                      <Link to={href} onClick={() => unread && markOne.mutate(n.id)}>
                        {t("inbox.open")}
                      </Link>
                    </>
                  )}
                  {unread && (
                    <>
                      {" "}
                      <button
                        type="button"
                        className="button button--secondary ft-small"
                        onClick={() => markOne.mutate(n.id)}
                        disabled={markOne.isPending}
                      >
                        {t("inbox.markRead")}
                      </button>
                    </>
                  )}
                </p>
              </li>
            );
          })}
        </ul>
      )}
      {list.hasNextPage && (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
        >
          {t("inbox.more")}
        </button>
      )}
      <Preferences />
      <BrowserNotifications />
    </section>
  );
}

function Preferences() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [saved, setSaved] = useState("");
  const prefs = useQuery({
    queryKey: queryKeys.notifications.preferences(),
    queryFn: ({ signal }) => getNotificationPreferences(signal),
  });
  const save = useMutation({
    mutationFn: (change: Partial<Record<NotificationCategory, DeliveryChoice>>) =>
      updateNotificationPreferences(change),
    onSuccess: (data) => {
      queryClient.setQueryData(queryKeys.notifications.preferences(), data);
      setSaved(t("inbox.prefs.saved"));
    },
    onError: (error) => setSaved(errorMessage(error, t)),
  });
  return (
    <section className="inbox-prefs" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("inbox.prefs.heading")}</h2>
      <p>{t("inbox.prefs.intro")}</p>
      {prefs.data && !prefs.data.emailEnabled && <p className="notice notice--info">{t("inbox.prefs.emailOff")}</p>}
      {prefs.isError && <ErrorNotice error={prefs.error} onRetry={() => void prefs.refetch()} />}
      {prefs.data && (
        <div className="inbox-prefs__grid">
          {NOTIFICATION_CATEGORIES.map((category) => (
            <fieldset key={category} className="inbox-prefs__row" data-testid={`pref-${category}`}>
              <legend>{t(`inbox.prefs.category.${category}`)}</legend>
              {DELIVERY_CHOICES.map((choice) => (
                <label key={choice} className="inbox-prefs__choice">
                  <input
                    type="radio"
                    name={`pref-${category}`}
                    value={choice}
                    checked={prefs.data.choices[category] === choice}
                    onChange={() => save.mutate({ [category]: choice })}
                  />{" "}
                  {t(`inbox.prefs.choice.${choice}`)}
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      )}
      <p role="status">{saved}</p>
    </section>
  );
}

/** Optional, and asked for only after the person presses the button. */
function BrowserNotifications() {
  const { t } = useI18n();
  const supported = typeof window !== "undefined" && "Notification" in window;
  const [permission, setPermission] = useState(supported ? window.Notification.permission : "denied");
  if (!supported) return null;
  return (
    <p className="inbox-browser">
      {permission === "granted" ? (
        t("inbox.browser.enabled")
      ) : permission === "denied" ? (
        t("inbox.browser.denied")
      ) : (
        <button
          type="button"
          className="button button--secondary"
          onClick={() => void window.Notification.requestPermission().then(setPermission)}
        >
          {t("inbox.browser.enable")}
        </button>
      )}
    </p>
  );
}
