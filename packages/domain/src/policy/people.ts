// A person's own data — condition, check-in notes, accommodations, accessibility needs — belongs
// to the person. It is seen by the person, by the managers of their own team and by admins, and
// every such read is audited. Other managers see at most whether someone is available today.
// Clients see crew by name only, never any other personal field.
import { isAdmin, isClient, isManager, isStaff, sameTeam, type Identity } from "./identity.ts";

/**
 * - "full": the person, their own team's managers, admins (reads are audited);
 * - "availability": other managers — checked in and working today, or not; never the condition or note;
 * - "none": everyone else.
 */
export type PersonalAccess = "full" | "availability" | "none";

export interface Subject {
  id: string;
  teamId: string | null;
}

export function personalAccess(viewer: Identity, subject: Subject): PersonalAccess {
  if (viewer.id === subject.id || isAdmin(viewer)) return "full";
  if (isManager(viewer)) return sameTeam(viewer, subject) ? "full" : "availability";
  return "none";
}

/**
 * Assigning someone who said "unwell" today needs an explicit, audited override (issue 10). Only a
 * viewer who may see the condition (their own team's managers, admins) is asked for it, so a refusal
 * tells nobody else that the person is unwell; others see "not available today" in the suggestions.
 */
export function assignmentNeedsOverride(viewer: Identity, subject: Subject, todayCondition: string | null): boolean {
  return todayCondition === "unwell" && personalAccess(viewer, subject) === "full";
}

/** Whose personal data a user may list in full: everyone (admins), their team (managers), or themself. */
export type PeopleScope = { kind: "all" } | { kind: "team"; teamId: string } | { kind: "self"; userId: string };

export function personalDataScope(viewer: Identity): PeopleScope {
  if (isAdmin(viewer)) return { kind: "all" };
  if (isManager(viewer) && viewer.teamId) return { kind: "team", teamId: viewer.teamId };
  return { kind: "self", userId: viewer.id };
}

/**
 * A check-in's note (issue 12): the person chooses per check-in whether it is shared with their
 * managers or kept as a private diary. Shared: read like the rest of their own data (their own
 * team's managers, admins). Private: the person only, never anyone else, admins included.
 */
export function mayReadCheckInNote(viewer: Identity, subject: Subject, noteShared: boolean): boolean {
  if (viewer.id === subject.id) return true;
  return noteShared && personalAccess(viewer, subject) === "full";
}

/** Only a person writes their own check-in. Accommodations are agreed with their own team's managers or an admin. */
export function mayWriteAccommodation(viewer: Identity, subject: Subject): boolean {
  return viewer.id !== subject.id && personalAccess(viewer, subject) === "full";
}

/**
 * The name a person shows to clients (issue 12): the display name they chose, else the first word
 * of their name (the family name in 「小林 彩香」; the first two characters of 「小林彩香」). Never the full name, which stays inside the company.
 */
export function displayNameOf(person: { name: string; displayName: string | null }): string {
  const chosen = person.displayName?.trim();
  if (chosen) return chosen;
  const name = person.name.trim();
  const first = name.split(/\s+/u)[0] ?? "";
  // a Japanese name written without a space (「小林彩香」) would be shown whole: its first two
  // characters instead, the length of most family names — never the full name
  const chars = [...first];
  if (first === name && /^\p{Script=Han}/u.test(first) && chars.length > 2) return chars.slice(0, 2).join("");
  return first;
}

/**
 * Clients see the operating company's people (crew, managers, admins) by their display name only:
 * in every answer, live event, chat message and notification they receive.
 */
export function seesDisplayNamesOnly(viewer: Pick<Identity, "role">): boolean {
  return isClient(viewer);
}

/**
 * How a person appears to a viewer:
 * - "name": clients see a crew member's display name only (`displayNameOf`);
 * - "colleague": the operating company's people see name, role, work style and team.
 */
export type PersonView = "name" | "colleague";

export function personView(viewer: Identity): PersonView {
  return isClient(viewer) ? "name" : "colleague";
}

/** Where a colleague works today (office or home) is shared with colleagues, never with clients. */
export function maySeeTodayPlace(viewer: Identity): boolean {
  return !isClient(viewer);
}

/** The user directory (emails, roles, teams) is for staff; account changes are the admins'. */
export function mayListUsers(viewer: Identity): boolean {
  return isStaff(viewer);
}

/**
 * A crew member's work profile (agreed hours, working days, skills) and load: the staff who plan
 * the work read it, the person reads their own; clients never. Only staff change it.
 */
export function mayReadWorkProfile(viewer: Identity, subject: Pick<Subject, "id">): boolean {
  return viewer.id === subject.id || isStaff(viewer);
}

export function mayEditWorkProfile(viewer: Identity): boolean {
  return isStaff(viewer);
}

/**
 * Issue 15, APPI art. 33 (the right to disclosure): a person may have all the personal data held
 * about them, electronically, on request — so everyone may export their own, private check-in notes
 * included (they are the person's own diary). An admin exports anyone's, to answer a request made
 * on paper or when someone leaves. Nobody else, managers included.
 */
export function mayExportPersonalData(viewer: Identity, subject: Pick<Subject, "id">): boolean {
  return viewer.id === subject.id || isAdmin(viewer);
}

/** Erasing a departed person's personal data (issue 15) is an admin's act, and only once they are deactivated. */
export function mayErasePersonalData(viewer: Identity): boolean {
  return isAdmin(viewer);
}

/** A client company's full data when its contract ends (issue 15): admins only. */
export function mayExportClientCompanyData(viewer: Identity): boolean {
  return isAdmin(viewer);
}
