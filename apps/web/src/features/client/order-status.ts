// What a client reads about an order's state: the next step (whose move it is, said plainly) and
// whether the order waits for them. Shared by the portal and the work order page.
import type { Locale, MessageKey } from "../../i18n/index.ts";
import type { WorkOrder } from "../../lib/api.ts";

/** The sentence telling the client what happens next (or what to do). */
export function nextStepKey(order: Pick<WorkOrder, "status" | "taskCounts">): MessageKey {
  if (order.status === "in_progress" && order.taskCounts.blocked > 0) return "client.next.blocked";
  return `client.next.${order.status}`;
}

/** The order waits for the client: a delivery to review. */
export function needsClientAction(order: Pick<WorkOrder, "status">): boolean {
  return order.status === "delivered";
}

/** The progress bar's width, clamped. */
export function clampPercent(value: number): number {
  return Math.min(100, Math.max(0, Math.round(value)));
}

/** The separator after a label in running text: "次のステップ：…" / "Next step: …". */
export function labelSeparator(locale: Locale): string {
  return locale === "ja" ? "：" : ": ";
}
