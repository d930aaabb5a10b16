// A page of tasks, newest first, with each task's order, assignee and the order's latest revision
// request: the board's list (GET /tasks) in one hand-written statement (issue 14). Prisma's nested
// include of the same (apps/server/src/modules/tasks/task.mapper.ts `taskInclude`) spent most of a
// page read's CPU in building and mapping the relations' JSON; this returns the same rows, flat, and
// builds the nested shape here. Unfiltered pages only: a filtered list goes through Prisma's where.
// The same row for one task (findTaskRow): the read before each task write.
import type { WorkScope } from "@crewboard/domain";
import { Prisma, type PrismaClient, type Task, type User, type WorkOrder } from "../generated/prisma/client.ts";
import { rawArrays } from "./direct.ts";

/** A task as `findMany({ include: taskInclude })` returns it. */
export type TaskPageRow = Task & {
  workOrder: Pick<WorkOrder, "id" | "number" | "title" | "ruby" | "clientCompanyId" | "status" | "deliveredAt"> & {
    feedback: { comment: string; createdAt: Date; author: { name: string } }[];
  };
  assignee: Pick<User, "id" | "name" | "displayName" | "role"> | null;
};

interface Flat extends Task {
  woNumber: number;
  woTitle: string;
  woRuby: WorkOrder["ruby"];
  woClientCompanyId: string;
  woStatus: WorkOrder["status"];
  woDeliveredAt: Date | null;
  aName: string | null;
  aDisplayName: string | null;
  aRole: User["role"] | null;
  fComment: string | null;
  fCreatedAt: Date | null;
  fAuthorName: string | null;
}

/**
 * The visibility scope (apps/server/src/access/visibility.ts `visibleTasks`) as SQL over `t` (the
 * task) and `w` (its order): change both together (modules/tasks/task-page.test.ts compares them).
 */
export function taskScopeSql(scope: WorkScope): Prisma.Sql {
  switch (scope.kind) {
    case "all":
      return Prisma.sql`TRUE`;
    case "none":
      return Prisma.sql`FALSE`;
    case "company":
      return Prisma.sql`w."clientCompanyId" = ${scope.clientCompanyId}::uuid`;
    case "assignee":
      return Prisma.sql`t."assigneeId" = ${scope.userId}::uuid`;
  }
}

/**
 * A task's flat row (Flat) with its order, assignee and the order's latest revision request, as
 * `[column, expression]` in the statement's order: taskRowSql selects them so, and `nest` reads
 * each row (an array: rawArrays) by these places. `ruby` false: the stored furigana come as null.
 */
const taskColumns = (ruby: boolean): [keyof Flat, Prisma.Sql][] => [
  ["id", Prisma.sql`t."id"`],
  ["workOrderId", Prisma.sql`t."workOrderId"`],
  ["title", Prisma.sql`t."title"`],
  ["description", Prisma.sql`t."description"`],
  ["acceptanceCriteria", Prisma.sql`t."acceptanceCriteria"`],
  ["ruby", ruby ? Prisma.sql`t."ruby"` : Prisma.sql`NULL::jsonb`],
  ["assigneeId", Prisma.sql`t."assigneeId"`],
  ["estimateMinutes", Prisma.sql`t."estimateMinutes"`],
  ["requiredSkills", Prisma.sql`t."requiredSkills"`],
  ["dueAt", Prisma.sql`t."dueAt"`],
  ["status", Prisma.sql`t."status"::text`],
  ["blockedReason", Prisma.sql`t."blockedReason"`],
  ["progress", Prisma.sql`t."progress"`],
  ["minutesSpent", Prisma.sql`t."minutesSpent"`],
  ["version", Prisma.sql`t."version"`],
  ["position", Prisma.sql`t."position"`],
  ["startedAt", Prisma.sql`t."startedAt"`],
  ["completedAt", Prisma.sql`t."completedAt"`],
  ["createdAt", Prisma.sql`t."createdAt"`],
  ["updatedAt", Prisma.sql`t."updatedAt"`],
  ["woNumber", Prisma.sql`w."number"`],
  ["woTitle", Prisma.sql`w."title"`],
  ["woRuby", ruby ? Prisma.sql`w."ruby"` : Prisma.sql`NULL::jsonb`],
  ["woClientCompanyId", Prisma.sql`w."clientCompanyId"`],
  ["woStatus", Prisma.sql`w."status"::text`],
  ["woDeliveredAt", Prisma.sql`w."deliveredAt"`],
  ["aName", Prisma.sql`a."name"`],
  ["aDisplayName", Prisma.sql`a."displayName"`],
  ["aRole", Prisma.sql`a."role"::text`],
  ["fComment", Prisma.sql`f."comment"`],
  ["fCreatedAt", Prisma.sql`f."createdAt"`],
  ["fAuthorName", Prisma.sql`fa."name"`],
];

