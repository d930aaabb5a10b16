// One task on My Day: what it is, where it stands, one tap to start / pause / send for review /
// resume, "I'm blocked" with a reason, what waits to be sent, and the progress form.
//
// After the user's own status change the button they pressed is gone (the task has a new
// status), so focus goes to the card's heading, and the card's status line says what happened.
// A stale version (someone changed the task first) is never overwritten: the card shows the
// task as it is now, says so, and offers to send the same action again.
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from "react";
import { Link } from "react-router";
import { dueState, TEXT_LIMITS } from "@crewboard/domain";
import { useQueryClient } from "@tanstack/react-query";
import { NoteField } from "./NoteField.tsx";
import { useI18n, type MessageKey } from "../../i18n/index.ts";
import { call, ApiError, type Task, type TaskStatus } from "../../lib/api.ts";
import { applyTask } from "../../lib/live.ts";
import { offlineQueue } from "../../lib/outbox.ts";
import type { QueueEntry } from "../../lib/offline-queue.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { paths } from "../../app/paths.ts";
import { textLang } from "../../ui/lang.ts";
import { TaskStatusBadge } from "../../ui/StatusBadge.tsx";
import { refusalReason, sendStatusChange, type StatusChange } from "./actions.ts";
import { useDraft } from "./drafts.ts";
import { ProgressForm } from "./ProgressForm.tsx";
import { ReadAloud } from "./ReadAloud.tsx";
import { latestStaffMessage, useWorkOrderChatRoom } from "../chat/chat-queries.ts";
import { usePreferences } from "../../lib/preferences.ts";
import { Icon, type IconName } from "../../ui/Icon.tsx";

export type ActionKey = "start" | "pause" | "review" | "resume" | "backToWork" | "blocked";

const ACTION_TARGET: Record<ActionKey, TaskStatus> = {
  start: "doing",
  pause: "todo",
  review: "review",
  resume: "doing",
  backToWork: "doing",
  blocked: "blocked",
};

/** The one-tap actions offered for a status, most likely first (the server's allowed moves decide). */
export function actionsFor(task: Pick<Task, "status" | "allowedTransitions">): ActionKey[] {
  const byStatus: Record<TaskStatus, ActionKey[]> = {
    todo: ["start", "blocked"],
    doing: ["review", "pause", "blocked"],
    blocked: ["resume"],
    review: ["backToWork"],
    done: [],
  };
  return byStatus[task.status].filter((key) => task.allowedTransitions.includes(ACTION_TARGET[key]));
}

type Feedback = { tone: "ok" | "info"; text: string } | { tone: "error"; text: string };

interface Conflict {
  action: ActionKey;
  change: StatusChange;
  current: Task;
}

export interface TaskCardProps {
  task: Task;
  userId: string;
  entries: readonly QueueEntry[];
  isNew?: boolean;
  /** move focus to the heading when mounted (simpler layout's previous / next) */
  focusOnMount?: boolean;
  /**
   * Focus mode (the simpler layout, issue 9 barrier 10): the title, the status and ONE next step
   * (「次にすること：進捗を報告する」); the facts, details, other actions and the progress form wait
   * behind "show more", which sits above them so that it stays where it was when pressed.
   */
  focusMode?: boolean;
}

