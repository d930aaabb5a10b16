// Furigana for texts people write (issue 9 barrier 11, easy-read Japanese).
//
// kuromoji (IPADIC, on npm) cuts a text into words and gives each its reading (segments.ts). Its
// dictionary costs about 280 MiB of RSS and seconds of CPU to load (README: "Easy-read Japanese"),
// so it lives in a worker thread (readings-worker.ts) that starts on the first text that needs it
// and ends after an idle period (issue 14: a server that is not computing furigana does not hold
// the dictionary), and only where the server enables it (createApp's `furigana`, env
// CREWBOARD_FURIGANA; the unit tests of other features leave it off).
//
// In the server, the worker does not start while clients connect in a burst (configureReadings'
// startDeferral; realtime/connection-burst.ts): after a restart every client comes back and
// catches up at once, and the dictionary's load took a core for 1.5 s (13–15 s on a slow machine)
// in the middle of it (issue 14, reconnect storm). A need meanwhile starts it when the burst is over.
//
// Saving a text computes its segments when the dictionary is ready and stores them beside the text
// (Task.ruby, WorkOrder.ruby); a save never waits for the load: while it loads, the row keeps null
// and the read path computes them once the dictionary is there (rubyOf below), so rows from before
// this feature and rows saved during the load get furigana too.
//
// The mappers that build the DTOs are synchronous, so a text's segments are had at once: from the
// cache of computed segments below, or from the worker through a synchronous call (the main thread
// waits on a shared counter, as it waited on kuromoji itself before). A handler that maps many rows
// asks for their texts first in one message without waiting (primeRuby), so the mapping finds them
// in the cache.
import { AsyncResource } from "node:async_hooks";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import type { Logger } from "pino";
import type { RubySegment, RubyText } from "@crewboard/contracts";
import { hasKanji } from "./segments.ts";
import type { BatchRequest, ReadingWorkerData } from "./readings-worker.ts";

export { alignWord, hasKanji, toHiragana } from "./segments.ts";

/** How long the worker stays without a request before it ends (env CREWBOARD_FURIGANA_IDLE_MINUTES). */
export const DEFAULT_READINGS_IDLE_MS = 5 * 60_000;
/** A synchronous call that gets no answer in this time ends the worker (it is stuck or gone). */
const SYNC_TIMEOUT_MS = 10_000;
/**
 * A worker that ended before its dictionary loaded (files missing or broken in a deployment) is
 * started again only after this wait, doubled after each such failure up to the most: a load is
 * seconds of CPU and hundreds of MiB, and every read needing furigana would otherwise start one.
 */
const RETRY_FIRST_MS = 30_000;
const RETRY_MOST_MS = 10 * 60_000;

let enabled = false;
let idleMs = DEFAULT_READINGS_IDLE_MS;
let dictionaryPath: string | undefined;
let logger: Pick<Logger, "info" | "error"> | null = null;
/** failed loads in a row, and when the next worker may start (Date.now()) */
let failedLoads = 0;
let nextStartAt = 0;
/** how long a worker must wait before it may start now (0: at once); see configureReadings */
let startDeferral: () => number = () => 0;
/** a need came while the start was deferred: the worker starts when the deferral ends */
let deferredStart: NodeJS.Timeout | undefined;
/** when the first need of this deferral came (Date.now()): a deferral never lasts past DEFERRAL_MOST_MS */
let deferredSince: number | undefined;
/** connections that keep coming in bursts (a very large install, clients in a reconnect loop) do not keep furigana away for good */
const DEFERRAL_MOST_MS = 60_000;

/** Turns readings on or off for this process (createApp; index.ts from CREWBOARD_FURIGANA). */
export function configureReadings(options: {
  enabled: boolean;
  /** the worker ends after this long without a request (default 5 minutes) */
  idleMs?: number;
  /** the kuromoji dictionary's folder (tests: one that fails to load); default: kuromoji's own */
  dictionaryPath?: string;
  logger?: Pick<Logger, "info" | "error">;
  /** ms a worker must wait before it may start now (the server: while clients connect in a burst); default none */
  startDeferral?: () => number;
}): void {
  enabled = options.enabled;
  idleMs = options.idleMs ?? DEFAULT_READINGS_IDLE_MS;
  dictionaryPath = options.dictionaryPath;
  logger = options.logger ?? logger;
  failedLoads = 0;
  nextStartAt = 0;
  startDeferral = options.startDeferral ?? (() => 0);
  cancelDeferredStart();
}

