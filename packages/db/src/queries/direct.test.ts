// rawRows' reading of a `timestamp` column (parseStoredTime) must give exactly the Date, and the
// ISO text, that the plain reading `new Date("<text>Z")` gives: the board page's JSON is built from
// toISOString (issue 14: the fast path skips parsing a date string and formatting it again).
import { describe, expect, it } from "vitest";
import { parseStoredTime, StoredTime } from "./direct.ts";

const plain = (text: string) => new Date(`${text.replace(" ", "T")}Z`);

function same(text: string): void {
  const fast = parseStoredTime(text);
  const slow = plain(text);
  expect(fast.getTime(), text).toBe(slow.getTime());
  if (!Number.isNaN(slow.getTime())) {
    expect(fast.toISOString(), text).toBe(slow.toISOString());
    expect(JSON.stringify({ at: fast }), text).toBe(JSON.stringify({ at: slow }));
  }
  expect(fast instanceof Date).toBe(true);
}

describe("parseStoredTime", () => {
  it("reads what PostgreSQL sends for timestamp(3) as the plain reading does, with every fraction length", () => {
    for (const text of [
      "2026-11-30 22:47:40",
      "2026-11-30 22:47:40.1",
      "2026-11-30 22:47:40.12",
      "2026-11-30 22:47:40.123",
      "2026-11-30 22:47:40.123456", // a timestamp(6): milliseconds truncated, as Date does
      "2024-02-29 00:00:00.001",
      "1970-01-01 00:00:00",
      "1969-12-31 23:59:59.999",
      "0999-06-15 12:00:00.5",
      "9999-12-31 23:59:59.999",
    ])
      same(text);
  });

  it("gives what it cannot read quickly to the plain reading (years before 100, BC, infinity, past 9999)", () => {
    for (const text of [
      "0050-01-01 00:00:00",
      "0001-01-01 00:00:00 BC",
      "infinity",
      "-infinity",
      "10000-01-01 00:00:00",
    ])
      same(text);
    expect(parseStoredTime("0050-01-01 00:00:00")).not.toBeInstanceOf(StoredTime);
  });

  it("agrees with the plain reading across many instants", () => {
    const start = Date.UTC(2020, 0, 1);
    for (let i = 0; i < 2000; i++) {
      const d = new Date(start + i * 7_919_993_117); // ~92 days apart, odd milliseconds
      const iso = d.toISOString();
      const text = `${iso.slice(0, 10)} ${iso.slice(11, 23)}`.replace(/\.?0+$/, ""); // as PostgreSQL trims the fraction
      same(text);
    }
  });

  it("a time changed after the read gives its new ISO text", () => {
    const date = parseStoredTime("2026-11-30 22:47:40.12");
    expect(date).toBeInstanceOf(StoredTime);
    date.setUTCFullYear(2027);
    expect(date.toISOString()).toBe("2027-11-30T22:47:40.120Z");
  });
});
