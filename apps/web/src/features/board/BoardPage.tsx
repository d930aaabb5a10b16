// The board (managers, admins): orders waiting to be accepted at the top, the orders in progress
// (split into tasks from there), then the tasks as cards in columns by status — or in swimlanes
// by crew member — with filters kept in the URL.
//
// Live: every list here is read under the keys of lib/query-keys.ts, so lib/live.ts keeps it
// current. A task that becomes blocked is announced in full; other changes are batched by the
// announcer. A live update never moves focus, and never moves the card the user is on: that card
// stays where it is (saying it was changed elsewhere) until focus leaves it.
import { useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FocusEvent } from "react";
import { useSearchParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { I18nProvider } from "react-aria-components";
import { intlLocale, useI18n } from "../../i18n/index.ts";
import type { CrewMember, Task, TaskStatus, WorkOrder } from "../../lib/api.ts";
import { useAnnouncer } from "../../lib/announcer.tsx";
import { applyTask, useLiveEvent } from "../../lib/live.ts";
import { offlineQueue } from "../../lib/outbox.ts";
import { ownWrites } from "../../lib/own-writes.ts";
import { useNow } from "../../lib/now.ts";
import { dropBoardPreview } from "../../lib/board-preview.ts";
import { useUser } from "../../app/session.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { usePresence } from "../crew/presence.ts";
import { BoardCardProvider, BoardColumns, BoardLanes, revealCard, type BoardCardContext } from "./BoardLists.tsx";
import { BoardFilterBar } from "./BoardFilters.tsx";
import { ChangeProblemDialog } from "./ChangeProblemDialog.tsx";
import { useMoveFlow } from "./MoveMenu.tsx";
import { OpenOrders, RequestedOrders, focusOrderSplitButton } from "./OrderSections.tsx";
import { DueWork } from "./DueWork.tsx";
import { SplitOrderDialog } from "./SplitOrderDialog.tsx";
import { TaskDetailDialog } from "./TaskDetailDialog.tsx";
import { OffersAwaitingChoice } from "./UrgentOffers.tsx";
import {
  BOARD_COLUMNS,
  boardHeadingIds,
  filtersToSearch,
  groupByAssignee,
  groupByStatus,
  matchesFilters,
  parseFilters,
  UNASSIGNED,
  type BoardFilters,
} from "./board-model.ts";
import { useBoardTasks, useClientCompanies, useCrewList, useOpenOrders, useRequestedOrders } from "./board-queries.ts";
import { usePendingChanges, useTaskChanges, type ChangeProblem, type TaskChange } from "./task-changes.ts";
import { useKeepInPlace } from "./keep-in-place.ts";
import { useOverflowsSideways } from "../../ui/TableScroll.tsx";
import "./board.css";

/** The element a card's id is on (the card, its menu, a dialog about it). */
function taskIdOf(element: EventTarget | null): string | undefined {
  return element instanceof Element
    ? (element.closest("[data-task-id]")?.getAttribute("data-task-id") ?? undefined)
    : undefined;
}

/**
 * Focuses the card's "Move to…" button once the card is rendered (it may have changed column; in a
 * long, virtualized column it is first scrolled to: revealCard).
 * The card's row takes focus first: a list that has never had focus sends focus that enters it
 * to its FIRST card (react-aria's collection), which would name another task (issue 9 barrier 4);
 * focus on the row makes this card the list's focused one, and the button then keeps it.
 */
function focusCard(taskId: string, tries = 10): void {
  requestAnimationFrame(() => {
    const row = document.querySelector<HTMLElement>(`.board-card[data-task-id="${CSS.escape(taskId)}"]`);
    const button = row?.querySelector<HTMLElement>("[data-move-button]");
    if (row && button) {
      if (!row.contains(document.activeElement)) row.focus({ preventScroll: true });
      button.focus();
    } else if (tries > 0) {
      if (!row) revealCard(taskId);
      focusCard(taskId, tries - 1);
    }
  });
}

export default function BoardPage() {
  const { t, locale } = useI18n();
  const page = useRef<HTMLElement>(null);
  // what the user reads stays still while others' changes arrive (issue 9 barrier 5)
  useKeepInPlace(page);
  return (
    <I18nProvider locale={intlLocale(locale)}>
      <section className="page board-page" data-testid="page-board" ref={page}>
        <PageHeading title={t("board.title")} />
        <p className="board-intro">{t("board.intro")}</p>
        <JumpLinks />
        <Board />
      </section>
    </I18nProvider>
  );
}

/**
 * The task lanes start far down on a narrow screen: links at the top jump to each part of the
 * board and move focus to its heading (so the next Tab, and a screen reader, go on from there).
 */
function JumpLinks() {
  const { t } = useI18n();
  const [search] = useSearchParams();
  const columns = parseFilters(search).view !== "lanes";
  const targets = [
    { id: boardHeadingIds.late, label: t("board.late.title") },
    { id: boardHeadingIds.requested, label: t("board.requested.title") },
    { id: boardHeadingIds.openOrders, label: t("board.orders.title") },
    { id: boardHeadingIds.tasks, label: t("board.board.label") },
    // the columns of the task board (in swimlanes they repeat per person: the board's heading is enough)
    ...(columns
      ? BOARD_COLUMNS.map((status) => ({ id: boardHeadingIds.column(status), label: t(`taskStatus.${status}`) }))
      : []),
  ];
  return (
    <nav className="board-jump" aria-label={t("board.jump.label")} data-testid="board-jump">
      <ul>
        {targets.map((target) => (
          <li key={target.id}>
            <a
              href={`#${target.id}`}
              onClick={(event) => {
                const heading = document.getElementById(target.id);
                if (!heading) return; // not on the page yet: the browser's own jump
                event.preventDefault();
                heading.focus();
                heading.scrollIntoView({ block: "start", inline: "start" });
              }}
            >
              {target.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Board() {
  const { t, tn, locale } = useI18n();
  const user = useUser();
  const queryClient = useQueryClient();
  const { announce } = useAnnouncer();
  const [search, setSearch] = useSearchParams();
  // Shown at once (a controlled radio or select must not wait for the navigation), kept in the URL.
  const [filters, setLocalFilters] = useState(() => parseFilters(search));
  const searchText = search.toString();
  useEffect(() => setLocalFilters(parseFilters(new URLSearchParams(searchText))), [searchText]);
  const setFilters = useCallback(
    (next: BoardFilters) => {
      setLocalFilters(next);
      setSearch(filtersToSearch(next), { replace: true });
    },
    [setSearch],
  );

  const { query: tasksQuery, tasks: liveTasks, loadingMore, retry: retryTasks } = useBoardTasks();
  // the server's preview of the first cards (lib/board-preview.ts) goes once the board's own
  // columns (or its error) show, or when the board goes before that; before the browser paints,
  // so that the two are never seen together
  const tasksShown = !tasksQuery.isPending;
  useLayoutEffect(() => {
    if (tasksShown) dropBoardPreview();
    return dropBoardPreview;
  }, [tasksShown]);
  // "Pause live updates" (issue 9 barrier 5, WCAG 2.2.2): the board shows the tasks as they were
  // when paused, with the user's own changes; others' changes wait, counted, until "show".
  const [frozen, setFrozen] = useState<ReadonlyMap<string, Task> | null>(null);
  const tasks = useMemo(() => {
    if (!frozen) return liveTasks;
    const shown = new Map(frozen);
    for (const task of liveTasks) if (ownWrites.isOwn(task)) shown.set(task.id, task);
    return [...shown.values()];
  }, [frozen, liveTasks]);
  const waiting = useMemo(() => {
    if (!frozen) return 0;
    const live = new Map(liveTasks.map((task) => [task.id, task]));
    let count = 0;
    for (const task of liveTasks)
      if (frozen.get(task.id)?.version !== task.version && !ownWrites.isOwn(task)) count += 1;
    for (const id of frozen.keys()) if (!live.has(id)) count += 1;
    return count;
  }, [frozen, liveTasks]);
  const freeze = useCallback(() => setFrozen(new Map(liveTasks.map((task) => [task.id, task]))), [liveTasks]);
  const { orders: openOrders } = useOpenOrders();
  const { orders: requestedOrders } = useRequestedOrders();
  const lateOrders = useMemo(() => [...requestedOrders, ...openOrders], [requestedOrders, openOrders]);
  const crewQuery = useCrewList();
  const crew: CrewMember[] = useMemo(() => crewQuery.data?.items ?? [], [crewQuery.data]);
  const companies = useClientCompanies().data?.items ?? [];
  const presence = usePresence();
  const pending = usePendingChanges();
  const { submit, isOwnUpdate, markOwn } = useTaskChanges(user.id);
  const now = useNow();

  const [status, setStatus] = useState("");
  // the columns need more width than most screens give them; the lanes often do not
  const [boardScrollRef, boardScrolls] = useOverflowsSideways();
  const [problem, setProblem] = useState<ChangeProblem | null>(null);
  const [detailId, setDetailId] = useState<string | undefined>();
  // where the task's details were opened from, when not from its card (focus goes back there)
  const detailOpener = useRef<HTMLElement | null>(null);
  const [splitting, setSplitting] = useState<WorkOrder | undefined>();
  const [menuTaskId, setMenuTaskId] = useState<string | undefined>();
  const [hold, setHold] = useState<{ id: string; status: TaskStatus } | null>(null);

  const byId = useMemo(() => new Map(tasks.map((task) => [task.id, task])), [tasks]);

  /** Where a card shows: the column it is moving to while the move waits to be sent, else its status. */
  const pendingStatus = useCallback(
    (task: Task): TaskStatus | undefined => {
      const moves = (pending.get(task.id) ?? []).filter((p) => p.entry.state === "pending" && p.change.kind === "move");
      const last = moves[moves.length - 1]?.change;
      return last?.kind === "move" ? last.to : undefined;
    },
    [pending],
  );
  const displayedStatus = useCallback(
    (task: Task): TaskStatus => pendingStatus(task) ?? (hold?.id === task.id ? hold.status : task.status),
    [pendingStatus, hold],
  );

  // ---- changing tasks ------------------------------------------------------------------------

  const describeDone = useCallback(
    (task: Task, change: TaskChange) =>
      change.kind === "move"
        ? t("board.moved", { title: task.title, status: t(`taskStatus.${change.to}`) })
        : change.assigneeId
          ? t("board.assigned", { title: task.title, name: change.name ?? "" })
          : t("board.unassigned", { title: task.title }),
    [t],
  );

  const perform = useCallback(
    async (task: Task, change: TaskChange): Promise<string | undefined> => {
      setStatus("");
      if (change.kind === "move") {
        setHold((h) => (h?.id === task.id ? { id: task.id, status: change.to } : h));
        // the card shows in its new column at once: focus follows it there now, before the list it
        // left hands focus to a neighbour (issue 9 barrier 4)
        if (!detailId) focusCard(task.id);
      }
      const outcome = await submit(task, change);
      if (outcome.status === "problem") {
        setHold((h) =>
          h?.id === task.id
            ? {
                id: task.id,
                status: outcome.problem.kind === "conflict" ? outcome.problem.current.status : task.status,
              }
            : h,
        );
        // one dialog at a time: the problem replaces the task's detail
        setDetailId(undefined);
        setProblem(outcome.problem);
        return undefined;
      }
      const message =
        outcome.status === "queued" ? t("board.queued", { title: task.title }) : describeDone(task, change);
      setStatus(message);
      if (change.kind === "move" && !detailId) focusCard(task.id);
      return message;
    },
    [submit, t, describeDone, detailId],
  );

  const { requestMove, dialog: blockDialog, blockingTaskId } = useMoveFlow(perform, (task) => focusCard(task.id));

  // read through a ref: the cards' context (and so every rendered card) stays the same when a page
  // of tasks arrives (issue 14)
  const byIdNow = useRef(byId);
  byIdNow.current = byId;
  const onDropTask = useCallback(
    (taskId: string, to: TaskStatus) => {
      const task = byIdNow.current.get(taskId);
      if (task && task.status !== to) requestMove(task, to);
    },
    [requestMove],
  );

  // ---- holding the card the user is on ---------------------------------------------------------

  const openFor = menuTaskId ?? blockingTaskId ?? detailId ?? problem?.task.id;
  const onFocusIn = (event: FocusEvent) => {
    const id = taskIdOf(event.target);
    if (!id || hold?.id === id) return;
    const task = byId.get(id);
    if (task) setHold({ id, status: displayedStatus(task) });
  };
  const onFocusOut = (event: FocusEvent) => {
    const next = taskIdOf(event.relatedTarget);
    if (next === hold?.id) return;
    if (!next && openFor && openFor === hold?.id) return; // a menu or dialog about the card is open
    const task = next ? byId.get(next) : undefined;
    setHold(task ? { id: task.id, status: displayedStatus(task) } : null);
  };
  // a dialog about the held card closed without focus coming back to it: let the card go
  useEffect(() => {
    if (!hold || openFor === hold.id) return;
    const frame = requestAnimationFrame(() => {
      if (taskIdOf(document.activeElement) !== hold.id) setHold(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [openFor, hold]);

  const movedElsewhere = useCallback(
    (task: Task): TaskStatus | undefined =>
      hold?.id === task.id && !pendingStatus(task) && hold.status !== task.status ? task.status : undefined,
    [hold, pendingStatus],
  );

  // ---- live announcements ----------------------------------------------------------------------

  const known = useRef(new Map<string, TaskStatus>());
  useEffect(() => {
    for (const task of tasks) if (!known.current.has(task.id)) known.current.set(task.id, task.status);
  }, [tasks]);
  useLiveEvent(["task:created", "task:updated", "progress:created", "work_order:created"], (envelope, { replayed }) => {
    if (envelope.event === "work_order:created") {
      if (!replayed && envelope.data.status === "requested")
        announce(t("board.announce.newOrder", { title: envelope.data.title }), { group: "workOrders" });
      return;
    }
    const task = envelope.event === "progress:created" ? envelope.data.task : envelope.data;
    const before = known.current.get(task.id);
    known.current.set(task.id, task.status);
    if (replayed) return;
    const event = envelope.event;
    // the user's own change was confirmed where they made it: its echo is not announced again
    // (issue 9 barrier 4; the echo may come before the answer, so this waits for it)
    void isOwnUpdate(task).then((own) => {
      if (own) return;
      if (task.status === "blocked" && before !== "blocked") {
        announce(t("board.announce.blocked", { title: task.title, reason: task.blockedReason ?? "" }), {
          group: "tasks",
          important: true,
        });
      } else if (event === "task:created") {
        announce(t("board.announce.created", { title: task.title }), { group: "tasks" });
      } else {
        announce(t("board.announce.updated", { title: task.title }), {
          group: event === "progress:created" ? "progress" : "tasks",
        });
      }
    });
  });

  // ---- what is shown ---------------------------------------------------------------------------

  const visible = useMemo(() => tasks.filter((task) => matchesFilters(task, filters, now)), [tasks, filters, now]);
  const groupOf = useCallback((list: Task[]) => groupByStatus(list, displayedStatus), [displayedStatus]);
  const groups = useMemo(() => groupOf(visible), [groupOf, visible]);
  const lanes = useMemo(() => {
    const collator = new Intl.Collator(intlLocale(locale));
    const chosen = filters.crew && filters.crew !== UNASSIGNED ? crew.filter((c) => c.id === filters.crew) : [];
    return groupByAssignee(visible, chosen, collator).filter(
      (lane) => lane.tasks.length > 0 || chosen.some((c) => c.id === lane.id),
    );
  }, [visible, crew, filters.crew, locale]);

  const cardContext: BoardCardContext = useMemo(
    () => ({
      presence,
      pending,
      movedElsewhere,
      now,
      onPick: requestMove,
      onOpenDetail: (task) => {
        detailOpener.current = null;
        setDetailId(task.id);
      },
      onMenuOpenChange: (taskId, open) =>
        setMenuTaskId((current) => (open ? taskId : current === taskId ? undefined : current)),
      onDropTask,
      onRetry: (entryId) => void offlineQueue.retry(entryId),
      onDiscard: (entryId) => void offlineQueue.discard(entryId),
    }),
    [presence, pending, movedElsewhere, now, requestMove, onDropTask],
  );

  const crewDetail = useCallback(
    (person: CrewMember) => {
      const place = presence.get(person.id)?.place;
      return place ? t(`place.${place}`) : undefined;
    },
    [presence, t],
  );

  const detailTask = detailId ? byId.get(detailId) : undefined;

  return (
    <>
      <DueWork
        orders={lateOrders}
        tasks={tasks}
        now={now}
        onOpenTask={(task, opener) => {
          detailOpener.current = opener;
          setDetailId(task.id);
        }}
      />
      <OffersAwaitingChoice
        onOpenTask={(taskId) => {
          detailOpener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
          setDetailId(taskId);
        }}
      />
      <RequestedOrders presence={presence} onAccepted={(order) => focusOrderSplitButton(order.id)} />
      <OpenOrders onSplit={setSplitting} />

      <section className="board-section board-main" aria-labelledby={boardHeadingIds.tasks}>
        <h2 id={boardHeadingIds.tasks} tabIndex={-1}>
          {t("board.board.label")}
        </h2>
        <BoardFilterBar
          filters={filters}
          onChange={setFilters}
          tasks={tasks}
          orders={openOrders}
          companies={companies}
          crew={crew}
          shown={visible.length}
          total={tasks.length}
        />
        <LiveUpdatesControl
          paused={frozen !== null}
          waiting={waiting}
          onPause={(pause) => (pause ? freeze() : setFrozen(null))}
          onShow={() => {
            freeze();
            setStatus(tn("board.live.shown", waiting));
          }}
        />
        <p className="form__status" role="status" data-testid="board-status">
          {status}
        </p>
        <p className="board-hint">{t("board.board.hint")}</p>
        {tasksQuery.isPending ? (
          <LoadingNotice />
        ) : !tasksQuery.data ? (
          <ErrorNotice error={tasksQuery.error} onRetry={retryTasks} />
        ) : (
          <BoardCardProvider value={cardContext}>
            {boardScrolls && <p className="table-scroll__hint">{t("board.board.scrollHint")}</p>}
            <div
              ref={boardScrollRef}
              className="board-scroll"
              role="region"
              aria-label={t(filters.view === "lanes" ? "board.view.lanes" : "board.view.columns")}
              tabIndex={0}
              onFocus={onFocusIn}
              onBlur={onFocusOut}
            >
              {filters.view === "lanes" ? (
                <BoardLanes lanes={lanes} groupOf={groupOf} />
              ) : (
                <BoardColumns groups={groups} loadingMore={loadingMore} />
              )}
            </div>
          </BoardCardProvider>
        )}
      </section>

      {blockDialog}
      <ChangeProblemDialog
        problem={problem}
        onClose={() => {
          const id = problem?.task.id;
          setProblem(null);
          if (id) focusCard(id);
        }}
        onKeepTheirs={() => {
          const id = problem?.task.id;
          setProblem(null);
          if (id) {
            setStatus("");
            focusCard(id);
          }
        }}
        onApplyMine={async (current, change) => {
          // the same change (with the reason already given) on the task as it is now
          setProblem(null);
          await perform(current, change);
        }}
        onMoveInstead={(task, to) => {
          setProblem(null);
          requestMove(task, to);
        }}
      />
      <TaskDetailDialog
        task={detailTask}
        crew={crew}
        onClose={() => {
          const id = detailId;
          const opener = detailOpener.current;
          detailOpener.current = null;
          setDetailId(undefined);
          if (opener?.isConnected) requestAnimationFrame(() => opener.focus());
          else if (id) focusCard(id);
        }}
        onAssign={perform}
      />
      <SplitOrderDialog
        order={splitting}
        crew={crew}
        crewDetail={crewDetail}
        onClose={() => {
          const order = splitting;
          setSplitting(undefined);
          if (order) focusOrderSplitButton(order.id);
        }}
        onCreated={(order, created) => {
          for (const task of created) {
            markOwn(task);
            applyTask(queryClient, task, { userId: user.id });
          }
          setSplitting(undefined);
          setStatus(tn("board.split.created", created.length));
          focusOrderSplitButton(order.id);
        }}
      />
    </>
  );
}

/**
 * "Pause live updates": while paused, others' changes wait and are counted ("3 updates — show").
 * The count is not a live region (the announcer already speaks the changes, batched); "show"
 * applies them and focus goes back to the checkbox, which stays where it was.
 */
function LiveUpdatesControl({
  paused,
  waiting,
  onPause,
  onShow,
}: {
  paused: boolean;
  waiting: number;
  onPause: (pause: boolean) => void;
  onShow: () => void;
}) {
  const { t, tn } = useI18n();
  const id = useId();
  const checkbox = useRef<HTMLInputElement>(null);
  return (
    <div className="board-live" data-testid="board-live">
      <div className="checkbox">
        <input
          ref={checkbox}
          type="checkbox"
          id={`${id}-pause`}
          checked={paused}
          onChange={(event) => onPause(event.target.checked)}
        />
        <label htmlFor={`${id}-pause`}>{t("board.live.pause")}</label>
      </div>
      {paused && (
        <p className="board-live__waiting" data-testid="board-live-waiting">
          {waiting > 0 ? (
            <>
              <span id={`${id}-count`}>{tn("board.live.waiting", waiting)}</span>
              {" — "}
              <button
                type="button"
                className="button button--secondary"
                aria-describedby={`${id}-count`}
                onClick={() => {
                  onShow();
                  checkbox.current?.focus();
                }}
              >
                {t("board.live.show")}
              </button>
            </>
          ) : (
            t("board.live.none")
          )}
        </p>
      )}
    </div>
  );
}
