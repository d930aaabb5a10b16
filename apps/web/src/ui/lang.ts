// Text that comes from people (names, titles, messages) is often Japanese while the UI is in
// English (or the reverse). WCAG 3.1.2: such parts carry their own `lang`, so a screen reader
// reads them with the right voice. Use: <span lang={textLang(name, locale)}>{name}</span>
import type { Locale } from "../i18n/index.ts";

const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/;
const LATIN_WORD = /[A-Za-z]{2,}/;

/** The language of `text` when it differs from the UI language, else undefined (inherit). */
export function textLang(text: string | null | undefined, uiLocale: Locale): Locale | undefined {
  if (!text) return undefined;
  const lang: Locale | undefined = JAPANESE.test(text) ? "ja" : LATIN_WORD.test(text) ? "en" : undefined;
  return lang && lang !== uiLocale ? lang : undefined;
}
