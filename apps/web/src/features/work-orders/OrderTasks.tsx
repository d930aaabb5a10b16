// The order's tasks: title, assignee, status (text + icon), progress. The server decides who
// sees which: staff and the client see all of them, a crew member only their own.
// A table on wide screens; on narrow ones a list of cards with the table's labels, like the crew
// overview, so that nothing scrolls sideways at 320 px (WCAG 1.4.10).
import { useId, type ReactNode } from "react";
import type { UseQueryResult } from "@tanstack/react-query";
import { isCrew } from "@crewboard/domain";
import { useI18n, type MessageKey } from "../../i18n/index.ts";
import type { Page, Task, User } from "../../lib/api.ts";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { TaskStatusBadge } from "../../ui/StatusBadge.tsx";
import { textLang } from "../../ui/lang.ts";
import { useNarrowerThan } from "../../ui/media.ts";
import { TableCardFacts } from "../../ui/TableCardFacts.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { ProgressBar } from "./OrderProgress.tsx";

/**
 * Below this width, in the page's own rem (the text size chosen in Settings counts: useNarrowerThan),
 * the tasks table (about 45rem with its padding, more in English) would scroll sideways inside its
 * box: each task becomes a card.
 */
export const TASK_CARDS_BELOW_REM = 48;

export function OrderTasks({ tasks, user }: { tasks: UseQueryResult<Page<Task>>; user: User }) {
  const { t } = useI18n();
  const narrow = useNarrowerThan(TASK_CARDS_BELOW_REM);
  if (tasks.isPending) return <LoadingNotice />;
  if (!tasks.data) return <ErrorNotice error={tasks.error} onRetry={() => void tasks.refetch()} />;
  const items = [...tasks.data.items].sort((a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt));
  return (
    <>
      {isCrew(user) && <p className="field__hint">{t("workOrder.tasksOwnOnly")}</p>}
      {items.length === 0 ? (
        <p className="notice">{t("workOrder.tasksEmpty")}</p>
      ) : narrow ? (
        <TaskCards items={items} />
      ) : (
        <TaskTable items={items} />
      )}
    </>
  );
}

/**
 * What is shown of each task after its title, in this order: the table's columns on wide screens,
 * the labelled lines of each card on narrow ones. A new column is a new entry here.
 */
const COLUMNS: readonly {
  key: string;
  label: MessageKey;
  className?: string;
  Content: (props: { task: Task }) => ReactNode;
}[] = [
  { key: "assignee", label: "workOrder.assignee", className: "wo-tasks__assignee", Content: Assignee },
  { key: "status", label: "workOrder.status", Content: ({ task }) => <TaskStatusBadge status={task.status} /> },
  { key: "progress", label: "workOrder.progress", Content: Progress },
];

function Assignee({ task }: { task: Task }) {
  const { t, locale } = useI18n();
  return task.assignee ? (
    <span lang={textLang(task.assignee.name, locale)}>{task.assignee.name}</span>
  ) : (
    t("workOrder.unassigned")
  );
}

function Progress({ task }: { task: Task }) {
  const { t } = useI18n();
  return (
    <span className="progress">
      <span className="progress__value">{t("units.percent", { percent: task.progress })}</span>
      <ProgressBar percent={task.progress} />
    </span>
  );
}

function TaskTitle({ task }: { task: Task }) {
  const { locale } = useI18n();
  return <span lang={textLang(task.title, locale)}>{task.title}</span>;
}

/** Why the task is stopped, when it is. */
function BlockedReason({ task }: { task: Task }) {
  const { t, locale } = useI18n();
  if (task.status !== "blocked" || !task.blockedReason) return null;
  return (
    <p className="wo-tasks__blocked" lang={textLang(task.blockedReason, locale)}>
      {t("workOrder.blockedReason", { reason: task.blockedReason })}
    </p>
  );
}

function TaskTable({ items }: { items: Task[] }) {
  const { t, tn } = useI18n();
  return (
    <TableScroll labelledBy="wo-tasks-caption" hint={t("workOrders.scrollHint")}>
      <table className="data-table wo-tasks">
        <caption id="wo-tasks-caption">{tn("workOrder.tasksCaption", items.length)}</caption>
        <thead>
          <tr>
            <th scope="col">{t("workOrder.taskTitle")}</th>
            {COLUMNS.map(({ key, label }) => (
              <th key={key} scope="col">
                {t(label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((task) => (
            <tr key={task.id} data-testid={`wo-task-${task.id}`}>
              <th scope="row">
                <TaskTitle task={task} />
                <BlockedReason task={task} />
              </th>
              {COLUMNS.map(({ key, className, Content }) => (
                <td key={key} className={className}>
                  <Content task={task} />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Narrow screens: a list of cards, a heading per task, the table's labels before each value. */
function TaskCards({ items }: { items: Task[] }) {
  const { t, tn } = useI18n();
  const captionId = useId();
  return (
    <div className="wo-task-cards" data-testid="wo-task-cards">
      <p id={captionId} className="wo-task-cards__caption">
        {tn("workOrder.tasksCaption", items.length)}
      </p>
      <ul className="table-cards__list" aria-labelledby={captionId}>
        {items.map((task) => (
          <li key={task.id} className="table-card" data-testid={`wo-task-${task.id}`}>
            <h3 className="table-card__title">
              <TaskTitle task={task} />
            </h3>
            <BlockedReason task={task} />
            <TableCardFacts
              facts={COLUMNS.map(({ key, label, Content }) => ({
                key,
                label: t(label),
                value: <Content task={task} />,
              }))}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}
