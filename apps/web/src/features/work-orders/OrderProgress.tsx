// An order's progress in words ("2 tasks, 40% done"; "2 tasks, delivered") with a bar beside it
// while the work goes on. The bar is decoration: the words carry the number.
import { useI18n } from "../../i18n/index.ts";
import type { WorkOrder } from "../../lib/api.ts";
import { clampPercent } from "../client/order-status.ts";
import { orderProgressText, showsPercent } from "./order-progress.ts";

export function ProgressBar({ percent }: { percent: number }) {
  return (
    <span className="progress__bar" aria-hidden="true">
      <span className="progress__fill" style={{ width: `${clampPercent(percent)}%` }} />
    </span>
  );
}

export function OrderProgress({
  order,
  id,
}: {
  order: Pick<WorkOrder, "progress" | "taskCounts" | "status">;
  id?: string;
}) {
  const i18n = useI18n();
  const percent = clampPercent(order.progress);
  return (
    <span className="progress order-progress" id={id}>
      <span className="progress__value">{orderProgressText(order, i18n, percent)}</span>
      {showsPercent(order) && <ProgressBar percent={percent} />}
    </span>
  );
}
