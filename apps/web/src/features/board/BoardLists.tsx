// The board's cards: one react-aria-components GridList per column (or per swimlane cell), with
// drag and drop that works with a pointer, the keyboard (Enter on a card's grip, Tab to a column,
// Enter to drop) and screen readers. A column accepts only the cards that may move into it (see
// dragItemFor). Every card also has "Move to…" (MoveMenu), so nothing needs dragging.
//
// A long column is virtualized (issue 14: a board of 10,000 tasks): react-aria's own Virtualizer
// renders the cards in view in a column that scrolls on its own. It is react-aria's, not another
// library's, because the list's keyboard navigation, typeahead, drag and drop and focus are
// react-aria's: its Virtualizer keeps the focused card rendered when it scrolls out of view (focus
// is never lost), scrolls a card into view when focus moves to it (arrows, Home/End, Page Up/Down),
// finds drop targets by position, and gives the grid aria-rowcount and each card its aria-rowindex
// (the grid's equivalents of aria-setsize/aria-posinset), so a screen reader still hears
// "card 1,234 of 3,032". A short column is not virtualized: it stays as tall as its cards.
import { createContext, useContext, useEffect, useId, useMemo, useRef, type ReactNode } from "react";
import { Button, GridList, GridListItem, ListLayout, Virtualizer, useDragAndDrop } from "react-aria-components";
import { useI18n } from "../../i18n/index.ts";
import type { Presence, Task, TaskStatus } from "../../lib/api.ts";
import { TASK_STATUS_ICONS, TaskStatusBadge } from "../../ui/StatusBadge.tsx";
import { textLang } from "../../ui/lang.ts";
import { PLACE_ICONS, PRESENCE_ICONS } from "../crew/presence.ts";
import {
  BOARD_COLUMNS,
  boardHeadingIds,
  TASK_DRAG_TYPE,
  UNASSIGNED,
  dragItemFor,
  dragTypeLane,
  dragTypeTo,
  groupByStatus,
  isOverdue,
  type Lane,
} from "./board-model.ts";
import { MoveMenu } from "./MoveMenu.tsx";
import type { PendingChange } from "./task-changes.ts";
import { Icon } from "../../ui/Icon.tsx";

export interface BoardCardContext {
  presence: Map<string, Presence>;
  pending: Map<string, PendingChange[]>;
  /** for a card held in place while someone else moved it: the status it has now */
  movedElsewhere: (task: Task) => TaskStatus | undefined;
  now: number;
  onPick: (task: Task, to: TaskStatus) => void;
  onOpenDetail: (task: Task) => void;
  onMenuOpenChange: (taskId: string, open: boolean) => void;
  onDropTask: (taskId: string, to: TaskStatus) => void;
  onRetry: (entryId: string) => void;
  onDiscard: (entryId: string) => void;
}

const CardContext = createContext<BoardCardContext | null>(null);

export function BoardCardProvider({ value, children }: { value: BoardCardContext; children: ReactNode }) {
  return <CardContext.Provider value={value}>{children}</CardContext.Provider>;
}

function useCards(): BoardCardContext {
  const value = useContext(CardContext);
  if (!value) throw new Error("board cards outside <BoardCardProvider>");
  return value;
}

/** Where a person works today and whether they are connected: text and icon, never colour alone. */
export function PersonStatus({ presence }: { presence: Presence | undefined }) {
  const { t } = useI18n();
  const place = presence?.place;
  return (
    <span className="person-status">
      <span className="person-status__item">
        <Icon name={place ? PLACE_ICONS[place] : "help"} className="person-status__icon" />
        {place ? t(`place.${place}`) : t("board.card.placeUnknown")}
      </span>
      {presence && (
        <span className={`person-status__item person-status--${presence.status}`}>
          <Icon name={PRESENCE_ICONS[presence.status]} className="person-status__icon" />
          {t(`presence.${presence.status}`)}
        </span>
      )}
    </span>
  );
}

