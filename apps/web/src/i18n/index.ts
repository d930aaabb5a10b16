// The one i18n layer: typed catalogues in two languages, t(key, vars), tn(key, count) for
// plurals, Intl formatting, and a hook that re-renders React when the language changes.
//
// Loading: the common catalogue (./ja.ts, ./en.ts) is here from the start; each feature's words
// are registered by loadMessages() when a screen that needs them loads (./features.ts,
// app/lazy-screen.ts). A key whose words are not loaded yet shows as the key itself, which the
// route loading makes impossible: a screen renders only after its words are registered.
//
// Language: the signed-in user's saved locale (applied by the session, see app/session.tsx);
// before sign-in the choice made on this device (localStorage), else the browser language when
// it starts with "en", else Japanese (the default). Switching also sets <html lang>.
import { createElement, Fragment, useMemo, useSyncExternalStore, type ReactNode } from "react";
import { commonEn } from "./en.ts";
import { commonJa } from "./ja.ts";
import { featureMessages, type FeatureMessages, type FeatureName, type MessageKey } from "./features.ts";
import { learnCatalogue, setEasyReadActive, stripRuby, easyReadActive } from "./easy-read/ruby.ts";
import {
  formatDate,
  formatDue,
  formatNumber,
  formatRelative,
  intlLocale,
  pluralCategory,
  type DateStyle,
} from "./format.ts";

export type { MessageKey, DateStyle, FeatureName };
export { intlLocale };
export type Locale = "ja" | "en";

export const locales: readonly Locale[] = ["ja", "en"];
/** The words registered so far, per language: the common ones, then each loaded feature's. */
const catalogues: Record<Locale, Record<string, string>> = { ja: { ...commonJa }, en: { ...commonEn } };
const loading = new Map<FeatureName, Promise<void>>();

/** Adds one feature's words (both languages) to the catalogues. */
export function registerMessages(messages: FeatureMessages): void {
  Object.assign(catalogues.ja, messages.ja);
  Object.assign(catalogues.en, messages.en);
}

/** Loads and registers the words of these features (each once; a failed load is tried again next time). */
export function loadMessages(features: readonly FeatureName[]): Promise<void> {
  return Promise.all(
    features.map((feature) => {
      let pending = loading.get(feature);
      if (!pending) {
        pending = featureMessages[feature]().then(registerMessages, (error: unknown) => {
          loading.delete(feature);
          throw error;
        });
        loading.set(feature, pending);
      }
      return pending;
    }),
  ).then(() => undefined);
}

/** Whether a key's words are registered (tests, and the static check of the routes). */
export function hasMessage(key: string, locale: Locale = current): boolean {
  return key in catalogues[locale];
}

/** Tests only: back to the common catalogue, as on a first load. */
export function resetMessagesForTests(): void {
  for (const locale of locales) {
    for (const key of Object.keys(catalogues[locale])) delete catalogues[locale][key];
  }
  Object.assign(catalogues.ja, commonJa);
  Object.assign(catalogues.en, commonEn);
  loading.clear();
}

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

// Easy-read Japanese (issue 9 barrier 11): with the user's `easyRead` preference on and the UI in
// Japanese, t() takes a message from the plain-Japanese catalogue (./easy-read/ja-easy.ts, loaded
// when first needed) and falls back to `ja`; the JSX runtime adds the furigana. In English the
// English catalogue stays (the preference there turns on the layout aids only, lib/preferences.ts).
let easyReadWanted = false;
let easyCatalogue: Readonly<Record<string, string>> | null = null;
let easyLoading: Promise<void> | null = null;

function refreshEasyRead(): void {
  const active = easyReadWanted && current === "ja" && easyCatalogue !== null;
  const changed = active !== easyReadActive();
  setEasyReadActive(active);
  if (typeof document !== "undefined") {
    if (active) document.documentElement.dataset.easyRead = "ja";
    else delete document.documentElement.dataset.easyRead;
  }
  if (changed) for (const listener of listeners) listener();
}

/** Loads the easy-read catalogue (once) and learns its readings. */
export function loadEasyRead(): Promise<void> {
  easyLoading ??= import("./easy-read/ja-easy.ts").then(
    ({ jaEasy }) => {
      learnCatalogue(jaEasy);
      easyCatalogue = jaEasy;
    },
    (error: unknown) => {
      easyLoading = null;
      throw error;
    },
  );
  return easyLoading;
}

/** Turns easy-read on or off (the user's preference; applied by lib/preferences.ts). */
export function setEasyRead(on: boolean): void {
  easyReadWanted = on;
  if (on && !easyCatalogue) {
    loadEasyRead().then(refreshEasyRead, () => undefined); // not loaded: the ja words stay
  }
  refreshEasyRead();
}

/** Is the easy-read catalogue in use now (on, in Japanese, loaded)? */
export function isEasyReadActive(): boolean {
  return easyReadActive();
}

/** The message for a key, before its placeholders are filled: easy-read first where it applies. */
function messageOf(key: string, locale: Locale): string {
  const easy = locale === "ja" && easyReadActive() ? easyCatalogue?.[key] : undefined;
  return stripRuby(easy ?? catalogues[locale][key] ?? key);
}

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
  refreshEasyRead();
  for (const listener of listeners) listener();
}

export function subscribeLocale(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Vars = Readonly<Record<string, string | number>>;

/** Looks up a message and fills `{name}` placeholders (numbers are formatted for the locale). */
export function t(key: MessageKey, vars?: Vars, locale: Locale = current): string {
  const message = messageOf(key, locale);
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
  const message = messageOf(key, locale);
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
  const chosen =
    exact in catalogues[locale] || (locale === "ja" && easyCatalogue && exact in easyCatalogue)
      ? exact
      : (`${key}.other` as MessageKey);
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
/** What the words depend on: the language, and whether easy-read is in use. */
function wordsSnapshot(): string {
  return easyReadActive() ? `${current}:easy` : current;
}

export function useI18n(): I18n {
  const words = useSyncExternalStore(subscribeLocale, wordsSnapshot, wordsSnapshot);
  // `words` changes with the language and with easy-read; t() reads both
  return useMemo(() => i18nFor(words.split(":")[0] as Locale), [words]);
}
