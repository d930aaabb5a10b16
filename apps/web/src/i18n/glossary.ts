// One word per concept (issue 9 barrier 9): the terms of the product glossary (GLOSSARY.md of
// the spec) that had two words in the catalogues, with the word chosen and the words that must
// not be used for it. catalogues.test.ts fails on any catalogue entry that uses an
// avoided word, so a new screen cannot bring the second word back.
export interface GlossaryTerm {
  concept: string;
  ja: string;
  en: string;
  /** words never used in the Japanese catalogue (for this concept or any other) */
  avoidJa: readonly string[];
  avoidEn?: readonly string[];
}

export const GLOSSARY: readonly GlossaryTerm[] = [
  {
    concept: "status: where a task or work order is (未着手, 作業中 …), and an account's (有効 …)",
    ja: "状況",
    en: "status",
    avoidJa: ["状態"],
  },
  {
    concept: "estimate: how long a task is expected to take, in hours",
    ja: "見積もり",
    en: "estimate",
    avoidJa: ["見込み時間", "予定時間", "想定時間"],
    avoidEn: ["expected time"],
  },
];
