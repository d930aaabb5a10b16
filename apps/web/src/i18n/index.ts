// The one i18n layer: two typed catalogues, t(key, vars), tn(key, count) for plurals, Intl
// formatting, and a hook that re-renders React when the language changes.
//
// Language: the signed-in user's saved locale (applied by the session, see app/session.tsx);
// before sign-in the choice made on this device (localStorage), else the browser language when
// it starts with "en", else Japanese (the default). Switching also sets <html lang>.
import { createElement, Fragment, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { en } from "./en.ts";
import { ja, type Catalogue, type MessageKey } from "./ja.ts";
import {
  formatDate,
  formatDue,
  formatNumber,
  formatRelative,
  intlLocale,
  pluralCategory,
  type DateStyle,
} from "./format.ts";

export type { Catalogue, MessageKey, DateStyle };
export { intlLocale };
export type Locale = "ja" | "en";

export const locales: readonly Locale[] = ["ja", "en"];
export const catalogues: Readonly<Record<Locale, Catalogue>> = { ja, en };

/** Keys that come in `.one` / `.other` forms, named without the suffix. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer Base}.other` ? Base : never) : never;

const STORAGE_KEY = "crewboard.locale";

export function isLocale(value: unknown): value is Locale {
  return value === "ja" || value === "en";
}

function readSavedLocale(): Locale | undefined {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLocale(saved) ? saved : undefined;
  } catch {
    return undefined; // storage disabled (private mode, policy)
  }
}

export function detectLocale(): Locale {
  const saved = readSavedLocale();
  if (saved) return saved;
  const browser = globalThis.navigator?.language ?? "";
  return browser.toLowerCase().startsWith("en") ? "en" : "ja";
}

let current: Locale = detectLocale();
const listeners = new Set<() => void>();

function applyToDocument(locale: Locale): void {
  if (typeof document !== "undefined") document.documentElement.lang = locale;
}
applyToDocument(current);

export function getLocale(): Locale {
  return current;
}

/** Switches the UI language (and remembers it on this device). Saving it to the account is the caller's job. */
export function setLocale(locale: Locale): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // not saved; still switch for this page
  }
  if (locale === current) return;
  current = locale;
  applyToDocument(locale);
  for (const listener of listeners) listener();
}

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Vars = Readonly<Record<string, string | number>>;

/** Looks up a message and fills `{name}` placeholders (numbers are formatted for the locale). */
export function t(key: MessageKey, vars?: Vars, locale: Locale = current): string {
  const message = catalogues[locale][key] ?? key;
  if (!vars) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? formatNumber(locale, value) : value;
  });
}

/**
 * A message with placeholders filled by React nodes, for data inside UI words that needs its own
 * element (a name in its own `lang`): tNodes("demo.team", { team: <span lang="en">Blue</span> })
 * gives ["チーム ", <span…>]. Placeholders not in `nodes` are left as they are.
 */
export function tNodes(
  key: MessageKey,
  nodes: Readonly<Record<string, ReactNode>>,
  locale: Locale = current,
): ReactNode[] {
  const message = catalogues[locale][key] ?? key;
  return message
    .split(/(\{\w+\})/)
    .map((part, index) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      // (createElement: this module is .ts, imported everywhere by that name)
      return name !== undefined && name in nodes ? createElement(Fragment, { key: index }, nodes[name]) : part;
    })
    .filter((part) => part !== "");
}

/** A plural message: `<key>.one` or `<key>.other` by Intl.PluralRules, with `{count}` filled in. */
export function tn(key: PluralKey, count: number, vars?: Vars, locale: Locale = current): string {
  const category = pluralCategory(locale, count);
  const exact = `${key}.${category}` as MessageKey;
  const chosen = exact in catalogues[locale] ? exact : (`${key}.other` as MessageKey);
  return t(chosen, { count, ...vars }, locale);
}

export interface I18n {
  locale: Locale;
  t: (key: MessageKey, vars?: Vars) => string;
  tn: (key: PluralKey, count: number, vars?: Vars) => string;
  /** a message with React nodes in its placeholders (see tNodes) */
  tNodes: (key: MessageKey, nodes: Readonly<Record<string, ReactNode>>) => ReactNode[];
  setLocale: (locale: Locale) => void;
  formatDate: (value: string | number | Date, style?: DateStyle) => string;
  formatDue: (value: string | number | Date) => string;
  formatRelative: (value: string | number | Date, now?: number) => string;
  formatNumber: (value: number, options?: Intl.NumberFormatOptions) => string;
  /** "1 時間 30 分" / "1 h 30 min" */
  formatMinutes: (minutes: number) => string;
}

export function i18nFor(locale: Locale): I18n {
  return {
    locale,
    t: (key, vars) => t(key, vars, locale),
    tn: (key, count, vars) => tn(key, count, vars, locale),
    tNodes: (key, nodes) => tNodes(key, nodes, locale),
    setLocale,
    formatDate: (value, style) => formatDate(locale, value, style),
    formatDue: (value) => formatDue(locale, value),
    formatRelative: (value, now) => formatRelative(locale, value, now),
    formatNumber: (value, options) => formatNumber(locale, value, options),
    formatMinutes: (minutes) => {
      const h = Math.floor(minutes / 60);
      const m = Math.round(minutes % 60);
      return h > 0
        ? t("units.hoursMinutes", { hours: h, minutes: m }, locale)
        : t("units.minutes", { minutes: m }, locale);
    },
  };
}

/** React hook: the current language, bound t()/tn(), formatting helpers and setLocale (stable per language). */
export function useI18n(): I18n {
  const locale = useSyncExternalStore(subscribeLocale, getLocale, getLocale);
  return useMemo(() => i18nFor(locale), [locale]);
}
