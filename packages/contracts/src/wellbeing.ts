import * as z from "zod";
import { CONDITIONS, PLACES, TEXT_LIMITS } from "@crewboard/domain";
import { Id, PersonRef, Timestamp } from "./common.ts";

export const Condition = z.enum(CONDITIONS);
export const Place = z.enum(PLACES);
/** A calendar day, YYYY-MM-DD (Asia/Tokyo). */
export const Day = z.iso.date();

export const CheckIn = z
  .object({
    id: Id,
    user: PersonRef,
    day: Day,
    condition: Condition,
    /** empty for anyone but the person when they kept it private (`noteShared: false`) */
    note: z.string(),
    /** issue 12: the note is shared with the person's managers; false = a private diary */
    noteShared: z.boolean(),
    place: Place.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "CheckIn" });
export type CheckIn = z.infer<typeof CheckIn>;

/**
 * Issue 12: a crew member checked in or changed today's check-in, as their team's managers and
 * admins hear of it live (check_in:updated): what the crew overview shows, and whether there is a
 * note — never a note's text (a private one is the person's alone; a shared one is read over REST,
 * audited, so the room's stored events hold no health notes).
 */
export interface CheckInLive {
  id: string;
  user: z.infer<typeof PersonRef>;
  teamId: string;
  day: string;
  condition: z.infer<typeof Condition>;
  place: z.infer<typeof Place> | null;
  /** the check-in has a note (shared or not) */
  hasNote: boolean;
  noteShared: boolean;
  createdAt: string;
  updatedAt: string;
}

/**
 * Today's check-in for the signed-in crew member; sending again the same day updates it. A field
 * left out keeps what was saved (the first check-in of the day: no note, shared, no place), so a
 * quick change of condition never turns a private note into a shared one.
 */
export const PutCheckInRequest = z
  .strictObject({
    condition: Condition,
    note: z.string().trim().max(TEXT_LIMITS.checkInNote).optional(),
    /** share the note with my managers (the first time: shared) or keep it as a private diary */
    noteShared: z.boolean().optional(),
    place: Place.optional(),
  })
  .meta({ id: "PutCheckInRequest" });
export type PutCheckInRequest = z.infer<typeof PutCheckInRequest>;

export const ListCheckInsQuery = z.strictObject({ day: Day.optional(), userId: Id.optional() });

/** The most days one history read covers (about three months). */
export const CHECK_IN_HISTORY_MAX_DAYS = 92;

/**
 * A crew member's check-ins over a span of days (issue 12), oldest first. Both ends are included;
 * by default the last 28 days up to today (Asia/Tokyo).
 */
export const ListUserCheckInsQuery = z
  .strictObject({ from: Day.optional(), to: Day.optional() })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to)
      ctx.addIssue({ code: "custom", path: ["from"], message: "must not be after to" });
  })
  .meta({ id: "ListUserCheckInsQuery" });
export type ListUserCheckInsQuery = z.infer<typeof ListUserCheckInsQuery>;

export const CheckInHistory = z.object({ from: Day, to: Day, items: z.array(CheckIn) }).meta({ id: "CheckInHistory" });
export type CheckInHistory = z.infer<typeof CheckInHistory>;
export type ListCheckInsQuery = z.infer<typeof ListCheckInsQuery>;
export const CheckInList = z.object({ items: z.array(CheckIn) });

export const Accommodation = z
  .object({
    id: Id,
    userId: Id,
    title: z.string(),
    note: z.string(),
    writtenBy: PersonRef,
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "Accommodation" });
export type Accommodation = z.infer<typeof Accommodation>;
export const AccommodationList = z.object({ items: z.array(Accommodation) });

export const CreateAccommodationRequest = z
  .strictObject({
    title: z.string().trim().min(1).max(TEXT_LIMITS.title),
    note: z.string().max(TEXT_LIMITS.note).default(""),
  })
  .meta({ id: "CreateAccommodationRequest" });
export type CreateAccommodationRequest = z.infer<typeof CreateAccommodationRequest>;
