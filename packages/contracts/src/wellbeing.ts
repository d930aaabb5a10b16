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
    note: z.string(),
    place: Place.nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "CheckIn" });
export type CheckIn = z.infer<typeof CheckIn>;

/** Today's check-in for the signed-in crew member; sending again the same day updates it. */
export const PutCheckInRequest = z
  .strictObject({
    condition: Condition,
    note: z.string().trim().max(TEXT_LIMITS.checkInNote).default(""),
    place: Place.optional(),
  })
  .meta({ id: "PutCheckInRequest" });
export type PutCheckInRequest = z.infer<typeof PutCheckInRequest>;

export const ListCheckInsQuery = z.strictObject({ day: Day.optional(), userId: Id.optional() });
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
