import { Router } from "express";
import { routes } from "@crewboard/contracts";
import { findTaskPage, type Prisma } from "@crewboard/db";
import { isStaff, rooms, TASK_LIST_FILTERS, taskScope } from "@crewboard/domain";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import { newestFirstPage, pageOf } from "../../http/pagination.ts";
import { listFilterWhere } from "../../http/list-filters.ts";
import { visibleTasks } from "../../access/visibility.ts";
import { createTasks } from "./create-tasks.ts";
import { updateTask } from "./update-task.ts";
import { logProgress } from "./log-progress.ts";
import { findVisibleTask } from "./find-visible-task.ts";
import { findOrdersWithRevision } from "../work-orders/find-orders-with-revision.ts";
import { primeRuby } from "../../readings/readings.ts";
import {
  progressInclude,
  taskInclude,
  taskRubyTexts,
  toProgressUpdateDto,
  toTaskDto,
  toTaskDtoWithoutRuby,
} from "./task.mapper.ts";

export function taskRoutes(deps: RouteDeps): Router {
  const router = Router();

  registerRoute(router, deps, routes.createTasks, async ({ db, actor, params, body, events }) => {
    const created = await createTasks(db, { actor, workOrderId: params.id, request: body, events });
    return { items: created.map(toTaskDto) };
  });

  registerRoute(router, deps, routes.listTasks, async ({ db, user, query }) => {
    const page = newestFirstPage(query);
    const revision = query.revisionRequested === undefined ? [] : await findOrdersWithRevision(db);
    const filters = listFilterWhere<typeof TASK_LIST_FILTERS, Prisma.TaskWhereInput>(TASK_LIST_FILTERS, query, user, {
      // whether the order's revision request stands is decided by the domain over its feedback
      revisionRequest: (wanted) => ({ workOrderId: wanted ? { in: revision } : { notIn: revision } }),
    });
    // the board's unfiltered page, read most often: one hand-written statement (issue 14; Prisma's
    // nested include of the same rows cost most of the request's CPU). Filters go through Prisma's where.
    // For staff it carries `board`'s sequence as of the read (the room every task change they may
    // see is recorded in), so the web app need not wait for its join (lib/live.ts followReads).
    // Others hear of task changes through several rooms, and read their short lists after joining.
    const live = filters.length === 0 && isStaff(user) ? [rooms.board()] : [];
    const { rows, seqs } =
      filters.length === 0
        ? await findTaskPage(db, {
            scope: taskScope(user),
            cursor: query.cursor,
            take: page.take,
            rooms: live,
            ruby: query.ruby === true, // not sent: not read
          })
        : {
            rows: await db.task.findMany({
              where: { AND: [visibleTasks(user), ...filters, page.where] },
              include: taskInclude,
              orderBy: page.orderBy,
              take: page.take,
            }),
            seqs: {},
          };
    // furigana only when asked (easy-read readers): then the page's readings in one request to the reading worker
    if (query.ruby) await primeRuby(rows.flatMap(taskRubyTexts));
    const map = query.ruby ? toTaskDto : toTaskDtoWithoutRuby;
    return { ...pageOf(rows, query.limit, map), ...(live.length > 0 ? { seqs } : {}) };
  });

  registerRoute(router, deps, routes.getTask, async ({ db, user, params }) =>
    toTaskDto(await findVisibleTask(db, user, params.id)),
  );

  registerRoute(router, deps, routes.updateTask, async ({ db, actor, params, body, events }) =>
    toTaskDto(await updateTask(db, { actor, taskId: params.id, request: body, events })),
  );

  registerRoute(router, deps, routes.listProgressUpdates, async ({ db, user, params, query }) => {
    const task = await findVisibleTask(db, user, params.id);
    const page = newestFirstPage(query);
    const rows = await db.progressUpdate.findMany({
      where: { AND: [{ taskId: task.id }, page.where] },
      include: progressInclude,
      orderBy: page.orderBy,
      take: page.take,
    });
    return pageOf(rows, query.limit, toProgressUpdateDto);
  });

  registerRoute(router, deps, routes.createProgressUpdate, async ({ db, actor, params, body, events }) => {
    const { progressUpdate, task } = await logProgress(db, { actor, taskId: params.id, request: body, events });
    return { progressUpdate: toProgressUpdateDto(progressUpdate), task: toTaskDto(task) };
  });

  return router;
}