function TaskCard({ task }: { task: Task }) {
  const { t, locale, formatDue } = useI18n();
  const cards = useCards();
  const titleId = useId();
  const pending = cards.pending.get(task.id) ?? [];
  const elsewhere = cards.movedElsewhere(task);
  const overdue = isOverdue(task, cards.now);
  const percent = Math.min(100, Math.max(0, task.progress));
  return (
    <article className="board-card__body" aria-labelledby={titleId}>
      <div className="board-card__head">
        <Button slot="drag" className="board-card__drag">
          <Icon name="grip" />
        </Button>
        <TaskStatusBadge status={task.status} />
      </div>
      <h4 className="board-card__title">
        <Button id={titleId} className="board-card__title-button" onPress={() => cards.onOpenDetail(task)}>
          <span lang={textLang(task.title, locale)}>{task.title}</span>
        </Button>
      </h4>
      <ul className="board-card__meta">
        <li>
          <span lang={textLang(task.workOrder.title, locale)} className="board-card__order">
            {t("board.card.order", { number: task.workOrder.number })}
          </span>
        </li>
        <li>
          {task.assignee ? (
            <>
              <span lang={textLang(task.assignee.name, locale)}>
                {t("board.card.assignee", { name: task.assignee.name })}
              </span>{" "}
              <PersonStatus presence={cards.presence.get(task.assignee.id)} />
            </>
          ) : (
            <span className="board-card__muted">{t("board.card.unassigned")}</span>
          )}
        </li>
        <li>
          {task.dueAt ? (
            <>
              <time dateTime={task.dueAt}>{t("board.card.due", { due: formatDue(task.dueAt) })}</time>
              {overdue && (
                <span className="board-card__overdue">
                  <Icon name="warning" className="icon--before" />
                  {t("board.card.overdue")}
                </span>
              )}
            </>
          ) : (
            <span className="board-card__muted">{t("board.card.noDue")}</span>
          )}
        </li>
        <li className="progress board-card__progress">
          <span className="progress__value">{t("board.card.progress", { percent })}</span>
          <span className="progress__bar" aria-hidden="true">
            <span className="progress__fill" style={{ width: `${percent}%` }} />
          </span>
        </li>
        {task.status === "blocked" && task.blockedReason && (
          <li className="board-card__reason" lang={textLang(task.blockedReason, locale)}>
            {t("board.card.reason", { reason: task.blockedReason })}
          </li>
        )}
      </ul>
      {elsewhere && (
        <p className="board-card__note board-card__note--info">
          <Icon name="info" className="icon--before" />
          {t("board.card.changedElsewhere", { status: t(`taskStatus.${elsewhere}`) })}
        </p>
      )}
      {pending.map(({ entry, change }) =>
        entry.state === "failed" ? (
          <div key={entry.id} className="board-card__note board-card__note--error">
            <p>
              <Icon name="warning" className="icon--before" />
              {t("board.card.failed", { message: entry.error?.message ?? "" })}
            </p>
            <Button className="button button--secondary board-card__small" onPress={() => cards.onRetry(entry.id)}>
              {t("board.card.retry")}
            </Button>
            <Button className="button button--secondary board-card__small" onPress={() => cards.onDiscard(entry.id)}>
              {t("board.card.discard")}
            </Button>
          </div>
        ) : (
          <p key={entry.id} className="board-card__note">
            <Icon name="waiting" className="icon--before" />
            {change.kind === "move"
              ? t("board.card.pending", { status: t(`taskStatus.${change.to}`) })
              : t("board.card.pendingAssign")}
          </p>
        ),
      )}
      <div className="board-card__actions">
        <MoveMenu
          task={task}
          onPick={cards.onPick}
          describedBy={titleId}
          onOpenChange={(open) => cards.onMenuOpenChange(task.id, open)}
        />
      </div>
    </article>
  );
}