export function TaskCard({
  task,
  userId,
  entries,
  isNew = false,
  focusOnMount = false,
  focusMode = false,
}: TaskCardProps) {
  const { t, locale, formatDue, formatMinutes } = useI18n();
  // easy-read's layout aids (issue 9 barrier 11) open the criteria on every card, in both languages
  const { easyRead } = usePreferences();
  const client = useQueryClient();
  const id = useId();
  const headingId = `${id}-title`;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const orderRoom = useWorkOrderChatRoom(task.workOrder.id);
  const conflictRef = useRef<HTMLDivElement>(null);
  const [busy, setBusy] = useState<ActionKey | null>(null);
  const [feedback, setFeedback] = useState<Feedback | undefined>();
  const [conflict, setConflict] = useState<Conflict | undefined>();
  const [blockedOpen, setBlockedOpen] = useState(false);
  // focus mode: the rest of the card, and the progress form, shown when asked for
  const [more, setMore] = useState(false);
  const [reporting, setReporting] = useState(false);
  const progressRef = useRef<HTMLDivElement>(null);
  // the button that opened the block-reason form: focus goes back to it when the form is cancelled
  const blockedButton = useRef<HTMLButtonElement>(null);
  const closeBlocked = () => {
    setBlockedOpen(false);
    requestAnimationFrame(() => blockedButton.current?.focus());
  };

  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, []); // eslint-disable-line react-hooks/exhaustive-deps -- focus once, when the card appears

  const actionLabel = (key: ActionKey) => t(`myDay.action.${key}` as MessageKey);

  async function run(action: ActionKey, change: StatusChange, on: Task = task): Promise<boolean> {
    if (busy) return false;
    setBusy(action);
    setFeedback(undefined);
    setConflict(undefined);
    try {
      const outcome = await sendStatusChange(client, userId, on, change);
      setFeedback(
        outcome.status === "sent"
          ? { tone: "ok", text: t(`myDay.done.${action}` as MessageKey) }
          : { tone: "info", text: t("myDay.done.queued", { action: actionLabel(action) }) },
      );
      headingRef.current?.focus();
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.code === "task.version_conflict") {
        const current = error.current<Task>();
        if (current) {
          applyTask(client, current, { userId });
          setConflict({ action, change, current });
          // the pressed button may be gone: keep the user at the explanation
          requestAnimationFrame(() => conflictRef.current?.focus());
          return false;
        }
      }
      if (error instanceof ApiError && error.code === "task.illegal_transition") {
        void client.invalidateQueries({ queryKey: queryKeys.tasks.lists() });
      }
      setFeedback({
        tone: "error",
        text: t("myDay.error.action", { action: actionLabel(action), reason: refusalReason(error, t) }),
      });
      return false;
    } finally {
      setBusy(null);
    }
  }

  const actions = actionsFor(task);
  const overdue =
    task.dueAt !== null && task.status !== "review" && task.status !== "done" && dueState(task.dueAt) === "overdue";
  const titleLang = textLang(task.title, locale);

  // the same in both layouts (the focus mode shows them behind "show more"); one is rendered at a time
  const facts = (
    <dl className="md-facts">
      <div className="md-fact">
        <dt>{t("myDay.card.status")}</dt>
        <dd>
          <TaskStatusBadge status={task.status} />
        </dd>
      </div>
      <div className="md-fact">
        <dt>{t("myDay.card.due")}</dt>
        <dd>
          {task.dueAt ? formatDue(task.dueAt) : t("myDay.card.noDue")}
          {overdue && (
            <span className="md-overdue">
              <Icon name="warning" className="icon--before" />
              {t("myDay.card.overdue")}
            </span>
          )}
        </dd>
      </div>
      <div className="md-fact md-fact--wide">
        <dt>{t("myDay.card.progress")}</dt>
        <dd className="md-progress-value">
          <span className="progress__value">{t("units.percent", { percent: task.progress })}</span>
          <span className="progress__bar md-bar" aria-hidden="true">
            <span className="progress__fill" style={{ width: `${task.progress}%` }} />
          </span>
        </dd>
      </div>
      <div className="md-fact">
        <dt>{t("myDay.card.estimate")}</dt>
        <dd>{task.estimateMinutes !== null ? formatMinutes(task.estimateMinutes) : t("myDay.card.notSet")}</dd>
      </div>
      <div className="md-fact">
        <dt>{t("myDay.card.spent")}</dt>
        <dd>{formatMinutes(task.minutesSpent)}</dd>
      </div>
    </dl>
  );
  const criteriaAndDescription = (
    <>
      {task.acceptanceCriteria.trim() && (
        // open by default on the crew member's own task: the criteria are what "done" means
        <details className="md-details" open={easyRead || task.assignee?.id === userId}>
          <summary>
            <Icon name="chevronDown" className="md-details__marker" />
            {t("myDay.card.criteria")}
          </summary>
          <p className="md-pre" lang={textLang(task.acceptanceCriteria, locale)}>
            {task.acceptanceCriteria}
          </p>
        </details>
      )}
      {task.description.trim() && (
        <details className="md-details">
          <summary>
            <Icon name="chevronDown" className="md-details__marker" />
            {t("myDay.card.description")}
          </summary>
          <p className="md-pre" lang={textLang(task.description, locale)}>
            {task.description}
          </p>
        </details>
      )}
    </>
  );
  const actionButtons = (
    <>
      {actions.length > 0 && (
        <div className="md-actions" role="group" aria-label={t("myDay.card.actions")}>
          {actions.map((key) =>
            key === "blocked" ? (
              <button
                key={key}
                ref={blockedButton}
                type="button"
                className="button md-button--blocked"
                aria-expanded={blockedOpen}
                aria-controls={`${id}-blocked`}
                onClick={() => setBlockedOpen((open) => !open)}
              >
                <Icon name="blocked" />
                {actionLabel(key)}
                <ForTask title={task.title} />
              </button>
            ) : (
              <button
                key={key}
                type="button"
                className={`button${key === actions[0] ? " button--primary" : ""}`}
                aria-disabled={busy !== null || undefined}
                onClick={() => void run(key, { status: ACTION_TARGET[key] })}
              >
                <Icon name={ACTION_ICON[key]} />
                {busy === key ? t("myDay.action.sending") : actionLabel(key)}
                <ForTask title={task.title} />
              </button>
            ),
          )}
        </div>
      )}
    </>
  );

  return (
    <article
      className={`md-task md-task--${task.status}`}
      aria-labelledby={headingId}
      data-testid="task-card"
      data-task-id={task.id}
    >
      <header className="md-task__header">
        {isNew && (
          <p className="md-task__new">
            <Icon name="star" className="icon--before" />
            {t("myDay.tasks.new")}
          </p>
        )}
        <h3 id={headingId} ref={headingRef} tabIndex={-1} className="md-task__title" lang={titleLang}>
          {task.title}
        </h3>
        <p className="md-task__order">
          <Link to={paths.workOrder(task.workOrder.id)}>
            <span>{t("myDay.card.order", { number: task.workOrder.number })}</span>{" "}
            <span lang={textLang(task.workOrder.title, locale)}>{task.workOrder.title}</span>
            <span className="visually-hidden">{t("myDay.paren", { text: t("myDay.card.orderLink") })}</span>
          </Link>
        </p>
      </header>

      <ReadAloud
        title={task.title}
        more={async () => {
          const said = orderRoom && (await latestStaffMessage(orderRoom));
          return said ? t("myDay.read.managerMessage", { name: said.author.name, text: said.body }) : null;
        }}
        parts={[
          task.title,
          task.acceptanceCriteria.trim() && t("myDay.read.criteria", { text: task.acceptanceCriteria.trim() }),
          task.status === "blocked" && task.blockedReason ? t("myDay.read.blocked", { text: task.blockedReason }) : "",
          task.revisionRequest ? t("myDay.read.revision", { text: task.revisionRequest.comment }) : "",
        ]}
      />

      {task.revisionRequest && <RevisionNotice task={task} />}

      {focusMode ? (
        <>
          <p className="md-focus__status">
            <TaskStatusBadge status={task.status} />
          </p>
          {task.status === "blocked" && task.blockedReason && (
            <div className="md-blocked-reason">
              <p className="md-blocked-reason__label">
                <Icon name="blocked" className="icon--before" />
                {t("myDay.card.blockedReason")}
              </p>
              <p lang={textLang(task.blockedReason, locale)}>{task.blockedReason}</p>
            </div>
          )}

          <NextStep
            task={task}
            actions={actions}
            busy={busy !== null}
            label={actionLabel}
            onAction={(key) => void run(key, { status: ACTION_TARGET[key] })}
            onReport={() => {
              setReporting(true);
              requestAnimationFrame(() =>
                progressRef.current?.querySelector<HTMLElement>("input, textarea, select")?.focus(),
              );
            }}
          />
          <p role="status" className={`md-feedback md-feedback--${feedback?.tone === "ok" ? "ok" : "info"}`}>
            {feedback && feedback.tone !== "error" && (
              <>
                <Icon name={feedback.tone === "ok" ? "check" : "waiting"} className="md-feedback__icon" />
                {feedback.text}
              </>
            )}
          </p>
          <div role="alert" className="md-alert-slot">
            {feedback?.tone === "error" && (
              <p className="form-error">
                <Icon name="warning" className="form-error__icon" />
                {feedback.text}
              </p>
            )}
            {conflict && (
              <ConflictNotice
                boxRef={conflictRef}
                conflict={conflict}
                task={task}
                busy={busy !== null}
                actionLabel={actionLabel(conflict.action)}
                onRetry={() => void run(conflict.action, conflict.change, task)}
              />
            )}
          </div>

          <QueuedList task={task} entries={entries} />
          {reporting && !more && (
            <div ref={progressRef}>
              <ProgressForm task={task} userId={userId} entries={entries} />
            </div>
          )}
          <button
            type="button"
            className="button md-focus__more"
            aria-expanded={more}
            aria-controls={`${id}-more`}
            onClick={() => setMore((open) => !open)}
          >
            <Icon name="chevronDown" className="icon--before" />
            {more ? t("myDay.focus.less") : t("myDay.focus.more")}
          </button>
          <div id={`${id}-more`} hidden={!more}>
            {more && (
              <>
                {facts}

                {criteriaAndDescription}

                {actionButtons}

                {blockedOpen && actions.includes("blocked") && (
                  <BlockedForm
                    id={`${id}-blocked`}
                    task={task}
                    busy={busy !== null}
                    onCancel={closeBlocked}
                    onSubmit={async (reason) => {
                      const ok = await run("blocked", { status: "blocked", blockedReason: reason });
                      if (ok) setBlockedOpen(false);
                      return ok;
                    }}
                  />
                )}

                <ProgressForm task={task} userId={userId} entries={entries} />
              </>
            )}
          </div>
        </>
      ) : (
        <>
          {facts}

          {task.status === "blocked" && task.blockedReason && (
            <div className="md-blocked-reason">
              <p className="md-blocked-reason__label">
                <Icon name="blocked" className="icon--before" />
                {t("myDay.card.blockedReason")}
              </p>
              <p lang={textLang(task.blockedReason, locale)}>{task.blockedReason}</p>
            </div>
          )}

          {criteriaAndDescription}

          {actionButtons}

          <p role="status" className={`md-feedback md-feedback--${feedback?.tone === "ok" ? "ok" : "info"}`}>
            {feedback && feedback.tone !== "error" && (
              <>
                <Icon name={feedback.tone === "ok" ? "check" : "waiting"} className="md-feedback__icon" />
                {feedback.text}
              </>
            )}
          </p>
          <div role="alert" className="md-alert-slot">
            {feedback?.tone === "error" && (
              <p className="form-error">
                <Icon name="warning" className="form-error__icon" />
                {feedback.text}
              </p>
            )}
            {conflict && (
              <ConflictNotice
                boxRef={conflictRef}
                conflict={conflict}
                task={task}
                busy={busy !== null}
                actionLabel={actionLabel(conflict.action)}
                onRetry={() => void run(conflict.action, conflict.change, task)}
              />
            )}
          </div>

          {blockedOpen && actions.includes("blocked") && (
            <BlockedForm
              id={`${id}-blocked`}
              task={task}
              busy={busy !== null}
              onCancel={closeBlocked}
              onSubmit={async (reason) => {
                const ok = await run("blocked", { status: "blocked", blockedReason: reason });
                if (ok) setBlockedOpen(false);
                return ok;
              }}
            />
          )}

          <QueuedList task={task} entries={entries} />

          <ProgressForm task={task} userId={userId} entries={entries} />
        </>
      )}
    </article>
  );
}

