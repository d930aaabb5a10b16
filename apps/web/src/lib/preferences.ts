// The user's display preferences (saved on the server with PATCH /me) applied to <html> as data
// attributes that styles.css reads:
//   data-text-size="normal|large|larger"  data-contrast="high"  data-motion="reduce"  data-layout="simple"
// (data-layout="simple" also with easy-read, whose layout aids include the focus mode; easy-read
// itself sets data-easy-read="ja" once its catalogue is in use, i18n/index.ts)
// Reduced motion is on when the user asks for it OR the device does (prefers-reduced-motion).
// The last applied preferences are remembered on this device so that the next page load (and
// the sign-in page) look right before the session is known.
import { useSyncExternalStore } from "react";
import type { AccessibilityPreferences } from "./api.ts";
import { setEasyRead } from "../i18n/index.ts";

export type TextSize = "normal" | "large" | "larger";
export const TEXT_SIZES: readonly TextSize[] = ["normal", "large", "larger"];

export interface Preferences {
  textSize: TextSize;
  highContrast: boolean;
  reducedMotion: boolean;
  simpleLayout: boolean;
  /** break pacing on My Day: minutes between gentle reminders, or null (none) */
  breakMinutes: number | null;
  /** read-aloud speed (speech synthesis rate) */
  speechRate: number;
  /** easy-read (issue 9 barrier 11): plain Japanese with furigana; in both languages the focus mode and criteria opened */
  easyRead: boolean;
}

/** The read-aloud speeds Settings offers. */
export const SPEECH_RATES: readonly number[] = [0.75, 1, 1.25];

/** The break intervals Settings offers (minutes). */
export const BREAK_MINUTES: readonly number[] = [30, 45, 60, 90];

export const DEFAULT_PREFERENCES: Preferences = {
  textSize: "normal",
  highContrast: false,
  reducedMotion: false,
  simpleLayout: false,
  breakMinutes: null,
  speechRate: 1,
  easyRead: false,
};

const STORAGE_KEY = "crewboard.preferences";

export function normalizePreferences(
  value: AccessibilityPreferences | Partial<Preferences> | null | undefined,
): Preferences {
  const v = value ?? {};
  return {
    textSize: TEXT_SIZES.includes(v.textSize as TextSize) ? (v.textSize as TextSize) : "normal",
    highContrast: v.highContrast === true,
    reducedMotion: v.reducedMotion === true,
    simpleLayout: v.simpleLayout === true,
    breakMinutes:
      typeof v.breakMinutes === "number" && v.breakMinutes >= 15 && v.breakMinutes <= 240 ? v.breakMinutes : null,
    speechRate: typeof v.speechRate === "number" && v.speechRate >= 0.5 && v.speechRate <= 2 ? v.speechRate : 1,
    easyRead: v.easyRead === true,
  };
}

const REDUCED_MOTION_QUERY = "(prefers-reduced-motion: reduce)";

/** Does the device ask for reduced motion? */
export function systemPrefersReducedMotion(): boolean {
  return typeof matchMedia === "function" && matchMedia(REDUCED_MOTION_QUERY).matches;
}

let current: Preferences = DEFAULT_PREFERENCES;
const listeners = new Set<() => void>();

export function getPreferences(): Preferences {
  return current;
}

/** Applies `prefs` to the document now (and remembers them on this device). */
export function applyPreferences(prefs: Preferences, root: HTMLElement = document.documentElement): void {
  current = prefs;
  root.dataset.textSize = prefs.textSize;
  toggle(root, "contrast", prefs.highContrast ? "high" : undefined);
  toggle(root, "motion", prefs.reducedMotion || systemPrefersReducedMotion() ? "reduce" : undefined);
  toggle(root, "layout", focusModeOf(prefs) ? "simple" : undefined);
  setEasyRead(prefs.easyRead);
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(prefs));
  } catch {
    // storage disabled: applied for this page only
  }
  for (const listener of listeners) listener();
}

function toggle(root: HTMLElement, name: string, value: string | undefined): void {
  if (value) root.dataset[name] = value;
  else delete root.dataset[name];
}

/** At start: the preferences last applied on this device; follows the device's motion setting. */
export function applyCachedPreferences(): void {
  let cached: Preferences = DEFAULT_PREFERENCES;
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (raw) cached = normalizePreferences(JSON.parse(raw) as Partial<Preferences>);
  } catch {
    // unreadable: defaults
  }
  applyPreferences(cached);
  if (typeof matchMedia === "function") {
    matchMedia(REDUCED_MOTION_QUERY).addEventListener?.("change", () => applyPreferences(current));
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The preferences in force (e.g. `simpleLayout` for My Day's one-task-at-a-time view). */
export function usePreferences(): Preferences {
  return useSyncExternalStore(subscribe, getPreferences, getPreferences);
}

/** My Day's focus mode (one task at a time): asked for itself, or as one of easy-read's layout aids. */
export function focusModeOf(prefs: Preferences): boolean {
  return prefs.simpleLayout || prefs.easyRead;
}

/** Should animations run? False when the user or the device asks for reduced motion. */
export function useMotionAllowed(): boolean {
  const prefs = usePreferences();
  return !(prefs.reducedMotion || systemPrefersReducedMotion());
}
