import { describe, expect, it } from "vitest";
import { textLang } from "./lang.ts";

describe("textLang: the language of people's text", () => {
  it("says Japanese for text with kana or kanji, also around English words", () => {
    expect(textLang("経費伝票の入力", "ja")).toBe("ja");
    expect(textLang("ECサイト新商品ページの確認", "ja")).toBe("ja");
    expect(textLang("経費伝票の入力", "en")).toBe("ja");
  });

  it("says English for Latin words without Japanese", () => {
    expect(textLang("slips 14 and 37 are unreadable", "ja")).toBe("en");
    expect(textLang("Tag images 1–200", "en")).toBe("en");
  });

  it("marks every piece of people's text, also in the UI's language and when it has no words (the UI's then)", () => {
    expect(textLang("12345", "ja")).toBe("ja");
    expect(textLang("12345", "en")).toBe("en");
  });

  it("gives nothing for no text", () => {
    expect(textLang("", "ja")).toBeUndefined();
    expect(textLang(null, "ja")).toBeUndefined();
  });
});
