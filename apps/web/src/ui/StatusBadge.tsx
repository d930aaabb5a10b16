// Status as text AND icon (never colour alone, WCAG 1.4.1). The icon is decorative.
import type { TaskStatus, WorkOrderStatus } from "../lib/api.ts";
import { useI18n } from "../i18n/index.ts";

export const WORK_ORDER_STATUS_ICONS: Record<WorkOrderStatus, string> = {
  requested: "○",
  accepted: "◔",
  in_progress: "◑",
  delivered: "◕",
  revision_requested: "↺",
  completed: "✓",
  declined: "✕",
};

export const TASK_STATUS_ICONS: Record<TaskStatus, string> = {
  todo: "○",
  doing: "▶",
  review: "◎",
  done: "✓",
  blocked: "■",
};

export function WorkOrderStatusBadge({ status }: { status: WorkOrderStatus }) {
  const { t } = useI18n();
  return (
    <span className={`status status--wo-${status}`}>
      <span aria-hidden="true" className="status__icon">
        {WORK_ORDER_STATUS_ICONS[status] ?? "•"}
      </span>
      {t(`workOrderStatus.${status}`)}
    </span>
  );
}

export function TaskStatusBadge({ status }: { status: TaskStatus }) {
  const { t } = useI18n();
  return (
    <span className={`status status--task-${status}`}>
      <span aria-hidden="true" className="status__icon">
        {TASK_STATUS_ICONS[status] ?? "•"}
      </span>
      {t(`taskStatus.${status}`)}
    </span>
  );
}
