import * as z from "zod";
import { ACCOMMODATION_PARTS, CONDITIONS, PLACES, TEXT_LIMITS } from "@crewboard/domain";
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
 * admins hear of it live (check_in:updated). It says only *that* it changed — never the condition,
 * the place or a note: the overview then reads the check-ins over REST, and every such read is
 * audited (so "who looked at my record" lists who actually saw it, and the room's stored events
 * hold no health data at all).
 */
export interface CheckInLive {
  id: string;
  user: z.infer<typeof PersonRef>;
  teamId: string;
  day: string;
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

/** One agreed part of an accommodation; the person chooses which of them other managers may see. */
export const AccommodationPart = z.enum(ACCOMMODATION_PARTS);
export type AccommodationPart = z.infer<typeof AccommodationPart>;

/** What was agreed, part by part (empty: nothing agreed on that part). */
export const AccommodationAgreement = z
  .object({
    hours: z.string().meta({ description: "working hours, e.g. 10:00–16:00, no overtime" }),
    breaks: z.string().meta({ description: "breaks, e.g. 10 minutes every hour" }),
    communication: z.string().meta({ description: "communication preferences, e.g. prefers chat over calls" }),
    consult: z.string().meta({ description: "the person to consult" }),
    tools: z.string().meta({ description: "tools, e.g. screen reader, text versions of PDFs" }),
  })
  .meta({ id: "AccommodationAgreement" });

/**
 * A crew member's accommodation (issue 12). The person, their own team's managers and admins read
 * all of it (`view: "full"`). Another team's manager reads only the agreed parts the person shared
 * (`view: "shared"`): every other field is empty or null, and unshared parts are empty strings.
 */
export const Accommodation = z
  .object({
    id: Id,
    userId: Id,
    view: z.enum(["full", "shared"]),
    title: z.string(),
    note: z.string(),
    requestText: z.string(),
    requestedBy: PersonRef.nullable(),
    requestedAt: Timestamp.nullable(),
    agreement: AccommodationAgreement,
    reviewOn: Day.nullable(),
    agreedBy: PersonRef.nullable(),
    agreedAt: Timestamp.nullable(),
    /** the parts the person shares with other managers on the board */
    sharedParts: z.array(AccommodationPart),
    writtenBy: PersonRef.nullable(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "Accommodation" });
export type Accommodation = z.infer<typeof Accommodation>;
export const AccommodationList = z
  .object({
    /** how much of them the caller reads: "shared" for another team's manager */
    access: z.enum(["full", "shared"]),
    items: z.array(Accommodation),
  })
  .meta({ id: "AccommodationList" });
export type AccommodationList = z.infer<typeof AccommodationList>;

const partText = z.string().trim().max(TEXT_LIMITS.accommodationPart);
const PartialAgreement = z.strictObject({
  hours: partText.optional(),
  breaks: partText.optional(),
  communication: partText.optional(),
  consult: partText.optional(),
  tools: partText.optional(),
});
const sharedPartsSchema = z
  .array(AccommodationPart)
  .max(ACCOMMODATION_PARTS.length)
  .refine((a) => new Set(a).size === a.length, "each part once");

/**
 * Record an accommodation. The crew member asks for one themself (title, request, sharing
 * choices); their own team's managers and admins record one (the request as the person made it,
 * what was agreed, the review date; `agreed: true` records them as having agreed it now).
 * Send an Idempotency-Key: a retried request records it once.
 */
export const CreateAccommodationRequest = z
  .strictObject({
    title: z.string().trim().min(1).max(TEXT_LIMITS.title),
    note: z.string().max(TEXT_LIMITS.note).default(""),
    requestText: z.string().trim().max(TEXT_LIMITS.note).optional(),
    agreement: PartialAgreement.optional(),
    reviewOn: Day.nullable().optional(),
    agreed: z.boolean().optional(),
    /** the person only */
    sharedParts: sharedPartsSchema.optional(),
  })
  .meta({ id: "CreateAccommodationRequest" });
export type CreateAccommodationRequest = z.infer<typeof CreateAccommodationRequest>;

/**
 * Change an accommodation; the values it replaces are kept in its history. `version` is the one
 * read: a stale one answers 409 accommodation.version_conflict with the current record. Managers
 * (own team) and admins change the record; only the person changes `sharedParts`.
 */
export const UpdateAccommodationRequest = z
  .strictObject({
    version: z.number().int().min(1),
    title: z.string().trim().min(1).max(TEXT_LIMITS.title).optional(),
    note: z.string().max(TEXT_LIMITS.note).optional(),
    requestText: z.string().trim().max(TEXT_LIMITS.note).optional(),
    agreement: PartialAgreement.optional(),
    reviewOn: Day.nullable().optional(),
    /** record the signed-in manager as having agreed it now */
    agreed: z.literal(true).optional(),
    sharedParts: sharedPartsSchema.optional(),
  })
  .meta({ id: "UpdateAccommodationRequest" });
export type UpdateAccommodationRequest = z.infer<typeof UpdateAccommodationRequest>;

/** One change of an accommodation: the values it replaced, who changed them and when (newest first). */
export const AccommodationRevision = z
  .object({
    id: Id,
    accommodationId: Id,
    /** the version the values were */
    version: z.number().int(),
    changedBy: PersonRef,
    changedAt: Timestamp,
    changedFields: z.array(z.string()),
    previous: z.object({
      title: z.string(),
      note: z.string(),
      requestText: z.string(),
      agreement: AccommodationAgreement,
      reviewOn: Day.nullable(),
      agreedBy: PersonRef.nullable(),
      agreedAt: Timestamp.nullable(),
      sharedParts: z.array(AccommodationPart),
    }),
  })
  .meta({ id: "AccommodationRevision" });
export type AccommodationRevision = z.infer<typeof AccommodationRevision>;
export const AccommodationRevisionList = z
  .object({ items: z.array(AccommodationRevision) })
  .meta({ id: "AccommodationRevisionList" });
export type AccommodationRevisionList = z.infer<typeof AccommodationRevisionList>;

/** What an audited read of a person's record covered. */
export const RecordViewWhat = z.enum(["check_ins", "accommodations", "accommodation_history"]);
export type RecordViewWhat = z.infer<typeof RecordViewWhat>;

/**
 * "Who looked at my record" (issue 12): one audited read of the person's check-ins or
 * accommodations by someone else — who, in which role, when, what. Newest first.
 */
export const RecordView = z
  .object({
    id: Id,
    at: Timestamp,
    viewer: PersonRef.nullable(),
    /** the viewer's role when they read it */
    role: z.enum(["admin", "manager", "crew", "client"]),
    what: RecordViewWhat,
    /** "shared": another team's manager, who read only the parts the person shared */
    view: z.enum(["full", "shared"]),
  })
  .meta({ id: "RecordView" });
export type RecordView = z.infer<typeof RecordView>;
export const RecordViewList = z.object({ items: z.array(RecordView) }).meta({ id: "RecordViewList" });
export type RecordViewList = z.infer<typeof RecordViewList>;
