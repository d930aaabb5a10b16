// Dispatch (issue 10): crew members' work profiles — agreed week, working days, skills — and their
// load. Staff read and change them; a crew member reads their own; clients never see any of it.
import * as z from "zod";
import { SKILLS, WEEKDAYS, WEEKLY_MINUTES_MAX } from "@crewboard/domain";
import { PersonRef, queryList } from "./common.ts";

export const Skill = z.enum(SKILLS).meta({ id: "Skill" });
export const Weekday = z
  .union(WEEKDAYS.map((d) => z.literal(d)))
  .meta({ description: "ISO weekday: 1 = Monday … 7 = Sunday" });

export const WorkLoad = z
  .object({
    remainingMinutes: z
      .number()
      .int()
      .meta({ description: "what is left of the estimates of their open tasks (todo, doing, blocked)" }),
    unestimatedTasks: z.number().int().meta({ description: "open tasks without an estimate" }),
    minutesLeftThisWeek: z
      .number()
      .int()
      .meta({ description: "agreed minutes left this week (company calendar, Asia/Tokyo)" }),
    percent: z
      .number()
      .int()
      .nullable()
      .meta({ description: "remaining against minutes left; null when none are left" }),
    over: z.boolean().meta({ description: "more work left than agreed minutes" }),
  })
  .meta({ id: "WorkLoad" });
export type WorkLoad = z.infer<typeof WorkLoad>;

export const WorkProfile = z
  .object({
    user: PersonRef,
    weeklyMinutes: z.number().int(),
    workingDays: z.array(Weekday),
    skills: z.array(Skill),
    load: WorkLoad,
  })
  .meta({ id: "WorkProfile" });
export type WorkProfile = z.infer<typeof WorkProfile>;
export const WorkProfileList = z.object({ items: z.array(WorkProfile) }).meta({ id: "WorkProfileList" });
export type WorkProfileList = z.infer<typeof WorkProfileList>;

/** The whole profile, as the manager agreed it with the crew member. */
export const PutWorkProfileRequest = z
  .strictObject({
    weeklyMinutes: z.number().int().min(0).max(WEEKLY_MINUTES_MAX),
    workingDays: z
      .array(Weekday)
      .max(7)
      .refine((days) => new Set(days).size === days.length, "each day once"),
    skills: z
      .array(Skill)
      .max(SKILLS.length)
      .refine((s) => new Set(s).size === s.length, "each skill once"),
  })
  .meta({ id: "PutWorkProfileRequest" });
export type PutWorkProfileRequest = z.infer<typeof PutWorkProfileRequest>;

/** A reason or warning of a suggestion: a stable code and its words in the caller's language. */
export const SuggestionNote = z.object({ code: z.string(), text: z.string() }).meta({ id: "SuggestionNote" });

export const Suggestion = z
  .object({
    user: PersonRef,
    rank: z.number().int().min(1),
    warnings: z.array(SuggestionNote),
    reasons: z.array(SuggestionNote),
    /** choosing them needs an explicit, audited override (unwell today, or — for another team's manager — not available today) */
    needsOverride: z.boolean(),
    load: WorkLoad,
  })
  .meta({ id: "Suggestion" });
export type Suggestion = z.infer<typeof Suggestion>;
export const SuggestionList = z.object({ items: z.array(Suggestion) }).meta({ id: "SuggestionList" });
export type SuggestionList = z.infer<typeof SuggestionList>;

/** Suggestions for an order's new tasks (the split dialog): the skills the new task needs, if chosen. */
export const OrderSuggestionsQuery = z.strictObject({
  skills: queryList(Skill).optional().meta({ description: "comma-separated skills the new task needs" }),
});
export type OrderSuggestionsQuery = z.infer<typeof OrderSuggestionsQuery>;
