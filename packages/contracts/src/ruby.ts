import * as z from "zod";

/**
 * Furigana for a text people wrote (issue 9 barrier 11, easy-read Japanese): the text cut into
 * segments whose concatenation is the text; a segment with kanji carries its reading in hiragana.
 * Computed by the server when the text is saved (a reading dictionary); the web app shows the
 * readings as <ruby> in easy-read mode, over the kanji a reader of grades 1–2 may not know.
 */
export const RubySegment = z
  .object({
    text: z.string(),
    /** hiragana; absent for segments without kanji */
    reading: z.string().optional(),
  })
  .meta({ id: "RubySegment" });
export type RubySegment = z.infer<typeof RubySegment>;

export const RubyText = z.array(RubySegment).meta({ id: "RubyText" });
export type RubyText = z.infer<typeof RubyText>;
