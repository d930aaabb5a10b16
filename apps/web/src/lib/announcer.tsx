// Screen-reader announcements (WCAG 4.1.3): ONE polite live region for the whole app, fed in
// batches, and an assertive region for errors only.
//
//   announce("Task #12-1 blocked: two slips unreadable", { group: "tasks", important: true });
//   announceError(t("error.network"));
//
// Batching: messages that arrive within BATCH_WINDOW_MS of the first one are spoken as one
// announcement. Per group, one message is spoken as it is; several become a count
// ("3 tasks updated"). Messages marked `important` are always spoken in full (up to three; more
// are counted with their group). And never more than one polite announcement per MIN_INTERVAL_MS (5 s): what
// arrives in between waits and joins the next one. Live updates never move focus.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useI18n, type I18n } from "../i18n/index.ts";

export const BATCH_WINDOW_MS = 1000;
export const MIN_INTERVAL_MS = 5000;
const IMPORTANT_MAX = 3;

/** Groups summarised as a count when several arrive together. */
export type AnnounceGroup = "tasks" | "workOrders" | "messages" | "progress" | "updates";

export interface AnnounceOptions {
  group?: AnnounceGroup;
  /** spoken in full even in a busy batch (e.g. a task became blocked) */
  important?: boolean;
}

interface Pending {
  text: string;
  group: AnnounceGroup;
  important: boolean;
}

export interface AnnouncerClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: AnnouncerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Turns a batch into one sentence, in the current language. */
export function composeBatch(batch: readonly Pending[], i18n: Pick<I18n, "tn">): string {
  const parts: string[] = [];
  const important = batch.filter((m) => m.important);
  for (const message of important.slice(0, IMPORTANT_MAX)) parts.push(message.text);
  const rest = [...important.slice(IMPORTANT_MAX), ...batch.filter((m) => !m.important)];
  const byGroup = new Map<AnnounceGroup, Pending[]>();
  for (const message of rest) byGroup.set(message.group, [...(byGroup.get(message.group) ?? []), message]);
  for (const [group, messages] of byGroup) {
    if (messages.length === 1 && important.length < IMPORTANT_MAX) parts.push(messages[0]!.text);
    else parts.push(i18n.tn(`announce.${group}`, messages.length));
  }
  return parts.join(" ");
}

type Listener = (text: string, politeness: "polite" | "assertive") => void;

/** The batching logic, without React (tested with fake timers in announcer.test.tsx). */
export class Announcer {
  private batch: Pending[] = [];
  private timer: unknown;
  private lastSpokenAt = -Infinity;
  private readonly listeners = new Set<Listener>();

  constructor(
    private compose: (batch: readonly Pending[]) => string,
    private readonly clock: AnnouncerClock = realClock,
  ) {}

  setComposer(compose: (batch: readonly Pending[]) => string): void {
    this.compose = compose;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  announce(text: string, options: AnnounceOptions = {}): void {
    const trimmed = text.trim();
    if (!trimmed) return;
    this.batch.push({ text: trimmed, group: options.group ?? "updates", important: options.important ?? false });
    if (this.timer !== undefined) return; // joins the batch already waiting
    const now = this.clock.now();
    const at = Math.max(now + BATCH_WINDOW_MS, this.lastSpokenAt + MIN_INTERVAL_MS);
    this.timer = this.clock.setTimeout(() => this.flush(), at - now);
  }

  /** Errors: spoken at once and assertively, never batched or delayed. */
  announceError(text: string): void {
    const trimmed = text.trim();
    if (trimmed) this.emit(trimmed, "assertive");
  }

  /** Drops anything waiting (e.g. on sign-out). */
  clear(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.batch = [];
  }

  private flush(): void {
    this.timer = undefined;
    const batch = this.batch;
    this.batch = [];
    if (!batch.length) return;
    this.lastSpokenAt = this.clock.now();
    this.emit(this.compose(batch), "polite");
  }

  private emit(text: string, politeness: "polite" | "assertive"): void {
    for (const listener of this.listeners) listener(text, politeness);
  }
}

/** The app's one announcer; the <AnnouncerRegions> component gives it its words and regions. */
export const announcer = new Announcer((batch) => batch.map((m) => m.text).join(" "));

export function announce(text: string, options?: AnnounceOptions): void {
  announcer.announce(text, options);
}

export function announceError(text: string): void {
  announcer.announceError(text);
}

const AnnouncerContext = createContext<Announcer>(announcer);

/** For components: `const { announce, announceError } = useAnnouncer()`. */
export function useAnnouncer(): {
  announce: (text: string, options?: AnnounceOptions) => void;
  announceError: (text: string) => void;
} {
  const instance = useContext(AnnouncerContext);
  return {
    announce: (text, options) => instance.announce(text, options),
    announceError: (text) => instance.announceError(text),
  };
}

/**
 * Renders the two live regions (once, near the top of <body> content). The regions are always in
 * the page, empty until something is said, so screen readers pick up every change. The same text
 * twice in a row is still spoken: the region is emptied first.
 */
export function AnnouncerRegions({ instance = announcer, children }: { instance?: Announcer; children?: ReactNode }) {
  const i18n = useI18n();
  const [polite, setPolite] = useState("");
  const [assertive, setAssertive] = useState("");

  useEffect(() => {
    instance.setComposer((batch) => composeBatch(batch, i18n));
  }, [instance, i18n]);

  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const off = instance.subscribe((text, politeness) => {
      const set = politeness === "polite" ? setPolite : setAssertive;
      set("");
      const timer = setTimeout(() => {
        timers.delete(timer);
        set(text);
      }, 50);
      timers.add(timer);
    });
    return () => {
      off();
      for (const timer of timers) clearTimeout(timer);
    };
  }, [instance]);

  return (
    <AnnouncerContext.Provider value={instance}>
      <div className="visually-hidden" aria-live="polite" aria-atomic="true" data-testid="announcer-polite">
        {polite}
      </div>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="announcer-assertive">
        {assertive}
      </div>
      {children}
    </AnnouncerContext.Provider>
  );
}
