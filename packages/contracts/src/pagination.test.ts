import { describe, expect, it } from "vitest";
import { decodePageCursor, encodePageCursor, PageCursor } from "./pagination.ts";
import { PageQuery } from "./common.ts";

describe("page cursors: opaque (createdAt, id)", () => {
  const row = { createdAt: new Date("2026-11-24T05:43:00.123Z"), id: "0196b5a2-3f40-7c4e-9a51-2f5e0b7d2a11" };

  it("round-trip the time (to the millisecond) and the id", () => {
    const cursor = encodePageCursor(row);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodePageCursor(cursor)).toEqual(row);
    expect(PageCursor.parse(cursor)).toEqual(row);
    expect(PageQuery.parse({ cursor, limit: "5" })).toEqual({ cursor: row, limit: 5 });
  });

  it("are one spelling per position: upper-case ids are written lower-case", () => {
    expect(encodePageCursor({ ...row, id: row.id.toUpperCase() })).toBe(encodePageCursor(row));
  });

  it("refuse anything this API did not write", () => {
    const b64 = (s: string) => Buffer.from(s).toString("base64url");
    for (const bad of [
      "",
      row.id, // a bare id (the format before)
      "not a cursor",
      b64("2026-11-24T05:43:00.123Z"),
      b64("2026-11-24T05:43:00Z|0196b5a2-3f40-7c4e-9a51-2f5e0b7d2a11"), // not the canonical ISO form
      b64("2026-02-30T05:43:00.000Z|0196b5a2-3f40-7c4e-9a51-2f5e0b7d2a11"),
      b64("2026-11-24T05:43:00.123Z|0196B5A2-3F40-7C4E-9A51-2F5E0B7D2A11"), // not canonical either
      b64(`2026-11-24T05:43:00.123Z|${row.id}|more`),
      `${encodePageCursor(row)}=`,
      Buffer.from(`2026-11-24T05:43:00.123Z|${row.id}`).toString("base64"), // padded, standard alphabet
      "a".repeat(121),
    ]) {
      expect(decodePageCursor(bad), bad).toBeNull();
      const parsed = PageQuery.safeParse({ cursor: bad });
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error!.issues.map((i) => i.path.join("."))).toEqual(["cursor"]);
    }
  });
});
