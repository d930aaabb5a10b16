// Follow-ups (complaints handled to the end), praise, the notification inbox and each person's
// choices of how to hear of things (issue 11).
import * as z from "zod";
import { RubyText } from "./ruby.ts";
import { DELIVERY_CHOICES, FOLLOW_UP_STEPS, NOTIFICATION_CATEGORIES } from "@crewboard/domain";
import { Id, PageQuery, PersonRef, QueryBoolean, Timestamp, page } from "./common.ts";

export const FollowUpStepName = z.enum(FOLLOW_UP_STEPS).meta({ id: "FollowUpStepName" });

export const FollowUpStep = z
  .object({
    step: FollowUpStepName,
    /** null: written by Crewboard itself (the "received" step, at once) */
    author: PersonRef.nullable(),
    /** internal note; absent in a client's view */
    note: z.string().optional(),
    /** what the client was told at this step */
    clientMessage: z.string().nullable(),
    dueAt: Timestamp.nullable(),
    at: Timestamp,
  })
  .meta({ id: "FollowUpStep" });
export type FollowUpStep = z.infer<typeof FollowUpStep>;

export const FollowUp = z
  .object({
    id: Id,
    /** "full" for managers and admins; "client" shows only received, the action taken and closed */
    view: z.enum(["full", "client"]),
    reason: z.enum(["rating", "complaint"]),
    status: FollowUpStepName,
    /** the step to do next (null once closed) and when it is due */
    nextStep: FollowUpStepName.nullable(),
    dueAt: Timestamp.nullable(),
    overdue: z.boolean(),
    owner: PersonRef.nullable(),
    workOrder: z.object({ id: Id, number: z.number().int(), title: z.string(), clientCompanyId: Id }),
    feedback: z.object({
      id: Id,
      rating: z.number().int().nullable(),
      comment: z.string(),
      author: PersonRef,
      createdAt: Timestamp,
    }),
    steps: z.array(FollowUpStep),
    createdAt: Timestamp,
    closedAt: Timestamp.nullable(),
  })
  .meta({ id: "FollowUp" });
export type FollowUp = z.infer<typeof FollowUp>;

export const ListFollowUpsQuery = PageQuery.extend({
  /** open (not closed), overdue (open and past its due step), closed */
  state: z.enum(["open", "overdue", "closed"]).optional(),
  workOrderId: Id.optional(),
});
export type ListFollowUpsQuery = z.infer<typeof ListFollowUpsQuery>;
export const FollowUpPage = page(FollowUp).meta({ id: "FollowUpPage" });

export const RecordFollowUpStepRequest = z
  .strictObject({
    /** the next step, in order (acknowledged → listened → reported → crew_heard → corrective_action → prevention_note → closed) */
    step: FollowUpStepName.exclude(["acknowledged"]),
    /** what was heard, reported or done (internal; the prevention note is sent to all crew as written — name no one) */
    note: z.string().trim().min(1, "write what happened at this step").max(4_000),
    /** corrective action and closed: what the client is told was done */
    clientMessage: z.string().trim().min(1).max(2_000).optional(),
  })
  .superRefine((v, ctx) => {
    if ((v.step === "corrective_action" || v.step === "closed") && !v.clientMessage) {
      ctx.addIssue({ code: "custom", path: ["clientMessage"], message: "tell the client what was done" });
    }
    if (v.clientMessage && v.step !== "corrective_action" && v.step !== "closed") {
      ctx.addIssue({
        code: "custom",
        path: ["clientMessage"],
        message: "only the corrective action and the closing are told to the client",
      });
    }
  })
  .meta({ id: "RecordFollowUpStepRequest" });
export type RecordFollowUpStepRequest = z.infer<typeof RecordFollowUpStepRequest>;

export const FollowUpStats = z
  .object({
    open: z.number().int(),
    overdue: z.number().int(),
    closedThisMonth: z.number().int(),
    /** median hours from opening to closing, over the follow-ups closed this month (null: none) */
    medianHoursToClose: z.number().nullable(),
    /** the company month these figures are for, "YYYY-MM" */
    month: z.string(),
  })
  .meta({ id: "FollowUpStats" });
export type FollowUpStats = z.infer<typeof FollowUpStats>;

export const Praise = z
  .object({
    feedbackId: Id,
    workOrder: z.object({ id: Id, number: z.number().int(), title: z.string() }),
    /** who said it: the client by name, and their company */
    from: PersonRef,
    companyName: z.string(),
    rating: z.number().int().nullable(),
    comment: z.string(),
    at: Timestamp,
    /** furigana of the client's words and the order's title (easy-read Japanese, issue 9 barrier 11); see Task.ruby */
    ruby: z.object({ comment: RubyText, title: RubyText }).nullable().optional(),
  })
  .meta({ id: "Praise" });
export type Praise = z.infer<typeof Praise>;
export const PraiseList = z.object({ items: z.array(Praise) }).meta({ id: "PraiseList" });

export const Notification = z
  .object({
    id: Id,
    /** what happened, e.g. "message.mention"; the UI words it in the reader's language from `data` */
    kind: z.string(),
    /** the preference it falls under (null: always live) */
    category: z.enum(NOTIFICATION_CATEGORIES).nullable(),
    data: z.record(z.string(), z.unknown()),
    readAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "Notification" });
export type Notification = z.infer<typeof Notification>;

export const ListNotificationsQuery = PageQuery.extend({ unread: QueryBoolean.optional() });
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;
export const NotificationPage = page(Notification)
  .extend({ unreadCount: z.number().int() })
  .meta({ id: "NotificationPage" });
export type NotificationPage = z.infer<typeof NotificationPage>;

export const MarkAllReadResponse = z
  .object({ updated: z.number().int(), unreadCount: z.number().int() })
  .meta({ id: "MarkAllReadResponse" });

export const NotificationCategory = z.enum(NOTIFICATION_CATEGORIES);
export const DeliveryChoice = z.enum(DELIVERY_CHOICES);
/** one property per category (an object, so the OpenAPI document names each) */
const everyCategory = Object.fromEntries(NOTIFICATION_CATEGORIES.map((c) => [c, DeliveryChoice])) as Record<
  (typeof NOTIFICATION_CATEGORIES)[number],
  typeof DeliveryChoice
>;

export const NotificationPreferences = z
  .object({
    /** every category with the person's choice (theirs or the default for their role) */
    choices: z.object(everyCategory),
    /** the categories they chose themselves */
    chosen: z.array(NotificationCategory),
    /** false when the server has no SMTP configured: "email" and "digest" are kept but nothing is sent */
    emailEnabled: z.boolean(),
  })
  .meta({ id: "NotificationPreferences" });
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

export const UpdateNotificationPreferencesRequest = z
  .strictObject({ choices: z.partialRecord(NotificationCategory, DeliveryChoice) })
  .meta({ id: "UpdateNotificationPreferencesRequest" });
export type UpdateNotificationPreferencesRequest = z.infer<typeof UpdateNotificationPreferencesRequest>;
