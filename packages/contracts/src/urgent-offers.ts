// Urgent offers (issue 10): a manager offers a task to several eligible crew at once with a
// deadline; the first yes gets it, everyone else hears at once that it is taken. When nobody takes
// it (deadline, or everyone said no), the manager chooses: assign someone directly, offer it again,
// or tell the client now; unless they act within CREWBOARD_UNSTAFFED_NOTICE_MINUTES, the client
// is told automatically (never later than the order's due time).
//
// Who sees what: staff see every offer with everyone asked and their answers. A crew member sees
// only the offers made to them, with their own answer only (`recipients` holds just them), and
// `takenBy` only when they took it themselves (otherwise "taken by someone else"). Clients never
// see offers; they hear of an unstaffed task through their order's chat and a notification.
import { RubyText } from "./ruby.ts";
import * as z from "zod";
import { URGENT_OFFER_STATUSES } from "@crewboard/domain";
import { Id, PersonRef, QueryBoolean, Timestamp, queryList } from "./common.ts";
import { Skill } from "./dispatch.ts";
import { Task } from "./tasks.ts";

export const UrgentOfferStatus = z.enum(URGENT_OFFER_STATUSES).meta({
  id: "UrgentOfferStatus",
  description:
    "open (waiting for a yes), taken (someone accepted), expired (nobody did), cancelled (the task was assigned or changed meanwhile)",
});
export type UrgentOfferStatus = z.infer<typeof UrgentOfferStatus>;

export const OFFER_RESPONSES = ["accepted", "declined"] as const;
export const OfferResponse = z.enum(OFFER_RESPONSES);

/** Why an offer stopped being open. */
export const OFFER_END_REASONS = ["taken", "deadline", "all_declined", "assigned", "task_changed"] as const;
export const OfferEndReason = z.enum(OFFER_END_REASONS);
export type OfferEndReason = z.infer<typeof OfferEndReason>;

/** What the manager did about an offer nobody took (one of the three choices; the automatic notice is not one). */
export const OFFER_MANAGER_ACTIONS = ["assigned", "reoffered", "told_client"] as const;
export const OfferManagerAction = z.enum(OFFER_MANAGER_ACTIONS);
export type OfferManagerAction = z.infer<typeof OfferManagerAction>;

export const UrgentOfferRecipient = z
  .object({
    user: PersonRef,
    /** null while they have not answered */
    response: OfferResponse.nullable(),
    respondedAt: Timestamp.nullable(),
  })
  .meta({ id: "UrgentOfferRecipient" });
export type UrgentOfferRecipient = z.infer<typeof UrgentOfferRecipient>;

export const UrgentOffer = z
  .object({
    id: Id,
    /** whose view this copy is: staff (everyone asked) or a recipient (only their own answer) */
    view: z.enum(["staff", "recipient"]),
    status: UrgentOfferStatus,
    task: z.object({
      id: Id,
      title: z.string(),
      workOrderId: Id,
      workOrderNumber: z.number().int(),
      workOrderTitle: z.string(),
      /** furigana of the two titles (easy-read Japanese, issue 9 barrier 11); see Task.ruby */
      ruby: z.object({ title: RubyText, workOrderTitle: RubyText }).nullable().optional(),
      requiredSkills: z.array(Skill),
      estimateMinutes: z.number().int().nullable(),
      dueAt: Timestamp.nullable(),
      /** the order's due time: the client is told no later than this */
      workOrderDueAt: Timestamp,
    }),
    createdBy: PersonRef,
    /** the deadline for a yes */
    deadlineAt: Timestamp,
    /** the same instant as deadlineAt (the name the request uses) */
    expiresAt: Timestamp,
    /** staff: everyone asked; a crew member: only themself */
    recipients: z.array(UrgentOfferRecipient),
    /** who took it (staff; a crew member only when it was them), else null */
    takenBy: PersonRef.nullable(),
    takenAt: Timestamp.nullable(),
    /** for a crew member: did they take it (false for staff) */
    takenByMe: z.boolean(),
    endedAt: Timestamp.nullable(),
    endReason: OfferEndReason.nullable(),
    /** an expired offer: when the client is told unless a manager acts first; null otherwise */
    clientNoticeDueAt: Timestamp.nullable(),
    /** when the client was told nobody could be found (by a manager's choice or automatically) */
    clientToldAt: Timestamp.nullable(),
    /** the manager's choice after expiry, and when */
    managerAction: OfferManagerAction.nullable(),
    managerActedAt: Timestamp.nullable(),
    /** an expired offer waits for the manager's choice (assign, offer again, tell the client now) */
    awaitingManager: z.boolean(),
    /** the offer this one was made again from, and the one made again from this */
    previousOfferId: Id.nullable(),
    nextOfferId: Id.nullable(),
    version: z.number().int(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "UrgentOffer" });
export type UrgentOffer = z.infer<typeof UrgentOffer>;

export const UrgentOfferList = z.object({ items: z.array(UrgentOffer) }).meta({ id: "UrgentOfferList" });
export type UrgentOfferList = z.infer<typeof UrgentOfferList>;

/** At most this many people in one offer. */
export const MAX_OFFER_RECIPIENTS = 50;

const CrewIds = z
  .array(Id)
  .min(1, "ask at least one person")
  .max(MAX_OFFER_RECIPIENTS)
  .refine((ids) => new Set(ids).size === ids.length, "each person once");

export const CreateUrgentOfferRequest = z
  .strictObject({
    taskId: Id,
    crewIds: CrewIds,
    /** the deadline for a yes: in the future */
    expiresAt: Timestamp,
    /** ask someone who checked in unwell today anyway (audited) */
    override: z.boolean().default(false),
  })
  .meta({ id: "CreateUrgentOfferRequest" });
export type CreateUrgentOfferRequest = z.input<typeof CreateUrgentOfferRequest>;

/** Offer an expired offer's task again: to the same people unless others are named, with a new deadline. */
export const ReofferRequest = z
  .strictObject({
    crewIds: CrewIds.optional(),
    expiresAt: Timestamp,
    override: z.boolean().default(false),
  })
  .meta({ id: "ReofferRequest" });
export type ReofferRequest = z.input<typeof ReofferRequest>;

export const ListUrgentOffersQuery = z.strictObject({
  /** one status, or several comma-separated */
  status: queryList(UrgentOfferStatus).optional().meta({ description: "comma-separated statuses" }),
  taskId: Id.optional(),
  /** staff: only offers that wait for a manager's choice */
  awaitingManager: QueryBoolean.optional(),
});
export type ListUrgentOffersQuery = z.infer<typeof ListUrgentOffersQuery>;

/** The winner's answer: the offer (taken by them) and the task, now assigned to them. */
export const AcceptUrgentOfferResponse = z
  .object({ offer: UrgentOffer, task: Task })
  .meta({ id: "AcceptUrgentOfferResponse" });
export type AcceptUrgentOfferResponse = z.infer<typeof AcceptUrgentOfferResponse>;
