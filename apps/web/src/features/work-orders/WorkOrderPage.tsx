// A work order: details, tasks, deliverables, feedback and its chat room. Placeholder: loads the
// order (live through queryKeys.workOrders.detail) and follows its room; the work-order engineer
// builds the rest here.
import { useQuery } from "@tanstack/react-query";
import { useParams } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import { getWorkOrder } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { rooms } from "../../lib/rooms.ts";
import { useTrackRoom } from "../../lib/live.ts";
import { useUser } from "../../app/session.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ErrorNotice, LoadingNotice, PlaceholderNotice } from "../../ui/Notice.tsx";
import { WorkOrderStatusBadge } from "../../ui/StatusBadge.tsx";
import { textLang } from "../../ui/lang.ts";

export default function WorkOrderPage() {
  const { t, locale } = useI18n();
  const { id = "" } = useParams();
  const order = useQuery({ queryKey: queryKeys.workOrders.detail(id), queryFn: ({ signal }) => getWorkOrder(id, signal) });
  // Crew follow an order through its room; staff hear of it on the board and clients in their
  // company's room, so only crew track it here.
  const user = useUser();
  useTrackRoom(order.data && user.role === "crew" ? rooms.workOrder(order.data.id) : undefined);

  return (
    <section className="page" data-testid="page-work-order">
      <PageHeading title={order.data ? t("workOrder.titleWithNumber", { number: order.data.number }) : t("workOrder.title")} />
      {order.isPending && <LoadingNotice />}
      {order.isError && <ErrorNotice error={order.error} onRetry={() => void order.refetch()} />}
      {order.data && (
        <>
          <p className="lead" lang={textLang(order.data.title, locale)}>
            {order.data.title}
          </p>
          <p>
            <WorkOrderStatusBadge status={order.data.status} />
          </p>
          <PlaceholderNotice />
        </>
      )}
    </section>
  );
}
