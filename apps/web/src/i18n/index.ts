// A tiny hand-written i18n: two typed catalogues, t(key, vars), and a hook that
// re-renders React when the language changes.
//
// Language: the user's saved choice (localStorage), else the browser language
// when it starts with "en", else Japanese (the default).
import { useSyncExternalStore } from "react";
import { en } from "./en.ts";
import { ja, type Catalogue, type MessageKey } from "./ja.ts";

export type { Catalogue, MessageKey };
export type Locale = "ja" | "en";

export const locales: readonly Locale[] = ["ja", "en"];
export const catalogues: Readonly<Record<Locale, Catalogue>> = { ja, en };

const STORAGE_KEY = "crewboard.locale";

function isLocale(value: unknown): value is Locale {
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

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export type Vars = Readonly<Record<string, string | number>>;

/** Looks up a message in the current language and fills `{name}` placeholders. */
export function t(key: MessageKey, vars?: Vars, locale: Locale = current): string {
  const message = catalogues[locale][key];
  if (!vars) return message;
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

/** BCP 47 tag for Intl formatting. */
export function intlLocale(locale: Locale = current): string {
  return locale === "ja" ? "ja-JP" : "en-GB";
}

/** React hook: the current language, a bound t(), and setLocale. */
export function useI18n(): {
  locale: Locale;
  t: (key: MessageKey, vars?: Vars) => string;
  setLocale: (locale: Locale) => void;
} {
  const locale = useSyncExternalStore(subscribe, getLocale, getLocale);
  return { locale, t: (key, vars) => t(key, vars, locale), setLocale };
}