/** One column (or swimlane cell) of cards, accepting the cards that may move into `status`. */
export function TaskList({
  status,
  tasks,
  label,
  laneId,
  loadingMore = false,
}: {
  status: TaskStatus;
  tasks: Task[];
  label: string;
  laneId?: string;
  /** more pages of tasks are coming: see VIRTUALIZE_FROM */
  loadingMore?: boolean;
}) {
  const { t } = useI18n();
  const cards = useCards();
  const byId = useMemo(() => new Map(tasks.map((task) => [task.id, task])), [tasks]);
  const accepts = dragTypeTo(status);
  const { dragAndDropHooks } = useDragAndDrop<Task>({
    getItems: (keys) =>
      [...keys].flatMap((key) => {
        const task = byId.get(String(key));
        return task ? [dragItemFor(task)] : [];
      }),
    acceptedDragTypes: [accepts],
    getDropOperation: (_target, types) =>
      types.has(accepts) && (laneId === undefined || types.has(dragTypeLane(laneId))) ? "move" : "cancel",
    onRootDrop: async (event) => {
      for (const item of event.items) {
        if (item.kind !== "text" || !item.types.has(TASK_DRAG_TYPE)) continue;
        cards.onDropTask(await item.getText(TASK_DRAG_TYPE), status);
      }
    },
  });
  const virtual = tasks.length > VIRTUALIZE_FROM || loadingMore;
  const listRef = useRef<HTMLDivElement>(null);
  // an instance of its own, so that revealCard can ask where a card is
  const layout = useMemo(() => new ListLayout(), []);
  useEffect(() => {
    if (!virtual) return;
    const reveal = (taskId: string) => {
      const element = listRef.current;
      const info = byId.has(taskId) ? layout.getLayoutInfo(taskId) : null;
      if (!element || !info) return false;
      const { y, height } = info.rect;
      if (y < element.scrollTop || y + height > element.scrollTop + element.clientHeight)
        element.scrollTop = Math.max(0, y - element.clientHeight / 3);
      return true;
    };
    revealers.add(reveal);
    return () => void revealers.delete(reveal);
  }, [virtual, byId, layout]);
  // The card that takes focus is in the list's view once it has settled (WCAG 2.4.11): in a long
  // column, react-aria scrolls to a card it has not rendered yet by its estimated height, and on a
  // busy machine the card measured afterwards could end up partly or wholly outside the view.
  useEffect(() => {
    const element = listRef.current;
    if (!virtual || !element) return;
    let frame = 0;
    const onFocusIn = (event: FocusEvent) => {
      const card = (event.target as Element | null)?.closest(".board-card");
      if (!card) return;
      cancelAnimationFrame(frame);
      // two frames: after react-aria's own scroll and the virtualizer's measuring
      frame = requestAnimationFrame(() => {
        frame = requestAnimationFrame(() => {
          if (!card.isConnected || !card.contains(document.activeElement)) return;
          const box = card.getBoundingClientRect();
          const view = element.getBoundingClientRect();
          if (box.top < view.top || box.bottom > view.bottom) card.scrollIntoView({ block: "nearest" });
        });
      });
    };
    element.addEventListener("focusin", onFocusIn);
    return () => {
      cancelAnimationFrame(frame);
      element.removeEventListener("focusin", onFocusIn);
    };
  }, [virtual]);
  // No `dependencies` here: a card reads what changes often (presence, pending changes, the card
  // held in place, the time) from the cards' context, so only the mounted cards render again.
  // As a dependency it re-rendered every item of every column (issue 14: 0.5 s on a 10,000-task
  // board, for each presence change and each focus move between cards).
  const list = (
    <GridList
      ref={listRef}
      aria-label={label}
      className={virtual ? "board-list board-list--virtual" : "board-list"}
      items={tasks}
      selectionMode="none"
      dragAndDropHooks={dragAndDropHooks}
      onAction={(key) => {
        const task = byId.get(String(key));
        if (task) cards.onOpenDetail(task);
      }}
      renderEmptyState={() => <p className="board-list__empty">{t("board.column.empty")}</p>}
    >
      {(task) => (
        <GridListItem
          id={task.id}
          textValue={task.title}
          className={`board-card board-card--${task.status}`}
          data-task-id={task.id}
        >
          <TaskCard task={task} />
        </GridListItem>
      )}
    </GridList>
  );
  return virtual ? (
    <Virtualizer layout={layout} layoutOptions={VIRTUAL_LAYOUT}>
      {list}
    </Virtualizer>
  ) : (
    list
  );
}

/** The virtualized lists that are on screen: each scrolls to a card of its own when asked. */
const revealers = new Set<(taskId: string) => boolean>();

/**
 * Scrolls the virtualized list that holds the card of `taskId` so that the card is rendered (to be
 * focused: a card moved by the keyboard, or the card a dialog goes back to). False when no
 * virtualized list holds it (it is rendered already, or not on the board).
 */
export function revealCard(taskId: string): boolean {
  for (const reveal of revealers) if (reveal(taskId)) return true;
  return false;
}

/**
 * Columns longer than this are virtualized (a column of demo size is not: it shows all its cards).
 * While more pages of tasks are coming (a board longer than its first read: board-queries.ts),
 * every column of the columns view is virtualized (issue 14): a column that is short now may be
 * long in a moment. Once every page is in, a column of 40 cards or fewer becomes a plain list
 * again (one re-render).
 */
export const VIRTUALIZE_FROM = 40;
/** Cards differ in height (a blocked reason, notes): measured once rendered, estimated before. */
const VIRTUAL_LAYOUT = { estimatedRowSize: 360, gap: 8, padding: 4 };

