// The client's early "cannot be staffed" (issue 10): when an urgent offer found nobody, the client
// is told at once (by the manager's choice, or automatically after a short window) — a notification
// and a message in the order's chat. The portal shows it at the top, with the reason and what
// happens next, for orders still open; it arrives live (notification:created refetches the list).
import { Link } from "react-router";
import { useQuery } from "@tanstack/react-query";
import { useI18n } from "../../i18n/index.ts";
import { call, type WorkOrder } from "../../lib/api.ts";
import { paths } from "../../app/paths.ts";
import { textLang } from "../../ui/lang.ts";
import { Icon } from "../../ui/Icon.tsx";

interface UnstaffedData {
  workOrderId: string;
  number: number;
  title: string;
  taskTitle: string;
  reason: "deadline" | "all_declined";
}

export function UnstaffedNotice({ orders }: { orders: readonly WorkOrder[] }) {
  const { t, tNodes, locale } = useI18n();
  // under the notifications' key: lib/live.ts refetches it when a notification arrives
  const notifications = useQuery({
    queryKey: ["notifications", "unstaffed"] as const,
    queryFn: ({ signal }) => call("listNotifications", { query: { limit: 50 } }, { signal }),
  });
  const open = new Set(orders.filter((o) => o.status !== "completed" && o.status !== "declined").map((o) => o.id));
  const seen = new Set<string>();
  const items = (notifications.data?.items ?? [])
    .filter((n) => n.kind === "urgent_offer.unstaffed")
    .map((n) => n.data as unknown as UnstaffedData)
    .filter(
      (d) =>
        open.has(d.workOrderId) &&
        !seen.has(`${d.workOrderId}:${d.taskTitle}`) &&
        seen.add(`${d.workOrderId}:${d.taskTitle}`),
    );
  if (items.length === 0) return null;
  const own = (text: string) => <span lang={textLang(text, locale)}>{text}</span>;
  return (
    <section
      className="notice client-unstaffed"
      aria-labelledby="client-unstaffed-heading"
      data-testid="client-unstaffed"
    >
      <h2 id="client-unstaffed-heading">
        <Icon name="warning" className="icon--before" />
        {t("client.unstaffed.heading")}
      </h2>
      <ul>
        {items.map((d) => (
          <li key={`${d.workOrderId}:${d.taskTitle}`}>
            <p>
              <Link to={paths.workOrder(d.workOrderId)}>
                {tNodes("client.unstaffed.item", {
                  number: String(d.number),
                  title: own(d.title),
                  task: own(d.taskTitle),
                })}
              </Link>
            </p>
            <p>
              {t(
                d.reason === "all_declined"
                  ? "client.unstaffed.reason.all_declined"
                  : "client.unstaffed.reason.deadline",
              )}
            </p>
            <p>{t("client.unstaffed.next")}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
