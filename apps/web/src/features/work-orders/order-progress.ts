// An order's progress in words, chosen by its status so that it never contradicts it: a
// delivered order is "2 tasks, delivered", never "in progress 100%". Only an order that is being
// worked on shows a percentage (and the bar beside it).
import type { I18n } from "../../i18n/index.ts";
import type { WorkOrder } from "../../lib/api.ts";

type Order = Pick<WorkOrder, "status" | "progress" | "taskCounts">;

/** A percentage is shown (with the bar) only while the work is going on. */
export function showsPercent(order: Pick<Order, "status" | "taskCounts">): boolean {
  return order.status === "in_progress" && order.taskCounts.total > 0;
}

/** "2 tasks, 40% done" / "2 tasks, delivered" / "Not started yet" … for the order's status. */
export function orderProgressText(order: Order, { t, tn }: Pick<I18n, "t" | "tn">, percent: number): string {
  const count = order.taskCounts.total;
  switch (order.status) {
    case "requested":
      return t("client.order.notStarted");
    case "declined":
      return t("client.order.declined");
    default:
      if (count === 0) return t("client.order.noTasks");
      return tn(`client.order.tasks.${order.status}`, count, { percent });
  }
}
