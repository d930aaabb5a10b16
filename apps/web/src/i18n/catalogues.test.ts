import { describe, expect, it } from "vitest";
import { commonEn } from "./en.ts";
import { commonJa } from "./ja.ts";
import { featureMessages, featureNames, type MessageKey } from "./features.ts";
import { i18nFor, loadMessages } from "./index.ts";
import { formatDate, formatDue, formatNumber } from "./format.ts";
import { GLOSSARY } from "./glossary.ts";

// The common catalogue and every feature's (loaded per screen at run time), each in ja and en.
const parts = [
  {
    name: "common",
    ja: commonJa as Readonly<Record<string, string>>,
    en: commonEn as Readonly<Record<string, string>>,
  },
  ...(await Promise.all(featureNames.map(async (name) => ({ name, ...(await featureMessages[name]()) })))),
];
// The whole catalogue, as a session that has opened every screen has it.
const ja = Object.assign({}, ...parts.map((part) => part.ja)) as Record<MessageKey, string>;
const en = Object.assign({}, ...parts.map((part) => part.en)) as Record<MessageKey, string>;
await loadMessages(featureNames);

const placeholders = (message: string) => [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("i18n catalogues", () => {
  it.each(parts.map((part) => [part.name, part] as const))(
    "%s: ja and en have exactly the same keys",
    (_name, part) => {
      expect(Object.keys(part.en).sort()).toEqual(Object.keys(part.ja).sort());
    },
  );

  it("defines each key in one place only (the common catalogue or one feature)", () => {
    const owners = new Map<string, string[]>();
    for (const part of parts)
      for (const key of Object.keys(part.ja)) owners.set(key, [...(owners.get(key) ?? []), part.name]);
    expect([...owners].filter(([, names]) => names.length > 1)).toEqual([]);
  });

  it("uses one word per concept (glossary.ts): no catalogue entry uses an avoided word", () => {
    const misuses: string[] = [];
    for (const term of GLOSSARY) {
      for (const [key, text] of Object.entries(ja))
        for (const word of term.avoidJa) if (text.includes(word)) misuses.push(`ja ${key}: ${word} → ${term.ja}`);
      for (const [key, text] of Object.entries(en))
        for (const word of term.avoidEn ?? [])
          if (text.toLowerCase().includes(word)) misuses.push(`en ${key}: ${word} → ${term.en}`);
    }
    expect(misuses).toEqual([]);
  });

  it("ja and en have exactly the same keys, all together", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(ja).sort());
  });

  it.each([
    ["ja", ja],
    ["en", en],
  ] as const)("%s has no empty messages", (_name, catalogue) => {
    const empty = Object.entries(catalogue).filter(([, message]) => message.trim() === "");
    expect(empty).toEqual([]);
  });

  it("uses the same {placeholders} in both languages", () => {
    for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(ja[key]));
    }
  });

  it("has both plural forms (.one and .other) of every plural message, with {count}", () => {
    const keys = Object.keys(ja);
    for (const key of keys.filter((k) => k.endsWith(".one") || k.endsWith(".other"))) {
      const base = key.replace(/\.(one|other)$/, "");
      expect(keys, base).toContain(`${base}.one`);
      expect(keys, base).toContain(`${base}.other`);
      expect(placeholders(ja[key as MessageKey]), key).toContain("count");
    }
  });

  it("writes a person in a Japanese sentence one way, with the honorific: 「{name} さん」", () => {
    // a person's placeholder that a particle follows is someone spoken about: 「{name} さんが…」;
    // labels (「担当：{name}」) stay bare. The honorific is always " さん", with the space.
    const PERSON = /\{(name|other)\}/;
    const bare = Object.entries(ja).filter(([, message]) =>
      /\{(name|other)\} ?(が|を|に|と|の|へ|は|で|も|から)/.test(message),
    );
    expect(bare).toEqual([]);
    const unspaced = Object.entries(ja).filter(([, message]) => /\{\w+\}さん/.test(message));
    expect(unspaced).toEqual([]);
    expect(ja["chat.support.isAnswering"]).toMatch(PERSON);
  });

  it("uses the glossary's words for statuses", () => {
    expect([
      ja["workOrderStatus.requested"],
      ja["workOrderStatus.revision_requested"],
      ja["workOrderStatus.declined"],
    ]).toEqual(["依頼受付", "修正依頼あり", "お断り"]);
    expect([ja["taskStatus.todo"], ja["taskStatus.review"], ja["taskStatus.blocked"]]).toEqual([
      "未着手",
      "確認待ち",
      "作業が止まっています",
    ]);
    expect(ja["help.talkToManager"]).toBe("管理者に相談する");
    expect(en["help.talkToManager"]).toBe("Talk to a manager");
    expect(ja["connection.offline"]).toContain("オフラインです。接続が戻ったら送信します");
  });
});

describe("formatting per locale", () => {
  it("chooses plural forms with Intl.PluralRules", () => {
    expect(i18nFor("en").tn("connection.pending", 1)).toBe("1 action waiting to be sent");
    expect(i18nFor("en").tn("connection.pending", 2)).toBe("2 actions waiting to be sent");
    expect(i18nFor("ja").tn("connection.pending", 1)).toBe("送信待ち：1 件");
  });

  it("formats numbers in messages for the locale", () => {
    expect(i18nFor("en").tn("announce.tasks", 1200)).toBe("1,200 tasks updated.");
    expect(formatNumber("ja", 1234.5)).toBe("1,234.5");
  });

  it("shows dates in the company's time zone (Asia/Tokyo)", () => {
    // 2026-11-24 23:30 UTC is already the 25th in Tokyo
    expect(formatDate("ja", "2026-11-24T23:30:00Z", "date")).toBe("2026年11月25日");
    expect(formatDate("en", "2026-11-24T23:30:00Z", "date")).toBe("25 Nov 2026");
    expect(formatDate("ja", "2026-11-24T08:00:00Z", "time")).toBe("17:00");
    // midnight in Tokyo: the date alone
    expect(formatDue("en", "2026-11-24T15:00:00Z")).toBe("Wed, 25 Nov 2026");
  });

  it("formats durations", () => {
    expect(i18nFor("ja").formatMinutes(90)).toBe("1 時間 30 分");
    expect(i18nFor("en").formatMinutes(45)).toBe("45 min");
  });
});
