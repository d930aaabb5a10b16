// Dates, numbers and plurals per locale, with Intl only (no date library in the bundle).
// Times are shown in the company's time zone (Asia/Tokyo): "today" on every screen is the
// company's today, wherever the browser happens to be (the same rule as packages/domain).
import { COMPANY_TIME_ZONE } from "@crewboard/domain";
import type { Locale } from "./index.ts";

// The company calendar is packages/domain's (pure, no zod: cheap in the bundle).
export { COMPANY_TIME_ZONE };

/** BCP 47 tag for Intl formatting. */
export function intlLocale(locale: Locale): string {
  return locale === "ja" ? "ja-JP" : "en-GB";
}

// Intl objects are costly to create: keep one per locale and options.
const cache = new Map<string, unknown>();
function cached<T>(key: string, make: () => T): T {
  let value = cache.get(key) as T | undefined;
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

export type DateStyle = "date" | "dateTime" | "time" | "weekdayDate" | "weekdayDateTime";

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  date: { year: "numeric", month: "short", day: "numeric" },
  dateTime: { year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" },
  time: { hour: "2-digit", minute: "2-digit" },
  weekdayDate: { year: "numeric", month: "short", day: "numeric", weekday: "short" },
  weekdayDateTime: {
    year: "numeric",
    month: "short",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
  },
};

function toDate(value: string | number | Date): Date | undefined {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** A date or time in the company's time zone, e.g. 2026年11月24日(火) 17:00 / Tue, 24 Nov 2026, 17:00. */
export function formatDate(locale: Locale, value: string | number | Date, style: DateStyle = "date"): string {
  const date = toDate(value);
  if (!date) return String(value);
  const format = cached(
    `d|${locale}|${style}`,
    () => new Intl.DateTimeFormat(intlLocale(locale), { ...DATE_OPTIONS[style], timeZone: COMPANY_TIME_ZONE }),
  );
  return format.format(date);
}

/** A due date: the date alone when it is midnight in Tokyo, else date and time. */
export function formatDue(locale: Locale, value: string | number | Date): string {
  const date = toDate(value);
  if (!date) return String(value);
  const time = formatDate("en", date, "time");
  return formatDate(locale, date, time === "00:00" ? "weekdayDate" : "weekdayDateTime");
}

/** "3 minutes ago", "in 2 days", "昨日" … from `now`. */
export function formatRelative(locale: Locale, value: string | number | Date, now: number = Date.now()): string {
  const date = toDate(value);
  if (!date) return String(value);
  const format = cached(`r|${locale}`, () => new Intl.RelativeTimeFormat(intlLocale(locale), { numeric: "auto" }));
  const seconds = Math.round((date.getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return format.format(seconds, "second");
  if (abs < 3600) return format.format(Math.round(seconds / 60), "minute");
  if (abs < 86_400) return format.format(Math.round(seconds / 3600), "hour");
  return format.format(Math.round(seconds / 86_400), "day");
}

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions): string {
  const format = cached(
    `n|${locale}|${JSON.stringify(options ?? {})}`,
    () => new Intl.NumberFormat(intlLocale(locale), options),
  );
  return format.format(value);
}

/** Plural category for `count` ("one" | "other" …) per Intl.PluralRules; Japanese is always "other". */
export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  return cached(`p|${locale}`, () => new Intl.PluralRules(intlLocale(locale))).select(count);
}
