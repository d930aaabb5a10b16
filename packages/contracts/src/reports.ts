// Monthly reports for clients (issue 12). A month is a calendar month of the company's calendar
// (Asia/Tokyo). What each figure means is written once here (the OpenAPI document shows it) and
// in the report screen's help text and the README.
import * as z from "zod";
import { COMPANY_MONTH_PATTERN, SKILLS } from "@crewboard/domain";
import { Id, PersonRef, Timestamp } from "./common.ts";

export const ReportMonth = z
  .string()
  .regex(COMPANY_MONTH_PATTERN, "a month as YYYY-MM")
  .refine((m) => m >= "2000-01" && m <= "2099-12", "a month between 2000-01 and 2099-12")
  .meta({ description: "a calendar month of the company's calendar (Asia/Tokyo), YYYY-MM", example: "2026-10" });

export const ClientReportParams = z.strictObject({ id: Id, month: ReportMonth });
export type ClientReportParams = z.infer<typeof ClientReportParams>;

export const REPORT_PROPOSAL_MAX = 4000;

export const ReportProposal = z
  .object({
    body: z.string(),
    version: z.number().int().meta({ description: "pass it back when changing the proposal" }),
    updatedBy: PersonRef.nullable(),
    updatedAt: Timestamp,
  })
  .meta({ id: "ReportProposal" });
export type ReportProposal = z.infer<typeof ReportProposal>;

export const ReportOrder = z
  .object({
    id: Id,
    number: z.number().int(),
    title: z.string(),
    dueAt: Timestamp,
    completedAt: Timestamp,
    onTime: z.boolean().meta({ description: "completed no later than its due time" }),
    /** the latest rating the order was given in the month, if any */
    rating: z.number().int().nullable(),
    /** who worked on it: the crew of its tasks (clients see their display names only) */
    crew: z.array(PersonRef),
  })
  .meta({ id: "ReportOrder" });
export type ReportOrder = z.infer<typeof ReportOrder>;

export const ReportSkillHours = z
  .object({
    skill: z.enum(SKILLS).nullable().meta({ description: "null: tasks that name no skill" }),
    minutes: z.number().int(),
  })
  .meta({ id: "ReportSkillHours" });
export type ReportSkillHours = z.infer<typeof ReportSkillHours>;

export const ClientReport = z
  .object({
    company: z.object({ id: Id, name: z.string(), nameEn: z.string().nullable() }),
    month: ReportMonth,
    from: Timestamp.meta({ description: "the month's first instant (00:00 Asia/Tokyo)" }),
    to: Timestamp.meta({ description: "the next month's first instant (exclusive)" }),
    ordersCompleted: z
      .number()
      .int()
      .meta({ description: "the company's work orders whose completion (the client's acceptance) falls in the month" }),
    ordersOnTime: z.number().int().meta({ description: "of those, the ones completed no later than their due time" }),
    ratingCount: z.number().int().meta({ description: "ratings (1–5) the company's users gave in the month" }),
    averageRating: z
      .number()
      .nullable()
      .meta({ description: "their mean, rounded to one decimal; null without ratings" }),
    followUpsOpened: z.number().int().meta({ description: "follow-ups on the company's feedback opened in the month" }),
    followUpsClosed: z.number().int().meta({ description: "follow-ups on the company's feedback closed in the month" }),
    totalMinutes: z
      .number()
      .int()
      .meta({ description: "time logged in progress updates in the month on tasks of the company's orders" }),
    hoursBySkill: z.array(ReportSkillHours).meta({
      description:
        "the same time by the skills its task needs: a task needing two skills counts in full under each, so the rows may add up to more than the total",
    }),
    orders: z.array(ReportOrder),
    proposal: ReportProposal.nullable().meta({
      description: "「改善のご提案」: the managers' improvement proposal for the month",
    }),
  })
  .meta({ id: "ClientReport" });
export type ClientReport = z.infer<typeof ClientReport>;

export const PutReportProposalRequest = z
  .strictObject({
    body: z.string().trim().min(1).max(REPORT_PROPOSAL_MAX),
    version: z.number().int().min(0).meta({
      description: "the version read (0: there is none yet); another answers 409 report.proposal_version_conflict",
    }),
  })
  .meta({ id: "PutReportProposalRequest" });
export type PutReportProposalRequest = z.infer<typeof PutReportProposalRequest>;