const ACTION_ICON: Record<ActionKey, IconName> = {
  start: "play",
  pause: "pause",
  review: "review",
  resume: "play",
  backToWork: "undo",
  blocked: "blocked",
};

function ConflictNotice({
  conflict,
  task,
  busy,
  actionLabel,
  onRetry,
  boxRef,
}: {
  conflict: Conflict;
  task: Task;
  busy: boolean;
  actionLabel: string;
  onRetry: () => void;
  boxRef: RefObject<HTMLDivElement | null>;
}) {
  const { t } = useI18n();
  const status = t(`taskStatus.${task.status}`);
  const canRetry = task.status !== conflict.change.status && task.allowedTransitions.includes(conflict.change.status);
  return (
    <div ref={boxRef} tabIndex={-1} className="md-conflict" data-testid="conflict">
      <p>
        <Icon name="warning" className="form-error__icon" />
        {t("myDay.conflict.changed", { status })}
      </p>
      {task.status === conflict.change.status ? (
        <p>{t("myDay.conflict.alreadyThere", { status })}</p>
      ) : canRetry ? (
        <>
          <p>{t("myDay.conflict.retryHint", { action: actionLabel })}</p>
          <button type="button" className="button" aria-disabled={busy || undefined} onClick={onRetry}>
            {t("myDay.conflict.retry", { action: actionLabel })}
          </button>
        </>
      ) : (
        <p>{t("myDay.conflict.notPossible", { action: actionLabel })}</p>
      )}
    </div>
  );
}