/** Each column's place in a flat row (the same for either `ruby`). */
const at = Object.fromEntries(taskColumns(false).map(([name], i) => [name, i])) as Record<keyof Flat, number>;
const COLUMN_NAMES = taskColumns(false).map(([name]) => name);

/** SELECT … FROM `tasks` (which names the task `t`), for a WHERE over `t` and `w`: rows of taskColumns. */
const taskRowSql = (tasks: Prisma.Sql, ruby = true) => Prisma.sql`
  SELECT ${Prisma.join(taskColumns(ruby).map(([name, expression]) => Prisma.sql`${expression} AS ${Prisma.raw(`"${name}"`)}`))}
    FROM ${tasks}
    JOIN "WorkOrder" w ON w."id" = t."workOrderId"
    LEFT JOIN "User" a ON a."id" = t."assigneeId"
    LEFT JOIN LATERAL (
      SELECT f."comment", f."createdAt", f."authorId" FROM "Feedback" f
       WHERE f."workOrderId" = w."id" AND f."verdict" = 'request_revision'
       ORDER BY f."createdAt" DESC, f."id" DESC LIMIT 1
    ) f ON TRUE
    LEFT JOIN "User" fa ON fa."id" = f."authorId"`;

/**
 * Rows after `cursor` in newest-first order (older, or as old with a smaller id), at most `take`.
 * Times are stored as UTC in `timestamp(3)`: the cursor's instant is compared as UTC too.
 *
 * `seqs`: the latest event sequence of each of `rooms` (0: none yet), read in the same statement,
 * so from the same snapshot as the rows: every event up to it is in the rows, none after it. A
 * client can read the page before its live connection has joined those rooms, and then ask the
 * room for what came after (issue 14: the board's first cards need not wait for the join).
 */
