// Furigana in the browser (issue 9 barrier 11, easy-read Japanese).
//
// The words come with their readings from two places: the easy-read catalogue, whose entries
// mark them as {漢字|かんじ} (ja-easy.ts), and the server, which sends the readings of the texts
// people wrote (task and order titles, criteria: `ruby` in the DTOs, registered as they arrive in
// lib/api.ts). Both fill one table of word → reading. While easy-read is on, the JSX runtime
// (./jsx-runtime.ts) passes each text a host element renders through annotate(), which puts
// <ruby>word<rt>reading</rt></ruby> over each known word that has a kanji outside grades 1–2.
// Attributes (aria-label, title, placeholder) and spoken text stay plain: t() strips the marks.
import { hasHardKanji, KANJI_PATTERN } from "@crewboard/domain";

/** {漢字|かんじ}: a word of the catalogue and its reading (placeholders are {name}, without "|"). */
export const RUBY_MARK = /\{([^{}|]+)\|([^{}|]+)\}/g;

const readings = new Map<string, string>();
/**
 * A single kanji's reading depends on its word (急 is いそ in 急ぎ, きゅう in 至急): one learnt
 * alone is kept with the character that followed it, and used only before that same character.
 */
const singles = new Map<string, string>();
let longest = 2;

function learn(word: string, reading: string, next: string): void {
  // learnt already (a word of the table has a hard kanji): a board of 10,000 tasks repeats its words
  if (readings.has(word)) return;
  if (!hasHardKanji(word)) return;
  if ([...word].length === 1) {
    if (!singles.has(word + next)) singles.set(word + next, reading);
    return;
  }
  if (!readings.has(word)) readings.set(word, reading);
  longest = Math.max(longest, word.length);
}

/** The message with its readings learnt and its marks removed: "{相談|そうだん}する" → "相談する". */
export function stripRuby(message: string): string {
  if (!message.includes("|")) return message;
  return message.replace(RUBY_MARK, (whole: string, word: string, reading: string, offset: number) => {
    const after = message.slice(offset + whole.length);
    // the next character as it will be shown (the next mark's word, not its brace)
    learn(word, reading, after.startsWith("{") ? (/^\{([^{}|]+)\|/.exec(after)?.[1]?.[0] ?? "{") : (after[0] ?? ""));
    return word;
  });
}

/** Learns every marked word of a catalogue (when it is registered). */
export function learnCatalogue(messages: Readonly<Record<string, string>>): void {
  for (const message of Object.values(messages)) stripRuby(message);
}

interface Segment {
  text: string;
  reading?: string;
}

/** Learns the readings the server computed for a text (RubySegment[]). */
export function learnSegments(segments: readonly Segment[] | null | undefined): void {
  if (!Array.isArray(segments)) return;
  // a word split around its okurigana (受|う け 入|い れ) is learnt as its parts
  for (let index = 0; index < segments.length; index++) {
    const s = segments[index]!;
    if (s.reading && typeof s.text === "string") learn(s.text, s.reading, segments[index + 1]?.text[0] ?? "");
  }
}

/**
 * Walks an API answer for `ruby` fields (Task.ruby, WorkOrder.ruby) and learns their readings.
 * It runs on the main thread before a page of the board is handed on (issue 14: 5,000 tasks of
 * ~20 fields each): for…in over the parsed JSON's plain objects, no entry arrays made.
 */
export function learnFromResponse(value: unknown, depth = 0): void {
  if (depth > 6 || value === null || typeof value !== "object") return;
  if (Array.isArray(value)) {
    for (const item of value) learnFromResponse(item, depth + 1);
    return;
  }
  const record = value as Record<string, unknown>;
  for (const key in record) {
    const inner = record[key];
    if (inner === null || typeof inner !== "object") continue;
    if (key === "ruby") {
      const texts = inner as Record<string, unknown>;
      for (const text in texts) learnSegments(texts[text] as Segment[]);
    } else learnFromResponse(inner, depth + 1);
  }
}

/** The reading of a word, if learnt (tests). */
export function readingOf(word: string, next = ""): string | undefined {
  return readings.get(word) ?? singles.get(word + next);
}

export type Annotated = string | { word: string; reading: string };

/**
 * A text cut into plain parts and words with readings: the longest learnt word at each kanji.
 * A kanji outside grades 1–2 that no learnt word covers stays plain (the browser test finds it).
 */
export function annotate(text: string): Annotated[] {
  const out: Annotated[] = [];
  let plain = "";
  let i = 0;
  while (i < text.length) {
    if (KANJI_PATTERN.test(text[i]!)) {
      let found: string | undefined;
      let reading: string | undefined;
      for (let length = Math.min(longest, text.length - i); length >= 2; length--) {
        const word = text.slice(i, i + length);
        reading = readings.get(word);
        if (reading) {
          found = word;
          break;
        }
      }
      if (!found) {
        reading = singles.get(text[i]! + (text[i + 1] ?? ""));
        if (reading) found = text[i];
      }
      if (found && reading) {
        if (plain) out.push(plain);
        plain = "";
        out.push({ word: found, reading });
        i += found.length;
        continue;
      }
    }
    plain += text[i];
    i++;
  }
  if (plain) out.push(plain);
  return out;
}

let active = false;

/** Is easy-read Japanese on (the runtime annotates texts)? Set by the i18n layer. */
export function easyReadActive(): boolean {
  return active;
}

export function setEasyReadActive(on: boolean): void {
  active = on;
}

/** Does this text need annotating (a kanji outside grades 1–2)? */
export function needsAnnotation(text: string): boolean {
  return hasHardKanji(text);
}
