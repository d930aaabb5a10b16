// The order's tasks: title, assignee, status (text + icon), progress. The server decides who
// sees which: staff and the client see all of them, a crew member only their own.
import type { UseQueryResult } from "@tanstack/react-query";
import { isCrew } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import type { Page, Task, User } from "../../lib/api.ts";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { TaskStatusBadge } from "../../ui/StatusBadge.tsx";
import { textLang } from "../../ui/lang.ts";
import { ProgressBar } from "./OrderProgress.tsx";

export function OrderTasks({ tasks, user }: { tasks: UseQueryResult<Page<Task>>; user: User }) {
  const { t, tn, locale } = useI18n();
  if (tasks.isPending) return <LoadingNotice />;
  if (!tasks.data) return <ErrorNotice error={tasks.error} onRetry={() => void tasks.refetch()} />;
  const items = [...tasks.data.items].sort((a, b) => a.position - b.position || a.createdAt.localeCompare(b.createdAt));
  return (
    <>
      {isCrew(user) && <p className="field__hint">{t("workOrder.tasksOwnOnly")}</p>}
      {items.length === 0 ? (
        <p className="notice">{t("workOrder.tasksEmpty")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby="wo-tasks-caption" tabIndex={0}>
          <table className="data-table wo-tasks">
            <caption id="wo-tasks-caption">{tn("workOrder.tasksCaption", items.length)}</caption>
            <thead>
              <tr>
                <th scope="col">{t("workOrder.taskTitle")}</th>
                <th scope="col">{t("workOrder.assignee")}</th>
                <th scope="col">{t("workOrder.status")}</th>
                <th scope="col">{t("workOrder.progress")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((task) => (
                <tr key={task.id} data-testid={`wo-task-${task.id}`}>
                  <th scope="row">
                    <span lang={textLang(task.title, locale)}>{task.title}</span>
                    {task.status === "blocked" && task.blockedReason && (
                      <p className="wo-tasks__blocked" lang={textLang(task.blockedReason, locale)}>
                        {t("workOrder.blockedReason", { reason: task.blockedReason })}
                      </p>
                    )}
                  </th>
                  <td className="wo-tasks__assignee">
                    {task.assignee ? (
                      <span lang={textLang(task.assignee.name, locale)}>{task.assignee.name}</span>
                    ) : (
                      t("workOrder.unassigned")
                    )}
                  </td>
                  <td>
                    <TaskStatusBadge status={task.status} />
                  </td>
                  <td>
                    <span className="progress">
                      <span className="progress__value">{t("units.percent", { percent: task.progress })}</span>
                      <ProgressBar percent={task.progress} />
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
