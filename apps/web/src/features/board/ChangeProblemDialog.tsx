// When a change to a task is refused, the user sees why and decides — nothing is overwritten
// silently:
// - version conflict: "someone changed this task", the task as it is now, and the choice to
//   apply my change again on the current version or keep theirs;
// - illegal move: which move is not allowed, and the moves that are (as buttons);
// - anything else: the error, in the UI language.
import { useState } from "react";
import { useI18n } from "../../i18n/index.ts";
import type { Task, TaskStatus } from "../../lib/api.ts";
import { TaskStatusBadge } from "../../ui/StatusBadge.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";
import { BoardDialog } from "./BoardDialog.tsx";
import { BOARD_COLUMNS } from "./board-model.ts";
import { alreadyApplied, canApply, type ChangeProblem, type TaskChange } from "./task-changes.ts";
import { Icon } from "../../ui/Icon.tsx";

export function ChangeProblemDialog({
  problem,
  onApplyMine,
  onKeepTheirs,
  onMoveInstead,
  onClose,
}: {
  problem: ChangeProblem | null;
  /** send `change` again on `current` (its version) */
  onApplyMine: (current: Task, change: TaskChange) => Promise<void> | void;
  onKeepTheirs: () => void;
  /** an illegal move: move to one of the allowed statuses instead */
  onMoveInstead: (task: Task, to: TaskStatus) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  if (!problem)
    return (
      <BoardDialog isOpen={false} onClose={onClose} title="">
        {null}
      </BoardDialog>
    );
  const title =
    problem.kind === "conflict"
      ? t("board.conflict.title")
      : problem.kind === "illegal"
        ? t("board.illegal.title")
        : t("board.error.title");
  return (
    <BoardDialog
      isOpen
      onClose={problem.kind === "conflict" ? onKeepTheirs : onClose}
      title={title}
      role="alertdialog"
      taskId={problem.task.id}
      testId="change-problem-dialog"
    >
      {problem.kind === "conflict" && (
        <ConflictBody problem={problem} onApplyMine={onApplyMine} onKeepTheirs={onKeepTheirs} />
      )}
      {problem.kind === "illegal" && <IllegalBody problem={problem} onMoveInstead={onMoveInstead} onClose={onClose} />}
      {problem.kind === "error" && (
        <>
          <p className="board-problem__text">{errorMessage(problem.error, t)}</p>
          <div className="board-form__actions">
            <button type="button" className="button button--primary" onClick={onClose}>
              {t("common.close")}
            </button>
          </div>
        </>
      )}
    </BoardDialog>
  );
}

function describeChange(change: TaskChange, t: ReturnType<typeof useI18n>["t"]): string {
  if (change.kind === "move") return t("board.conflict.yourMove", { status: t(`taskStatus.${change.to}`) });
  return t("board.conflict.yourAssign", { name: change.name ?? t("board.card.unassigned") });
}

function ConflictBody({
  problem,
  onApplyMine,
  onKeepTheirs,
}: {
  problem: Extract<ChangeProblem, { kind: "conflict" }>;
  onApplyMine: (current: Task, change: TaskChange) => Promise<void> | void;
  onKeepTheirs: () => void;
}) {
  const { t, locale, formatDate } = useI18n();
  const [busy, setBusy] = useState(false);
  const { current, change } = problem;
  const done = alreadyApplied(current, change);
  const possible = !done && canApply(current, change);
  return (
    <>
      <p>{t("board.conflict.intro", { title: problem.task.title })}</p>
      <dl className="board-facts" data-testid="conflict-current">
        <div>
          <dt>{t("board.conflict.status")}</dt>
          <dd>
            <TaskStatusBadge status={current.status} />
          </dd>
        </div>
        {current.status === "blocked" && current.blockedReason && (
          <div>
            <dt>{t("board.conflict.reason")}</dt>
            <dd lang={textLang(current.blockedReason, locale)}>{current.blockedReason}</dd>
          </div>
        )}
        <div>
          <dt>{t("board.conflict.assignee")}</dt>
          <dd lang={textLang(current.assignee?.name, locale)}>
            {current.assignee?.name ?? t("board.card.unassigned")}
          </dd>
        </div>
        <div>
          <dt>{t("board.conflict.progress")}</dt>
          <dd>{t("units.percent", { percent: current.progress })}</dd>
        </div>
        <div>
          <dt>{t("board.conflict.updatedAt")}</dt>
          <dd>
            <time dateTime={current.updatedAt}>{formatDate(current.updatedAt, "dateTime")}</time>
          </dd>
        </div>
      </dl>
      <p className="board-problem__mine">
        <Icon name="edit" className="icon--before" />
        {describeChange(change, t)}
      </p>
      {done && <p className="board-problem__text">{t("board.conflict.alreadyDone")}</p>}
      {!done && !possible && change.kind === "move" && (
        <p className="board-problem__text">
          {t("board.conflict.notAllowedNow", {
            status: t(`taskStatus.${current.status}`),
            to: t(`taskStatus.${change.to}`),
          })}
        </p>
      )}
      <div className="board-form__actions">
        {possible && (
          <button
            type="button"
            className="button button--primary"
            aria-disabled={busy || undefined}
            onClick={async () => {
              if (busy) return;
              setBusy(true);
              try {
                await onApplyMine(current, change);
              } finally {
                setBusy(false);
              }
            }}
          >
            {busy ? t("board.saving") : t("board.conflict.applyMine")}
          </button>
        )}
        <button
          type="button"
          className={`button ${possible ? "button--secondary" : "button--primary"}`}
          onClick={onKeepTheirs}
        >
          {t("board.conflict.keepTheirs")}
        </button>
      </div>
    </>
  );
}

function IllegalBody({
  problem,
  onMoveInstead,
  onClose,
}: {
  problem: Extract<ChangeProblem, { kind: "illegal" }>;
  onMoveInstead: (task: Task, to: TaskStatus) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { task, change } = problem;
  const allowed = BOARD_COLUMNS.filter((s) => problem.allowed.includes(s));
  return (
    <>
      <p className="board-problem__text">
        {t("board.illegal.body", { from: t(`taskStatus.${task.status}`), to: t(`taskStatus.${change.to}`) })}
      </p>
      {allowed.length > 0 ? (
        <>
          <p>{t("board.illegal.allowed")}</p>
          <ul className="board-problem__choices">
            {allowed.map((status) => (
              <li key={status}>
                <button type="button" className="button button--secondary" onClick={() => onMoveInstead(task, status)}>
                  {t("board.illegal.moveTo", { status: t(`taskStatus.${status}`) })}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t("board.illegal.none")}</p>
      )}
      <div className="board-form__actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          {t("common.close")}
        </button>
      </div>
    </>
  );
}
