// The crew overview's rows: one per crew member of the manager's team, with today's check-in,
// presence, blocked tasks, late work (overdue / due today, on the company calendar) and load,
// sorted so that the people who need a manager's attention come first (unwell, then not checked
// in yet, then tired) — or, on request, those with late work first. Pure: tested in crew-model.test.ts.
import type { CheckIn, Condition, Presence, Task, User } from "../../lib/api.ts";
import { dueCounts, hoursLeft } from "../board/board-model.ts";

export interface CrewRow {
  person: Pick<User, "id" | "name">;
  checkIn: CheckIn | undefined;
  presence: Presence | undefined;
  /** where they work today: the presence's place (what they said, their check-in, or their work style) */
  place: "office" | "home" | null;
  openTasks: Task[];
  blockedTasks: Task[];
  /** open tasks past their due time, and due later today */
  overdue: number;
  dueToday: number;
  hoursLeft: number;
  /** 0 = needs attention most */
  rank: number;
}

const RANK: Record<Condition | "none", number> = { unwell: 0, none: 1, tired: 2, okay: 3, good: 4 };

export function attentionRank(checkIn: Pick<CheckIn, "condition"> | undefined): number {
  return RANK[checkIn?.condition ?? "none"];
}

export function crewRows(
  people: readonly Pick<User, "id" | "name">[],
  checkIns: readonly CheckIn[],
  tasks: readonly Task[],
  presence: ReadonlyMap<string, Presence>,
  collator: Intl.Collator = new Intl.Collator("ja-JP"),
  now: number = Date.now(),
): CrewRow[] {
  const checkInOf = new Map(checkIns.map((c) => [c.user.id, c]));
  const rows = people.map((person): CrewRow => {
    const mine = tasks.filter((task) => task.assignee?.id === person.id);
    const openTasks = mine.filter((task) => task.status !== "done");
    const checkIn = checkInOf.get(person.id);
    const seen = presence.get(person.id);
    return {
      person,
      checkIn,
      presence: seen,
      place: seen?.place ?? checkIn?.place ?? null,
      openTasks,
      blockedTasks: openTasks.filter((task) => task.status === "blocked"),
      ...dueCounts(openTasks, now),
      hoursLeft: hoursLeft(openTasks),
      rank: attentionRank(checkIn),
    };
  });
  return rows.sort((a, b) => a.rank - b.rank || collator.compare(a.person.name, b.person.name));
}

export type CrewSort = "attention" | "due";

/**
 * Rows in the order asked for: "attention" keeps crewRows' order; "due" puts those with late work
 * first — most overdue tasks, then most due today — and keeps the attention order among equals.
 */
export function sortCrewRows(rows: readonly CrewRow[], by: CrewSort): CrewRow[] {
  if (by === "attention") return [...rows];
  // Array.prototype.sort is stable: equal rows keep their attention order
  return [...rows].sort((a, b) => b.overdue - a.overdue || b.dueToday - a.dueToday);
}
