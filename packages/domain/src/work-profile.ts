// Work profiles (issue 10): what a crew member agreed to work — weekly minutes and working days —
// and what they can do (skills, from one list of tags). Load is the remaining estimate of their open
// tasks set against the minutes left of their agreed week, on the company's calendar (Asia/Tokyo).
// Pure rules, no I/O: the server computes load with them, the web shows it the same way.
import { COMPANY_TIME_ZONE } from "./calendar.ts";
import type { TaskStatus } from "./task.ts";

/** The skill tags, one list for crew skills, the skills a task needs and reports by tag. */
export const SKILLS = ["data_entry", "scanning", "proofreading", "tagging", "ecommerce", "survey"] as const;
export type Skill = (typeof SKILLS)[number];
export const isSkill = (s: string): s is Skill => (SKILLS as readonly string[]).includes(s);

/** ISO weekdays: 1 = Monday … 7 = Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A full-time week: 40 hours, Monday to Friday (the default of a profile nobody changed). */
export const DEFAULT_WEEKLY_MINUTES = 2400;
export const DEFAULT_WORKING_DAYS: readonly Weekday[] = [1, 2, 3, 4, 5];
/** An agreed week is at most 60 hours. */
export const WEEKLY_MINUTES_MAX = 3600;

/** The working hours of a company day, for the share of today that is left: 9:00–18:00 JST. */
export const WORKDAY_START_HOUR = 9;
export const WORKDAY_END_HOUR = 18;

export interface WorkProfileTerms {
  weeklyMinutes: number;
  workingDays: readonly number[];
}

const weekdayFormat = new Intl.DateTimeFormat("en-US", { timeZone: COMPANY_TIME_ZONE, weekday: "short" });
const hourMinuteFormat = new Intl.DateTimeFormat("en-GB", {
  timeZone: COMPANY_TIME_ZONE,
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});
const WEEKDAY_OF: Record<string, Weekday> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** The ISO weekday of an instant on the company's calendar. */
export function companyWeekday(at: Date): Weekday {
  return WEEKDAY_OF[weekdayFormat.format(at)]!;
}

/** Minutes since midnight on the company's clock. */
function companyMinuteOfDay(at: Date): number {
  const [h, m] = hourMinuteFormat.format(at).split(":").map(Number);
  return h! * 60 + m!;
}

/** Does this person work on the company day of `at`? */
export function worksOn(terms: Pick<WorkProfileTerms, "workingDays">, at: Date): boolean {
  return terms.workingDays.includes(companyWeekday(at));
}

/** The agreed minutes of one working day: the week spread evenly over the working days. */
export function dailyMinutes(terms: WorkProfileTerms): number {
  const days = new Set(terms.workingDays.filter((d) => d >= 1 && d <= 7)).size;
  return days === 0 ? 0 : terms.weeklyMinutes / days;
}

/**
 * The agreed minutes left this week (Monday to Sunday, company calendar) from `now`: the share of
 * today's working hours (9:00–18:00) still ahead if today is a working day, and every later
 * working day of the week in full.
 */
export function minutesLeftThisWeek(terms: WorkProfileTerms, now: Date): number {
  const perDay = dailyMinutes(terms);
  const today = companyWeekday(now);
  let left = 0;
  for (const day of new Set(terms.workingDays)) {
    if (day > today && day <= 7) left += perDay;
  }
  if (terms.workingDays.includes(today)) {
    const start = WORKDAY_START_HOUR * 60;
    const end = WORKDAY_END_HOUR * 60;
    const minute = Math.min(end, Math.max(start, companyMinuteOfDay(now)));
    left += (perDay * (end - minute)) / (end - start);
  }
  return Math.round(left);
}

/** Tasks that still ask for work from their assignee (review is the manager's; done is done). */
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ["todo", "doing", "blocked"];

export interface LoadTask {
  status: TaskStatus;
  estimateMinutes: number | null;
  minutesSpent: number;
}

export interface WorkLoad {
  /** what is left of the estimates of their open tasks */
  remainingMinutes: number;
  /** open tasks without an estimate: they add work the number cannot show */
  unestimatedTasks: number;
  /** the agreed minutes left this week */
  minutesLeftThisWeek: number;
  /** remaining against minutes left, in percent; null when no agreed minutes are left */
  percent: number | null;
  /** more work than agreed minutes left */
  over: boolean;
}

/** The remaining estimate of a task: its estimate less the minutes already logged, never below 0. */
export function remainingEstimate(task: LoadTask): number {
  return Math.max(0, (task.estimateMinutes ?? 0) - task.minutesSpent);
}

/** Load: the remaining estimate of open tasks set against the agreed minutes left this week. */
export function workLoad(terms: WorkProfileTerms, tasks: readonly LoadTask[], now: Date): WorkLoad {
  const open = tasks.filter((t) => OPEN_TASK_STATUSES.includes(t.status));
  const remainingMinutes = open.reduce((sum, t) => sum + remainingEstimate(t), 0);
  const left = minutesLeftThisWeek(terms, now);
  return {
    remainingMinutes,
    unestimatedTasks: open.filter((t) => t.estimateMinutes === null).length,
    minutesLeftThisWeek: left,
    percent: left > 0 ? Math.round((remainingMinutes / left) * 100) : null,
    over: remainingMinutes > left,
  };
}
