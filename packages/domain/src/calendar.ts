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
