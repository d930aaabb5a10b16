// Status as text AND icon (never colour alone, WCAG 1.4.1). The icon is decorative.
import type { TaskStatus, WorkOrderStatus } from "../lib/api.ts";
import { useI18n } from "../i18n/index.ts";
import { Icon, type IconName } from "./Icon.tsx";

export const WORK_ORDER_STATUS_ICONS: Record<WorkOrderStatus, IconName> = {
  requested: "requested",
  accepted: "accepted",
  in_progress: "inProgress",
  delivered: "delivered",
  revision_requested: "undo",
  completed: "completed",
  declined: "declined",
};

export const TASK_STATUS_ICONS: Record<TaskStatus, IconName> = {
  todo: "todo",
  doing: "doing",
  review: "review",
  done: "done",
  blocked: "blocked",
};

export function WorkOrderStatusBadge({ status }: { status: WorkOrderStatus }) {
  const { t } = useI18n();
  return (
    <span className={`status status--wo-${status}`}>
      <Icon name={WORK_ORDER_STATUS_ICONS[status] ?? "todo"} className="status__icon" />
      {t(`workOrderStatus.${status}`)}
    </span>
  );
}

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return (
    <span className={`status status--task-${status}`}>
      <Icon name={TASK_STATUS_ICONS[status] ?? "todo"} className="status__icon" />
      {t(`taskStatus.${status}`)}
    </span>
  );
}
