import * as z from "zod";
import {
  PROGRESS_MAX,
  PROGRESS_MIN,
  PROGRESS_MINUTES_MAX,
  SKILLS,
  TASK_ESTIMATE_MAX_MINUTES,
  TASK_STATUSES,
  TEXT_LIMITS,
} from "@crewboard/domain";
import { Skill } from "./dispatch.ts";
import { Id, PageQuery, PersonRef, QueryBoolean, Timestamp, page, queryList } from "./common.ts";
import { RubyText } from "./ruby.ts";
import { TASK_PAGE_MAX } from "./operations/http.ts";

export const TaskStatus = z.enum(TASK_STATUSES);

/**
 * The client's revision request on the task's order, with their comment, while it stands: from the
 * request until the order is delivered again (packages/domain isRevisionRequestOpen). Every task of
 * the order carries it, so the crew working on it see it on their tasks and on My Day.
 */
export const RevisionRequest = z
  .object({
    comment: z.string(),
    requestedAt: Timestamp,
    /** the display name of the client who asked */
    requestedBy: z.string(),
  })
  .meta({ id: "RevisionRequest" });
export type RevisionRequest = z.infer<typeof RevisionRequest>;

export const Task = z
  .object({
    id: Id,
    workOrder: z.object({ id: Id, number: z.number().int(), title: z.string(), clientCompanyId: Id }),
    title: z.string(),
    description: z.string(),
    acceptanceCriteria: z.string(),
    assignee: PersonRef.nullable(),
    estimateMinutes: z.number().int().nullable(),
    /** the skills the task needs (issue 10) */
    requiredSkills: z.array(Skill),
    dueAt: Timestamp.nullable(),
    status: TaskStatus,
    allowedTransitions: z.array(TaskStatus),
    blockedReason: z.string().nullable(),
    progress: z.number().int().min(0).max(100),
    minutesSpent: z.number().int(),
    version: z.number().int().meta({ description: "send it back with every change; a stale one gets 409" }),
    position: z.number().int(),
    startedAt: Timestamp.nullable(),
    completedAt: Timestamp.nullable(),
    /** null unless the client asked for a revision of the order and it has not been delivered again */
    revisionRequest: RevisionRequest.nullable(),
    /**
     * Furigana of the texts people wrote (easy-read Japanese, issue 9 barrier 11): computed when the
     * text is saved; null when the server has no reading dictionary loaded (yet) or it is turned off.
     */
    ruby: z
      .object({ title: RubyText, acceptanceCriteria: RubyText, workOrderTitle: RubyText.nullable() })
      .nullable()
      .optional(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: "Task" });
export type Task = z.infer<typeof Task>;

const Minutes = z.number().int().min(1).max(TASK_ESTIMATE_MAX_MINUTES);
const RequiredSkills = z
  .array(Skill)
  .max(SKILLS.length)
  .refine((s) => new Set(s).size === s.length, "each skill once");

export const NewTask = z.strictObject({
  title: z.string().trim().min(1, "a title is needed").max(TEXT_LIMITS.title),
  description: z.string().max(TEXT_LIMITS.description).default(""),
  acceptanceCriteria: z.string().max(TEXT_LIMITS.acceptanceCriteria).default(""),
  assigneeId: Id.optional(),
  /** assign someone who said "unwell" today anyway: required then (409 task.assignee_needs_override), audited */
  assigneeOverride: z.boolean().optional(),
  estimateMinutes: Minutes.optional(),
  requiredSkills: RequiredSkills.default([]),
  dueAt: Timestamp.optional(),
});

/** Split a work order into tasks (one or many at once, all or none are created). */
export const CreateTasksRequest = z
  .strictObject({ tasks: z.array(NewTask).min(1).max(50) })
  .meta({ id: "CreateTasksRequest" });
export type CreateTasksRequest = z.infer<typeof CreateTasksRequest>;
export const TaskList = z.object({ items: z.array(Task) });

export const UpdateTaskRequest = z
  .strictObject({
    version: z.number().int().min(1).meta({ description: "the version you read; required" }),
    status: TaskStatus.optional(),
    blockedReason: z.string().trim().min(1).max(TEXT_LIMITS.blockedReason).optional(),
    title: z.string().trim().min(1).max(TEXT_LIMITS.title).optional(),
    description: z.string().max(TEXT_LIMITS.description).optional(),
    acceptanceCriteria: z.string().max(TEXT_LIMITS.acceptanceCriteria).optional(),
    assigneeId: Id.nullable().optional(),
    /** assign someone who said "unwell" today anyway: required then (409 task.assignee_needs_override), audited */
    assigneeOverride: z.boolean().optional(),
    estimateMinutes: Minutes.nullable().optional(),
    requiredSkills: RequiredSkills.optional(),
    dueAt: Timestamp.nullable().optional(),
    position: z.number().int().min(0).max(1_000_000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.status === "blocked" && !v.blockedReason) {
      ctx.addIssue({ code: "custom", path: ["blockedReason"], message: "say what stops the work" });
    }
    if (v.blockedReason && v.status !== "blocked") {
      ctx.addIssue({ code: "custom", path: ["blockedReason"], message: 'a blocked reason goes with status "blocked"' });
    }
  })
  .meta({ id: "UpdateTaskRequest" });
export type UpdateTaskRequest = z.infer<typeof UpdateTaskRequest>;

export const ListTasksQuery = PageQuery.extend({
  /** up to TASK_PAGE_MAX: a board of 10,000 tasks in three requests, not a hundred */
  limit: z.coerce.number().int().min(1).max(TASK_PAGE_MAX).default(50),
  workOrderId: Id.optional(),
  assigneeId: z.union([Id, z.literal("me")]).optional(),
  status: queryList(TaskStatus).optional(),
  blocked: QueryBoolean.optional(),
  dueBefore: Timestamp.optional(),
  /** only tasks whose order has a revision request that stands (true), or none (false) */
  revisionRequested: QueryBoolean.optional(),
  /**
   * true: each task carries its `ruby` (furigana), for a reader in easy-read mode. Without it the
   * list leaves `ruby` out: a third of a board page's bytes that most readers never show (issue 14).
   * Not a filter. Single reads, writes' answers and live events always carry `ruby`.
   */
  ruby: QueryBoolean.optional().meta({ description: "true: include each task's furigana (`ruby`)" }),
});
export type ListTasksQuery = z.infer<typeof ListTasksQuery>;
export const TaskPage = page(Task).extend({
  /**
   * The unfiltered list of staff only: the latest event sequence of `board`, as of the read (the
   * same snapshot as the items). A client that reads before its live connection has joined the
   * room asks it for the events after this one, so that none is lost between.
   */
  seqs: z.record(z.string(), z.number().int().min(0)).optional(),
});

export const ProgressUpdate = z
  .object({
    id: Id,
    taskId: Id,
    author: PersonRef,
    percent: z.number().int().min(PROGRESS_MIN).max(PROGRESS_MAX),
    note: z.string(),
    minutesSpent: z.number().int(),
    blocker: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "ProgressUpdate" });
export type ProgressUpdate = z.infer<typeof ProgressUpdate>;

export const CreateProgressUpdateRequest = z
  .strictObject({
    percent: z.number().int().min(PROGRESS_MIN).max(PROGRESS_MAX),
    note: z.string().trim().max(TEXT_LIMITS.progressNote).default(""),
    minutesSpent: z.number().int().min(0).max(PROGRESS_MINUTES_MAX).default(0),
    /** what stops the work; the task becomes blocked with this reason */
    blocker: z.string().trim().min(1).max(TEXT_LIMITS.blockedReason).optional(),
  })
  .meta({ id: "CreateProgressUpdateRequest" });
export type CreateProgressUpdateRequest = z.infer<typeof CreateProgressUpdateRequest>;

export const CreateProgressUpdateResponse = z.object({ progressUpdate: ProgressUpdate, task: Task });
export const ProgressUpdatePage = page(ProgressUpdate);
