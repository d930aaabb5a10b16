// Lists follow time (issue 7, item 3): every "newest first" list orders and pages by
// (createdAt desc, id desc), every "oldest first" list by (createdAt asc, id asc), whatever the ids
// say. On the seeded data, plus rows whose ids contradict their times (as the old demo seed wrote
// them: random ids with back-dated times) and rows that share a millisecond, each list is paged
// through with a small limit and must come back exactly in that order — no duplicates, no gaps —
// compared with the full set read from the database.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as z from "zod";
import { encodePageCursor, routes, type Ack, type Message, type RestOperation } from "@crewboard/contracts";
import { compareByCreation, compareNewestFirst, companyDay, dateOfDay } from "@crewboard/domain";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import type { ApiClient, ApiResponse } from "../test/api-client.ts";
import { connectSocket } from "../test/socket-client.ts";

interface Row {
  id: string;
  createdAt: string | Date;
}

const HOUR = 3_600_000;
const ids = (rows: readonly Row[]) => rows.map((r) => r.id);
const newestFirst = (rows: readonly Row[]) => [...rows].sort(compareNewestFirst);
const oldestFirst = (rows: readonly Row[]) => [...rows].sort(compareByCreation);

/**
 * Ids that sort against time: the i-th row written (oldest first) gets the greatest id, so a list
 * ordered by id comes out backwards. Unique per call through the counter.
 */
let serial = 0;
function contraryIds(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const lead = (15 - (i % 15)).toString(16).repeat(8);
    out.push(`${lead}-0000-4000-8000-${String(++serial).padStart(12, "0")}`);
  }
  return out;
}

/**
 * Times for `n` rows spread from `from` on, the last two sharing one millisecond (the tie is
 * broken by id), with ids that contradict them.
 */
function contraryRows(n: number, from: number, stepMs = 7 * HOUR): { id: string; createdAt: Date }[] {
  const times = Array.from({ length: n }, (_, i) => new Date(from + Math.min(i, n - 2) * stepMs));
  const idList = contraryIds(n);
  return times.map((createdAt, i) => ({ id: idList[i]!, createdAt }));
}