export async function findTaskPage(
  prisma: Pick<PrismaClient, "$queryRaw">,
  options: {
    scope: WorkScope;
    cursor?: { createdAt: Date; id: string } | undefined;
    take: number;
    rooms?: readonly string[];
    /**
     * false: the rows' `ruby` (stored furigana segments) come as null, not read nor parsed: for a
     * page sent without furigana (issue 14: the segments are a third of a page's JSON)
     */
    ruby?: boolean;
  },
): Promise<{ rows: TaskPageRow[]; seqs: Record<string, number> }> {
  const { cursor } = options;
  const after = cursor
    ? Prisma.sql`AND (t."createdAt", t."id") < ((${cursor.createdAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'), ${cursor.id}::uuid)`
    : Prisma.empty;
  // One statement is one snapshot (READ COMMITTED takes it per statement): the sequences and the
  // rows agree. A room's sequence row is updated by the transaction that writes its event.
  // The rows come flat (one per task; with no task, one row of nulls that carries the sequences):
  // building the page as one json_agg text cost PostgreSQL ~4.6 ms of CPU against ~1.3 ms flat, and
  // parsing that ~140 kB two-byte string (V8's large-object space) ~1.5 ms more in the server.
  // The page's tasks are chosen and sorted by their keys alone (`k`), and joined to their columns
  // after: sorting the wide joined rows of a 5,000-task page spilled to disk (work_mem 4 MB, an
  // external sort of 3.5 MB on the 10,000-task bench board, ~125 ms → ~70 ms; EXPLAIN ANALYZE).
  const rooms = [...(options.rooms ?? [])];
  // `seqs` as text, parsed once below (it repeats on every row), and the row's columns after it
  const rows = await rawArrays(
    prisma,
    Prisma.sql`
    SELECT s."seqs", p.* FROM (
      SELECT (SELECT json_object_agg(q."room", q."lastSeq") FROM "RoomSequence" q WHERE q."room" = ANY(${rooms}::text[]))::text AS "seqs"
    ) s LEFT JOIN LATERAL (
    ${taskRowSql(
      Prisma.sql`(
      SELECT t."id" FROM "Task" t JOIN "WorkOrder" w ON w."id" = t."workOrderId"
       WHERE ${taskScopeSql(options.scope)} ${after}
       ORDER BY t."createdAt" DESC, t."id" DESC
       LIMIT ${options.take}
    ) k JOIN "Task" t ON t."id" = k."id"`,
      options.ruby ?? true,
    )}
    ) p ON TRUE
    ORDER BY p."createdAt" DESC, p."id" DESC`,
    ["seqs", ...COLUMN_NAMES],
  );
  const stored = rows[0]?.[0];
  const known = typeof stored === "string" ? (JSON.parse(stored) as Record<string, number>) : {};
  const seqs: Record<string, number> = {};
  for (const room of rooms) seqs[room] = known[room] ?? 0;
  // with no task, one row of nulls that carries the sequences
  return { rows: rows[0]?.[1 + at.id] == null ? [] : rows.map((row) => nest(row, 1)), seqs };
}

/**
 * The task `id` if `scope` lets its reader see it, with its relations as `findFirst({ include:
 * taskInclude })` returns them; null otherwise (issue 14: the write paths read it first, and
 * Prisma's nested include cost ~1 ms of server CPU per write).
 */
export async function findTaskRow(
  prisma: Pick<PrismaClient, "$queryRaw">,
  options: { scope: WorkScope; id: string },
): Promise<TaskPageRow | null> {
  const [row] = await rawArrays(
    prisma,
    Prisma.sql`${taskRowSql(Prisma.sql`"Task" t`)} WHERE t."id" = ${options.id}::uuid AND ${taskScopeSql(options.scope)}`,
    COLUMN_NAMES,
  );
  return row ? nest(row, 0) : null;
}

/** A flat row's task, nested as Prisma's include gives it; its columns start at `from` (taskColumns' order). */
function nest(row: unknown[], from: number): TaskPageRow {
  const v = <K extends keyof Flat>(column: K) => row[from + at[column]] as Flat[K];
  const assigneeId = v("assigneeId");
  const feedbackAt = v("fCreatedAt");
  return {
    id: v("id"),
    workOrderId: v("workOrderId"),
    title: v("title"),
    description: v("description"),
    acceptanceCriteria: v("acceptanceCriteria"),
    ruby: v("ruby"),
    assigneeId: v("assigneeId"),
    estimateMinutes: v("estimateMinutes"),
    requiredSkills: v("requiredSkills"),
    dueAt: v("dueAt"),
    status: v("status"),
    blockedReason: v("blockedReason"),
    progress: v("progress"),
    minutesSpent: v("minutesSpent"),
    version: v("version"),
    position: v("position"),
    startedAt: v("startedAt"),
    completedAt: v("completedAt"),
    createdAt: v("createdAt"),
    updatedAt: v("updatedAt"),
    workOrder: {
      id: v("workOrderId"),
      number: v("woNumber"),
      title: v("woTitle"),
      ruby: v("woRuby"),
      clientCompanyId: v("woClientCompanyId"),
      status: v("woStatus"),
      deliveredAt: v("woDeliveredAt"),
      feedback:
        feedbackAt === null
          ? []
          : [{ comment: v("fComment")!, createdAt: feedbackAt, author: { name: v("fAuthorName")! } }],
    },
    assignee:
      assigneeId === null
        ? null
        : { id: assigneeId, name: v("aName")!, displayName: v("aDisplayName"), role: v("aRole")! },
  };
}
