/** The company works on Japan time: "today" is the calendar day in Asia/Tokyo. */
export const COMPANY_TIME_ZONE = "Asia/Tokyo";

const dayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: COMPANY_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** "YYYY-MM-DD" of the company's calendar for the given instant. */
export function companyDay(at: Date = new Date()): string {
  return dayFormat.format(at);
}

/** A "YYYY-MM-DD" day as the Date a `@db.Date` column takes: UTC midnight of that day. */
export function dateOfDay(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** How close a due time is, on the company's calendar: past it, later today, or another day. */
export type DueState = "overdue" | "due_today" | "later";

type Instant = Date | string | number;
const toMillis = (v: Instant) => (v instanceof Date ? v.getTime() : typeof v === "string" ? Date.parse(v) : v);

/**
 * "overdue" once `now` is past the due time; "due_today" while it is still ahead but on the same
 * company day (Asia/Tokyo) as `now`; "later" otherwise. The company's calendar decides, wherever
 * the server or the browser happens to be.
 */
export function dueState(dueAt: Instant, now: Instant = Date.now()): DueState {
  const due = toMillis(dueAt);
  const at = toMillis(now);
  if (Number.isNaN(due) || Number.isNaN(at)) throw new RangeError("dueState: not a date");
  if (due < at) return "overdue";
  return companyDay(new Date(due)) === companyDay(new Date(at)) ? "due_today" : "later";
}

/**
 * dueState of many due times against one `now`: the company day of `now` is worked out once, and
 * a due time already past needs no day at all (issue 14: the board's late work over 10,000 tasks).
 */
export function dueStateAt(now: Instant = Date.now()): (dueAt: Instant) => DueState {
  const at = toMillis(now);
  const today = Number.isNaN(at) ? "" : companyDay(new Date(at));
  return (dueAt) => {
    const due = toMillis(dueAt);
    if (Number.isNaN(due) || Number.isNaN(at)) throw new RangeError("dueState: not a date");
    if (due < at) return "overdue";
    return companyDay(new Date(due)) === today ? "due_today" : "later";
  };
}

const weekdayFormat = new Intl.DateTimeFormat("en-US", { timeZone: COMPANY_TIME_ZONE, weekday: "short" });

/** Saturday and Sunday on the company's calendar are not working days (no holiday table yet). */
export function isWorkingDay(at: Date): boolean {
  const day = weekdayFormat.format(at);
  return day !== "Sat" && day !== "Sun";
}

/**
 * The same time of day `days` working days later on the company's calendar: Friday 10:00 plus one
 * working day is Monday 10:00. Starting on a weekend counts from the next working day.
 */
export function addWorkingDays(from: Date, days: number): Date {
  const DAY = 86_400_000;
  let at = new Date(from.getTime());
  while (!isWorkingDay(at)) at = new Date(at.getTime() + DAY);
  let left = days;
  while (left > 0) {
    at = new Date(at.getTime() + DAY);
    if (isWorkingDay(at)) left--;
  }
  return at;
}

/** The instant a company day ("YYYY-MM-DD") starts, plus `hour` hours (Asia/Tokyo is UTC+9 all year). */
export function companyTime(day: string, hour: number, minute = 0): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - 9 * 3_600_000 + (hour * 60 + minute) * 60_000);
}

/** The company day after `day`. */
export function nextCompanyDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The company day `n` days after `day` (before it when `n` is negative). */
export function addCompanyDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** How many days from `from` to `to`, both included (1 for the same day). */
export function companyDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / 86_400_000) + 1;
}

// ---- calendar months (issue 12: monthly reports) -------------------------------------------

/** A calendar month of the company's calendar: "YYYY-MM". */
export const COMPANY_MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The company month ("YYYY-MM", Asia/Tokyo) an instant falls in. */
export function companyMonth(at: Date = new Date()): string {
  return companyDay(at).slice(0, 7);
}

/** The month `n` months after `month` (before it when `n` is negative). */
export function addCompanyMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The instants a company month spans: from 00:00 Tokyo time of its first day to 00:00 of the next month's (exclusive). */
export function companyMonthRange(month: string): { start: Date; end: Date } {
  if (!COMPANY_MONTH_PATTERN.test(month)) throw new RangeError(`not a month: ${month}`);
  return { start: companyTime(`${month}-01`, 0), end: companyTime(`${addCompanyMonths(month, 1)}-01`, 0) };
}
