// A page of tasks, newest first, with each task's order, assignee and the order's latest revision
// request: the board's list (GET /tasks) in one hand-written statement (issue 14). Prisma's nested
// include of the same (apps/server/src/modules/tasks/task.mapper.ts `taskInclude`) spent most of a
// page read's CPU in building and mapping the relations' JSON; this returns the same rows, flat, and
// builds the nested shape here. Unfiltered pages only: a filtered list goes through Prisma's where.
// The same row for one task (findTaskRow): the read before each task write.
import type { WorkScope } from "@crewboard/domain";
import { Prisma, type PrismaClient, type Task, type User, type WorkOrder } from "../generated/prisma/client.ts";
import { rawRows } from "./direct.ts";

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
 * A task's flat row (Flat) with its order, assignee and the order's latest revision request:
 * SELECT … FROM `tasks` (which names the task `t`), for a WHERE over `t` and `w`.
 */
const taskRowSql = (tasks: Prisma.Sql, ruby = true) => Prisma.sql`
  SELECT t."id", t."workOrderId", t."title", t."description", t."acceptanceCriteria", ${ruby ? Prisma.sql`t."ruby"` : Prisma.sql`NULL::jsonb AS "ruby"`}, t."assigneeId",
         t."estimateMinutes", t."requiredSkills", t."dueAt", t."status"::text AS "status", t."blockedReason",
         t."progress", t."minutesSpent", t."version", t."position", t."startedAt", t."completedAt",
         t."createdAt", t."updatedAt",
         w."number" AS "woNumber", w."title" AS "woTitle", ${ruby ? Prisma.sql`w."ruby"` : Prisma.sql`NULL::jsonb`} AS "woRuby",
         w."clientCompanyId" AS "woClientCompanyId", w."status"::text AS "woStatus", w."deliveredAt" AS "woDeliveredAt",
         a."name" AS "aName", a."displayName" AS "aDisplayName", a."role"::text AS "aRole",
         f."comment" AS "fComment", f."createdAt" AS "fCreatedAt", fa."name" AS "fAuthorName"
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
  const rows = await rawRows<Flat & { seqs: Record<string, number> | null }>(
    prisma,
    Prisma.sql`
    SELECT s."seqs", p.* FROM (
      SELECT (SELECT json_object_agg(q."room", q."lastSeq") FROM "RoomSequence" q WHERE q."room" = ANY(${rooms}::text[])) AS "seqs"
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
  );
  const seqs: Record<string, number> = {};
  for (const room of rooms) seqs[room] = rows[0]?.seqs?.[room] ?? 0;
  return { rows: rows[0]?.id == null ? [] : rows.map(nest), seqs };
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
  const [row] = await rawRows<Flat>(
    prisma,
    Prisma.sql`${taskRowSql(Prisma.sql`"Task" t`)} WHERE t."id" = ${options.id}::uuid AND ${taskScopeSql(options.scope)}`,
  );
  return row ? nest(row) : null;
}

function nest(r: Flat): TaskPageRow {
  return {
    id: r.id,
    workOrderId: r.workOrderId,
    title: r.title,
    description: r.description,
    acceptanceCriteria: r.acceptanceCriteria,
    ruby: r.ruby,
    assigneeId: r.assigneeId,
    estimateMinutes: r.estimateMinutes,
    requiredSkills: r.requiredSkills,
    dueAt: r.dueAt,
    status: r.status,
    blockedReason: r.blockedReason,
    progress: r.progress,
    minutesSpent: r.minutesSpent,
    version: r.version,
    position: r.position,
    startedAt: r.startedAt,
    completedAt: r.completedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    workOrder: {
      id: r.workOrderId,
      number: r.woNumber,
      title: r.woTitle,
      ruby: r.woRuby,
      clientCompanyId: r.woClientCompanyId,
      status: r.woStatus,
      deliveredAt: r.woDeliveredAt,
      feedback:
        r.fCreatedAt === null
          ? []
          : [{ comment: r.fComment!, createdAt: r.fCreatedAt, author: { name: r.fAuthorName! } }],
    },
    assignee:
      r.assigneeId === null ? null : { id: r.assigneeId, name: r.aName!, displayName: r.aDisplayName, role: r.aRole! },
  };
}