function BlockedForm({
  id,
  task,
  busy,
  onSubmit,
  onCancel,
}: {
  id: string;
  task: Task;
  busy: boolean;
  onSubmit: (reason: string) => Promise<boolean>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [reason, setReason, clearReason] = useDraft<string>(`blocked:${task.id}`, () => "");
  const [error, setError] = useState<string | undefined>();
  const fieldRef = useRef<HTMLTextAreaElement>(null);
  const fieldId = `${id}-reason`;

  useEffect(() => {
    fieldRef.current?.focus(); // opened by the user: take them to the field
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const text = reason.trim();
    const problem = !text
      ? t("myDay.blocked.reasonRequired")
      : text.length > TEXT_LIMITS.blockedReason
        ? t("myDay.blocked.reasonTooLong", { count: text.length, max: TEXT_LIMITS.blockedReason })
        : undefined;
    setError(problem);
    if (problem) {
      fieldRef.current?.focus();
      return;
    }
    if (await onSubmit(text)) {
      setReason("");
      clearReason();
    }
  }

  return (
    <form
      id={id}
      className="md-form md-blocked-form"
      aria-labelledby={`${id}-heading`}
      noValidate
      onSubmit={submit}
      // Escape closes the form as Cancel does (focus back to the button that opened it)
      onKeyDown={(event) => {
        if (event.key === "Escape" && !event.nativeEvent.isComposing) {
          event.preventDefault();
          onCancel();
        }
      }}
    >
      <h4 id={`${id}-heading`} className="md-form__heading">
        {t("myDay.blocked.heading")}
      </h4>
      <NoteField
        id={fieldId}
        inputRef={fieldRef}
        name="blockedReason"
        rows={3}
        label={t("myDay.blocked.reason")}
        hint={t("myDay.blocked.reasonHint")}
        error={error}
        need="required"
        value={reason}
        onChange={setReason}
      />
      <div className="md-form__actions">
        <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
          {busy ? t("myDay.action.sending") : t("myDay.blocked.submit")}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** What waits to be sent for this task, and what could not be sent (with retry / discard). */
function QueuedList({ task, entries }: { task: Task; entries: readonly QueueEntry[] }) {
  const { t } = useI18n();
  const client = useQueryClient();
  if (entries.length === 0) return null;

  const describe = (entry: QueueEntry) =>
    entry.action.kind === "progress.create"
      ? t("myDay.queue.progress", { percent: entry.action.body.percent })
      : entry.action.kind === "task.update" && entry.action.body.status
        ? t("myDay.queue.status", { status: t(`taskStatus.${entry.action.body.status}`) })
        : "";

  /** The change again, for the task as the server has it now (never the version that failed). */
  async function resend(entry: QueueEntry) {
    if (entry.action.kind !== "task.update" || !entry.action.body.status) return;
    const status = entry.action.body.status;
    const change: StatusChange = { status, blockedReason: entry.action.body.blockedReason };
    try {
      const fresh = await call("getTask", { params: { id: task.id } });
      applyTask(client, fresh, { userId: entry.userId });
      await offlineQueue.discard(entry.id);
      if (fresh.status === status || !fresh.allowedTransitions.includes(status)) return;
      await sendStatusChange(client, entry.userId, fresh, change);
    } catch {
      // still offline, or refused again: the entry (or the new one) says so
    }
  }

  return (
    <ul className="md-queue" aria-label={t("myDay.queue.label")}>
      {entries.map((entry) => (
        <li key={entry.id} className={`md-queue__item md-queue__item--${entry.state}`}>
          <p>
            <Icon name={entry.state === "pending" ? "waiting" : "warning"} className="icon--before" />
            {t("myDay.queue.item", {
              state: entry.state === "pending" ? t("myDay.queue.waiting") : t("myDay.queue.failed"),
              what: describe(entry),
            })}
          </p>
          {entry.state === "failed" && (
            <>
              <p>
                {entry.error?.code === "task.version_conflict" ? t("myDay.queue.conflict") : t("myDay.queue.refused")}
              </p>
              <div className="md-actions">
                {entry.action.kind === "task.update" ? (
                  <button type="button" className="button" onClick={() => void resend(entry)}>
                    {t("myDay.queue.resend")}
                    <ForTask title={task.title} />
                  </button>
                ) : (
                  <button type="button" className="button" onClick={() => void offlineQueue.retry(entry.id)}>
                    {t("common.retry")}
                    <ForTask title={task.title} />
                  </button>
                )}
                <button type="button" className="button" onClick={() => void offlineQueue.discard(entry.id)}>
                  {t("common.discard")}
                  <ForTask title={task.title} />
                </button>
              </div>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The task's title after a button's label, for screen readers (several cards have the same buttons). */
/** Focus mode's one next step: report progress while working, else the card's first action. */
function NextStep({
  task,
  actions,
  busy,
  label,
  onAction,
  onReport,
}: {
  task: Task;
  actions: readonly ActionKey[];
  busy: boolean;
  label: (key: ActionKey) => string;
  onAction: (key: ActionKey) => void;
  onReport: () => void;
}) {
  const { t } = useI18n();
  const first = actions.find((key) => key !== "blocked");
  let step: { text: string; run?: () => void };
  if (task.status === "doing") step = { text: t("myDay.focus.report"), run: onReport };
  else if (first) step = { text: label(first), run: () => onAction(first) };
  else step = { text: t("myDay.focus.wait") };
  const text = t("myDay.focus.next", { step: step.text });
  return (
    <div className="md-focus__next" data-testid="next-step">
      {step.run ? (
        <button type="button" className="button button--primary" aria-disabled={busy || undefined} onClick={step.run}>
          {text}
          <ForTask title={task.title} />
        </button>
      ) : (
        <p>{text}</p>
      )}
    </div>
  );
}

function ForTask({ title }: { title: string }) {
  const { t, locale } = useI18n();
  return (
    <span className="visually-hidden" lang={textLang(title, locale)}>
      {t("myDay.paren", { text: title })}
    </span>
  );
}

/**
 * The client's revision request on this task's order, with their comment: labelled in words and
 * with an icon (not colour alone), the comment in its own language. Shown until the order is
 * delivered again (the server decides; see packages/domain isRevisionRequestOpen).
 */
export function RevisionNotice({ task }: { task: Pick<Task, "revisionRequest" | "status"> }) {
  const { t, locale, formatDate } = useI18n();
  const labelId = useId();
  const request = task.revisionRequest;
  if (!request) return null;
  return (
    <section className="md-revision" aria-labelledby={labelId} data-testid="revision-notice">
      <p id={labelId} className="md-revision__label">
        <Icon name="undo" className="md-revision__icon" /> {t("myDay.card.revision")}
      </p>
      <dl className="md-revision__facts">
        <div>
          <dt>{t("myDay.card.revisionBy")}</dt>
          <dd lang={textLang(request.requestedBy, locale)}>
            {t("myDay.card.revisionPerson", { name: request.requestedBy })}
          </dd>
        </div>
        <div>
          <dt>{t("myDay.card.revisionAt")}</dt>
          <dd>
            <time dateTime={request.requestedAt}>{formatDate(request.requestedAt, "dateTime")}</time>
          </dd>
        </div>
        <div className="md-revision__comment">
          <dt>{t("myDay.card.revisionComment")}</dt>
          <dd lang={textLang(request.comment, locale)}>{request.comment}</dd>
        </div>
      </dl>
      {task.status === "done" && <p className="md-revision__hint">{t("myDay.card.revisionWaiting")}</p>}
    </section>
  );
}
