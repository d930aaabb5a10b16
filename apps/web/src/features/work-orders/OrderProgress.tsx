// An order's progress in words ("2 tasks, in progress 40%") with a bar beside it. The bar is
// decoration: the words carry the number.
import { useI18n } from "../../i18n/index.ts";
import type { WorkOrder } from "../../lib/api.ts";
import { clampPercent } from "../client/order-status.ts";

export function ProgressBar({ percent }: { percent: number }) {
  return (
    <span className="progress__bar" aria-hidden="true">
      <span className="progress__fill" style={{ width: `${clampPercent(percent)}%` }} />
    </span>
  );
}

export function OrderProgress({ order, id }: { order: Pick<WorkOrder, "progress" | "taskCounts" | "status">; id?: string }) {
  const { tn, t } = useI18n();
  const percent = clampPercent(order.progress);
  if (order.taskCounts.total === 0) {
    // before it is accepted (or when it was declined) there is no work to measure yet
    const waiting = order.status === "requested" || order.status === "declined";
    return (
      <span className="progress order-progress" id={id}>
        <span className="progress__value">{waiting ? t("client.order.notStarted") : t("client.order.noTasks")}</span>
      </span>
    );
  }
  return (
    <span className="progress order-progress" id={id}>
      <span className="progress__value">{tn("client.order.tasks", order.taskCounts.total, { percent })}</span>
      <ProgressBar percent={percent} />
    </span>
  );
}