/** Every item of a paged list, following nextCursor with `limit` per page. */
async function pageAll(api: ApiClient, path: string, limit: number): Promise<Row[]> {
  const items: Row[] = [];
  let cursor: string | null = null;
  for (let guard = 0; guard < 500; guard++) {
    const sep = path.includes("?") ? "&" : "?";
    const res: ApiResponse<{ items: Row[]; nextCursor: string | null }> = await api.get(
      `${path}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(res.status, `${path}: ${res.text}`).toBe(200);
    expect(res.body.items.length).toBeLessThanOrEqual(limit);
    items.push(...res.body.items);
    cursor = res.body.nextCursor;
    if (!cursor) return items;
    expect(res.body.items.length).toBe(limit);
  }
  throw new Error(`${path}: more than 500 pages`);
}

/** The routes that page with a cursor (the catalogue decides, so a new list cannot be missed). */
const pagedRoutes = (Object.entries(routes) as [string, RestOperation][])
  .filter(([, def]) => def.query instanceof z.ZodObject && "cursor" in def.query.shape)
  .map(([name]) => name)
  .sort();

describeEachDatabase("lists follow time: (createdAt, id)", (kind) => {
  let t: TestApp;
  let manager: ApiClient, admin: ApiClient, crew3: ApiClient, sato: ApiClient;
  let companyA: string;
  let task1to60: { id: string; workOrderId: string };

  beforeAll(async () => {
    t = await startTestApp(kind);
    [manager, admin, crew3, sato] = await Promise.all([
      t.as("manager1"),
      t.as("admin"),
      t.as("crew3"),
      t.as("client-a1"),
    ]);
    companyA = sato.user!.clientCompanyId!;
    task1to60 = await t.db.prisma.task.findFirstOrThrow({
      where: { title: "伝票 1〜60 の入力" },
      select: { id: true, workOrderId: true },
    });
  });
  afterAll(() => t?.close());

  it("covers every paged route of the catalogue", () => {
    expect(pagedRoutes).toEqual([
      "listAuditEvents",
      "listClientCompanies",
      "listFollowUps",
      "listNotifications",
      "listProgressUpdates",
      "listTasks",
      "listUsers",
      "listWorkOrders",
    ]);
  });

  it("the progress of 「伝票 1〜60 の入力」 comes back newest first, even with ids from the old seed", async () => {
    const p = t.db.prisma;
    // As the old seed wrote them: random ids that happen to sort 09:40, 13:30, 11:05 …
    const seeded = await p.progressUpdate.findMany({ where: { taskId: task1to60.id }, orderBy: { createdAt: "asc" } });
    expect(seeded.map((u) => u.note.split("。")[0])).toEqual(["作業開始", "20/60 入力済み", "27/60 入力済み"]);
    const oldSeedIds = [
      "e1b6d1c2-5a0e-4c3b-9d2e-0f4a5b6c7d80",
      "c2a4e3f1-6b1d-4e2a-8c3b-1a2b3c4d5e60",
      "d3c5f4a2-7c2e-4f3b-ad4c-2b3c4d5e6f70",
    ];
    for (const [i, u] of seeded.entries())
      await p.progressUpdate.update({ where: { id: u.id }, data: { id: oldSeedIds[i]! } });
    // … and the crew member's update at 14:43 written live, with a time-ordered (v7) id that sorts
    // below all of them
    const today = companyDay(new Date());
    const at1443 = new Date(`${today}T14:43:00+09:00`);
    await p.progressUpdate.create({
      data: {
        id: "019ab6f0-1e00-7000-8000-000000001443",
        taskId: task1to60.id,
        authorId: crew3.user!.id,
        percent: 55,
        note: "33/60 入力済み。",
        minutesSpent: 40,
        createdAt: at1443,
      },
    });

    for (const who of [manager, crew3]) {
      const res = await who.get(`/tasks/${task1to60.id}/progress`);
      expect(res.status).toBe(200);
      const hhmm = (d: Date | string) =>
        new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Tokyo", hour: "2-digit", minute: "2-digit" }).format(
          new Date(d),
        );
      const times = (res.body.items as { createdAt: string }[]).map((u) => hhmm(u.createdAt));
      // 09:40, 11:05, 13:30 in the demo data (all moved back together when it was seeded before 13:50 JST)
      expect(times).toEqual(["14:43", ...seeded.map((u) => hhmm(u.createdAt)).reverse()]);
      // one at a time, too
      expect(ids(await pageAll(who, `/tasks/${task1to60.id}/progress`, 1))).toEqual(ids(res.body.items));
    }
  });

  it("progress: pages of 2 are exactly the history, newest first", async () => {
    const p = t.db.prisma;
    const taskId = task1to60.id;
    const extra = contraryRows(5, Date.now() - 30 * HOUR, 3 * HOUR);
    await p.progressUpdate.createMany({
      data: extra.map((r, i) => ({ ...r, taskId, authorId: crew3.user!.id, percent: 50, note: `contrary ${i}` })),
    });
    const expected = newestFirst(
      await p.progressUpdate.findMany({ where: { taskId }, select: { id: true, createdAt: true } }),
    );
    expect(expected.length).toBeGreaterThanOrEqual(8);
    for (const limit of [2, 3])
      expect(ids(await pageAll(manager, `/tasks/${taskId}/progress`, limit))).toEqual(ids(expected));
  });

  it("work orders: newest first for a manager (all) and a client (their company)", async () => {
    const p = t.db.prisma;
    const extra = contraryRows(4, Date.now() - 3 * 24 * HOUR, 17 * HOUR);
    for (const [i, r] of extra.entries()) {
      await p.workOrder.create({
        data: {
          ...r,
          clientCompanyId: companyA,
          createdById: sato.user!.id,
          title: `contrary order ${i}`,
          dueAt: new Date(Date.now() + 72 * HOUR),
        },
      });
    }
    const all = await p.workOrder.findMany({ select: { id: true, createdAt: true, clientCompanyId: true } });
    expect(all.length).toBeGreaterThanOrEqual(16);
    expect(ids(await pageAll(manager, "/work-orders", 3))).toEqual(ids(newestFirst(all)));
    expect(ids(await pageAll(sato, "/work-orders", 2))).toEqual(
      ids(newestFirst(all.filter((o) => o.clientCompanyId === companyA))),
    );
    // with a filter
    const requested = await p.workOrder.findMany({
      where: { status: "requested" },
      select: { id: true, createdAt: true },
    });
    expect(ids(await pageAll(manager, "/work-orders?status=requested", 2))).toEqual(ids(newestFirst(requested)));
  });

  it("tasks: newest first on the board and on a crew member's own list", async () => {
    const p = t.db.prisma;
    const extra = contraryRows(4, Date.now() - 50 * HOUR, 9 * HOUR);
    await p.task.createMany({
      data: extra.map((r, i) => ({
        ...r,
        workOrderId: task1to60.workOrderId,
        title: `contrary task ${i}`,
        assigneeId: crew3.user!.id,
        position: 10 + i,
      })),
    });
    const all = await p.task.findMany({ select: { id: true, createdAt: true, assigneeId: true } });
    expect(all.length).toBeGreaterThanOrEqual(28);
    expect(ids(await pageAll(manager, "/tasks", 4))).toEqual(ids(newestFirst(all)));
    expect(ids(await pageAll(crew3, "/tasks?assigneeId=me", 2))).toEqual(
      ids(newestFirst(all.filter((x) => x.assigneeId === crew3.user!.id))),
    );
  });

  it("audit events, users and client companies: newest first for the admin", async () => {
    const p = t.db.prisma;
    await p.auditEvent.createMany({
      data: contraryRows(5, Date.now() - 5 * HOUR, HOUR).map((r, i) => ({
        ...r,
        action: "test.contrary",
        entityType: "test",
        entityId: String(i),
      })),
    });
    await p.user.createMany({
      data: contraryRows(3, Date.now() - 10 * 24 * HOUR, 24 * HOUR).map((r, i) => ({
        ...r,
        email: `contrary${i}-${randomUUID()}@crewboard.example`,
        passwordHash: "x",
        name: `Contrary ${i}`,
        role: "crew" as const,
      })),
    });
    await p.clientCompany.createMany({
      data: contraryRows(3, Date.now() - 200 * 24 * HOUR, 24 * HOUR).map((r, i) => ({ ...r, name: `逆順商事 ${i}` })),
    });

    const audit = await p.auditEvent.findMany({ select: { id: true, createdAt: true } });
    expect(ids(await pageAll(admin, "/audit-events", 3))).toEqual(ids(newestFirst(audit)));
    const contrary = await p.auditEvent.findMany({
      where: { action: "test.contrary" },
      select: { id: true, createdAt: true },
    });
    expect(ids(await pageAll(admin, "/audit-events?action=test.contrary", 2))).toEqual(ids(newestFirst(contrary)));

    const users = await p.user.findMany({ select: { id: true, createdAt: true, role: true } });
    expect(ids(await pageAll(admin, "/users", 4))).toEqual(ids(newestFirst(users)));
    expect(ids(await pageAll(admin, "/users?role=crew", 3))).toEqual(
      ids(newestFirst(users.filter((u) => u.role === "crew"))),
    );

    const companies = await p.clientCompany.findMany({ select: { id: true, createdAt: true } });
    expect(ids(await pageAll(admin, "/client-companies", 2))).toEqual(ids(newestFirst(companies)));
  });

  it("feedback and deliverables of an order read oldest first, by time", async () => {
    const p = t.db.prisma;
    const order = await p.workOrder.findFirstOrThrow({
      where: { status: "revision_requested" },
      include: { deliverables: true },
    });
    const author = await p.user.findUniqueOrThrow({ where: { id: order.createdById } });
    await p.feedback.createMany({
      data: contraryRows(3, order.createdAt.getTime() + HOUR, 2 * HOUR).map((r) => ({
        ...r,
        workOrderId: order.id,
        authorId: author.id,
        verdict: "comment" as const,
        comment: "contrary",
      })),
    });
    await p.deliverable.createMany({
      data: contraryRows(3, order.createdAt.getTime() + HOUR, 2 * HOUR).map((r, i) => ({
        ...r,
        workOrderId: order.id,
        uploadedById: manager.user!.id,
        title: `contrary ${i}`,
        url: "https://files.example/x",
      })),
    });
    const feedback = await p.feedback.findMany({
      where: { workOrderId: order.id },
      select: { id: true, createdAt: true },
    });
    const deliverables = await p.deliverable.findMany({
      where: { workOrderId: order.id },
      select: { id: true, createdAt: true },
    });
    const fb = await manager.get(`/work-orders/${order.id}/feedback`);
    expect(ids(fb.body.items)).toEqual(ids(oldestFirst(feedback)));
    const dl = await manager.get(`/work-orders/${order.id}/deliverables`);
    expect(ids(dl.body.items)).toEqual(ids(oldestFirst(deliverables)));
  });

  it("check-ins and accommodations read oldest first, by time", async () => {
    const p = t.db.prisma;
    const crew2 = await p.user.findUniqueOrThrow({ where: { email: "crew2@crewboard.example" } });
    const day = dateOfDay(companyDay());
    // crew2 (not checked in in the seed) checks in "first thing", with an id that sorts last
    const early = await p.checkIn.findFirstOrThrow({ where: { day }, orderBy: { createdAt: "asc" } });
    await p.checkIn.create({
      data: {
        id: "ffffffff-ffff-4fff-bfff-ffffffffffff",
        userId: crew2.id,
        day,
        condition: "good",
        createdAt: new Date(early.createdAt.getTime() - 60_000),
      },
    });
    const checkIns = await p.checkIn.findMany({
      where: { day, user: { teamId: crew2.teamId } },
      select: { id: true, createdAt: true },
    });
    const res = await manager.get("/check-ins");
    expect(ids(res.body.items)).toEqual(ids(oldestFirst(checkIns)));
    expect(res.body.items[0].id).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff");

    await p.accommodation.createMany({
      data: contraryRows(3, Date.now() - 40 * 24 * HOUR, 24 * HOUR).map((r, i) => ({
        ...r,
        userId: crew3.user!.id,
        writtenById: manager.user!.id,
        title: `contrary ${i}`,
      })),
    });
    const accommodations = await p.accommodation.findMany({
      where: { userId: crew3.user!.id },
      select: { id: true, createdAt: true },
    });
    expect(ids((await manager.get(`/users/${crew3.user!.id}/accommodations`)).body.items)).toEqual(
      ids(oldestFirst(accommodations)),
    );
  });

  it("chat history pages newest first by time (message:history)", async () => {
    const p = t.db.prisma;
    const crew7 = await t.as("crew7");
    const room = await p.chatRoom.findFirstOrThrow({
      where: { kind: "direct", members: { some: { userId: crew7.user!.id } } },
    });
    await p.message.createMany({
      data: contraryRows(4, Date.now() - 20 * HOUR, 2 * HOUR).map((r, i) => ({
        ...r,
        roomId: room.id,
        authorId: crew7.user!.id,
        body: `contrary ${i}`,
      })),
    });
    const expected = newestFirst(
      await p.message.findMany({ where: { roomId: room.id }, select: { id: true, createdAt: true } }),
    );
    const socket = await connectSocket(t.baseUrl, crew7);
    try {
      const seen: string[] = [];
      let before: string | null = null;
      for (let guard = 0; guard < 50; guard++) {
        const answer = (await socket.request("message:history", {
          roomId: room.id,
          limit: 2,
          ...(before ? { before } : {}),
        })) as Ack<{ items: Message[]; nextCursor: string | null }>;
        if (!answer.ok) throw new Error(answer.error.detail ?? answer.error.title);
        seen.push(...answer.data.items.map((m) => m.id));
        before = answer.data.nextCursor;
        if (!before) break;
      }
      expect(seen).toEqual(ids(expected));
    } finally {
      socket.close();
    }
  });

  // issue 11
  it("my notifications and the follow-ups: newest first, even with ids against time", async () => {
    const p = t.db.prisma;
    await p.notification.createMany({
      data: contraryRows(4, Date.now() - 6 * HOUR, HOUR).map((r, i) => ({
        ...r,
        userId: crew3.user!.id,
        kind: "task.assigned",
        data: { title: `contrary ${i}` },
      })),
    });
    const mine = await p.notification.findMany({
      where: { userId: crew3.user!.id },
      select: { id: true, createdAt: true },
    });
    expect(ids(await pageAll(crew3, "/notifications", 2))).toEqual(ids(newestFirst(mine)));
    const order = await p.workOrder.findFirstOrThrow({ where: { clientCompanyId: companyA, status: "in_progress" } });
    for (const [i, r] of contraryRows(3, Date.now() - 9 * HOUR, 2 * HOUR).entries()) {
      const feedback = await p.feedback.create({
        data: {
          workOrderId: order.id,
          authorId: sato.user!.id,
          verdict: "comment",
          rating: 1,
          comment: `contrary ${i}`,
        },
      });
      await p.followUp.create({ data: { ...r, feedbackId: feedback.id } });
    }
    const all = await p.followUp.findMany({
      select: { id: true, createdAt: true, feedback: { select: { workOrder: { select: { clientCompanyId: true } } } } },
    });
    expect(ids(await pageAll(manager, "/follow-ups", 2))).toEqual(ids(newestFirst(all)));
    expect(ids(await pageAll(sato, "/follow-ups", 1))).toEqual(
      ids(newestFirst(all.filter((f) => f.feedback.workOrder.clientCompanyId === companyA))),
    );
  });

  describe("cursors", () => {
    const paths = () => [
      "/work-orders",
      "/tasks",
      `/tasks/${task1to60.id}/progress`,
      "/audit-events",
      "/users",
      "/client-companies",
    ];

    it("are opaque strings that carry (createdAt, id)", async () => {
      const res = await manager.get("/work-orders?limit=1");
      const cursor: string = res.body.nextCursor;
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      const first = res.body.items[0];
      expect(cursor).toBe(encodePageCursor({ createdAt: new Date(first.createdAt), id: first.id }));
    });

    it("that are not ours are a 400 naming query.cursor, on every list", async () => {
      const bad = [
        "0190d6c8-7a4e-7b7a-9c51-2f5e0b7d2a11", // a bare id: the format before time-ordered cursors
        "not a cursor",
        Buffer.from("2026-11-24T05:43:00.000Z|not-an-id").toString("base64url"),
        Buffer.from("yesterday|0190d6c8-7a4e-7b7a-9c51-2f5e0b7d2a11").toString("base64url"),
        Buffer.from("2026-11-24T05:43:00.000Z|0190d6c8-7a4e-7b7a-9c51-2f5e0b7d2a11|x").toString("base64url"),
        `${encodePageCursor({ createdAt: new Date("2026-11-24T05:43:00.000Z"), id: "0190d6c8-7a4e-7b7a-9c51-2f5e0b7d2a11" })}==`,
        "x".repeat(500),
      ];
      for (const path of paths()) {
        for (const cursor of bad) {
          const who =
            path.startsWith("/audit") || path.startsWith("/users") || path.startsWith("/client") ? admin : manager;
          const res = await who.get(`${path}?cursor=${encodeURIComponent(cursor)}`);
          expect(res.status, `${path} ${cursor}: ${res.text}`).toBe(400);
          expect(res.headers.get("content-type")).toContain("application/problem+json");
          expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(["query.cursor"]);
        }
      }
    });

    it("from a row that no longer exists still page from its place", async () => {
      const all = newestFirst(await t.db.prisma.workOrder.findMany({ select: { id: true, createdAt: true } }));
      const pivot = all[3]!;
      // a row that is not there: the pivot's time with an id above every real one — the page starts at the pivot
      const cursor = encodePageCursor({
        createdAt: new Date(pivot.createdAt),
        id: "ffffffff-ffff-4fff-bfff-ffffffffffff",
      });
      const res = await manager.get(`/work-orders?limit=2&cursor=${cursor}`);
      expect(res.status).toBe(200);
      const expected = all
        .filter(
          (r) => compareNewestFirst(r, { createdAt: pivot.createdAt, id: "ffffffff-ffff-4fff-bfff-ffffffffffff" }) > 0,
        )
        .slice(0, 2);
      expect(ids(res.body.items)).toEqual(ids(expected));
    });
  });
});
