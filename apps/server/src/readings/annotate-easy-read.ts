// Proposes the furigana marks of the easy-read catalogue (apps/web/src/i18n/easy-read/ja-easy.ts):
// each word of an entry with a kanji outside grades 1–2 that has no mark yet gets {漢字|かんじ}
// from the reading dictionary, and the file is written back. A person then reads the result (a
// dictionary reading can be wrong in context) before committing it.
//   npm run easy-read:readings -w @crewboard/server
// Measures the dictionary's memory too (issue 9 barrier 11: README "Easy-read Japanese").
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { hasHardKanji } from "@crewboard/domain";
import { alignWord, loadTokenizer, toHiragana } from "./segments.ts";

const file = fileURLToPath(new URL("../../../web/src/i18n/easy-read/ja-easy.ts", import.meta.url));
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

globalThis.gc?.();
const before = process.memoryUsage();
const started = performance.now();
const tokenizer = await loadTokenizer(); // in this process: its memory is what is measured
const loadMs = performance.now() - started;
globalThis.gc?.();
const after = process.memoryUsage();
console.log(
  `reading dictionary: loaded in ${(loadMs / 1000).toFixed(1)} s; RSS ${mb(before.rss)} → ${mb(after.rss)} (+${mb(after.rss - before.rss)}), ` +
    `heap used ${mb(before.heapUsed)} → ${mb(after.heapUsed)}, array buffers ${mb(before.arrayBuffers)} → ${mb(after.arrayBuffers)}`,
);

/** {name} placeholders and existing marks stay as they are; the text between them is marked. */
function mark(message: string): string {
  return message
    .split(/(\{\w+\}|\{[^{}|]+\|[^{}|]+\})/)
    .map((part) => {
      if (part.startsWith("{") || !hasHardKanji(part)) return part;
      return tokenizer
        .tokenize(part)
        .map((token) => {
          const surface = token.surface_form;
          if (!hasHardKanji(surface) || !token.reading || token.reading === "*") return surface;
          return alignWord(surface, toHiragana(token.reading))
            .map((s) => (s.reading && hasHardKanji(s.text) ? `{${s.text}|${s.reading}}` : s.text))
            .join("");
        })
        .join("");
    })
    .join("");
}

const { jaEasy } = (await import(file)) as { jaEasy: Record<string, string> };
let source = readFileSync(file, "utf8");
let changed = 0;
for (const message of new Set(Object.values(jaEasy))) {
  const marked = mark(message);
  if (marked === message) continue;
  source = source.split(JSON.stringify(message)).join(JSON.stringify(marked));
  changed++;
}
writeFileSync(file, source);
console.log(`${changed} entries marked in ${file}`);
