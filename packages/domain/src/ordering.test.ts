import { describe, expect, it } from "vitest";
import { compareByCreation, compareNewestFirst } from "./ordering.ts";

describe("lists follow time: (createdAt, id)", () => {
  // ids chosen so that id order contradicts time order
  const rows = [
    { id: "ffffffff-0000-4000-8000-000000000000", createdAt: "2026-11-24T00:40:00.000Z" },
    { id: "00000000-0000-7000-8000-000000000000", createdAt: "2026-11-24T05:43:00.000Z" },
    { id: "88888888-0000-4000-8000-000000000000", createdAt: "2026-11-24T04:30:00.000Z" },
    { id: "11111111-0000-4000-8000-000000000000", createdAt: "2026-11-24T02:05:00.000Z" },
  ];

  it("sorts newest first by time, whatever the ids say", () => {
    expect([...rows].sort(compareNewestFirst).map((r) => r.createdAt.slice(11, 16))).toEqual([
      "05:43",
      "04:30",
      "02:05",
      "00:40",
    ]);
  });

  it("breaks ties of the same millisecond by id, like the database", () => {
    const at = "2026-11-24T01:00:00.000Z";
    const a = { id: "0190d6c8-7a4e-7b7a-9c51-2f5e0b7d2a11", createdAt: at };
    const b = { id: "0190D6C8-7A4E-7B7A-9C51-2F5E0B7D2A12", createdAt: new Date(at) };
    expect(compareByCreation(a, b)).toBe(-1);
    expect(compareNewestFirst(a, b)).toBe(1);
    expect(compareByCreation(a, { ...a })).toBe(0);
  });

  it("compares Date and ISO string forms of the same instant as equal times", () => {
    const id = "0190d6c8-7a4e-7b7a-9c51-2f5e0b7d2a11";
    expect(
      compareByCreation(
        { id, createdAt: "2026-11-24T01:00:00.000Z" },
        { id, createdAt: new Date("2026-11-24T10:00:00+09:00") },
      ),
    ).toBe(0);
  });
});
