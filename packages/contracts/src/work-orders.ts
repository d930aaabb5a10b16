import * as z from "zod";
import {
  NOMINATION_ANSWERS,
  PRIORITIES,
  WORK_ORDER_STATUSES,
  TEXT_LIMITS,
  MAX_LINKS_PER_ORDER,
} from "@crewboard/domain";
import { Id, PageQuery, PersonRef, QueryBoolean, Timestamp, page, queryList } from "./common.ts";
import { RubyText } from "./ruby.ts";

export const WorkOrderStatus = z.enum(WORK_ORDER_STATUSES);
export const Priority = z.enum(PRIORITIES);

const Title = z.string().trim().min(1, "a title is needed").max(TEXT_LIMITS.title);
const Description = z.string().max(TEXT_LIMITS.description);
const Links = z.array(z.url({ protocol: /^https?$/ }).max(TEXT_LIMITS.url)).max(MAX_LINKS_PER_ORDER);

export const WorkOrder = z
  .object({
    id: Id,
    number: z.number().int().meta({ description: "human reference, shown as #12" }),
    clientCompany: z.object({ id: Id, name: z.string(), nameEn: z.string().nullable() }),
    createdBy: PersonRef,
    title: z.string(),
    description: z.string(),
    links: z.array(z.string()),
    dueAt: Timestamp,
    priority: Priority,
    status: WorkOrderStatus,
    allowedTransitions: z.array(WorkOrderStatus).meta({ description: "statuses this order can move to next" }),
    nominatedCrew: PersonRef.nullable(),
    nominationNote: z.string().nullable(),
    /** the manager's answer to the nomination (issue 10); null while unanswered or without one */
    nominationAnswer: z
      .object({
        answer: z.enum(NOMINATION_ANSWERS),
        /** why, in plain words the client reads (a declined nomination) */
        reason: z.string().nullable(),
        /** someone else the manager offers instead */
        alternative: PersonRef.nullable(),
        answeredAt: Timestamp,
      })
      .nullable(),
    declineReason: z.string().nullable(),
    progress: z.number().int().min(0).max(100).meta({ description: "derived from its tasks, weighted by estimate" }),
    taskCounts: z.object({ total: z.number().int(), done: z.number().int(), blocked: z.number().int() }),
    version: z.number().int(),
    acceptedAt: Timestamp.nullable(),
    deliveredAt: Timestamp.nullable(),
    completedAt: Timestamp.nullable(),
    declinedAt: Timestamp.nullable(),
    /** furigana of the title and description (easy-read Japanese, issue 9 barrier 11); see Task.ruby */
    ruby: z.object({ title: RubyText, description: RubyText }).nullable().optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "WorkOrder" });
export type WorkOrder = z.infer<typeof WorkOrder>;

export const CreateWorkOrderRequest = z
  .strictObject({
    title: Title,
    description: Description.default(""),
    links: Links.default([]),
    dueAt: Timestamp,
    priority: Priority.default("normal"),
    nominatedCrewId: Id.optional(),
    nominationNote: z.string().trim().max(TEXT_LIMITS.nominationNote).optional(),
    /** staff creating an order on a client's behalf name the company; clients never do */
    clientCompanyId: Id.optional(),
  })
  .meta({ id: "CreateWorkOrderRequest" });
export type CreateWorkOrderRequest = z.infer<typeof CreateWorkOrderRequest>;

export const UpdateWorkOrderRequest = z
  .strictObject({
    /** when given, the write is refused with 409 if the order changed since that version */
    version: z.number().int().min(1).optional(),
    status: WorkOrderStatus.optional(),
    declineReason: z.string().trim().min(1).max(TEXT_LIMITS.declineReason).optional(),
    title: Title.optional(),
    description: Description.optional(),
    links: Links.optional(),
    dueAt: Timestamp.optional(),
    priority: Priority.optional(),
    nominatedCrewId: Id.nullable().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === "declined" && !v.declineReason) {
      ctx.addIssue({ code: "custom", path: ["declineReason"], message: "say why the order is declined" });
    }
    if (v.declineReason && v.status !== "declined") {
      ctx.addIssue({
        code: "custom",
        path: ["declineReason"],
        message: 'a decline reason goes with status "declined"',
      });
    }
  })
  .meta({ id: "UpdateWorkOrderRequest" });
export type UpdateWorkOrderRequest = z.infer<typeof UpdateWorkOrderRequest>;

export const ListWorkOrdersQuery = PageQuery.extend({
  status: queryList(WorkOrderStatus).optional().meta({ description: "comma-separated statuses" }),
  clientCompanyId: Id.optional(),
  priority: Priority.optional(),
  q: z.string().trim().min(1).max(TEXT_LIMITS.workOrderSearch).optional().meta({ description: "words in the title" }),
  /** true: each order carries its `ruby` (furigana), for easy-read; without it lists leave `ruby` out (as ListTasksQuery) */
  ruby: QueryBoolean.optional().meta({ description: "true: include each order's furigana (`ruby`)" }),
});
export type ListWorkOrdersQuery = z.infer<typeof ListWorkOrdersQuery>;
export const WorkOrderPage = page(WorkOrder);

/** Honour a client's nomination, or decline it (not the order) saying why, maybe offering someone else. */
export const AnswerNominationRequest = z
  .strictObject({
    answer: z.enum(NOMINATION_ANSWERS),
    reason: z.string().trim().min(1).max(TEXT_LIMITS.declineReason).optional(),
    alternativeCrewId: Id.optional(),
    /**
     * the nominee this answer is for, as the manager read it: when the client has changed the
     * nominee meanwhile, the answer is refused with 409 work_order.nomination_changed (send it)
     */
    nomineeId: Id.optional(),
  })
  .superRefine((v, ctx) => {
    if (v.answer === "declined" && !v.reason) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "say why, in words the client can read" });
    }
    if (v.answer === "honoured" && v.alternativeCrewId) {
      ctx.addIssue({
        code: "custom",
        path: ["alternativeCrewId"],
        message: "an alternative goes with a declined nomination",
      });
    }
  })
  .meta({ id: "AnswerNominationRequest" });
export type AnswerNominationRequest = z.infer<typeof AnswerNominationRequest>;
