// Furigana for texts people write (issue 9 barrier 11, easy-read Japanese).
//
// kuromoji (IPADIC, on npm) cuts a text into words and gives each its reading. Its dictionary
// costs about 360 MB of RSS and several seconds to load (README: "Easy-read Japanese"), so it is
// loaded once, lazily — on the first text that needs it — and only where the server enables it
// (createApp's `furigana`, env CREWBOARD_FURIGANA; the unit tests of other features leave it off).
//
// Saving a text computes its segments when the dictionary is ready and stores them beside the text
// (Task.ruby, WorkOrder.ruby); a save never waits for the load: while it loads, the row keeps null
// and the read path computes them once the dictionary is there (rubyOf below), so rows from before
// this feature and rows saved during the load get furigana too.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { IpadicFeatures, Tokenizer } from "kuromoji";
import type { RubySegment, RubyText } from "@crewboard/contracts";

let enabled = false;
let tokenizer: Tokenizer<IpadicFeatures> | null = null;
let loading: Promise<Tokenizer<IpadicFeatures>> | null = null;

/** Turns readings on or off for this process (createApp; index.ts from CREWBOARD_FURIGANA). */
export function configureReadings(options: { enabled: boolean }): void {
  enabled = options.enabled;
}

export function readingsEnabled(): boolean {
  return enabled;
}

/** Loads the dictionary once (later calls get the same promise). */
export function loadReadings(): Promise<Tokenizer<IpadicFeatures>> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const kuromoji = (await import("kuromoji")).default;
    const dicPath = join(dirname(require.resolve("kuromoji/package.json")), "dict");
    return new Promise<Tokenizer<IpadicFeatures>>((resolve, reject) => {
      kuromoji.builder({ dicPath }).build((error, built) => {
        if (error) reject(error);
        else resolve(built);
      });
    });
  })().then(
    (built) => {
      tokenizer = built;
      return built;
    },
    (error: unknown) => {
      loading = null; // tried again on the next need
      throw error;
    },
  );
  return loading;
}

/** Whether the dictionary is loaded (the segments can be computed now, without waiting). */
export function readingsReady(): boolean {
  return tokenizer !== null;
}

const KANJI = /[\p{Script=Han}々〆ヶ]/u;
const KANJI_RUN = /([\p{Script=Han}々〆ヶ]+)/u;

export function hasKanji(text: string): boolean {
  return KANJI.test(text);
}

/** Katakana → hiragana (the readings are shown in hiragana). */
export function toHiragana(text: string): string {
  return text.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * One word and its reading → segments with the reading over the kanji only:
 * 受け入れ/うけいれ → 受(う) け 入(い) れ. When the kana do not line up, the whole word gets the reading.
 */
export function alignWord(surface: string, reading: string): RubySegment[] {
  const parts = surface.split(KANJI_RUN).filter((p) => p !== "");
  const pattern = parts.map((p) => (KANJI.test(p) ? "(.+?)" : `(${escapeRegExp(toHiragana(p))})`)).join("");
  const match = new RegExp(`^${pattern}$`, "u").exec(reading);
  if (!match) return [{ text: surface, reading }];
  return parts.map((p, i) => (KANJI.test(p) ? { text: p, reading: match[i + 1]! } : { text: p }));
}

function readingOf(t: Tokenizer<IpadicFeatures>, word: string): RubySegment[] {
  const token = t.tokenize(word);
  const out: RubySegment[] = [];
  for (const tk of token) {
    const reading = tk.reading && tk.reading !== "*" ? toHiragana(tk.reading) : undefined;
    if (!hasKanji(tk.surface_form)) out.push({ text: tk.surface_form });
    else if (reading) out.push(...alignWord(tk.surface_form, reading));
    else if ([...tk.surface_form].length > 1) {
      // an unknown compound: each kanji on its own (better a reading per kanji than none)
      for (const ch of tk.surface_form) out.push(...readingOf(t, ch));
    } else out.push({ text: tk.surface_form });
  }
  return out;
}

/** Joins neighbouring segments without readings, so a text is a few segments, not one per word. */
function compact(segments: RubySegment[]): RubyText {
  const out: RubySegment[] = [];
  for (const s of segments) {
    const last = out.at(-1);
    if (last && last.reading === undefined && s.reading === undefined) last.text += s.text;
    else out.push({ ...s });
  }
  return out;
}

/** The segments of a text, with the dictionary given (loaded). */
export function segmentsWith(t: Tokenizer<IpadicFeatures>, text: string): RubyText {
  if (!hasKanji(text)) return text === "" ? [] : [{ text }];
  return compact(readingOf(t, text));
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

function cachedSegments(t: Tokenizer<IpadicFeatures>, text: string): RubyText {
  const hit = computed.get(text);
  if (hit) return hit;
  const segments = segmentsWith(t, text);
  if (text.length <= COMPUTED_MAX_TEXT) {
    while (computedChars + text.length > COMPUTED_MAX_CHARS) {
      const oldest = computed.keys().next().value!;
      computed.delete(oldest);
      computedChars -= oldest.length;
    }
    computed.set(text, segments);
    computedChars += text.length;
  }
  return segments;
}

/** The segments of a text now, or null when readings are off or the dictionary is not loaded yet (a load starts). */
export function rubyNow(text: string): RubyText | null {
  if (!enabled) return null;
  if (!hasKanji(text)) return text === "" ? [] : [{ text }];
  if (!tokenizer) {
    void loadReadings().catch(() => undefined); // logged by whoever awaits it; the next need tries again
    return null;
  }
  return cachedSegments(tokenizer, text);
}

/** The texts' segments together, or null when any of them cannot be computed now. */
export function rubyFor<K extends string>(texts: Record<K, string>): Record<K, RubyText> | null {
  const out = {} as Record<K, RubyText>;
  for (const key of Object.keys(texts) as K[]) {
    const segments = rubyNow(texts[key]);
    if (!segments) return null;
    out[key] = segments;
  }
  return out;
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

/**
 * For a DTO: the stored segments when they still spell the texts (any writer that changes a text
 * without new segments makes them stale), else computed now, else null.
 */
export function rubyOf<K extends string>(texts: Record<K, string>, stored: unknown): Record<K, RubyText> | null {
  if (stored && typeof stored === "object") {
    const s = stored as Record<string, unknown>;
    if ((Object.keys(texts) as K[]).every((key) => joined(s[key]) === texts[key])) return s as Record<K, RubyText>;
  }
  return rubyFor(texts);
}

/** For a write: the segments to store with the texts (null when not computable now: the read path fills in). */
export function rubyToStore<K extends string>(texts: Record<K, string>): Record<K, RubyText> | null {
  return rubyFor(texts);
}