export function readingsEnabled(): boolean {
  return enabled;
}

interface ReadingWorker {
  worker: Worker;
  syncPort: MessagePort;
  signal: Int32Array;
  ready: boolean;
  /** settles when the dictionary is loaded, or the worker failed first */
  loaded: Promise<void>;
  pending: Map<number, (segments: RubyText[] | null) => void>;
  lastUse: number;
  idleTimer: NodeJS.Timeout | undefined;
  /** ended on purpose (idle, shutdown, no answer): not a failed load */
  ending: boolean;
}

let running: ReadingWorker | null = null;
/**
 * The worker and its idle timer are started by whichever request needs them first; run in this
 * scope (made when the module loads, outside any request) their log lines do not carry that
 * request's id (http/logging.ts).
 */
const outsideRequests = new AsyncResource("crewboard.readings");
let nextBatch = 0;

/**
 * The worker, started when there is none (it loads the dictionary at once); null while its start
 * is deferred (it starts when the deferral ends) and while a failed load waits to be tried again.
 */
function readingWorker(): ReadingWorker | null {
  if (running) return running;
  if (Date.now() < nextStartAt) return null;
  const waitMs = startDeferral();
  deferredSince ??= Date.now();
  if (waitMs > 0 && Date.now() - deferredSince < DEFERRAL_MOST_MS) {
    startAfter(waitMs);
    return null;
  }
  cancelDeferredStart();
  return outsideRequests.runInAsyncScope(startWorker);
}

/** Needed while the start is deferred: asked again when the deferral ends, not on a later need (rows read meanwhile get readings sooner). */
function startAfter(waitMs: number): void {
  deferredStart ??= outsideRequests.runInAsyncScope(() =>
    setTimeout(() => {
      deferredStart = undefined;
      if (enabled) readingWorker();
    }, waitMs).unref(),
  );
}

function cancelDeferredStart(): void {
  clearTimeout(deferredStart);
  deferredStart = undefined;
  deferredSince = undefined;
}

function startWorker(): ReadingWorker {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL("./readings-worker.ts", import.meta.url), {
    workerData: { syncPort: port2, signal, dictionaryPath } satisfies ReadingWorkerData,
    transferList: [port2],
    // None of the server's node flags (tsx's loader under `npm start` and `npm run dev`): Node
    // strips the types of the worker and of segments.ts itself (no TypeScript-only syntax, only
    // packages' types imported), so the worker starts the same way under npm start, dev and vitest.
    execArgv: [],
  });
  worker.unref(); // a server that ends is not kept up by it
  let settle!: (error?: unknown) => void;
  const loaded = new Promise<void>((resolve, reject) => {
    settle = (error) => (error === undefined ? resolve() : reject(error));
  });
  loaded.catch(() => undefined); // the failure is logged below; awaited only by loadReadings
  const r: ReadingWorker = {
    worker,
    syncPort: port1,
    signal,
    ready: false,
    loaded,
    pending: new Map(),
    lastUse: Date.now(),
    idleTimer: undefined,
    ending: false,
  };
  const startedAt = Date.now();
  worker.on("message", (message: "ready" | { id: number; segments: RubyText[] | null }) => {
    if (message === "ready") {
      r.ready = true;
      failedLoads = 0;
      logger?.info({ ms: Date.now() - startedAt }, "reading dictionary loaded (furigana)");
      used(r);
      settle();
      return;
    }
    r.pending.get(message.id)?.(message.segments);
    r.pending.delete(message.id);
  });
  worker.on("error", (error) => {
    logger?.error({ err: error }, "reading dictionary worker failed");
    settle(error);
  });
  worker.on("exit", (code) => {
    if (running === r) running = null;
    if (!r.ready && !r.ending) {
      failedLoads++;
      const waitMs = Math.min(RETRY_MOST_MS, RETRY_FIRST_MS * 2 ** (failedLoads - 1));
      nextStartAt = Date.now() + waitMs;
      logger?.error(
        { failedLoads, waitMs },
        "the reading dictionary did not load; furigana is tried again after the wait",
      );
    }
    clearTimeout(r.idleTimer);
    for (const resolve of r.pending.values()) resolve(null);
    r.pending.clear();
    port1.close();
    settle(new Error(`the reading worker ended (exit code ${code})`));
  });
  running = r;
  return r;
}

