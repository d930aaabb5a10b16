// Text that comes from people (names, titles, messages) is often Japanese while the UI is in
// English (or the reverse). WCAG 3.1.2: such parts carry their own `lang`, so a screen reader
// reads them with the right voice. Use: <span lang={textLang(name, locale)}>{name}</span>
//
// Every piece of people's text gets its `lang`, also when it is in the UI's language: that is
// how the page tells people's words from its own (the browser test that finds English words
// in the Japanese UI skips parts with a `lang`; apps/e2e/src/every-screen.e2e.ts).
import type { Locale } from "../i18n/index.ts";

const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

/** The language of `text` (Japanese if it has any kana or kanji), else the UI's; undefined for no text. */
export function textLang(text: string | null | undefined, uiLocale: Locale): Locale | undefined {
  if (!text) return undefined;
  return JAPANESE.test(text) ? "ja" : LATIN_WORD.test(text) ? "en" : uiLocale;
}
