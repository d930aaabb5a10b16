// Issue 12: "not checked in by" a time set per team, on the company's calendar (Asia/Tokyo). At that
// time on a day the crew member works, their managers hear who has not checked in and the crew
// member gets a gentle reminder; once per team and day.
import { companyDay, companyTime, nextCompanyDay } from "./calendar.ts";

/** A new team's time (and the seed's): 10:00, when the day has started for everyone. */
export const DEFAULT_CHECK_IN_BY = "10:00";

/** "HH:MM", 24-hour, on the company's calendar. */
export const CHECK_IN_BY_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The instant of `time` ("HH:MM") on the company day `day`. */
export function checkInByOn(day: string, time: string): Date {
  const m = CHECK_IN_BY_PATTERN.exec(time);
  if (!m) throw new RangeError(`checkInBy: not a time of day: ${time}`);
  return companyTime(day, Number(m[1]), Number(m[2]));
}

/** Has today's `time` come (at or after it, the same company day)? */
export function checkInByHasCome(time: string, now: Date): boolean {
  return checkInByOn(companyDay(now), time) <= now;
}

/** The next instant after `now` at which one of `times` comes (null: no team has one set). */
export function nextCheckInByRun(now: Date, times: readonly string[]): Date | null {
  let next: Date | null = null;
  for (const time of new Set(times)) {
    const today = checkInByOn(companyDay(now), time);
    const at = today > now ? today : checkInByOn(nextCompanyDay(companyDay(now)), time);
    if (!next || at < next) next = at;
  }
  return next;
}
