// Issue 10, urgent offers: a manager asks several eligible crew at once; the first yes wins,
// atomically, and every open copy changes at once; nobody taking it (deadline, or everyone said
// no) ends it, the managers get their three choices, and — unless one acts — the client is told
// early, in their language, exactly once. Runs on PGlite and on PostgreSQL.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { UrgentOffer } from "@crewboard/contracts";
import { companyDay, dateOfDay } from "@crewboard/domain";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import { ApiClient } from "../../test/api-client.ts";
import { connectSocket, type TestSocket } from "../../test/socket-client.ts";

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const inMinutes = (m: number) => new Date(Date.now() + m * 60_000);

describeEachDatabase("urgent offers", (kind) => {
  let t: TestApp;
  let manager1: ApiClient, crew1: ApiClient, crew2: ApiClient, crew3: ApiClient, crew5: ApiClient;
  let client: ApiClient;
  // the accept barrier: how many accept transactions are open at once (PostgreSQL holds the first
  // until a second has opened, which proves the accepts overlap)
  let barrier: { open: number; max: number; release: (() => void) | null; armed: boolean } = {
    open: 0,
    max: 0,
    release: null,
    armed: false,
  };

  async function acceptOpened(): Promise<void> {
    barrier.open++;
    barrier.max = Math.max(barrier.max, barrier.open);
    try {
      if (!barrier.armed) return;
      if (barrier.release === null && barrier.open === 1) {
        // the first one waits here, its transaction open, until another accept has opened its own
        await new Promise<void>((resolve) => (barrier.release = resolve));
      } else if (barrier.release) {
        barrier.release();
        barrier.armed = false;
      }
    } finally {
      barrier.open--;
    }
  }

  /** An accepted order of company A with one task nobody has, needing `skills`. */
  async function openTask(options: { skills?: string[]; orderDueInMinutes?: number } = {}) {
    const p = t.db.prisma;
    const clientUser = await p.user.findUniqueOrThrow({ where: { email: "client-a1@crewboard.example" } });
    const order = await p.workOrder.create({
      data: {
        clientCompanyId: clientUser.clientCompanyId!,
        createdById: clientUser.id,
        title: `Urgent ${randomUUID().slice(0, 6)}`,
        dueAt: inMinutes(options.orderDueInMinutes ?? 3 * 24 * 60),
        status: "accepted",
        acceptedAt: new Date(),
        version: 2,
        priority: "urgent",
        tasks: { create: { title: "至急の入力", estimateMinutes: 60, requiredSkills: options.skills ?? [] } },
      },
      include: { tasks: true },
    });
    return { orderId: order.id, taskId: order.tasks[0]!.id };
  }

  const offer = async (taskId: string, crew: ApiClient[], extra: Record<string, unknown> = {}) => {
    const res = await manager1.post<UrgentOffer>("/urgent-offers", {
      taskId,
      crewIds: crew.map((c) => c.user!.id),
      expiresAt: inMinutes(30).toISOString(),
      ...extra,
    });
    expect(res.status, res.text).toBe(201);
    return res.body;
  };

  beforeAll(async () => {
    t = await startTestApp(kind, { urgentOffers: { unstaffedNoticeMinutes: 15, hooks: { acceptOpened } } });
    // everyone works every day in these tests (eligibility asks about today)
    await t.db.prisma.user.updateMany({ where: { role: "crew" }, data: { workingDays: ALL_DAYS } });
    [manager1, crew1, crew2, crew3, crew5, client] = await Promise.all([
      t.as("manager1"),
      t.as("crew1"),
      t.as("crew2"),
      t.as("crew3"),
      t.as("crew5"),
      t.as("client-a1"),
    ]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("the first yes wins; the other person asked sees it taken at once and gets 409 offer.taken", async () => {
    const { taskId } = await openTask({ skills: ["data_entry"] });
    let live1: TestSocket | undefined, live2: TestSocket | undefined;
    try {
      [live1, live2] = await Promise.all([connectSocket(t.baseUrl, crew1), connectSocket(t.baseUrl, crew2)]);
      const created = await offer(taskId, [crew1, crew2]);
      expect(created).toMatchObject({ status: "open", view: "staff", task: { id: taskId }, takenBy: null });
      expect(created.recipients.map((r) => r.response)).toEqual([null, null]);
      await live2.waitFor(() => live2!.eventsOf("urgent_offer:created").length > 0, 10_000, "the offer, live");
      const mine = live2.eventsOf("urgent_offer:created")[0]!.data as UrgentOffer;
      // a crew member sees only their own answer
      expect(mine.view).toBe("recipient");
      expect(mine.recipients.map((r) => r.user.id)).toEqual([crew2.user!.id]);

      const won = await crew1.post(`/urgent-offers/${created.id}/accept`);
      expect(won.status, won.text).toBe(200);
      expect(won.body.offer).toMatchObject({ status: "taken", takenByMe: true, takenBy: { id: crew1.user!.id } });
      expect(won.body.task).toMatchObject({ id: taskId, assignee: { id: crew1.user!.id } });

      await live2.waitFor(
        () => live2!.eventsOf("urgent_offer:updated").some((e) => (e.data as UrgentOffer).status === "taken"),
        10_000,
        "taken, live",
      );
      const seen = live2.eventsOf("urgent_offer:updated").at(-1)!.data as UrgentOffer;
      expect(seen).toMatchObject({ status: "taken", takenByMe: false, takenBy: null });
      // the winner's My Day gets the task as usual
      await live1.waitFor(() => live1!.eventsOf("task:updated").length > 0, 10_000, "the task, live");

      const late = await crew2.post(`/urgent-offers/${created.id}/accept`);
      expect(late.status).toBe(409);
      expect(late.body.code).toBe("offer.taken");
      expect((await crew2.post(`/urgent-offers/${created.id}/decline`)).body.code).toBe("offer.taken");
      const audit = await t.db.prisma.auditEvent.findMany({
        where: { entityId: created.id },
        orderBy: { createdAt: "asc" },
      });
      expect(audit.map((a) => a.action)).toEqual(["urgent_offer.create", "urgent_offer.accept"]);
    } finally {
      live1?.close();
      live2?.close();
    }
  });

  it("404 for a crew member it was not offered to (read and answer alike); clients are refused", async () => {
    const { taskId } = await openTask();
    const o = await offer(taskId, [crew1]);
    for (const res of [
      await crew5.get(`/urgent-offers/${o.id}`),
      await crew5.post(`/urgent-offers/${o.id}/accept`),
      await crew5.post(`/urgent-offers/${o.id}/decline`),
    ]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe("offer.not_found");
    }
    expect((await crew5.get("/urgent-offers")).body.items.map((x: UrgentOffer) => x.id)).not.toContain(o.id);
    expect((await crew1.get("/urgent-offers?status=open")).body.items.map((x: UrgentOffer) => x.id)).toContain(o.id);
    expect((await client.get("/urgent-offers")).status).toBe(403);
    expect(
      (await crew1.post("/urgent-offers", { taskId, crewIds: [crew1.user!.id], expiresAt: inMinutes(5) })).status,
    ).toBe(403);
    // one open offer per task
    const again = await manager1.post("/urgent-offers", {
      taskId,
      crewIds: [crew2.user!.id],
      expiresAt: inMinutes(5).toISOString(),
    });
    expect(again.body.code).toBe("offer.already_open");
  });

  it("asks only eligible people: missing skills and someone unwell are refused, naming each; unwell with an override is audited", async () => {
    const { taskId } = await openTask({ skills: ["proofreading"] });
    const p = t.db.prisma;
    await p.checkIn.upsert({
      where: { userId_day: { userId: crew3.user!.id, day: dateOfDay(companyDay(new Date())) } },
      create: { userId: crew3.user!.id, day: dateOfDay(companyDay(new Date())), condition: "unwell" },
      update: { condition: "unwell" },
    });
    const refused = await manager1.post("/urgent-offers", {
      taskId,
      crewIds: [crew3.user!.id, crew1.user!.id],
      expiresAt: inMinutes(30).toISOString(),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("offer.crew_ineligible");
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ path: "body.crewIds.0", code: "unwell" }),
      expect.objectContaining({ path: "body.crewIds.1", code: "missing_skills" }),
    ]);
    const past = await manager1.post("/urgent-offers", {
      taskId,
      crewIds: [crew3.user!.id],
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
      override: true,
    });
    expect(past.status).toBe(400);
    expect(past.body.errors[0].path).toBe("body.expiresAt");
    const o = await offer(taskId, [crew3], { override: true });
    // the answer never says someone was unwell: other teams' managers see offers too
    expect(JSON.stringify(o)).not.toContain("override");
    const audit = await p.auditEvent.findFirst({ where: { entityId: o.id, action: "urgent_offer.override_unwell" } });
    expect(audit?.metadata).toEqual({ userIds: [crew3.user!.id] });
    await p.checkIn.deleteMany({ where: { userId: crew3.user!.id, day: dateOfDay(companyDay(new Date())) } });
  });

  it("an order declined while its offer is open ends the offer: a late yes is refused and the client is never told 'nobody'", async () => {
    const { orderId, taskId } = await openTask();
    const o = await offer(taskId, [crew1, crew2]);
    const declined = await manager1.patch(`/work-orders/${orderId}`, {
      version: 2,
      status: "declined",
      declineReason: "お客さまのご都合で取り消し",
    });
    expect(declined.status, declined.text).toBe(200);
    expect((await manager1.get(`/urgent-offers/${o.id}`)).body).toMatchObject({
      status: "cancelled",
      endReason: "task_changed",
      awaitingManager: false,
    });
    expect((await crew1.post(`/urgent-offers/${o.id}/accept`)).body.code).toBe("offer.expired");
    const jobs = await t.db.prisma.job.findMany({ where: { key: { contains: o.id } } });
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((j) => j.doneAt !== null)).toBe(true);
  });

  it("everyone declining ends the offer at once; the managers get their three choices", async () => {
    const { taskId } = await openTask();
    const o = await offer(taskId, [crew1, crew2]);
    const first = await crew1.post(`/urgent-offers/${o.id}/decline`);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe("open");
    expect((await crew1.post(`/urgent-offers/${o.id}/accept`)).body.code).toBe("offer.declined");
    const last = await crew2.post(`/urgent-offers/${o.id}/decline`);
    expect(last.body).toMatchObject({ status: "expired", endReason: "all_declined" });
    const staff = (await manager1.get(`/urgent-offers/${o.id}`)).body as UrgentOffer;
    expect(staff).toMatchObject({ awaitingManager: true, managerAction: null, clientToldAt: null });
    expect(staff.recipients.map((r) => r.response)).toEqual(["declined", "declined"]);
    const told = await t.db.prisma.notification.findMany({ where: { kind: "urgent_offer.expired" } });
    expect(told.some((n) => (n.data as { offerId: string }).offerId === o.id && n.userId === manager1.user!.id)).toBe(
      true,
    );
    // it has ended: a late yes is told so
    expect((await crew2.post(`/urgent-offers/${o.id}/accept`)).body.code).toBe("offer.expired");
    expect((await crew1.post(`/urgent-offers/${o.id}/decline`)).status).toBe(200); // the same answer again
  });

  it("the deadline passes (fake clock): expired once; the client is told 15 minutes later unless a manager acts, exactly once", async () => {
    const { taskId, orderId } = await openTask();
    const o = await offer(taskId, [crew1, crew2]);
    const deadline = new Date(o.deadlineAt);
    await t.jobs.runDue(new Date(deadline.getTime() - 1000));
    expect(((await manager1.get(`/urgent-offers/${o.id}`)).body as UrgentOffer).status).toBe("open");
    await t.jobs.runDue(new Date(deadline.getTime() + 1000));
    const expired = (await manager1.get(`/urgent-offers/${o.id}`)).body as UrgentOffer;
    expect(expired).toMatchObject({ status: "expired", endReason: "deadline", awaitingManager: true });
    expect(new Date(expired.clientNoticeDueAt!).getTime()).toBe(deadline.getTime() + 1000 + 15 * 60_000);
    expect((await crew1.post(`/urgent-offers/${o.id}/accept`)).body.code).toBe("offer.expired");

    const chat = async () =>
      t.db.prisma.message.findMany({
        where: { room: { workOrderId: orderId }, body: { contains: "対応できる人がいません" } },
      });
    await t.jobs.runDue(new Date(deadline.getTime() + 14 * 60_000));
    expect(await chat()).toHaveLength(0);
    await t.jobs.runDue(new Date(deadline.getTime() + 16 * 60_000));
    await t.jobs.runDue(new Date(deadline.getTime() + 17 * 60_000));
    const messages = await chat();
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body).toContain("これからの対応");
    const notices = await t.db.prisma.notification.findMany({
      where: { kind: "urgent_offer.unstaffed", userId: client.user!.id },
    });
    expect(notices.filter((n) => (n.data as { workOrderId: string }).workOrderId === orderId)).toHaveLength(1);
    const after = (await manager1.get(`/urgent-offers/${o.id}`)).body as UrgentOffer;
    expect(after.clientToldAt).not.toBeNull();
    expect(after.awaitingManager).toBe(true); // they may still assign or offer it again
    expect((await manager1.post(`/urgent-offers/${o.id}/tell-client`)).body.code).toBe("offer.not_awaiting_manager");
    const audit = await t.db.prisma.auditEvent.findMany({ where: { entityId: o.id } });
    expect(audit.filter((a) => a.action === "urgent_offer.expire")).toHaveLength(1);
    expect(audit.filter((a) => a.action === "urgent_offer.tell_client_auto")).toHaveLength(1);
  });

  it("when the order is due before the notice window ends, the client is told by then (at once if it is due already), not at the deadline of the work", async () => {
    // due before the offer's deadline: told at the moment it expires
    const a = await openTask({ orderDueInMinutes: 25 });
    const o = await offer(a.taskId, [crew1]);
    await t.jobs.runDue(new Date(new Date(o.deadlineAt).getTime() + 1000));
    expect(await t.db.prisma.message.count({ where: { room: { workOrderId: a.orderId } } })).toBe(1);
    expect(((await manager1.get(`/urgent-offers/${o.id}`)).body as UrgentOffer).clientToldAt).not.toBeNull();

    // due 5 minutes after the deadline: told then, not 15 minutes on
    const b = await openTask({ orderDueInMinutes: 35 });
    const o2 = await offer(b.taskId, [crew1]);
    const deadline = new Date(o2.deadlineAt).getTime();
    await t.jobs.runDue(new Date(deadline + 1000));
    const expired = (await manager1.get(`/urgent-offers/${o2.id}`)).body as UrgentOffer;
    const due = await t.db.prisma.workOrder.findUniqueOrThrow({ where: { id: b.orderId } });
    expect(new Date(expired.clientNoticeDueAt!).getTime()).toBe(due.dueAt.getTime());
    expect(await t.db.prisma.message.count({ where: { room: { workOrderId: b.orderId } } })).toBe(0);
    await t.jobs.runDue(new Date(due.dueAt.getTime()));
    expect(await t.db.prisma.message.count({ where: { room: { workOrderId: b.orderId } } })).toBe(1);
  });

  it("the manager's choices: offer again (the old one is acted on and never told), tell the client now, or assign directly", async () => {
    // offer again
    const a = await openTask();
    const first = await offer(a.taskId, [crew1]);
    await crew1.post(`/urgent-offers/${first.id}/decline`);
    const again = await manager1.post(`/urgent-offers/${first.id}/reoffer`, { expiresAt: inMinutes(20).toISOString() });
    expect(again.status, again.text).toBe(201);
    expect(again.body).toMatchObject({ status: "open", previousOfferId: first.id });
    const old = (await manager1.get(`/urgent-offers/${first.id}`)).body as UrgentOffer;
    expect(old).toMatchObject({ managerAction: "reoffered", awaitingManager: false, nextOfferId: again.body.id });
    await t.jobs.runDue(inMinutes(18));
    expect(await t.db.prisma.message.count({ where: { room: { workOrderId: a.orderId } } })).toBe(0);
    expect((await manager1.post(`/urgent-offers/${first.id}/reoffer`, { expiresAt: inMinutes(20) })).status).toBe(409);

    // tell the client now
    const b = await openTask();
    const second = await offer(b.taskId, [crew2]);
    await crew2.post(`/urgent-offers/${second.id}/decline`);
    const told = await manager1.post(`/urgent-offers/${second.id}/tell-client`);
    expect(told.status, told.text).toBe(200);
    expect(told.body).toMatchObject({ managerAction: "told_client", awaitingManager: false });
    expect(await t.db.prisma.message.count({ where: { room: { workOrderId: b.orderId } } })).toBe(1);

    // assign directly (the task's ordinary assignment)
    const c = await openTask();
    const third = await offer(c.taskId, [crew2]);
    await crew2.post(`/urgent-offers/${third.id}/decline`);
    const task = (await manager1.get(`/tasks/${c.taskId}`)).body;
    const assigned = await manager1.patch(`/tasks/${c.taskId}`, { version: task.version, assigneeId: crew1.user!.id });
    expect(assigned.status, assigned.text).toBe(200);
    expect(((await manager1.get(`/urgent-offers/${third.id}`)).body as UrgentOffer).managerAction).toBe("assigned");
    await t.jobs.runDue(inMinutes(20));
    expect(await t.db.prisma.message.count({ where: { room: { workOrderId: c.orderId } } })).toBe(0);

    // assigning while an offer is open ends it
    const d = await openTask();
    const fourth = await offer(d.taskId, [crew2]);
    const dTask = (await manager1.get(`/tasks/${d.taskId}`)).body;
    await manager1.patch(`/tasks/${d.taskId}`, { version: dTask.version, assigneeId: crew1.user!.id });
    expect(((await crew2.get(`/urgent-offers/${fourth.id}`)).body as UrgentOffer).status).toBe("cancelled");
    expect((await crew2.post(`/urgent-offers/${fourth.id}/accept`)).body.code).toBe("offer.expired");
  });

  it("50 accepts at once: exactly one wins, the other 49 get 409 offer.taken; the accepts overlapped", async () => {
    const p = t.db.prisma;
    const template = await p.user.findUniqueOrThrow({ where: { email: "crew1@crewboard.example" } });
    const people = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        p.user.create({
          data: {
            email: `race-${i}-${randomUUID().slice(0, 8)}@crewboard.example`,
            name: `Race ${i}`,
            role: "crew",
            teamId: template.teamId,
            passwordHash: template.passwordHash,
            workingDays: ALL_DAYS,
          },
        }),
      ),
    );
    const clients = await Promise.all(people.map((u) => new ApiClient(t.baseUrl).login(u.email)));
    const { taskId } = await openTask();
    const o = await offer(taskId, clients);
    barrier = { open: 0, max: 0, release: null, armed: kind === "postgresql" };
    const answers = await Promise.all(clients.map((c) => c.post(`/urgent-offers/${o.id}/accept`)));
    const codes = answers.map((a) => (a.status === 200 ? "won" : `${a.status} ${a.body.code}`));
    expect(codes.filter((c) => c === "won")).toHaveLength(1);
    expect(codes.filter((c) => c === "409 offer.taken")).toHaveLength(49);
    if (kind === "postgresql") expect(barrier.max, "accept transactions open at once").toBeGreaterThanOrEqual(2);
    const winner = clients[answers.findIndex((a) => a.status === 200)]!;
    const task = await p.task.findUniqueOrThrow({ where: { id: taskId } });
    expect(task.assigneeId).toBe(winner.user!.id);
    const final = await p.urgentOffer.findUniqueOrThrow({ where: { id: o.id }, include: { recipients: true } });
    expect(final.takenById).toBe(winner.user!.id);
    expect(final.recipients.filter((r) => r.response === "accepted")).toHaveLength(1);
    expect(await p.auditEvent.count({ where: { entityId: o.id, action: "urgent_offer.accept" } })).toBe(1);
  });
});
