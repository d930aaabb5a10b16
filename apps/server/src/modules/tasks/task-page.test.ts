// The board's unfiltered task list is read by a hand-written statement (packages/db findTaskPage,
// issue 14); every other list goes through Prisma's include. Both must give the same answer: here
// they are compared over the whole seed, page by page, for every demo account (each role's
// visibility scope), after making the cases the seed may lack (an open revision request, a task
// without assignee, a page boundary between tasks created at the same instant). The one-task read
// before every task write (findTaskRow, the same scope SQL) is compared task by task.
import { afterAll, beforeAll, expect, it } from "vitest";
import { findTaskPage, findTaskRow } from "@crewboard/db";
import { taskScope } from "@crewboard/domain";
import type { Task } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import { visibleTasks } from "../../access/visibility.ts";
import { newestFirstPage, pageOf } from "../../http/pagination.ts";
import { decodePageCursor, type PageCursorValue } from "@crewboard/contracts";
import { taskInclude, toTaskDto, toTaskDtoWithoutRuby } from "./task.mapper.ts";

describeEachDatabase("the task page's hand-written query", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const prisma = t.db.prisma;
    const order = await prisma.workOrder.findFirstOrThrow({ orderBy: { number: "asc" } });
    const author = await prisma.user.findFirstOrThrow({ where: { role: "client" } });
    // a revision request after the last delivery stands: the task DTO carries it
    await prisma.workOrder.update({
      where: { id: order.id },
      data: { status: "revision_requested", deliveredAt: new Date("2026-11-20T00:00:00Z") },
    });
    await prisma.feedback.create({
      data: {
        workOrderId: order.id,
        authorId: author.id,
        verdict: "request_revision",
        comment: "色を直してください",
        createdAt: new Date("2026-11-21T00:00:00Z"),
      },
    });
    // tasks created at one instant, one without assignee: the cursor's tie-break on id is crossed
    const at = new Date("2026-11-22T03:04:05.678Z");
    for (let i = 0; i < 5; i++)
      await prisma.task.create({ data: { workOrderId: order.id, title: `同時刻のタスク ${i}`, createdAt: at } });
  });
  afterAll(async () => t?.close());

  it("gives the same DTOs as Prisma's include, page by page, for every account", async () => {
    const prisma = t.db.prisma;
    const users = await prisma.user.findMany({ orderBy: { email: "asc" } });
    let seen = 0;
    let withRevision = 0;
    for (const user of users) {
      const identity = { id: user.id, role: user.role, clientCompanyId: user.clientCompanyId, teamId: user.teamId };
      let cursor: string | null = null;
      do {
        const query: { limit: number; cursor: PageCursorValue | undefined } = {
          limit: 7,
          cursor: cursor ? (decodePageCursor(cursor) ?? undefined) : undefined,
        };
        const page = newestFirstPage(query);
        const viaPrisma = pageOf(
          await prisma.task.findMany({
            where: { AND: [visibleTasks(identity), page.where] },
            include: taskInclude,
            orderBy: page.orderBy,
            take: page.take,
          }),
          query.limit,
          toTaskDto,
        );
        const viaSql: { items: Task[]; nextCursor: string | null } = pageOf(
          (await findTaskPage(prisma, { scope: taskScope(identity), cursor: query.cursor, take: page.take })).rows,
          query.limit,
          toTaskDto,
        );
        expect(viaSql).toEqual(viaPrisma);
        seen += viaSql.items.length;
        withRevision += viaSql.items.filter((i: Task) => i.revisionRequest !== null).length;
        cursor = viaSql.nextCursor;
      } while (cursor);
    }
    expect(seen).toBeGreaterThan(100);
    expect(withRevision).toBeGreaterThan(0);
  });

  it("without furigana (ruby: false) reads no segments, and the list's DTOs are the same", async () => {
    const scope = { kind: "all" } as const;
    // the seed stores no readings: give the newest task and its order some
    const newest = (await findTaskPage(t.db.prisma, { scope, take: 1 })).rows[0]!;
    const segments = [{ text: "同時刻", reading: "どうじこく" }];
    await t.db.prisma.task.update({ where: { id: newest.id }, data: { ruby: { title: segments } } });
    await t.db.prisma.workOrder.update({ where: { id: newest.workOrderId }, data: { ruby: { title: segments } } });
    const [full, bare] = await Promise.all([
      findTaskPage(t.db.prisma, { scope, take: 50 }),
      findTaskPage(t.db.prisma, { scope, take: 50, ruby: false }),
    ]);
    expect(bare.rows.length).toBeGreaterThan(10);
    expect(full.rows[0]!.ruby).not.toBeNull();
    expect(full.rows[0]!.workOrder.ruby).not.toBeNull();
    expect(bare.rows.every((r) => r.ruby === null && r.workOrder.ruby === null)).toBe(true);
    expect(bare.rows.map(toTaskDtoWithoutRuby)).toEqual(full.rows.map(toTaskDtoWithoutRuby));
  });

  it("one task: the scope SQL lets each role see exactly what visibility.ts does, with the same DTO", async () => {
    const prisma = t.db.prisma;
    const users = await prisma.user.findMany({ orderBy: { email: "asc" } });
    const tasks = await prisma.task.findMany({ select: { id: true }, orderBy: { id: "asc" } });
    const kinds = new Set<string>();
    for (const user of users) {
      const identity = { id: user.id, role: user.role, clientCompanyId: user.clientCompanyId, teamId: user.teamId };
      kinds.add(`${user.role} ${user.teamId ?? user.clientCompanyId ?? ""}`);
      const visible = new Map(
        (await prisma.task.findMany({ where: visibleTasks(identity), include: taskInclude })).map((r) => [
          r.id,
          toTaskDto(r),
        ]),
      );
      for (const { id } of tasks) {
        const row = await findTaskRow(prisma, { scope: taskScope(identity), id });
        expect(row && toTaskDto(row), `${user.email} ${id}`).toEqual(visible.get(id) ?? null);
      }
    }
    // crew, a manager of each team, a client of each company, the admin
    for (const kind of ["crew", "manager", "client", "admin"])
      expect([...kinds].filter((k) => k.startsWith(kind)).length).toBeGreaterThanOrEqual(kind === "admin" ? 1 : 2);
  });

  it("a task of another client company, or not a crew member's own, is 404 (to read it, its progress, to log progress)", async () => {
    const prisma = t.db.prisma;
    const ofB = await prisma.task.findFirstOrThrow({
      where: { workOrder: { clientCompany: { nameEn: "Minato Logistics Inc." } }, status: { not: "done" } },
    });
    const crew1 = await prisma.user.findUniqueOrThrow({ where: { email: "crew1@crewboard.example" } });
    const notCrew1s = await prisma.task.findFirstOrThrow({
      where: { OR: [{ assigneeId: null }, { assigneeId: { not: crew1.id } }], status: { not: "done" } },
    });
    for (const [who, task] of [
      ["client-a1", ofB],
      ["crew1", notCrew1s],
    ] as const) {
      const api = await t.as(who);
      const before = await prisma.task.findUniqueOrThrow({ where: { id: task.id } });
      const write = await api.post(`/tasks/${task.id}/progress`, {
        percent: 50,
        note: "見えないはず",
        minutesSpent: 1,
      });
      // a client may not log progress at all: the gate answers before the task is looked for
      expect(write.status, who).toBe(who === "crew1" ? 404 : 403);
      for (const res of [write, await api.get(`/tasks/${task.id}`), await api.get(`/tasks/${task.id}/progress`)]) {
        if (res.status === 403) continue;
        expect(res.status, who).toBe(404);
        expect(res.headers.get("content-type")).toContain("application/problem+json");
        expect(res.body.code).toBe("task.not_found");
      }
      expect(await prisma.task.findUniqueOrThrow({ where: { id: task.id } })).toEqual(before);
    }
    // the company's own client still reads it
    expect((await (await t.as("client-b1")).get(`/tasks/${ofB.id}`)).status).toBe(200);
  });

  // on PostgreSQL the plain client's statement goes straight through the pool (packages/db
  // queries/direct.ts): a transaction's client must not, or it would read outside its transaction
  it("inside a transaction, reads what the transaction wrote; outside, not before its commit", async () => {
    const prisma = t.db.prisma;
    const order = await prisma.workOrder.findFirstOrThrow({ orderBy: { number: "asc" } });
    const all = { kind: "all" } as const;
    const rollback = new Error("rolled back on purpose");
    await expect(
      prisma.$transaction(async (tx) => {
        const task = await tx.task.create({ data: { workOrderId: order.id, title: "取引中のタスク" } });
        expect((await findTaskPage(tx, { scope: all, take: 1 })).rows.map((r) => r.id)).toEqual([task.id]);
        if (kind === "postgresql")
          expect((await findTaskPage(prisma, { scope: all, take: 5 })).rows.map((r) => r.id)).not.toContain(task.id);
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it("carries board's sequence as of the read for staff: the change before it is in the items", async () => {
    const manager = await t.as("manager1");
    const before = await manager.get("/tasks?limit=5");
    expect(before.status).toBe(200);
    expect(Object.keys(before.body.seqs)).toEqual(["board"]);
    const task = before.body.items[0] as Task;
    const renamed = await manager.patch(`/tasks/${task.id}`, {
      title: `改名 ${before.body.seqs.board}`,
      version: task.version,
    });
    expect(renamed.status).toBe(200);
    const after = await manager.get("/tasks?limit=5");
    const latest = await t.db.prisma.roomSequence.findUniqueOrThrow({ where: { room: "board" } });
    // the rename's event is the room's latest, and the page read after it has both
    expect(after.body.seqs.board).toBe(latest.lastSeq);
    expect(after.body.seqs.board).toBeGreaterThan(before.body.seqs.board);
    expect(after.body.items.find((i: Task) => i.id === task.id).title).toBe(renamed.body.title);
    // a filtered list (Prisma's path) does not claim a snapshot, nor a reader outside `board`
    expect((await manager.get("/tasks?limit=5&blocked=false")).body.seqs).toBeUndefined();
    const crew = await t.as("crew1");
    const own = await crew.get("/tasks?limit=5");
    expect(own.status).toBe(200);
    expect(own.body.seqs).toBeUndefined();
  });

  it("reads a room without events as 0, and only the rooms asked for", async () => {
    const { seqs } = await findTaskPage(t.db.prisma, {
      scope: { kind: "none" },
      take: 1,
      rooms: ["board", "user:00000000-0000-4000-8000-000000000000"],
    });
    const board = await t.db.prisma.roomSequence.findUnique({ where: { room: "board" } });
    expect(seqs).toEqual({ board: board?.lastSeq ?? 0, "user:00000000-0000-4000-8000-000000000000": 0 });
  });
});
