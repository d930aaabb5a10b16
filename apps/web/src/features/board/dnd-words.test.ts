// Issue 9 barrier 9: the drag and drop speaks our own words (dnd-words.ts, put in place of the
// library's catalogue by vite.config.ts).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dndWords } from "./dnd-words.ts";

const library = (locale: string) =>
  readFileSync(
    new URL(`../../../../../node_modules/react-aria/dist/private/intl/dnd/${locale}.mjs`, import.meta.url),
    "utf8",
  );
const keysOf = (source: string) => [...source.matchAll(/^\s+"(\w+)":/gm)].map((m) => m[1]).sort();

describe("drag and drop words", () => {
  it("cover every key of the library's catalogue, in Japanese and English", () => {
    const keys = keysOf(library("en-US"));
    expect(keys.length).toBeGreaterThan(20);
    expect(Object.keys(dndWords.ja).sort()).toEqual(keys);
    expect(Object.keys(dndWords.en).sort()).toEqual(keys);
  });

  it("say 移動 in plain, polite Japanese: no ドラッグ, ドロップ or ターゲット, sentences end in です・ます", () => {
    const f = { number: (n: number) => String(n) };
    const args = { itemText: "伝票 1〜60 の入力", beforeItemText: "A", afterItemText: "B", count: 2 };
    for (const [key, word] of Object.entries(dndWords.ja)) {
      const text = typeof word === "function" ? word(args, f) : word;
      expect(text, key).not.toMatch(/ドラッグ|ドロップ|ターゲット|インジケーター/);
      // a sentence (it has a 。) ends politely
      for (const sentence of text
        .split("。")
        .filter((s) => s.trim())
        .slice(0, -1))
        expect(sentence, key).toMatch(/(ます|ました|ません|ください|せます)$/);
    }
    expect(dndWords.ja.dragStartedKeyboard).toBe(
      "カードを動かしています。Tab キーで移動先の列を選んで、Enter キーを押してください。やめるときは Esc キーを押してください。",
    );
  });

  it("English says move, not drag or drop target", () => {
    for (const [key, word] of Object.entries(dndWords.en)) {
      const text =
        typeof word === "function"
          ? word({ itemText: "x", beforeItemText: "a", afterItemText: "b", count: 2 }, { number: String })
          : word;
      expect(text, key).not.toMatch(/drag|drop target|drop indicator/i);
    }
  });
});
