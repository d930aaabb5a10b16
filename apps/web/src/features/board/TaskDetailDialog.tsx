// A task's details on the board: what to do, due, estimate, progress, the assignee (changeable
// here), and its progress history (GET /tasks/:id/progress, newest first; new reports arrive live).
import { useEffect, useId, useState, type FormEvent } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { useI18n } from "../../i18n/index.ts";

import { call, type CrewMember, type Task } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { paths } from "../../app/paths.ts";
import { TaskStatusBadge } from "../../ui/StatusBadge.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { textLang } from "../../ui/lang.ts";
import { BoardDialog } from "./BoardDialog.tsx";
import type { TaskChange } from "./task-changes.ts";
import { Icon } from "../../ui/Icon.tsx";
import { AssigneeChooser, needsConfirmation } from "./AssigneeChooser.tsx";

export function TaskDetailDialog({
  task,
  crew,
  onAssign,
  onClose,
}: {
  task: Task | undefined;
  crew: CrewMember[];
  /** resolves with a message for the form's status line */
  onAssign: (task: Task, change: Extract<TaskChange, { kind: "assign" }>) => Promise<string | undefined>;
  onClose: () => void;
}) {
  const { locale } = useI18n();
  return (
    <BoardDialog
      isOpen={task !== undefined}
      onClose={onClose}
      title={task?.title ?? ""}
      titleLang={textLang(task?.title, locale)}
      taskId={task?.id}
      testId="task-detail-dialog"
      wide
    >
      {task && <TaskDetail task={task} crew={crew} onAssign={onAssign} />}
    </BoardDialog>
  );
}

