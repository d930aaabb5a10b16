// The board's pure rules: column order, filters (kept in the URL), due-date classes in the
// company's time zone, grouping into columns and swimlanes, and the drag types that carry a
// task's allowed moves. No React here: tested in board-model.test.ts.
import { COMPANY_TIME_ZONE, companyDay as dayOf, dueState, dueStateAt, type DueState } from "@crewboard/domain";
import type { Task, TaskStatus, WorkOrder, WorkOrderStatus } from "../../lib/api.ts";

/** The columns, left to right. */
export const BOARD_COLUMNS: readonly TaskStatus[] = ["todo", "doing", "blocked", "review", "done"];

/** The board's section headings, targets of the jump links at the top (BoardPage JumpLinks). */
export const boardHeadingIds = {
  late: "board-late-heading",
  requested: "board-requested-heading",
  openOrders: "board-open-orders-heading",
  tasks: "board-heading",
  column: (status: TaskStatus) => `board-column-${status}`,
} as const;

export type DueFilter = "overdue" | "today" | "week";
export type BoardView = "columns" | "lanes";

export interface BoardFilters {
  /** work order id */
  order?: string;
  /** client company id */
  company?: string;
  /** crew member id, or "none" for unassigned tasks */
  crew?: string;
  due?: DueFilter;
  blocked: boolean;
  view: BoardView;
}

export const UNASSIGNED = "none";
const DUE_VALUES: readonly DueFilter[] = ["overdue", "today", "week"];

/** Filters from the query string (unknown values are ignored). */
export function parseFilters(search: URLSearchParams): BoardFilters {
  const due = search.get("due") as DueFilter | null;
  return {
    order: search.get("order") || undefined,
    company: search.get("company") || undefined,
    crew: search.get("crew") || undefined,
    due: due && DUE_VALUES.includes(due) ? due : undefined,
    blocked: search.get("blocked") === "1",
    view: search.get("view") === "lanes" ? "lanes" : "columns",
  };
}

/** The query string for `filters` (defaults left out, so a plain /board stays plain). */
export function filtersToSearch(filters: BoardFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.view === "lanes") search.set("view", "lanes");
  if (filters.order) search.set("order", filters.order);
  if (filters.company) search.set("company", filters.company);
  if (filters.crew) search.set("crew", filters.crew);
  if (filters.due) search.set("due", filters.due);
  if (filters.blocked) search.set("blocked", "1");
  return search;
}

export function hasActiveFilters(filters: BoardFilters): boolean {
  return Boolean(filters.order || filters.company || filters.crew || filters.due || filters.blocked);
}

/** YYYY-MM-DD of `date` in the company's time zone (packages/domain's calendar). */
export function companyDay(date: Date | number | string): string {
  return dayOf(new Date(date));
}

/** Monday–Sunday of the company week containing `now`, as YYYY-MM-DD. */
export function companyWeek(now: number): { start: string; end: string } {
  const today = companyDay(now);
  const [y, m, d] = today.split("-").map(Number) as [number, number, number];
  const noon = Date.UTC(y, m - 1, d, 12);
  const weekday = (new Date(noon).getUTCDay() + 6) % 7; // Monday = 0
  const day = 86_400_000;
  return {
    start: new Date(noon - weekday * day).toISOString().slice(0, 10),
    end: new Date(noon + (6 - weekday) * day).toISOString().slice(0, 10),
  };
}

/** Is an open task past its due time? (the company calendar's dueState) */
export function isOverdue(task: Pick<Task, "dueAt" | "status">, now: number): boolean {
  return Boolean(task.dueAt && task.status !== "done" && dueState(task.dueAt, now) === "overdue");
}

export function matchesDue(task: Pick<Task, "dueAt" | "status">, due: DueFilter, now: number): boolean {
  if (!task.dueAt) return false;
  if (due === "overdue") return isOverdue(task, now);
  const day = companyDay(task.dueAt);
  if (due === "today") return day === companyDay(now);
  const week = companyWeek(now);
  return day >= week.start && day <= week.end;
}

export function matchesFilters(task: Task, filters: BoardFilters, now: number): boolean {
  if (filters.order && task.workOrder.id !== filters.order) return false;
  if (filters.company && task.workOrder.clientCompanyId !== filters.company) return false;
  if (filters.crew) {
    const assignee = task.assignee?.id ?? UNASSIGNED;
    if (assignee !== filters.crew) return false;
  }
  if (filters.due && !matchesDue(task, filters.due, now)) return false;
  if (filters.blocked && task.status !== "blocked") return false;
  return true;
}

// ---- What is late: overdue and due today ---------------------------------------------------

/** Orders still waiting on us: not delivered (the client's turn), not finished. */
const ORDER_STATUSES_DUE: readonly WorkOrderStatus[] = ["requested", "accepted", "in_progress", "revision_requested"];

export type DueItem =
  | { kind: "order"; state: Exclude<DueState, "later">; dueAt: string; order: WorkOrder }
  | { kind: "task"; state: Exclude<DueState, "later">; dueAt: string; task: Task };

/**
 * The orders and tasks that are overdue or due today (company calendar), most urgent first:
 * overdue before due today, then the earliest due time, urgent orders before normal ones, orders
 * before their tasks. Orders already delivered and tasks done are not late work.
 */
