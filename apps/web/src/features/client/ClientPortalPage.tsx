// The client portal (ご依頼の一覧): the company's orders, newest first (the server restricts
// them to the company), each with its status in words and icon, due date, progress, the reason
// when it was declined, and the next step. Live: lib/live.ts keeps the list's cache current, and
// status changes are announced politely (batched by the announcer).
import { useRef } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import { call, type WorkOrder, type WorkOrderStatus } from "../../lib/api.ts";
import { queryKeys, wantsReadings, withReadings } from "../../lib/query-keys.ts";
import { useUser } from "../../app/session.tsx";
import { useLiveEvent } from "../../lib/live.ts";
import { announce } from "../../lib/announcer.tsx";
import { paths } from "../../app/paths.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { WorkOrderStatusBadge } from "../../ui/StatusBadge.tsx";
import { textLang } from "../../ui/lang.ts";
import { OrderProgress } from "../work-orders/OrderProgress.tsx";
import { labelSeparator, needsClientAction, nextStepKey } from "./order-status.ts";
import "./client.css";
import { Icon } from "../../ui/Icon.tsx";
import { UnstaffedNotice } from "./UnstaffedNotice.tsx";
import { AskAgainLink, NominationAnswer, askAgainPerson, useNominationAnnouncement } from "./NominationAnswer.tsx";

/** The same cache entry as every other "all my orders" list (lib/live.ts adds and replaces in it). */
const LIST_PARAMS = {};

export default function ClientPortalPage() {
  const { t, tn } = useI18n();
  const params = withReadings(LIST_PARAMS, wantsReadings(useUser()));
  const query = useInfiniteQuery({
    queryKey: queryKeys.workOrders.list(params),
    queryFn: ({ pageParam, signal }) =>
      call("listWorkOrders", { query: { ...params, cursor: pageParam, limit: 20 } }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items: WorkOrder[] = query.data?.pages.flatMap((page) => page.items) ?? [];

  // The statuses on screen, to tell a status change from a progress tick when an event arrives
  // (the handler runs after the cache took the event, before the next render).
  const shown = useRef(new Map<string, WorkOrderStatus>());
  shown.current = new Map(items.map((o) => [o.id, o.status]));
  useLiveEvent(["work_order:updated"], (event, { replayed }) => {
    const order = event.data;
    const before = shown.current.get(order.id);
    if (replayed || !before || before === order.status) return;
    announce(
      t("client.announce.status", {
        number: order.number,
        title: order.title,
        status: t(`workOrderStatus.${order.status}`),
      }),
      {
        group: "workOrders",
        important: order.status === "delivered" || order.status === "declined",
      },
    );
  });

  useNominationAnnouncement();

  const waiting = items.filter(needsClientAction).length;

  return (
    <section className="page client-portal" data-testid="page-client">
      <PageHeading title={t("client.title")} />
      <p>{t("client.portal.intro")}</p>
      <p>
        <Link to={paths.newOrder} className="button button--primary">
          <Icon name="add" className="icon--before" />
          {t("client.portal.newOrder")}
        </Link>
      </p>

      <UnstaffedNotice orders={items} />
      <h2 id="client-orders-heading">{t("client.portal.listHeading")}</h2>
      {query.isPending && <LoadingNotice />}
      {!query.data && query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && items.length === 0 && <p className="notice">{t("client.portal.empty")}</p>}
      {waiting > 0 && (
        <p className="notice notice--info client-portal__waiting" data-testid="client-action-needed">
          <Icon name="alert" className="notice__icon" />
          {tn("client.portal.actionNeeded", waiting)}
        </p>
      )}
      {items.length > 0 && (
        <ul className="order-cards" aria-labelledby="client-orders-heading">
          {items.map((order) => (
            <li key={order.id}>
              <OrderCard order={order} />
            </li>
          ))}
        </ul>
      )}

      {query.isFetchNextPageError && <ErrorNotice error={query.error} />}
      {query.hasNextPage && (
        <p className="load-more">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              if (!query.isFetchingNextPage) void query.fetchNextPage();
            }}
            aria-disabled={query.isFetchingNextPage}
          >
            {query.isFetchingNextPage ? t("client.portal.loadingMore") : t("client.portal.loadMore")}
          </button>
        </p>
      )}
    </section>
  );
}

function OrderCard({ order }: { order: WorkOrder }) {
  const { t, locale, formatDue } = useI18n();
  const headingId = `order-${order.id}-title`;
  const action = needsClientAction(order);
  const askAgain = askAgainPerson(order);
  return (
    <article
      className={action ? "order-card order-card--action" : "order-card"}
      aria-labelledby={headingId}
      data-testid={`client-order-${order.number}`}
    >
      <h3 id={headingId} className="order-card__title">
        <Link to={paths.workOrder(order.id)}>
          <span className="order-card__number">#{order.number}</span>{" "}
          <span lang={textLang(order.title, locale)}>{order.title}</span>
        </Link>
      </h3>
      <div className="order-card__badges">
        <WorkOrderStatusBadge status={order.status} />
        {order.priority === "urgent" && (
          <span className="priority priority--urgent">
            <Icon name="urgent" className="icon--before" />
            {t("priority.urgent")}
          </span>
        )}
        {action && (
          <span className="action-badge">
            <Icon name="alert" className="icon--before" />
            {t("client.order.actionNeeded")}
          </span>
        )}
      </div>
      <dl className="order-card__facts">
        <div>
          <dt>{t("client.order.due")}</dt>
          <dd>
            <time dateTime={order.dueAt}>{formatDue(order.dueAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t("client.order.progress")}</dt>
          <dd>
            <OrderProgress order={order} />
          </dd>
        </div>
        {order.nominatedCrew && (
          <div>
            <dt>{t("client.order.nominated")}</dt>
            <dd lang={textLang(order.nominatedCrew.name, locale)}>{order.nominatedCrew.name}</dd>
          </div>
        )}
      </dl>
      <NominationAnswer order={order} testId={`client-order-${order.number}-nomination`} />
      {order.status === "declined" && order.declineReason && (
        <div className="order-card__declined">
          <p className="order-card__label">{t("client.order.declineReason")}</p>
          <p lang={textLang(order.declineReason, locale)} className="preserve-lines">
            {order.declineReason}
          </p>
        </div>
      )}
      <p className="order-card__next">
        <span className="order-card__label">
          {t("client.order.nextStep")}
          {labelSeparator(locale)}
        </span>
        {t(nextStepKey(order))}
      </p>
      {action && (
        <p>
          <Link to={`${paths.workOrder(order.id)}#review`} className="button button--primary">
            {t("client.order.review")}
            <span className="visually-hidden"> #{order.number}</span>
          </Link>
        </p>
      )}
      {order.status === "declined" && (
        <p>
          <Link to={paths.newOrder}>{t("client.portal.newOrder")}</Link>
        </p>
      )}
      {askAgain && (
        <p>
          <AskAgainLink person={askAgain} orderNumber={order.number} />
        </p>
      )}
    </article>
  );
}
