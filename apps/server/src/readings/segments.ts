// Cutting a text into furigana segments with kuromoji (IPADIC): the pure part of readings.ts, shared
// by the reading worker (readings-worker.ts), which holds the dictionary, and the easy-read
// catalogue script (annotate-easy-read.ts). Only type imports from packages: the worker runs this
// file too, and a worker started without the tsx loader (vitest) loads it with Node's type stripping.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { IpadicFeatures, Tokenizer } from "kuromoji";
import type { RubySegment, RubyText } from "@crewboard/contracts";

export type ReadingTokenizer = Tokenizer<IpadicFeatures>;

/** Loads the dictionary into this thread (about 280 MiB of RSS and seconds of CPU: README "Easy-read Japanese"). */
export async function loadTokenizer(
  dicPath = join(dirname(createRequire(import.meta.url).resolve("kuromoji/package.json")), "dict"),
): Promise<ReadingTokenizer> {
  const kuromoji = (await import("kuromoji")).default;
  return new Promise<ReadingTokenizer>((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((error, built) => {
      if (error) reject(error);
      else resolve(built);
    });
  });
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

function readingOf(t: ReadingTokenizer, word: string): RubySegment[] {
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
export function segmentsWith(t: ReadingTokenizer, text: string): RubyText {
  if (!hasKanji(text)) return text === "" ? [] : [{ text }];
  return compact(readingOf(t, text));
}
