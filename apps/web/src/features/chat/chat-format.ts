// Small wording helpers shared by the rooms list, the conversation and the announcements.
import type { I18n } from "../../i18n/index.ts";

/** "13:31" today, else the date and time (company time zone). */
export function messageTime(i18n: Pick<I18n, "formatDate">, iso: string, now = Date.now()): string {
  const sameDay = i18n.formatDate(iso, "date") === i18n.formatDate(now, "date");
  return i18n.formatDate(iso, sameDay ? "time" : "dateTime");
}

/** A message on one line, cut short. */
export function excerpt(body: string, max = 80): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
