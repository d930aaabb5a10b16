// Issue 12: the people rules added for display names and private check-in notes.
import { describe, expect, it } from "vitest";
import { displayNameOf, mayReadCheckInNote, seesDisplayNamesOnly } from "./people.ts";
import type { Identity } from "./identity.ts";

const who = (id: string, role: Identity["role"], teamId: string | null = null): Identity => ({
  id,
  role,
  teamId,
  clientCompanyId: role === "client" ? "c" : null,
});

describe("display names", () => {
  it("clients only see display names; the fallback is the name's first word", () => {
    expect(seesDisplayNamesOnly({ role: "client" })).toBe(true);
    for (const role of ["admin", "manager", "crew"] as const) expect(seesDisplayNamesOnly({ role })).toBe(false);
    expect(displayNameOf({ name: "小林 彩香", displayName: null })).toBe("小林");
    // written without a space: never the whole name
    expect(displayNameOf({ name: "小林彩香", displayName: null })).toBe("小林");
    expect(displayNameOf({ name: "Alex", displayName: null })).toBe("Alex");
    expect(displayNameOf({ name: "小林 彩香", displayName: " あやか " })).toBe("あやか");
  });
});

describe("a check-in's note", () => {
  const person = { id: "p", teamId: "A" };
  const readers = {
    self: who("p", "crew", "A"),
    ownManager: who("m1", "manager", "A"),
    otherManager: who("m2", "manager", "B"),
    admin: who("a", "admin"),
    colleague: who("c1", "crew", "A"),
    client: who("k", "client"),
  };
  it("shared: the person, their own team's managers and admins", () => {
    const may = Object.fromEntries(Object.entries(readers).map(([k, v]) => [k, mayReadCheckInNote(v, person, true)]));
    expect(may).toEqual({
      self: true,
      ownManager: true,
      otherManager: false,
      admin: true,
      colleague: false,
      client: false,
    });
  });
  it("private: the person only — not their manager, not an admin", () => {
    const may = Object.fromEntries(Object.entries(readers).map(([k, v]) => [k, mayReadCheckInNote(v, person, false)]));
    expect(may).toEqual({
      self: true,
      ownManager: false,
      otherManager: false,
      admin: false,
      colleague: false,
      client: false,
    });
  });
});
