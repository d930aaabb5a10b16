// "Move to…" on every card (WCAG 2.5.7: moving a card never needs dragging). The menu lists only
// the statuses the task may move to (its `allowedTransitions`, in column order); "blocked" asks
// for the reason first (useMoveFlow).
import { TEXT_LIMITS } from "@crewboard/domain";
import { useCallback, useRef, useState, type ReactNode } from "react";
import { Button, Menu, MenuItem, MenuTrigger, Popover } from "react-aria-components";
import { useI18n } from "../../i18n/index.ts";
import type { Task, TaskStatus } from "../../lib/api.ts";
import { TASK_STATUS_ICONS } from "../../ui/StatusBadge.tsx";
import { BOARD_COLUMNS } from "./board-model.ts";
import { ReasonDialog } from "./ReasonDialog.tsx";
import type { TaskChange } from "./task-changes.ts";
import { Icon } from "../../ui/Icon.tsx";

export function MoveMenu({
  task,
  onPick,
  onOpenChange,
  describedBy,
}: {
  task: Task;
  onPick: (task: Task, to: TaskStatus) => void;
  onOpenChange?: (open: boolean) => void;
  /** id of the card's title, so the button reads "Move to…, <task title>" */
  describedBy?: string;
}) {
  const { t } = useI18n();
  const options = BOARD_COLUMNS.filter((status) => task.allowedTransitions.includes(status));
  const buttonRef = useRef<HTMLButtonElement>(null);
  const escaped = useRef(false);
  return (
    <MenuTrigger
      onOpenChange={(open) => {
        onOpenChange?.(open);
        // Escape gives focus back to the button that opened the menu (issue 9 barrier 4). The menu
        // restores it, but the card's grid row, which hears the popover's events through the React
        // tree, then takes focus itself; so after that frame the button takes it back.
        if (!open && escaped.current)
          requestAnimationFrame(() => requestAnimationFrame(() => buttonRef.current?.focus()));
        escaped.current = false;
      }}
    >
      <Button
        ref={buttonRef}
        id={describedBy ? `${describedBy}-move` : undefined}
        className="button button--secondary board-card__move"
        data-move-button=""
        aria-describedby={describedBy}
      >
        {t("board.card.move")}
        <Icon name="chevronDown" className="board-card__move-icon" />
      </Button>
      <Popover className="board-popover" placement="bottom end" data-task-id={task.id}>
        {/* notes an Escape on its way down (capture: the menu and the popover still get it) */}
        <div
          style={{ display: "contents" }}
          onKeyDownCapture={(event) => {
            if (event.key === "Escape") escaped.current = true;
          }}
        >
          <Menu
            className="board-menu"
            // named by its button and the card's title: "Move to… <title>"
            aria-labelledby={describedBy ? `${describedBy}-move ${describedBy}` : undefined}
            aria-label={describedBy ? undefined : t("board.card.move")}
            onAction={(key) => onPick(task, key as TaskStatus)}
            renderEmptyState={() => <p className="board-menu__empty">{t("board.move.none")}</p>}
          >
            {options.map((status) => (
              <MenuItem key={status} id={status} className="board-menu__item" textValue={t(`taskStatus.${status}`)}>
                <Icon name={TASK_STATUS_ICONS[status]} className="board-menu__icon" />
                {t(`taskStatus.${status}`)}
              </MenuItem>
            ))}
          </Menu>
        </div>
      </Popover>
    </MenuTrigger>
  );
}

/**
 * The steps of a move, shared by the menu and drag and drop: "blocked" first asks why; anything
 * else goes straight to `perform`. Render `dialog` once, outside the board's lists.
 */
export function useMoveFlow(
  perform: (task: Task, change: TaskChange) => Promise<string | void>,
  /** the reason was not given (Cancel, Escape): e.g. focus back to the card (issue 9 barrier 6) */
  onCancel?: (task: Task) => void,
): {
  requestMove: (task: Task, to: TaskStatus) => void;
  dialog: ReactNode;
  blockingTaskId: string | undefined;
} {
  const { t } = useI18n();
  const [blocking, setBlocking] = useState<Task | null>(null);
  const requestMove = useCallback(
    (task: Task, to: TaskStatus) => {
      if (to === "blocked") setBlocking(task);
      else void perform(task, { kind: "move", to });
    },
    [perform],
  );
  const dialog = (
    <ReasonDialog
      isOpen={blocking !== null}
      title={t("board.block.title")}
      intro={t("board.block.intro", { title: blocking?.title ?? "" })}
      label={t("board.block.reason")}
      maxLength={TEXT_LIMITS.blockedReason}
      requiredMessage={t("board.block.reasonRequired")}
      submitLabel={t("board.block.submit")}
      taskId={blocking?.id}
      testId="block-reason-dialog"
      onClose={() => {
        const task = blocking;
        setBlocking(null);
        if (task) onCancel?.(task);
      }}
      onSubmit={async (reason) => {
        const task = blocking;
        if (!task) return;
        setBlocking(null);
        await perform(task, { kind: "move", to: "blocked", reason });
      }}
    />
  );
  return { requestMove, dialog, blockingTaskId: blocking?.id };
}