export function dueWork(orders: readonly WorkOrder[], tasks: readonly Task[], now: number): DueItem[] {
  const items: DueItem[] = [];
  const seen = new Set<string>();
  // a big board's tasks (issue 14): today's company day once, not twice per task
  const stateOf = dueStateAt(now);
  for (const order of orders) {
    if (seen.has(order.id) || !ORDER_STATUSES_DUE.includes(order.status)) continue;
    seen.add(order.id);
    const state = stateOf(order.dueAt);
    if (state !== "later") items.push({ kind: "order", state, dueAt: order.dueAt, order });
  }
  for (const task of tasks) {
    if (task.status === "done" || !task.dueAt) continue;
    const state = stateOf(task.dueAt);
    if (state !== "later") items.push({ kind: "task", state, dueAt: task.dueAt, task });
  }
  const rank = (item: DueItem) => [
    item.state === "overdue" ? 0 : 1,
    Date.parse(item.dueAt),
    item.kind === "order" && item.order.priority === "urgent" ? 0 : 1,
    item.kind === "order" ? 0 : 1,
    item.kind === "order" ? item.order.number : item.task.workOrder.number,
    item.kind === "order" ? 0 : item.task.position,
  ];
  // each item's rank once (thousands of late tasks: not twice per comparison)
  const ranked = items.map((item) => ({ item, rank: rank(item) }));
  ranked.sort((a, b) => {
    for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
    return 0;
  });
  return ranked.map((r) => r.item);
}

/** A person's open tasks that are overdue and due today. */
export function dueCounts(
  tasks: readonly Pick<Task, "dueAt" | "status">[],
  now: number,
): { overdue: number; dueToday: number } {
  let overdue = 0;
  let dueToday = 0;
  for (const task of tasks) {
    if (task.status === "done" || !task.dueAt) continue;
    const state = dueState(task.dueAt, now);
    if (state === "overdue") overdue++;
    else if (state === "due_today") dueToday++;
  }
  return { overdue, dueToday };
}

/** Stable order inside a column: live updates change a card in place, never reshuffle the column. */
export function compareTasks(a: Task, b: Task): number {
  return (
    b.workOrder.number - a.workOrder.number ||
    a.position - b.position ||
    a.createdAt.localeCompare(b.createdAt) ||
    a.id.localeCompare(b.id)
  );
}

/** Tasks per column; `statusOf` gives where a card shows (a pending move, a held card). */
export function groupByStatus(
  tasks: readonly Task[],
  statusOf: (task: Task) => TaskStatus = (t) => t.status,
): Record<TaskStatus, Task[]> {
  const groups: Record<TaskStatus, Task[]> = { todo: [], doing: [], blocked: [], review: [], done: [] };
  for (const task of tasks) groups[statusOf(task)].push(task);
  for (const status of BOARD_COLUMNS) groups[status].sort(compareTasks);
  return groups;
}

export interface Lane {
  /** crew member id, or UNASSIGNED */
  id: string;
  name: string | null;
  tasks: Task[];
}

/**
 * Swimlanes: one row per crew member who has a task on the board (and everyone in `crew` when
 * given), by name, then the unassigned tasks last.
 */
export function groupByAssignee(
  tasks: readonly Task[],
  crew: readonly { id: string; name: string }[] = [],
  collator?: Intl.Collator,
): Lane[] {
  const lanes = new Map<string, Lane>();
  for (const person of crew) lanes.set(person.id, { id: person.id, name: person.name, tasks: [] });
  const unassigned: Lane = { id: UNASSIGNED, name: null, tasks: [] };
  for (const task of tasks) {
    if (!task.assignee) {
      unassigned.tasks.push(task);
      continue;
    }
    let lane = lanes.get(task.assignee.id);
    if (!lane) lanes.set(task.assignee.id, (lane = { id: task.assignee.id, name: task.assignee.name, tasks: [] }));
    lane.tasks.push(task);
  }
  const compare = collator ? collator.compare : (a: string, b: string) => a.localeCompare(b);
  return [...[...lanes.values()].sort((a, b) => compare(a.name ?? "", b.name ?? "")), unassigned];
}

/** Estimated hours left on open tasks: each task's estimate times what is not done yet. */
export function hoursLeft(tasks: readonly Pick<Task, "estimateMinutes" | "progress" | "status">[]): number {
  let minutes = 0;
  for (const task of tasks) {
    if (task.status === "done" || !task.estimateMinutes) continue;
    minutes += task.estimateMinutes * (1 - Math.min(100, Math.max(0, task.progress)) / 100);
  }
  return Math.round(minutes / 6) / 10;
}

// ---- Drag and drop ------------------------------------------------------------------------
// A dragged card carries its id and one type per status it may move to, so that a column accepts
// only the cards that may enter it (and keyboard drag and drop offers only those columns).

export const TASK_DRAG_TYPE = "application/x-crewboard-task";
export const dragTypeTo = (status: TaskStatus) => `application/x-crewboard-to-${status}`;
export const dragTypeLane = (laneId: string) => `application/x-crewboard-lane-${laneId}`;

export function dragItemFor(task: Task): Record<string, string> {
  const item: Record<string, string> = { [TASK_DRAG_TYPE]: task.id, "text/plain": task.title };
  for (const status of task.allowedTransitions) item[dragTypeTo(status)] = status;
  item[dragTypeLane(task.assignee?.id ?? UNASSIGNED)] = "1";
  return item;
}

// ---- Dates for forms -------------------------------------------------------------------------

const localFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: COMPANY_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An ISO time as a `datetime-local` value in the company's time zone ("2026-11-25T17:00"). */
export function toCompanyLocalInput(iso: string): string {
  const parts = Object.fromEntries(localFormat.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

/** A `datetime-local` value read in the company's time zone (UTC+9, no daylight saving) as ISO. */
export function fromCompanyLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return undefined;
  const date = new Date(`${value}:00+09:00`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
