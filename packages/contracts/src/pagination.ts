// The page cursor of every REST list: lists follow time, ordered and paged by (createdAt, id)
// (packages/domain ordering.ts), so the cursor carries both values of the last row of a page.
// It is opaque to clients: base64url of "<createdAt ISO 8601>|<id>". The format lives here, beside
// the schema that checks it, so a cursor that is not one of ours is a 400 naming the field before
// any query runs; apps/server/src/http/pagination.ts turns it into the keyset condition.
import * as z from "zod";
import "zod-openapi";

export interface PageCursorValue {
  createdAt: Date;
  id: string;
}

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

// btoa/atob exist in Node and browsers alike; the text is ASCII, so no UTF-8 step is needed.
const toBase64Url = (text: string) => btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
const fromBase64Url = (b64: string) => atob(b64.replace(/-/g, "+").replace(/_/g, "/"));

export function encodePageCursor(row: { createdAt: Date; id: string }): string {
  return toBase64Url(`${row.createdAt.toISOString()}|${row.id.toLowerCase()}`);
}

/** The (createdAt, id) a cursor stands for, or null when it is not a cursor this API wrote. */
export function decodePageCursor(raw: string): PageCursorValue | null {
  if (raw.length > 120 || !BASE64URL.test(raw)) return null;
  let text: string;
  try {
    text = fromBase64Url(raw);
  } catch {
    return null;
  }
  const [at, id, ...rest] = text.split("|");
  if (rest.length > 0 || !at || !id || !ISO_MS.test(at) || !UUID.test(id)) return null;
  const createdAt = new Date(at);
  if (Number.isNaN(createdAt.getTime()) || createdAt.toISOString() !== at) return null;
  // only the canonical spelling: one cursor per position
  if (encodePageCursor({ createdAt, id }) !== raw) return null;
  return { createdAt, id };
}

const CURSOR_DESCRIPTION =
  "Opaque: pass the `nextCursor` of the previous page back as it is. Lists are ordered by creation time " +
  "(newest first), ties broken by id; the cursor marks the last row of the previous page.";
const CURSOR_EXAMPLE = encodePageCursor({
  createdAt: new Date("2026-11-24T05:43:00.000Z"),
  id: "0196b5a2-3f40-7c4e-9a51-2f5e0b7d2a11",
});

/** A `cursor` query parameter: checked and decoded here, so handlers get (createdAt, id). */
export const PageCursor = z
  .string()
  .max(120)
  .regex(BASE64URL, "not a cursor of this list: pass `nextCursor` back unchanged")
  .transform((raw, ctx) => {
    const value = decodePageCursor(raw);
    if (!value) {
      ctx.addIssue({ code: "custom", message: "not a cursor of this list: pass `nextCursor` back unchanged" });
      return z.NEVER;
    }
    return value;
  })
  .meta({ description: CURSOR_DESCRIPTION, example: CURSOR_EXAMPLE });

/** `nextCursor` in a page: the cursor of the next page, or null on the last page. */
export const NextCursor = z.string().nullable().meta({
  description: "pass as `cursor` to get the next page; null on the last page. Opaque.",
  example: CURSOR_EXAMPLE,
});
