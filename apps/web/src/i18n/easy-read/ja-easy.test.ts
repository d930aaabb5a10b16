// Issue 9 barrier 11: the easy-read catalogue says no jargon of the deny-list, every kanji outside
// grades 1–2 in it has its reading, and the keys of the crew's screens it covers (and does not
// yet) are listed (the snapshot beside this file) so the gap is visible.
import { describe, expect, it } from "vitest";
import { EARLY_GRADE_KANJI, hasHardKanji, KANJI_GRADE_1, KANJI_GRADE_2 } from "@crewboard/domain";
import { commonJa } from "../ja.ts";
import { myDayJa } from "../../features/my-day/messages.ts";
import { chatJa } from "../../features/chat/messages.ts";
import { accountJa } from "../../features/account/messages.ts";
import { followThroughJa } from "../../features/follow-through/messages.ts";
import { jaEasy } from "./ja-easy.ts";
import { EASY_READ_DENY_LIST, EASY_WORDS } from "./words.ts";
import { annotate, learnCatalogue, learnFromResponse, learnSegments, readingOf, RUBY_MARK, stripRuby } from "./ruby.ts";

const ja: Record<string, string> = { ...commonJa, ...myDayJa, ...chatJa, ...accountJa, ...followThroughJa };

describe("the easy-read catalogue (ja-easy)", () => {
  it("uses the 240 kanji of grades 1–2 as the list that needs no reading", () => {
    expect([...KANJI_GRADE_1]).toHaveLength(80);
    expect([...KANJI_GRADE_2]).toHaveLength(160);
    expect(EARLY_GRADE_KANJI.size).toBe(240);
  });

  it("has only keys the Japanese catalogue has (a typo would never be shown)", () => {
    expect(Object.keys(jaEasy).filter((key) => !(key in ja))).toEqual([]);
  });

  it("names the same placeholders as the Japanese catalogue (a lost {title} would be shown as written)", () => {
    const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    const differ = Object.entries(jaEasy)
      .filter(([key, message]) => key in ja && placeholders(message).join() !== placeholders(ja[key]!).join())
      .map(([key]) => key);
    expect(differ).toEqual([]);
  });

  it("says no word of the deny-list", () => {
    const found = Object.entries(jaEasy).flatMap(([key, message]) =>
      EASY_READ_DENY_LIST.filter((word) => stripRuby(message).includes(word)).map((word) => `${key}: ${word}`),
    );
    expect(found).toEqual([]);
  });

  it("gives every kanji outside grades 1–2 a reading, in hiragana", () => {
    const missing: string[] = [];
    const badReadings: string[] = [];
    for (const [key, message] of Object.entries(jaEasy)) {
      const unmarked = message.replace(RUBY_MARK, "");
      if (hasHardKanji(unmarked)) missing.push(`${key}: ${unmarked}`);
      for (const [, word, reading] of message.matchAll(RUBY_MARK)) {
        if (!/^[\u3041-\u3096ー]+$/.test(reading!) || !hasHardKanji(word!))
          badReadings.push(`${key}: ${word}|${reading}`);
      }
    }
    expect(missing).toEqual([]);
    expect(badReadings).toEqual([]);
  });

  it("uses the easy word of each glossary term, never the term's jargon", () => {
    for (const word of EASY_WORDS) {
      for (const easy of word.easy.split(" / ")) expect(EASY_READ_DENY_LIST).not.toContain(easy);
    }
  });

  it("covers the crew's screens: the keys without an easy-read version fall back to ja (listed)", () => {
    const screens: Record<string, (key: string) => boolean> = {
      "sign-in": (k) => k.startsWith("signIn."),
      "shell (menu, help, notifications bell)": (k) => /^(app|nav|help|header|inbox)\./.test(k),
      "My Day with focus mode, task card, check-in": (k) => k.startsWith("myDay."),
      "help / talk to a manager": (k) => /^chat\.(talkToManager|talk|support)\./.test(k),
      chat: (k) => /^chat\.(title|rooms|kind|team|conversation|message|composer|typing|announce)\b/.test(k),
      settings: (k) => k.startsWith("settings.") && !k.startsWith("settings.displayName"),
      "statuses and conditions": (k) => /^(taskStatus|condition|place|presence)\./.test(k),
    };
    const coverage = Object.fromEntries(
      Object.entries(screens).map(([screen, belongs]) => {
        const keys = Object.keys(ja).filter(belongs);
        const missing = keys.filter((key) => !(key in jaEasy));
        return [screen, { covered: keys.length - missing.length, of: keys.length, fallsBackToJa: missing }];
      }),
    );
    expect(coverage).toMatchSnapshot();
    // the words My Day shows at first sight are all there
    for (const key of [
      "myDay.title",
      "myDay.tasks.heading",
      "myDay.focus.next",
      "myDay.focus.report",
      "myDay.card.criteria",
      "myDay.checkIn.heading",
      "help.talkToManager",
      "nav.myDay",
      "signIn.title",
      "settings.easyRead",
    ])
      expect(jaEasy, key).toHaveProperty([key]);
  });
});

describe("furigana in the page", () => {
  it("puts the longest learnt word's reading over it, only where a kanji is outside grades 1–2", () => {
    learnCatalogue({ a: "{管理者|かんりしゃ}に{相談|そうだん}する", b: "{管理|かんり}" });
    learnSegments([{ text: "伝票", reading: "でんぴょう" }, { text: "の" }, { text: "入力", reading: "にゅうりょく" }]);
    expect(annotate("管理者に相談します")).toEqual([
      { word: "管理者", reading: "かんりしゃ" },
      "に",
      { word: "相談", reading: "そうだん" },
      "します",
    ]);
    expect(annotate("伝票の入力（今日）")).toEqual([
      { word: "伝票", reading: "でんぴょう" },
      "の入力（今日）", // 入, 力, 今 and 日 are grade 1–2 kanji: no reading
    ]);
    expect(stripRuby("{管理者|かんりしゃ}に{name}さん")).toBe("管理者に{name}さん");
  });

  it("learns the readings of every ruby field of an API answer (a page of tasks), the first one kept", () => {
    learnFromResponse({
      items: [
        { id: "a", ruby: { title: [{ text: "請求", reading: "せいきゅう" }, { text: "書" }] }, assignee: null },
        { id: "b", workOrder: { ruby: { title: [{ text: "納品", reading: "のうひん" }] } }, ruby: null },
        { id: "c", ruby: { title: [{ text: "請求", reading: "べつ" }], acceptanceCriteria: [] } },
      ],
      nextCursor: null,
    });
    expect(readingOf("請求")).toBe("せいきゅう");
    expect(readingOf("納品")).toBe("のうひん");
  });
});
