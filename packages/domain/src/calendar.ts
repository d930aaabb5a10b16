/** The company works on Japan time: "today" is the calendar day in Asia/Tokyo. */
export const COMPANY_TIME_ZONE = "Asia/Tokyo";

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: COMPANY_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

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
