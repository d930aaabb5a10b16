// A JSON answer's bytes, written without ever holding the whole text as one string (issue 14).
// A board page is ~70,000 characters; with any non-ASCII text in it (a Japanese title) V8 makes it a
// two-byte string of ~140 kB, which goes to the large-object space: allocated by the page and
// collected by a full mark, each time. JSON.stringify of the page cost ~1.0 ms of CPU against
// ~0.2 ms for its 100 items one by one, and encoding the big string as UTF-8 another ~0.5 ms.
// Here each element of a top-level list is stringified on its own (small strings, young space) and
// written straight into one buffer. The bytes are exactly JSON.stringify's (json-body.test.ts).
import type { Response } from "express";

/** Lists shorter than this are stringified with their object: splitting them gains nothing. */
const SPLIT_FROM = 16;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** JSON.stringify(value) as UTF-8 bytes; `undefined` for what JSON.stringify makes nothing of. */
export function jsonBytes(value: unknown): Buffer | undefined {
  // only a plain object (no toJSON of its own) with a long list is split; anything else as it is
  if (!isPlainObject(value) || typeof value.toJSON === "function") return bytesOf(JSON.stringify(value));
  const parts: string[] = ["{"];
  let split = false;
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (Array.isArray(v) && v.length >= SPLIT_FROM && typeof (v as { toJSON?: unknown }).toJSON !== "function") {
      split = true;
      parts.push(parts.length > 1 ? "," : "", JSON.stringify(key), ":[");
      // as JSON.stringify writes an element: what it makes nothing of (undefined, a function) is null
      for (let i = 0; i < v.length; i++) parts.push(i > 0 ? "," : "", JSON.stringify(v[i]) ?? "null");
      parts.push("]");
    } else {
      const text = JSON.stringify(v) as string | undefined;
      // as JSON.stringify writes a property: one it makes nothing of is left out
      if (text !== undefined) parts.push(parts.length > 1 ? "," : "", JSON.stringify(key), ":", text);
    }
  }
  if (!split) return bytesOf(JSON.stringify(value));
  parts.push("}");
  let max = 0;
  for (const p of parts) max += p.length * 3; // a UTF-16 unit is at most 3 bytes of UTF-8
  const out = Buffer.allocUnsafe(max);
  let at = 0;
  for (const p of parts) at += out.write(p, at, "utf8");
  return out.subarray(0, at);
}

const bytesOf = (text: string | undefined) => (text === undefined ? undefined : Buffer.from(text, "utf8"));

/**
 * `res.json(value)`: the same bytes and Content-Type (the app sets no "json spaces", "json
 * replacer" or "json escape"). An answer whose type is already set, or that is no JSON at all
 * (undefined), goes through res.json itself.
 *
 * An answer marked `Cache-Control: no-store` (every API answer: app.ts) goes without an ETag: a
 * browser keeps no copy of it, so never asks whether its copy is current (If-None-Match), and the
 * SHA-1 of the whole body that res.send takes for one was ~0.1 ms of CPU per board page (issue 14).
 * Any other answer is sent by res.send, ETag and all.
 */
export function sendJson(res: Response, value: unknown): void {
  const body = res.get("Content-Type") === undefined ? jsonBytes(value) : undefined;
  if (body === undefined) {
    res.json(value);
    return;
  }
  res.set("Content-Type", "application/json; charset=utf-8");
  if (res.get("Cache-Control") !== "no-store" || [204, 205, 304].includes(res.statusCode)) {
    res.send(body);
    return;
  }
  res.setHeader("Content-Length", body.length);
  res.end(res.req.method === "HEAD" ? undefined : body);
}