/** A column's title and how many cards it holds (none in the board's preview: its count would be a guess). */
function ColumnHeading({ status, count, id }: { status: TaskStatus; count?: number; id?: string }) {
  const { t } = useI18n();
  return (
    <h3 className={`board-column__title board-column__title--${status}`} id={id} tabIndex={id ? -1 : undefined}>
      <Icon name={TASK_STATUS_ICONS[status]} className="board-column__icon" />
      {t(`taskStatus.${status}`)}
      {count !== undefined && <span className="board-column__count">{count}</span>}
    </h3>
  );
}

/** What the board's preview shows of a column: about a screenful. */
export const PREVIEW_CARDS_PER_COLUMN = 6;

/** Cards on which nothing does anything: the board's preview's (it is inert), and tests'. */
export const INERT_CARDS: BoardCardContext = {
  presence: new Map(),
  pending: new Map(),
  movedElsewhere: () => undefined,
  now: 0,
  onPick: () => {},
  onOpenDetail: () => {},
  onMenuOpenChange: () => {},
  onDropTask: () => {},
  onRetry: () => {},
  onDiscard: () => {},
};

/**
 * The board's first cards as the server draws them into the page (issue 14: src/board-preview.tsx),
 * shown while the web app's scripts still load and taken away when the board's own columns show.
 * The same cards as the board's, in the same order, in plain lists: to look at, not to use. It is
 * hidden from assistive technology and inert (the board that replaces it is the one to use), and it
 * has no counts (the first page's would be wrong) nor the board's test hooks.
 */
export function BoardColumnsPreview({ tasks, now }: { tasks: readonly Task[]; now: number }) {
  const groups = groupByStatus(tasks);
  return (
    <CardContext.Provider value={{ ...INERT_CARDS, now }}>
      <div className="board-columns">
        {BOARD_COLUMNS.map((status) => (
          <div key={status} className={`board-column board-column--${status}`}>
            <ColumnHeading status={status} />
            <ul className="board-list board-list--preview">
              {groups[status].slice(0, PREVIEW_CARDS_PER_COLUMN).map((task) => (
                <li key={task.id} className={`board-card board-card--${task.status}`}>
                  <TaskCard task={task} />
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </CardContext.Provider>
  );
}

export function BoardColumns({
  groups,
  loadingMore = false,
}: {
  groups: Record<TaskStatus, Task[]>;
  loadingMore?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="board-columns" data-testid="board-columns">
      {BOARD_COLUMNS.map((status) => (
        <div key={status} className={`board-column board-column--${status}`} data-status={status}>
          {/* a jump target (BoardPage) */}
          <ColumnHeading status={status} count={groups[status].length} id={boardHeadingIds.column(status)} />
          <TaskList
            status={status}
            tasks={groups[status]}
            label={t("board.column.label", { status: t(`taskStatus.${status}`), count: groups[status].length })}
            loadingMore={loadingMore}
          />
        </div>
      ))}
    </div>
  );
}

export function BoardLanes({
  lanes,
  groupOf,
}: {
  lanes: Lane[];
  groupOf: (tasks: Task[]) => Record<TaskStatus, Task[]>;
}) {
  const { t, locale } = useI18n();
  const cards = useCards();
  if (lanes.length === 0) return <p className="notice">{t("board.lanes.empty")}</p>;
  return (
    <div className="board-lanes" data-testid="board-lanes">
      {lanes.map((lane) => {
        const groups = groupOf(lane.tasks);
        const name = lane.id === UNASSIGNED ? t("board.lanes.unassigned") : (lane.name ?? "");
        return (
          <section key={lane.id} className="board-lane" aria-label={name} data-lane={lane.id}>
            <h3 className="board-lane__title">
              <span lang={textLang(name, locale)}>{name}</span>
              {lane.id !== UNASSIGNED && <PersonStatus presence={cards.presence.get(lane.id)} />}
            </h3>
            <div className="board-lane__cells">
              {BOARD_COLUMNS.map((status) => (
                <div
                  key={status}
                  className={`board-column board-lane__cell board-column--${status}`}
                  data-status={status}
                >
                  <ColumnHeading status={status} count={groups[status].length} />
                  <TaskList
                    status={status}
                    laneId={lane.id}
                    tasks={groups[status]}
                    label={t("board.lanes.cell", {
                      name,
                      status: t(`taskStatus.${status}`),
                      count: groups[status].length,
                    })}
                  />
                </div>
              ))}
            </div>
          </section>
        );
      })}
    </div>
  );
}
