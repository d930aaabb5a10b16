// A live table of work orders (newest first, "show more" pages). The first shell's list, now on
// React Query: lib/live.ts keeps it current as orders are created and change. Used by the
// placeholder board and client portal until those screens are built; a pattern to copy.
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import { call, type QueryOf, type WorkOrder } from "../../lib/api.ts";
import { queryKeys, wantsReadings, withReadings } from "../../lib/query-keys.ts";
import { useUser } from "../../app/session.tsx";
import { paths } from "../../app/paths.ts";
import { WorkOrderStatusBadge } from "../../ui/StatusBadge.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { textLang } from "../../ui/lang.ts";
import { Icon } from "../../ui/Icon.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";

export function WorkOrderList({
  params: listed = {},
  captionId = "work-orders-caption",
}: {
  params?: QueryOf<"listWorkOrders">;
  captionId?: string;
}) {
  const { t, locale, formatDue } = useI18n();
  const params = withReadings(listed, wantsReadings(useUser()));
  const query = useInfiniteQuery({
    queryKey: queryKeys.workOrders.list(params),
    queryFn: ({ pageParam, signal }) =>
      call("listWorkOrders", { query: { ...params, cursor: pageParam, limit: 20 } }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

  if (query.isPending) return <LoadingNotice />;
  // a failed "show more" keeps the pages already shown (the query is in error, with data)
  if (!query.data) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;

  const items: WorkOrder[] = query.data.pages.flatMap((page) => page.items);
  if (items.length === 0) return <p className="notice">{t("workOrders.empty")}</p>;

  return (
    <>
      <TableScroll labelledBy={captionId} hint={t("workOrders.scrollHint")}>
        <table className="data-table">
          <caption id={captionId}>{t("workOrders.caption", { count: items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t("workOrders.number")}</th>
              <th scope="col">{t("workOrders.orderTitle")}</th>
              <th scope="col">{t("workOrders.client")}</th>
              <th scope="col">{t("workOrders.status")}</th>
              <th scope="col">{t("workOrders.priority")}</th>
              <th scope="col">{t("workOrders.dueAt")}</th>
              <th scope="col">{t("workOrders.progress")}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((order) => {
              const company =
                locale === "en" && order.clientCompany.nameEn ? order.clientCompany.nameEn : order.clientCompany.name;
              return (
                <tr key={order.id}>
                  <td className="data-table__number">#{order.number}</td>
                  <th scope="row" className="data-table__title">
                    <Link to={paths.workOrder(order.id)} lang={textLang(order.title, locale)}>
                      {order.title}
                    </Link>
                  </th>
                  <td lang={textLang(company, locale)}>{company}</td>
                  <td>
                    <WorkOrderStatusBadge status={order.status} />
                  </td>
                  <td>
                    {order.priority === "urgent" ? (
                      <span className="priority priority--urgent">
                        <Icon name="urgent" className="icon--before" />
                        {t("priority.urgent")}
                      </span>
                    ) : (
                      <span className="priority">{t("priority.normal")}</span>
                    )}
                  </td>
                  <td className="data-table__date">
                    <time dateTime={order.dueAt}>{formatDue(order.dueAt)}</time>
                  </td>
                  <td>
                    <span className="progress">
                      <span className="progress__value">{t("units.percent", { percent: order.progress })}</span>
                      <span className="progress__bar" aria-hidden="true">
                        <span
                          className="progress__fill"
                          style={{ width: `${Math.min(100, Math.max(0, order.progress))}%` }}
                        />
                      </span>
                    </span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableScroll>

      {query.isFetchNextPageError && <ErrorNotice error={query.error} />}
      {query.hasNextPage && (
        <p className="load-more">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void query.fetchNextPage()}
            aria-disabled={query.isFetchingNextPage}
          >
            {query.isFetchingNextPage ? t("workOrders.loadingMore") : t("workOrders.loadMore")}
          </button>
        </p>
      )}
    </>
  );
}
