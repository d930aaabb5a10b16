// The top of the board: what is late. Orders and tasks past their due time, and those due today,
// most urgent first (board-model dueWork, on the company calendar of packages/domain), each with
// its due time in words ("期限切れ（14:00）", "今日 15:00 まで"), its status as text and icon, and
// a way to it: the order's page, or the task's details on this board.
import { useEffect, useMemo, useRef, useState } from "react";
import { Link } from "react-router";
import { Icon, type IconName } from "../../ui/Icon.tsx";
import { companyDay } from "@crewboard/domain";
import { useI18n, type I18n } from "../../i18n/index.ts";
import type { Task, WorkOrder } from "../../lib/api.ts";
import { paths } from "../../app/paths.ts";
import { TaskStatusBadge, WorkOrderStatusBadge } from "../../ui/StatusBadge.tsx";
import { textLang } from "../../ui/lang.ts";
import { boardHeadingIds, dueWork, type DueItem } from "./board-model.ts";

/**
 * The list shows this many first (a big board has thousands of late tasks: issue 14); "show all"
 * shows the rest, and focus goes to the first of them.
 */
export const DUE_SHOWN_FIRST = 50;

export const DUE_ICONS = { overdue: "warning", due_today: "clock" } as const satisfies Record<string, IconName>;

/** "期限切れ（14:00）" / "期限切れ（2026年11月23日 17:00）" / "今日 15:00 まで". */
export function dueWords(
  item: Pick<DueItem, "state" | "dueAt">,
  now: number,
  i18n: Pick<I18n, "t" | "formatDate">,
): string {
  const { t, formatDate } = i18n;
  if (item.state === "due_today") return t("board.late.dueToday", { time: formatDate(item.dueAt, "time") });
  const sameDay = companyDay(new Date(item.dueAt)) === companyDay(new Date(now));
  return sameDay
    ? t("board.late.overdueToday", { time: formatDate(item.dueAt, "time") })
    : t("board.late.overdueEarlier", { date: formatDate(item.dueAt, "dateTime") });
}

export function DueWork({
  orders,
  tasks,
  now,
  onOpenTask,
}: {
  orders: readonly WorkOrder[];
  tasks: readonly Task[];
  now: number;
  onOpenTask: (task: Task, opener: HTMLElement) => void;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const headingId = boardHeadingIds.late;
  // not again on every render of the board (issue 14: 10,000 tasks)
  const items = useMemo(() => dueWork(orders, tasks, now), [orders, tasks, now]);
  const [showAll, setShowAll] = useState(false);
  const [focusFrom, setFocusFrom] = useState<number | null>(null);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (focusFrom === null) return;
    list.current?.children[focusFrom]?.querySelector<HTMLElement>("a, button")?.focus();
    setFocusFrom(null);
  }, [focusFrom]);
  const shown = showAll ? items : items.slice(0, DUE_SHOWN_FIRST);
  return (
    <section className="board-section board-late" aria-labelledby={headingId} data-testid="due-work">
      <h2 id={headingId} tabIndex={-1}>
        {t("board.late.title")} <span className="board-count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p className="board-muted">{t("board.late.empty")}</p>
      ) : (
        <>
          <p className="board-late__intro">{t("board.late.intro")}</p>
          <ol className="board-late__list" ref={list}>
            {shown.map((item) => (
              <li
                key={`${item.kind}-${item.kind === "order" ? item.order.id : item.task.id}`}
                className={`board-late__item board-late__item--${item.state}`}
                data-testid="due-item"
              >
                <p className={`board-late__due board-late__due--${item.state}`}>
                  <Icon name={DUE_ICONS[item.state]} className="board-late__icon" />
                  <time dateTime={item.dueAt}>{dueWords(item, now, i18n)}</time>
                </p>
                {item.kind === "order" ? (
                  <p className="board-late__what">
                    <span className="board-late__kind">{t("board.late.order", { number: item.order.number })}</span>{" "}
                    {item.order.priority === "urgent" && (
                      <span className="priority priority--urgent">
                        <span aria-hidden="true">! </span>
                        {t("priority.urgent")}
                      </span>
                    )}{" "}
                    <Link to={paths.workOrder(item.order.id)} lang={textLang(item.order.title, locale)}>
                      {item.order.title}
                    </Link>{" "}
                    <WorkOrderStatusBadge status={item.order.status} />
                  </p>
                ) : (
                  <p className="board-late__what">
                    <span className="board-late__kind">
                      {t("board.late.task", { number: item.task.workOrder.number })}
                    </span>{" "}
                    <button
                      type="button"
                      className="link-button"
                      onClick={(event) => onOpenTask(item.task, event.currentTarget)}
                    >
                      <span lang={textLang(item.task.title, locale)}>{item.task.title}</span>
                      <span className="visually-hidden">{t("board.late.openTask")}</span>
                    </button>{" "}
                    <TaskStatusBadge status={item.task.status} />{" "}
                    <span className="board-late__who">
                      {item.task.assignee ? (
                        <span lang={textLang(item.task.assignee.name, locale)}>
                          {t("board.late.assignee", { name: item.task.assignee.name })}
                        </span>
                      ) : (
                        t("board.late.unassigned")
                      )}
                    </span>
                  </p>
                )}
              </li>
            ))}
          </ol>
          {shown.length < items.length && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setFocusFrom(shown.length);
                setShowAll(true);
              }}
            >
              {t("board.late.showAll", { count: items.length - shown.length })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
