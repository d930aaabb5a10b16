import * as z from "zod";
import { FEEDBACK_TONES, FEEDBACK_VERDICTS, RATING_MAX, RATING_MIN, TEXT_LIMITS } from "@crewboard/domain";
import { Id, PersonRef, Timestamp } from "./common.ts";

export const Deliverable = z
  .object({
    id: Id,
    workOrderId: Id,
    title: z.string(),
    note: z.string(),
    url: z.string().nullable(),
    fileName: z.string().nullable(),
    contentType: z.string().nullable(),
    sizeBytes: z.number().int().nullable(),
    downloadUrl: z.string().nullable().meta({ description: "for an uploaded file: where to download it" }),
    uploadedBy: PersonRef,
    createdAt: Timestamp,
    releasedAt: Timestamp.nullable().meta({
      description:
        "when the client could first see it: set when a manager marks the order delivered; null while it is not yet shown to the client (clients never see those)",
    }),
  })
  .meta({ id: "Deliverable" });
export type Deliverable = z.infer<typeof Deliverable>;

/** JSON for a link; a file is sent as multipart/form-data with the same fields plus `file`. */
export const CreateDeliverableRequest = z
  .strictObject({
    title: z.string().trim().min(1).max(TEXT_LIMITS.title),
    note: z.string().max(TEXT_LIMITS.note).default(""),
    url: z
      .url({ protocol: /^https?$/ })
      .max(TEXT_LIMITS.url)
      .optional(),
  })
  .meta({ id: "CreateDeliverableRequest" });
export type CreateDeliverableRequest = z.infer<typeof CreateDeliverableRequest>;
export const DeliverableList = z.object({ items: z.array(Deliverable) });

export const FeedbackVerdict = z.enum(FEEDBACK_VERDICTS);

export const Feedback = z
  .object({
    id: Id,
    workOrderId: Id,
    deliverableId: Id.nullable(),
    author: PersonRef,
    verdict: FeedbackVerdict,
    rating: z.number().int().nullable(),
    comment: z.string(),
    /** what the client marked it as: praise, or a complaint (「ご意見・ご不満」) */
    tone: z.enum(FEEDBACK_TONES).nullable(),
    followUpOpened: z.boolean(),
    createdAt: Timestamp,
  })
  .meta({ id: "Feedback" });
export type Feedback = z.infer<typeof Feedback>;

/** accept → the order is completed; request_revision → back to the crew with the comment. */
export const CreateFeedbackRequest = z
  .strictObject({
    verdict: FeedbackVerdict,
    rating: z.number().int().min(RATING_MIN).max(RATING_MAX).optional(),
    comment: z.string().trim().max(TEXT_LIMITS.feedbackComment).default(""),
    deliverableId: Id.optional(),
    /** mark the words as praise (they reach the crew by name) or as a complaint (it opens a follow-up, on any order) */
    tone: z.enum(FEEDBACK_TONES).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.tone === "complaint" && !v.comment) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "say what went wrong" });
    }
    if (v.verdict === "request_revision" && !v.comment) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "say what should be revised" });
    }
    if (v.verdict === "comment" && !v.comment && v.rating === undefined) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "write a comment or give a rating" });
    }
  })
  .meta({ id: "CreateFeedbackRequest" });
export type CreateFeedbackRequest = z.infer<typeof CreateFeedbackRequest>;
export const FeedbackList = z.object({ items: z.array(Feedback) });
