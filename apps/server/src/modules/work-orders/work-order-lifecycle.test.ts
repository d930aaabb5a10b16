// Journeys 1–3 of JOURNEYS.md through the REST API: an order becomes work, a day of progress,
// delivery and feedback.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import type { ApiClient } from "../../test/api-client.ts";

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

describeEachDatabase("a work order from request to completion", (kind) => {
  let t: TestApp;
  let sato: ApiClient, manager: ApiClient, crew3: ApiClient, crew5: ApiClient;
  let orderId: string;
  let taskIds: string[];

  beforeAll(async () => {
    t = await startTestApp(kind);
    [sato, manager, crew3, crew5] = await Promise.all([
      t.as("client-a1"),
      t.as("manager1"),
      t.as("crew3"),
      t.as("crew5"),
    ]);
  });
  afterAll(() => t?.close());

  it("1. the client submits an order nominating crew3; managers see it requested", async () => {
    const res = await sato.post("/work-orders", {
      title: "経費伝票120枚の入力",
      description: "添付のシートに入力してください。",
      links: ["https://files.example/a/slips-2026-11.pdf"],
      dueAt: inDays(1),
      nominatedCrewId: crew3.user!.id,
      nominationNote: "前回のバッチを完璧に仕上げてくれました",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: "requested",
      priority: "normal",
      progress: 0,
      version: 1,
      allowedTransitions: ["accepted", "declined"],
    });
    expect(res.body.nominatedCrew).toMatchObject({ id: crew3.user!.id, role: "crew" });
    expect(res.body.clientCompany.id).toBe(sato.user!.clientCompanyId);
    orderId = res.body.id;

    const list = await manager.get("/work-orders?status=requested");
    expect(list.body.items.map((w: { id: string }) => w.id)).toContain(orderId);
    const notes = await t.db.prisma.notification.count({
      where: { userId: manager.user!.id, kind: "work_order.requested" },
    });
    expect(notes).toBeGreaterThan(0);
  });

  it("tasks cannot be split off an order that is not accepted yet", async () => {
    const res = await manager.post(`/work-orders/${orderId}/tasks`, { tasks: [{ title: "x" }] });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("work_order.not_splittable");
  });

  it("an illegal transition is a 409 naming the allowed ones", async () => {
    const res = await manager.patch(`/work-orders/${orderId}`, { status: "delivered" });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("work_order.illegal_transition");
    expect(res.body.allowed).toEqual(["accepted", "declined"]);
  });

  it("3. the manager accepts and splits it into two tasks for crew3 and crew5; both see them at once", async () => {
    const accepted = await manager.patch(`/work-orders/${orderId}`, { status: "accepted", version: 1 });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe("accepted");
    expect(accepted.body.acceptedAt).not.toBeNull();

    const split = await manager.post(`/work-orders/${orderId}/tasks`, {
      tasks: [
        {
          title: "伝票 1〜60 の入力",
          assigneeId: crew3.user!.id,
          estimateMinutes: 240,
          acceptanceCriteria: "金額と日付が原本と一致",
        },
        { title: "伝票 61〜120 の入力", assigneeId: crew5.user!.id, estimateMinutes: 240 },
      ],
    });
    expect(split.status).toBe(201);
    expect(split.body.items).toHaveLength(2);
    taskIds = split.body.items.map((x: { id: string }) => x.id);

    const mine3 = await crew3.get(`/tasks?assigneeId=me&workOrderId=${orderId}`);
    expect(mine3.body.items.map((x: { id: string }) => x.id)).toEqual([taskIds[0]]);
    const mine5 = await crew5.get(`/tasks?assigneeId=me&workOrderId=${orderId}`);
    expect(mine5.body.items.map((x: { id: string }) => x.id)).toEqual([taskIds[1]]);

    // 4. the client's portal: accepted, 2 tasks, 0 %
    const portal = await sato.get(`/work-orders/${orderId}`);
    expect(portal.body).toMatchObject({
      status: "accepted",
      progress: 0,
      taskCounts: { total: 2, done: 0, blocked: 0 },
    });
  });

  it("2. crew3 starts with one tap; the order moves to in progress by itself", async () => {
    const task = (await crew3.get(`/tasks/${taskIds[0]}`)).body;
    const started = await crew3.patch(`/tasks/${task.id}`, { version: task.version, status: "doing" });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe("doing");
    expect(started.body.startedAt).not.toBeNull();
    expect((await sato.get(`/work-orders/${orderId}`)).body.status).toBe("in_progress");
  });

  it("a stale version is a 409 carrying the current task, and nothing is overwritten", async () => {
    const res = await manager.patch(`/tasks/${taskIds[0]}`, { version: 1, title: "overwritten?" });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("task.version_conflict");
    expect(res.body.current).toMatchObject({ id: taskIds[0], version: 2, title: "伝票 1〜60 の入力" });
  });

  it("crew3 logs progress; progress and minutes are derived from the log", async () => {
    const p1 = await crew3.post(`/tasks/${taskIds[0]}/progress`, {
      percent: 33,
      note: "20/60 entered",
      minutesSpent: 45,
    });
    expect(p1.status).toBe(201);
    expect(p1.body.task).toMatchObject({ progress: 33, minutesSpent: 45, status: "doing" });
    const p2 = await crew3.post(`/tasks/${taskIds[0]}/progress`, {
      percent: 40,
      note: "two slips unreadable, asked in chat",
      minutesSpent: 15,
      blocker: "two slips unreadable (14 and 37)",
    });
    expect(p2.body.task).toMatchObject({
      progress: 40,
      minutesSpent: 60,
      status: "blocked",
      blockedReason: "two slips unreadable (14 and 37)",
    });
    const portal = await sato.get(`/work-orders/${orderId}`);
    expect(portal.body.taskCounts.blocked).toBe(1);
    expect(portal.body.progress).toBe(20); // (40 + 0) / 2, equal estimates

    const history = await manager.get(`/tasks/${taskIds[0]}/progress`);
    expect(history.body.items.map((u: { percent: number }) => u.percent)).toEqual([40, 33]);
    expect(history.body.items[0].author.id).toBe(crew3.user!.id);
  });

  it("crew cannot mark their own task done or change what the manager decides", async () => {
    const task = (await crew3.get(`/tasks/${taskIds[0]}`)).body;
    const res = await crew3.patch(`/tasks/${task.id}`, { version: task.version, assigneeId: crew5.user!.id });
    expect(res.status).toBe(403);
    expect(res.body.errors[0].path).toBe("body.assigneeId");
  });

  it("crew3 unblocks, reaches 100 % and sends it to review; crew5 likewise; the manager marks both done", async () => {
    let task = (await crew3.get(`/tasks/${taskIds[0]}`)).body;
    task = (await crew3.patch(`/tasks/${task.id}`, { version: task.version, status: "doing" })).body;
    expect(task.blockedReason).toBeNull();
    await crew3.post(`/tasks/${task.id}/progress`, { percent: 100, note: "60/60 entered", minutesSpent: 120 });
    task = (await crew3.get(`/tasks/${task.id}`)).body;
    expect((await crew3.patch(`/tasks/${task.id}`, { version: task.version, status: "review" })).status).toBe(200);

    const t5 = (await crew5.post(`/tasks/${taskIds[1]}/progress`, { percent: 100, note: "done", minutesSpent: 200 }))
      .body.task;
    expect(t5.status).toBe("doing");
    expect((await crew5.patch(`/tasks/${t5.id}`, { version: t5.version, status: "review" })).status).toBe(200);

    for (const id of taskIds) {
      const cur = (await manager.get(`/tasks/${id}`)).body;
      const done = await manager.patch(`/tasks/${id}`, { version: cur.version, status: "done" });
      expect(done.status).toBe(200);
      expect(done.body).toMatchObject({ status: "done", progress: 100 });
    }
    expect((await sato.get(`/work-orders/${orderId}`)).body).toMatchObject({
      progress: 100,
      taskCounts: { total: 2, done: 2 },
    });
  });

  let deliverableId: string;
  it("3. the manager uploads the deliverable and marks the order delivered; the client downloads it", async () => {
    const form = new FormData();
    form.set("title", "入力済みシート");
    form.set("file", new Blob(["date,amount\n2026-11-01,1200\n"], { type: "text/csv" }), "slips.csv");
    const up = await manager.request("POST", `/work-orders/${orderId}/deliverables`, undefined, { raw: form });
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ fileName: "slips.csv", sizeBytes: 28, contentType: "text/csv" });
    deliverableId = up.body.id;

    const delivered = await manager.patch(`/work-orders/${orderId}`, { status: "delivered" });
    expect(delivered.body.status).toBe("delivered");

    const file = await sato.get(up.body.downloadUrl.replace("/api/v1", ""));
    expect(file.status).toBe(200);
    expect(file.text).toBe("date,amount\n2026-11-01,1200\n");
    expect(file.headers.get("content-disposition")).toContain("slips.csv");
    const clientNotes = await t.db.prisma.notification.findMany({
      where: { userId: sato.user!.id },
      select: { kind: true },
    });
    expect(clientNotes.map((n) => n.kind)).toContain("work_order.delivered");
  });

  it("an upload above the size limit is refused with 413 and nothing is stored", async () => {
    const before = await t.db.prisma.deliverable.count();
    const form = new FormData();
    form.set("title", "too big");
    form.set("file", new Blob([new Uint8Array(5 * 1024 * 1024 + 1)]), "big.bin");
    const res = await manager.request("POST", `/work-orders/${orderId}/deliverables`, undefined, { raw: form });
    expect(res.status).toBe(413);
    expect(await t.db.prisma.deliverable.count()).toBe(before);
  });

  it("the client requests a revision; crew5 fixes it; delivered again", async () => {
    const rev = await sato.post(`/work-orders/${orderId}/feedback`, {
      verdict: "request_revision",
      comment: "3行の金額が違います (行 12, 40, 77)",
      deliverableId,
    });
    expect(rev.status).toBe(201);
    expect((await sato.get(`/work-orders/${orderId}`)).body.status).toBe("revision_requested");

    const cur = (await manager.get(`/tasks/${taskIds[1]}`)).body;
    const reopened = await manager.patch(`/tasks/${cur.id}`, { version: cur.version, status: "doing" });
    expect(reopened.status).toBe(200);
    expect((await sato.get(`/work-orders/${orderId}`)).body.status).toBe("in_progress");
    const fixed = (
      await crew5.post(`/tasks/${cur.id}/progress`, { percent: 100, note: "3行修正しました", minutesSpent: 20 })
    ).body.task;
    const review = (await crew5.patch(`/tasks/${cur.id}`, { version: fixed.version, status: "review" })).body;
    expect((await manager.patch(`/tasks/${cur.id}`, { version: review.version, status: "done" })).status).toBe(200);
    expect((await manager.patch(`/work-orders/${orderId}`, { status: "delivered" })).body.status).toBe("delivered");
  });

  it("the client accepts with a 5 — the order is completed and the crew see the praise", async () => {
    const res = await sato.post(`/work-orders/${orderId}/feedback`, {
      verdict: "accept",
      rating: 5,
      comment: "fast and accurate",
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ verdict: "accept", rating: 5, followUpOpened: false });
    const order = (await sato.get(`/work-orders/${orderId}`)).body;
    expect(order.status).toBe("completed");
    expect(order.completedAt).not.toBeNull();
    for (const crew of [crew3, crew5]) {
      const fb = await crew.get(`/work-orders/${orderId}/feedback`);
      expect(fb.body.items.map((f: { comment: string }) => f.comment)).toContain("fast and accurate");
      // praise reaches each crew member who worked on the order, with the client's name and words
      // (the demo data has praise of its own: only this order's counts)
      const praise = (
        await t.db.prisma.notification.findMany({ where: { userId: crew.user!.id, kind: "feedback.praise" } })
      ).filter((n) => (n.data as { workOrderId?: string }).workOrderId === orderId);
      expect(praise).toHaveLength(1);
      expect(praise[0]!.data).toMatchObject({
        comment: "fast and accurate",
        rating: 5,
        fromName: (await t.db.prisma.user.findUniqueOrThrow({ where: { id: sato.user!.id } })).name,
      });
    }
    const again = await sato.post(`/work-orders/${orderId}/feedback`, { verdict: "accept" });
    expect(again.status).toBe(409);
  });

  it("every change on the way is in the audit log, with who and from where", async () => {
    const events = await t.db.prisma.auditEvent.findMany({
      where: { entityId: { in: [orderId, ...taskIds] } },
      orderBy: { createdAt: "asc" },
    });
    const actions = events.map((e) => e.action);
    for (const a of [
      "work_order.create",
      "work_order.accepted",
      "task.create",
      "task.doing",
      "work_order.in_progress",
      "progress.create",
      "task.blocked",
      "task.review",
      "task.done",
      "work_order.delivered",
      "work_order.revision_requested",
      "work_order.completed",
      "feedback.create",
    ]) {
      expect(actions).toContain(a);
    }
    expect(events.every((e) => e.actorId && e.ip)).toBe(true);
  });

  it("a low rating opens a follow-up for the managers", async () => {
    const order = await t.db.prisma.workOrder.findFirstOrThrow({
      where: { status: "completed", clientCompanyId: sato.user!.clientCompanyId! },
    });
    const res = await sato.post(`/work-orders/${order.id}/feedback`, {
      verdict: "comment",
      rating: 2,
      comment: "several typos",
    });
    expect(res.status).toBe(201);
    expect(res.body.followUpOpened).toBe(true);
    expect(await t.db.prisma.followUp.count({ where: { feedbackId: res.body.id } })).toBe(1);
  });

  it("declining needs a reason, which the client sees", async () => {
    const created = (await sato.post("/work-orders", { title: "名刺500枚のデータ化", dueAt: inDays(2) })).body;
    const noReason = await manager.patch(`/work-orders/${created.id}`, { status: "declined" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe("body.declineReason");
    const declined = await manager.patch(`/work-orders/${created.id}`, {
      status: "declined",
      declineReason: "今週は対応できる人がいません。来週なら可能です。",
    });
    expect(declined.status).toBe(200);
    const seen = (await sato.get(`/work-orders/${created.id}`)).body;
    expect(seen).toMatchObject({
      status: "declined",
      declineReason: "今週は対応できる人がいません。来週なら可能です。",
      allowedTransitions: [],
    });
  });

  it("a client can edit an order only while it waits; then it is the manager's", async () => {
    const created = (await sato.post("/work-orders", { title: "アンケート集計", dueAt: inDays(3) })).body;
    expect((await sato.patch(`/work-orders/${created.id}`, { title: "アンケート集計 (200件)" })).status).toBe(200);
    expect((await sato.patch(`/work-orders/${created.id}`, { status: "accepted" })).status).toBe(403);
    await manager.patch(`/work-orders/${created.id}`, { status: "accepted" });
    const late = await sato.patch(`/work-orders/${created.id}`, { title: "changed later" });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("work_order.not_editable");
  });

  it("lists paginate with a cursor and never repeat or skip", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `?limit=5&cursor=${cursor}` : "?limit=5";
      const res = await manager.get(`/work-orders${q}`);
      expect(res.body.items.length).toBeLessThanOrEqual(5);
      seen.push(...res.body.items.map((w: { id: string }) => w.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await t.db.prisma.workOrder.count());
  });
});
