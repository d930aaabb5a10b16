import { describe, expect, it } from "vitest";
import { i18nFor } from "../../i18n/index.ts";
import type { WorkOrderStatus } from "../../lib/api.ts";
import { orderProgressText, showsPercent } from "./order-progress.ts";

const STATUSES: WorkOrderStatus[] = [
  "requested",
  "accepted",
  "in_progress",
  "delivered",
  "revision_requested",
  "completed",
  "declined",
];
const counts = (total: number) => ({ total, todo: 0, doing: 0, review: 0, done: total, blocked: 0 });
const order = (status: WorkOrderStatus, total = 2, progress = 100) => ({ status, progress, taskCounts: counts(total) });

describe("an order's progress in words, by status", () => {
  it("says what each status means, in English and Japanese", () => {
    const en = i18nFor("en");
    expect(
      STATUSES.map((s) => orderProgressText(order(s, s === "requested" || s === "declined" ? 0 : 2, 40), en, 40)),
    ).toEqual([
      "Not started yet",
      "2 tasks, starting soon",
      "2 tasks, 40% done",
      "2 tasks, delivered",
      "2 tasks, being revised",
      "2 tasks, all done",
      "No work: we declined this order",
    ]);
    const ja = i18nFor("ja");
    expect(orderProgressText(order("delivered"), ja, 100)).toBe("タスク 2 件、納品しました");
    expect(orderProgressText(order("in_progress", 3, 40), ja, 40)).toBe("タスク 3 件、40% 完了");
    expect(orderProgressText(order("accepted", 0), ja, 0)).toBe("作業の準備中です（タスクはまだありません）");
  });

  it("never contradicts the status: only an order being worked on says it is in progress or shows a percentage", () => {
    for (const status of STATUSES) {
      const en = orderProgressText(order(status), i18nFor("en"), 100);
      const ja = orderProgressText(order(status), i18nFor("ja"), 100);
      const working = status === "in_progress";
      expect(/in progress/i.test(en), `${status}: ${en}`).toBe(false);
      expect(/%/.test(en), `${status}: ${en}`).toBe(working);
      expect(/作業中|進捗/.test(ja), `${status}: ${ja}`).toBe(false);
      expect(/%/.test(ja), `${status}: ${ja}`).toBe(working);
      expect(showsPercent(order(status)), status).toBe(working);
    }
  });
});