/** A request: the idle period starts again. */
function used(r: ReadingWorker): void {
  r.lastUse = Date.now();
  r.idleTimer ??= outsideRequests.runInAsyncScope(() => idleCheck(r, idleMs));
}

function idleCheck(r: ReadingWorker, delay: number): NodeJS.Timeout {
  const timer = setTimeout(() => {
    r.idleTimer = undefined;
    const idle = Date.now() - r.lastUse;
    if (idle >= idleMs && r.pending.size === 0) {
      logger?.info({ idleMs }, "reading dictionary unloaded after the idle period (furigana)");
      void end(r);
    } else r.idleTimer = idleCheck(r, idle >= idleMs ? idleMs : idleMs - idle); // a batch still out: look again a period later
  }, delay);
  timer.unref();
  return timer;
}

async function end(r: ReadingWorker): Promise<void> {
  if (running === r) running = null;
  r.ending = true;
  await r.worker.terminate();
}

/** Starts the worker if needed; resolves when the dictionary is loaded (rejects when it failed to, or a failed load waits to be tried again). */
export function loadReadings(): Promise<void> {
  const r = readingWorker();
  if (!r)
    return Promise.reject(
      deferredStart
        ? new Error("the reading worker's start is deferred (clients are connecting in a burst)")
        : new Error(`the reading dictionary failed to load; tried again after ${new Date(nextStartAt).toISOString()}`),
    );
  return r.loaded;
}

/** Whether the dictionary is loaded (the segments can be computed now, without waiting for a load). */
export function readingsReady(): boolean {
  return running?.ready ?? false;
}

/** Whether the worker (and its dictionary) is in memory. */
export function readingsRunning(): boolean {
  return running !== null;
}

/** Ends the worker (shutdown; tests). */
export async function stopReadings(): Promise<void> {
  cancelDeferredStart(); // a shutdown starts no worker after it
  if (running) await end(running);
}

/** A worker that did not answer in SYNC_TIMEOUT_MS is stuck or gone: it ends, the next need starts another. */
function giveUp(r: ReadingWorker): void {
  logger?.error(
    { timeoutMs: SYNC_TIMEOUT_MS },
    "the reading worker did not answer; it is started again on the next need",
  );
  void end(r);
}

/** The texts' segments from the worker, waiting for them; null when it is not ready or did not answer. */
function computeNow(texts: string[]): RubyText[] | null {
  const r = readingWorker();
  if (!r?.ready) return null;
  used(r);
  const seen = Atomics.load(r.signal, 0);
  r.syncPort.postMessage(texts);
  if (Atomics.wait(r.signal, 0, seen, SYNC_TIMEOUT_MS) === "timed-out") {
    giveUp(r);
    return null;
  }
  return (receiveMessageOnPort(r.syncPort)?.message as RubyText[] | null | undefined) ?? null;
}

/**
 * The segments computed on the read path, by text (issue 14: rows stored without segments — the
 * demo data, rows saved while the dictionary loaded — were tokenized again on every read: a board
 * page of 100 tasks spent most of its time in kuromoji). The same dictionary gives the same
 * segments, so a text is cut once; the oldest entries go first past the bound.
 */
const computed = new Map<string, RubyText>();
// Bounded by the characters kept (about 2 M: tens of MB with their segments), so a 10,000-task
// board's titles and criteria fit, and a few long texts cannot crowd out the rest; a text longer
// than 1,000 characters (a description, read one task at a time) is not kept.
const COMPUTED_MAX_CHARS = 2_000_000;
const COMPUTED_MAX_TEXT = 1000;
let computedChars = 0;

