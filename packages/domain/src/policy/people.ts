// A person's own data — condition, check-in notes, accommodations, accessibility needs — belongs
// to the person. It is seen by the person, by the managers of their own team and by admins, and
// every such read is audited. Other managers see at most whether someone is available today.
// Clients see crew by name only, never any other personal field.
import { isAdmin, isClient, isCrew, isManager, isStaff, sameTeam, type Identity } from "./identity.ts";

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

/** The agreed parts of an accommodation (issue 12), each of which the person may share with other managers. */
export const ACCOMMODATION_PARTS = ["hours", "breaks", "communication", "consult", "tools"] as const;
export type AccommodationPart = (typeof ACCOMMODATION_PARTS)[number];

/**
 * How much of a person's accommodations a viewer reads (issue 12); every read is audited:
 * - "full": the person, their own team's managers, admins — the request, the agreement, the review, the history;
 * - "shared": other managers — only the agreed parts the person chose to share ("prefers chat over calls");
 * - "none": other crew and clients.
 */
export type AccommodationAccess = "full" | "shared" | "none";

export function accommodationAccess(viewer: Identity, subject: Subject): AccommodationAccess {
  const access = personalAccess(viewer, subject);
  return access === "full" ? "full" : access === "availability" ? "shared" : "none";
}

/** A crew member asks for an accommodation themself (the dialogue starts with the request). */
export function mayRequestAccommodation(viewer: Identity, subject: Subject): boolean {
  return viewer.id === subject.id && isCrew(viewer);
}

/** Which parts other managers may see is the person's own choice: nobody else sets it, admins included. */
export function mayShareAccommodationParts(viewer: Identity, subject: Subject): boolean {
  return viewer.id === subject.id;
}

/** "Who looked at my record": the audited reads of a person's health data, for the person only. */
export function mayReadRecordViews(viewer: Identity, subject: Pick<Subject, "id">): boolean {
  return viewer.id === subject.id;
}

/**
 * Review reminders go this many days before an accommodation's review date (issue 12): two weeks
 * to prepare the conversation, and the day before.
 */
export const ACCOMMODATION_REVIEW_REMINDER_DAYS = [14, 1] as const;

/**
 * Which reminder is due `daysLeft` days before the review: the smallest threshold reached, unless
 * that one (or a smaller one) was already sent for this review date. Null: nothing to send.
 */
export function reviewReminderDue(daysLeft: number, alreadySent: number | null): number | null {
  if (daysLeft < 0) return null;
  const reached = ACCOMMODATION_REVIEW_REMINDER_DAYS.filter((d) => daysLeft <= d);
  if (reached.length === 0) return null;
  const due = Math.min(...reached);
  return alreadySent !== null && alreadySent <= due ? null : due;
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
