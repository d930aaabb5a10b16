// Journey 7: a complaint handled to the end. Tanaka (client-b1) rates an order 2; a follow-up opens
// for the manager who accepted it; she is thanked at once and told who handles it and by when; the
// manager goes through every step in order; Tanaka sees received → action taken → closed, never the
// internal notes; the prevention note reaches all crew naming no one; an overdue step reminds the
// owner (fake clock). Praise reaches the crew who did the work, by name.
import { afterAll, beforeAll, expect, it } from "vitest";
import { FOLLOW_UP_STEPS } from "@crewboard/domain";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import type { ApiClient } from "../../test/api-client.ts";

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describeEachDatabase("follow-ups and praise", (kind) => {
  let t: TestApp;
  /** a person's notifications of one kind about one follow-up */
  const notificationsOf = async (userId: string, kind: string, followUpId: string) =>
    (await t.db.prisma.notification.findMany({ where: { userId, kind } })).filter(
      (n) => (n.data as { followUpId?: string }).followUpId === followUpId,
    );
  let tanaka: ApiClient, manager2: ApiClient, admin: ApiClient, crew5: ApiClient;
  let orderId: string;
  let followUpId: string;

  beforeAll(async () => {
    t = await startTestApp(kind);
    [tanaka, manager2, admin, crew5] = await Promise.all([
      t.as("client-b1"),
      t.as("manager2"),
      t.as("admin"),
      t.as("crew5"),
    ]);
    const order = await tanaka.post("/work-orders", { title: "アンケート300件の集計", dueAt: inDays(3) });
    orderId = order.body.id;
    expect((await manager2.patch(`/work-orders/${orderId}`, { status: "accepted", version: 1 })).status).toBe(200);
    const crew5Id = crew5.user!.id;
    expect(
      (
        await manager2.post(`/work-orders/${orderId}/tasks`, {
          tasks: [{ title: "集計", assigneeId: crew5Id, estimateMinutes: 120 }],
        })
      ).status,
    ).toBe(201);
  });
  afterAll(async () => {
    await t?.close();
  });

  it("a rating of 2 opens a follow-up owned by the manager who accepted the order; Tanaka is thanked and told who and by when", async () => {
    const res = await tanaka.post(`/work-orders/${orderId}/feedback`, {
      verdict: "comment",
      rating: 2,
      comment: "誤字がいくつかありました",
    });
    expect(res.status).toBe(201);
    expect(res.body.followUpOpened).toBe(true);
    const list = await tanaka.get(`/follow-ups?workOrderId=${orderId}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    const f = list.body.items[0];
    followUpId = f.id;
    expect(f).toMatchObject({
      view: "client",
      status: "acknowledged",
      reason: "rating",
      owner: { id: manager2.user!.id },
      overdue: false,
    });
    expect(f.steps.map((s: { step: string }) => s.step)).toEqual(["acknowledged"]);
    // (the demo data has follow-ups of its own: only this one's notifications count)
    const thanks = (await notificationsOf(tanaka.user!.id, "follow_up.received", followUpId))[0]!;
    expect(thanks?.data).toMatchObject({ followUpId, ownerName: "伊藤" }); // to the client: the display name (issue 12)
    // told by when: within one working day
    const dueAt = new Date((thanks.data as { dueAt: string }).dueAt).getTime();
    expect(dueAt - Date.now()).toBeGreaterThan(0);
    expect(dueAt - Date.now()).toBeLessThanOrEqual(3 * 86_400_000 + 60_000);
    // the owner hears of it, and the board sees it
    expect(await notificationsOf(manager2.user!.id, "follow_up.opened", followUpId)).toHaveLength(1);
    const full = await manager2.get(`/follow-ups/${followUpId}`);
    expect(full.body).toMatchObject({
      view: "full",
      nextStep: "listened",
      feedback: { rating: 2, comment: "誤字がいくつかありました" },
    });
  });

  it("crew read no follow-ups; a client cannot record a step", async () => {
    expect((await crew5.get("/follow-ups")).status).toBe(403);
    expect((await tanaka.post(`/follow-ups/${followUpId}/steps`, { step: "listened", note: "x" })).status).toBe(403);
  });

  it("steps go in order, each with its author and time; Tanaka sees only what concerns her, never the internal notes", async () => {
    const skip = await manager2.post(`/follow-ups/${followUpId}/steps`, { step: "crew_heard", note: "too early" });
    expect(skip.status).toBe(409);
    expect(skip.body).toMatchObject({ code: "follow_up.illegal_step", allowed: ["listened"] });

    const internal = [
      { step: "listened", note: "3ページ目と7ページ目に誤字。お客様の言葉: 「社名が違っていました」" },
      { step: "reported", note: "admin に報告済み" },
      { step: "crew_heard", note: "担当クルーの話: 読み合わせの時間が取れなかった" },
    ];
    for (const s of internal) {
      const res = await manager2.post(`/follow-ups/${followUpId}/steps`, s);
      expect(res.status, res.text).toBe(201);
      expect(res.body.status).toBe(s.step);
      const seen = (await tanaka.get(`/follow-ups/${followUpId}`)).body;
      expect(seen.steps.map((x: { step: string }) => x.step)).toEqual(["acknowledged"]);
      expect(JSON.stringify(seen)).not.toContain(s.note);
    }

    const noMessage = await manager2.post(`/follow-ups/${followUpId}/steps`, {
      step: "corrective_action",
      note: "修正版を再納品",
    });
    expect(noMessage.status).toBe(400);
    expect(noMessage.body.errors.map((e: { path: string }) => e.path)).toContain("body.clientMessage");

    const action = await manager2.post(`/follow-ups/${followUpId}/steps`, {
      step: "corrective_action",
      note: "修正版を再納品",
      clientMessage: "誤字を直した版をお送りしました。",
    });
    expect(action.status).toBe(201);
    let seen = (await tanaka.get(`/follow-ups/${followUpId}`)).body;
    expect(seen.status).toBe("corrective_action");
    expect(seen.steps.map((x: { step: string; clientMessage: string | null }) => [x.step, x.clientMessage])).toEqual([
      ["acknowledged", null],
      ["corrective_action", "誤字を直した版をお送りしました。"],
    ]);
    expect(seen.steps.every((x: { note?: string }) => x.note === undefined)).toBe(true);
    expect(await notificationsOf(tanaka.user!.id, "follow_up.action_taken", followUpId)).toHaveLength(1);

    const note = "納品前に読み合わせをします";
    expect((await manager2.post(`/follow-ups/${followUpId}/steps`, { step: "prevention_note", note })).status).toBe(
      201,
    );
    const crew = await t.db.prisma.user.findMany({ where: { role: "crew", active: true }, select: { id: true } });
    // (the demo data has a prevention note of its own: only this one counts)
    const notes = (await t.db.prisma.notification.findMany({ where: { kind: "crew.prevention_note" } })).filter(
      (n) => (n.data as { note?: string }).note === note,
    );
    expect(new Set(notes.map((n) => n.userId))).toEqual(new Set(crew.map((c) => c.id)));
    // names no one: neither the crew member, the client, nor the order
    for (const n of notes) expect(n.data).toEqual({ note, at: expect.any(String) });

    expect(
      (
        await manager2.post(`/follow-ups/${followUpId}/steps`, {
          step: "closed",
          note: "完了",
          clientMessage: "今後は読み合わせをしてから納品します。",
        })
      ).status,
    ).toBe(201);
    seen = (await tanaka.get(`/follow-ups/${followUpId}`)).body;
    expect(seen.status).toBe("closed");
    expect(seen.closedAt).not.toBeNull();
    expect(seen.steps.map((x: { step: string }) => x.step)).toEqual(["acknowledged", "corrective_action", "closed"]);

    const full = (await admin.get(`/follow-ups/${followUpId}`)).body;
    expect(full.steps.map((x: { step: string }) => x.step)).toEqual([...FOLLOW_UP_STEPS]);
    expect(
      full.steps
        .slice(1)
        .every((x: { author: { id: string } | null; at: string }) => x.author?.id === manager2.user!.id && x.at),
    ).toBe(true);
    expect(
      (await manager2.post(`/follow-ups/${followUpId}/steps`, { step: "closed", note: "again", clientMessage: "x" }))
        .status,
    ).toBe(409);
  });

  it("the dashboard counts open, overdue and closed this month, and the time to close", async () => {
    const stats = (await manager2.get("/follow-ups/stats")).body;
    expect(stats.closedThisMonth).toBeGreaterThanOrEqual(1);
    expect(stats.medianHoursToClose).not.toBeNull();
    expect((await tanaka.get("/follow-ups/stats")).status).toBe(403);
  });

  it("an overdue step reminds the owner once its due time passes (fake clock), by email as the default", async () => {
    const res = await tanaka.post(`/work-orders/${orderId}/feedback`, {
      verdict: "comment",
      tone: "complaint",
      comment: "連絡が遅いです",
    });
    expect(res.status).toBe(201);
    const f = await t.db.prisma.followUp.findUniqueOrThrow({ where: { feedbackId: res.body.id } });
    expect(f.reason).toBe("complaint");
    const before = (await manager2.get("/follow-ups/stats")).body;
    // (the demo data's own jobs may be due too: only this follow-up's reminder counts)
    const emailsBefore = await t.db.prisma.outboxEmail.count({
      where: { userId: manager2.user!.id, kind: "follow_up.overdue" },
    });
    await t.jobs.runDue(new Date(f.dueAt!.getTime() - 60_000));
    expect(await notificationsOf(manager2.user!.id, "follow_up.overdue", f.id)).toHaveLength(0);
    await t.jobs.runDue(new Date(f.dueAt!.getTime() + 60_000));
    const reminders = await notificationsOf(manager2.user!.id, "follow_up.overdue", f.id);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.data).toMatchObject({ followUpId: f.id, step: "listened" });
    const emails = await t.db.prisma.outboxEmail.findMany({
      where: { userId: manager2.user!.id, kind: "follow_up.overdue" },
      orderBy: { createdAt: "desc" },
    });
    expect(emails.length).toBeGreaterThan(emailsBefore);
    expect(emails[0]!.subject).not.toContain("連絡が遅い");
    // once the step moves, its reminder moves with it
    await t.db.prisma.followUp.update({ where: { id: f.id }, data: { dueAt: new Date(Date.now() - 60_000) } });
    const overdue = (await manager2.get("/follow-ups?state=overdue")).body.items.map((x: { id: string }) => x.id);
    expect(overdue).toContain(f.id);
    expect((await manager2.get("/follow-ups/stats")).body.overdue).toBe(before.overdue + 1);
  });

  it("a complaint may be about an order that was declined; a complaint needs words", async () => {
    const declined = await tanaka.post("/work-orders", { title: "名刺のデータ化", dueAt: inDays(2) });
    expect(
      (
        await manager2.patch(`/work-orders/${declined.body.id}`, {
          status: "declined",
          declineReason: "人手が足りません",
          version: 1,
        })
      ).status,
    ).toBe(200);
    expect(
      (await tanaka.post(`/work-orders/${declined.body.id}/feedback`, { verdict: "comment", rating: 4 })).status,
    ).toBe(409);
    const empty = await tanaka.post(`/work-orders/${declined.body.id}/feedback`, {
      verdict: "comment",
      tone: "complaint",
    });
    expect(empty.status).toBe(400);
    expect(empty.body.errors[0].path).toBe("body.comment");
    const complaint = await tanaka.post(`/work-orders/${declined.body.id}/feedback`, {
      verdict: "comment",
      tone: "complaint",
      comment: "断られた理由がわかりません",
    });
    expect(complaint.status).toBe(201);
    expect(complaint.body).toMatchObject({ tone: "complaint", followUpOpened: true });
    // nobody accepted it: an admin owns the follow-up
    const f = await t.db.prisma.followUp.findUniqueOrThrow({
      where: { feedbackId: complaint.body.id },
      include: { owner: true },
    });
    expect(f.owner?.role).toBe("admin");
  });

  it("praise reaches the crew who worked on the order, by name, on My Day and in their inbox", async () => {
    const res = await tanaka.post(`/work-orders/${orderId}/feedback`, {
      verdict: "comment",
      tone: "praise",
      comment: "丁寧な集計でした",
    });
    expect(res.status).toBe(201);
    expect(res.body.followUpOpened).toBe(false);
    const praise = await crew5.get("/me/praise");
    expect(praise.status).toBe(200);
    expect(praise.body.items[0]).toMatchObject({
      comment: "丁寧な集計でした",
      from: { id: tanaka.user!.id, name: "田中 誠" },
      workOrder: { id: orderId },
    });
    expect(await t.db.prisma.notification.count({ where: { userId: crew5.user!.id, kind: "feedback.praise" } })).toBe(
      1,
    );
    // a crew member who did not work on it hears nothing of it
    const crew3 = await t.as("crew3");
    expect((await crew3.get("/me/praise")).body.items.map((p: { feedbackId: string }) => p.feedbackId)).not.toContain(
      res.body.id,
    );
    expect((await manager2.get("/me/praise")).status).toBe(403);
  });
});