function TaskDetail({
  task,
  crew,
  onAssign,
}: {
  task: Task;
  crew: CrewMember[];
  onAssign: (task: Task, change: Extract<TaskChange, { kind: "assign" }>) => Promise<string | undefined>;
}) {
  const { t, locale, formatDue, formatMinutes } = useI18n();
  return (
    <div className="board-detail">
      <dl className="board-facts">
        <div>
          <dt>{t("board.detail.status")}</dt>
          <dd>
            <TaskStatusBadge status={task.status} />
            {task.status === "blocked" && task.blockedReason && (
              <span className="board-detail__reason" lang={textLang(task.blockedReason, locale)}>
                {" "}
                {t("board.card.reason", { reason: task.blockedReason })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("board.detail.order")}</dt>
          <dd>
            <Link to={paths.workOrder(task.workOrder.id)}>
              {t("board.detail.openOrder", { number: task.workOrder.number })}
            </Link>{" "}
            <span lang={textLang(task.workOrder.title, locale)}>{task.workOrder.title}</span>
          </dd>
        </div>
        <div>
          <dt>{t("board.detail.due")}</dt>
          <dd>{task.dueAt ? <time dateTime={task.dueAt}>{formatDue(task.dueAt)}</time> : t("board.card.noDue")}</dd>
        </div>
        <div>
          <dt>{t("board.detail.estimate")}</dt>
          <dd>{task.estimateMinutes ? formatMinutes(task.estimateMinutes) : t("common.none")}</dd>
        </div>
        <div>
          <dt>{t("board.detail.spent")}</dt>
          <dd>{formatMinutes(task.minutesSpent)}</dd>
        </div>
        <div>
          <dt>{t("board.detail.progress")}</dt>
          <dd>{t("units.percent", { percent: task.progress })}</dd>
        </div>
      </dl>
      {task.description && (
        <>
          <h3 className="board-detail__heading">{t("board.detail.description")}</h3>
          <p className="board-detail__text" lang={textLang(task.description, locale)}>
            {task.description}
          </p>
        </>
      )}
      {task.acceptanceCriteria && (
        <>
          <h3 className="board-detail__heading">{t("board.detail.acceptance")}</h3>
          <p className="board-detail__text" lang={textLang(task.acceptanceCriteria, locale)}>
            {task.acceptanceCriteria}
          </p>
        </>
      )}
      <AssigneeForm task={task} crew={crew} onAssign={onAssign} />
      <ProgressHistory taskId={task.id} />
    </div>
  );
}

function AssigneeForm({
  task,
  crew,
  onAssign,
}: {
  task: Task;
  crew: CrewMember[];
  onAssign: (task: Task, change: Extract<TaskChange, { kind: "assign" }>) => Promise<string | undefined>;
}) {
  const { t } = useI18n();
  const id = useId();
  const current = task.assignee?.id ?? "";
  const [value, setValue] = useState(current);
  const [override, setOverride] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const suggestionsQuery = useQuery({
    queryKey: ["dispatch", "task-suggestions", task.id] as const,
    queryFn: ({ signal }) => call("listTaskSuggestions", { params: { id: task.id } }, { signal }),
  });
  const suggestions = suggestionsQuery.data?.items;
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  // someone else reassigned it meanwhile: show what it is now
  useEffect(() => setValue(current), [current]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy || value === current) return;
    const confirm = needsConfirmation(suggestions, value);
    if (confirm && !override) {
      setError(t("board.assign.confirmRequired"));
      requestAnimationFrame(() => document.getElementById(`${id}-assignee`)?.focus());
      return;
    }
    setError(undefined);
    setBusy(true);
    setStatus("");
    try {
      const person = crew.find((c) => c.id === value);
      const message = await onAssign(task, {
        kind: "assign",
        assigneeId: value || null,
        name: person?.name ?? null,
        ...(confirm ? { override: true } : {}),
      });
      setStatus(message ?? "");
    } finally {
      setBusy(false);
    }
  }

  const options =
    crew.some((c) => c.id === current) || !task.assignee ? crew : [...crew, { ...task.assignee, workStyle: null }];
  return (
    <form className="form board-form board-detail__assign" onSubmit={submit}>
      <AssigneeChooser
        id={`${id}-assignee`}
        name="assignee"
        label={t("board.detail.assignee")}
        emptyLabel={t("board.card.unassigned")}
        suggestions={suggestions}
        crew={options}
        value={value}
        override={override}
        onChange={(next, confirmed) => {
          setValue(next);
          setOverride(confirmed);
          setError(undefined);
        }}
        error={error}
      />
      {suggestionsQuery.isError && <p className="board-hint">{t("board.assign.suggestionsFailed")}</p>}
      <div className="board-form__actions">
        <button type="submit" className="button button--primary" aria-disabled={busy || value === current || undefined}>
          {busy ? t("board.saving") : t("board.detail.assign")}
        </button>
      </div>
      <p className="form__status" role="status">
        {status}
      </p>
    </form>
  );
}

function ProgressHistory({ taskId }: { taskId: string }) {
  const { t, locale, formatDate, formatMinutes } = useI18n();
  const headingId = useId();
  const query = useInfiniteQuery({
    queryKey: queryKeys.tasks.progress(taskId),
    queryFn: ({ pageParam, signal }) =>
      call("listProgressUpdates", { params: { id: taskId }, query: { cursor: pageParam, limit: 20 } }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="board-history" aria-labelledby={headingId}>
      <h3 id={headingId} className="board-detail__heading">
        {t("board.detail.history")}
      </h3>
      {query.isPending ? (
        <LoadingNotice />
      ) : !query.data ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <p>{t("board.detail.historyEmpty")}</p>
      ) : (
        <ol className="board-history__list" data-testid="progress-history">
          {items.map((update) => (
            <li key={update.id} className="board-history__item">
              <p className="board-history__who">
                <span lang={textLang(update.author.name, locale)}>
                  {t("board.history.entry", {
                    name: update.author.name,
                    time: formatDate(update.createdAt, "dateTime"),
                  })}
                </span>
              </p>
              <p className="board-history__numbers">
                <span>{t("board.history.percent", { percent: update.percent })}</span>
                {update.minutesSpent > 0 && (
                  <span>{t("board.history.minutes", { time: formatMinutes(update.minutesSpent) })}</span>
                )}
              </p>
              {update.note && (
                <p className="board-history__note" lang={textLang(update.note, locale)}>
                  {update.note}
                </p>
              )}
              {update.blocker && (
                <p className="board-history__blocker" lang={textLang(update.blocker, locale)}>
                  <Icon name="blocked" className="icon--before" />
                  {t("board.history.blocker", { reason: update.blocker })}
                </p>
              )}
            </li>
          ))}
        </ol>
      )}
      {query.hasNextPage && (
        <p className="load-more">
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void query.fetchNextPage()}
            aria-disabled={query.isFetchingNextPage}
          >
            {t("board.detail.loadMore")}
          </button>
        </p>
      )}
    </section>
  );
}
