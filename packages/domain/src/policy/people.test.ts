// Issue 12: the people rules added for display names and private check-in notes.
import { describe, expect, it } from "vitest";
import {
  accommodationAccess,
  displayNameOf,
  mayReadCheckInNote,
  mayReadRecordViews,
  mayRequestAccommodation,
  mayShareAccommodationParts,
  mayWriteAccommodation,
  reviewReminderDue,
  seesDisplayNamesOnly,
} from "./people.ts";
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

describe("accommodations", () => {
  const person = { id: "p", teamId: "A" };
  const self = who("p", "crew", "A");
  const ownManager = who("m1", "manager", "A");
  const otherManager = who("m2", "manager", "B");
  const admin = who("a", "admin");
  const otherCrew = who("c2", "crew", "A");
  const client = who("cl", "client");

  it("read in full by the person, their own team's managers and admins; other managers the shared parts; nobody else", () => {
    expect(
      [self, ownManager, admin, otherManager, otherCrew, client].map((v) => accommodationAccess(v, person)),
    ).toEqual(["full", "full", "full", "shared", "none", "none"]);
  });

  it("managers of the team and admins record it; the person asks, and alone chooses what is shared; the person alone sees who looked", () => {
    expect([self, ownManager, admin, otherManager].map((v) => mayWriteAccommodation(v, person))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect([self, ownManager, otherCrew].map((v) => mayRequestAccommodation(v, person))).toEqual([true, false, false]);
    expect([self, ownManager, admin].map((v) => mayShareAccommodationParts(v, person))).toEqual([true, false, false]);
    expect([self, admin].map((v) => mayReadRecordViews(v, person))).toEqual([true, false]);
  });

  it("review reminders: 14 days and 1 day before, each once per review date, a missed morning caught up", () => {
    expect(reviewReminderDue(15, null)).toBeNull();
    expect(reviewReminderDue(14, null)).toBe(14);
    expect(reviewReminderDue(13, 14)).toBeNull();
    expect(reviewReminderDue(1, 14)).toBe(1);
    expect(reviewReminderDue(1, 1)).toBeNull();
    expect(reviewReminderDue(5, null)).toBe(14); // set 5 days ahead: told at once
    expect(reviewReminderDue(0, 1)).toBeNull();
    expect(reviewReminderDue(-1, null)).toBeNull();
  });
});