function remember(text: string, segments: RubyText): void {
  if (text.length > COMPUTED_MAX_TEXT || computed.has(text)) return;
  while (computedChars + text.length > COMPUTED_MAX_CHARS) {
    const oldest = computed.keys().next().value!;
    computed.delete(oldest);
    computedChars -= oldest.length;
  }
  computed.set(text, segments);
  computedChars += text.length;
}

/** The segments known without the dictionary: a text without kanji, or one computed before. */
function known(text: string): RubyText | undefined {
  if (!hasKanji(text)) return text === "" ? [] : [{ text }];
  return computed.get(text);
}

/** The texts' segments together, or null when readings are off or the dictionary is not loaded yet (a load starts). */
export function rubyFor<K extends string>(texts: Record<K, string>): Record<K, RubyText> | null {
  if (!enabled) return null;
  const out = {} as Record<K, RubyText>;
  const missing: K[] = [];
  for (const key of Object.keys(texts) as K[]) {
    const segments = known(texts[key]);
    if (segments) out[key] = segments;
    else missing.push(key);
  }
  if (missing.length === 0) return out;
  const computedNow = computeNow(missing.map((key) => texts[key]));
  if (!computedNow) return null;
  missing.forEach((key, i) => {
    out[key] = computedNow[i]!;
    remember(texts[key], computedNow[i]!);
  });
  return out;
}

/** The segments of a text now, or null when readings are off or the dictionary is not loaded yet (a load starts). */
export function rubyNow(text: string): RubyText | null {
  return rubyFor({ text })?.text ?? null;
}

/**
 * Computes the segments of many texts (a page's) in the worker with one message, without blocking
 * the server while it does, so the synchronous mapping that follows finds them in the cache.
 * Does not wait for a load: while the dictionary loads, the rows go without furigana as before.
 */
export async function primeRuby(texts: Iterable<string>): Promise<void> {
  if (!enabled) return;
  const missing = new Set<string>();
  for (const text of texts) if (text.length <= COMPUTED_MAX_TEXT && !known(text)) missing.add(text);
  if (missing.size === 0) return;
  const r = readingWorker();
  if (!r?.ready) return;
  used(r);
  const batch = [...missing];
  const id = ++nextBatch;
  const segments = await new Promise<RubyText[] | null>((resolve) => {
    // a worker that does not answer must not hold the request that asked: it goes without furigana
    const stuck = setTimeout(() => {
      r.pending.delete(id);
      giveUp(r);
      resolve(null);
    }, SYNC_TIMEOUT_MS);
    stuck.unref();
    r.pending.set(id, (answer) => {
      clearTimeout(stuck);
      resolve(answer);
    });
    r.worker.postMessage({ id, texts: batch } satisfies BatchRequest);
  });
  segments?.forEach((s, i) => remember(batch[i]!, s));
}

function joined(segments: unknown): string | null {
  if (!Array.isArray(segments)) return null;
  let text = "";
  for (const s of segments) {
    if (typeof s !== "object" || s === null || typeof (s as RubySegment).text !== "string") return null;
    text += (s as RubySegment).text;
  }
  return text;
}

/** Whether the stored segments still spell the texts (any writer that changes a text without new segments makes them stale). */
function storedSpells<K extends string>(texts: Record<K, string>, stored: unknown): stored is Record<K, RubyText> {
  if (!stored || typeof stored !== "object") return false;
  const s = stored as Record<string, unknown>;
  return (Object.keys(texts) as K[]).every((key) => joined(s[key]) === texts[key]);
}

/** For a DTO: the stored segments when they still spell the texts, else computed now, else null. */
export function rubyOf<K extends string>(texts: Record<K, string>, stored: unknown): Record<K, RubyText> | null {
  if (storedSpells(texts, stored)) return stored;
  return rubyFor(texts);
}

/** The texts of rows whose stored segments do not spell them: what primeRuby is given before mapping a page. */
export function textsToCompute<K extends string>(texts: Record<K, string>, stored: unknown): string[] {
  return storedSpells(texts, stored) ? [] : Object.values<string>(texts);
}

/** For a write: the segments to store with the texts (null when not computable now: the read path fills in). */
export function rubyToStore<K extends string>(texts: Record<K, string>): Record<K, RubyText> | null {
  return rubyFor(texts);
}
