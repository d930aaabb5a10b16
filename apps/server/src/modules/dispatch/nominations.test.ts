// Issue 10, nominations: the manager honours a client's nomination or declines it — not the order —
// with a reason in plain words and maybe someone else; the client's company hears at once (live, on
// the order, and in their inbox), and a new nomination waits for its own answer.
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import type { ApiClient } from "../../test/api-client.ts";
import { connectSocket, type TestSocket } from "../../test/socket-client.ts";

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();

describeEachDatabase("nominations answered", (kind) => {
  let t: TestApp;
  let manager1: ApiClient, client: ApiClient, otherClient: ApiClient, crew3: ApiClient, crew1: ApiClient;
  let orderId: string;
  let live: TestSocket, otherLive: TestSocket;

  beforeAll(async () => {
    t = await startTestApp(kind);
    [manager1, client, otherClient, crew3, crew1] = await Promise.all([
      t.as("manager1"),
      t.as("client-a1"),
      t.as("client-b1"),
      t.as("crew3"),
      t.as("crew1"),
    ]);
    const order = await client.post("/work-orders", {
      title: "名刺データの入力",
      dueAt: inDays(4),
      nominatedCrewId: crew3.user!.id,
      nominationNote: "前回とても丁寧でした",
    });
    expect(order.status).toBe(201);
    orderId = order.body.id;
    expect(order.body.nominationAnswer).toBeNull();
    [live, otherLive] = await Promise.all([connectSocket(t.baseUrl, client), connectSocket(t.baseUrl, otherClient)]);
  });
  afterAll(async () => {
    live?.close();
    otherLive?.close();
    await t?.close();
  });

  it("a declined nomination (the order goes on) reaches the client live with the reason and the alternative, and in their inbox", async () => {
    const res = await manager1.post(`/work-orders/${orderId}/nomination-answer`, {
      answer: "declined",
      reason: "小林は今週すでに予定が埋まっています。同じ作業の経験がある鈴木がお受けします。",
      alternativeCrewId: crew1.user!.id,
    });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe("requested");
    expect(res.body.nominationAnswer).toMatchObject({
      answer: "declined",
      reason: expect.stringContaining("予定が埋まっています"),
      alternative: { id: crew1.user!.id, name: "鈴木 翔太", displayName: "鈴木", role: "crew" },
    });
    await live.waitFor(() => live.eventsOf("work_order:nomination_answered").length > 0, 10_000, "the answer, live");
    const event = live.eventsOf("work_order:nomination_answered")[0]!.data as {
      id: string;
      nominationAnswer: { answer: string };
    };
    expect(event.id).toBe(orderId);
    expect(event.nominationAnswer.answer).toBe("declined");
    // the client reads it on the order and in the inbox
    const seen = (await client.get(`/work-orders/${orderId}`)).body;
    expect(seen.nominationAnswer.answer).toBe("declined");
    // issue 12: the client sees the alternative by display name, live and on the order
    expect(seen.nominationAnswer.alternative).toMatchObject({ name: "鈴木", displayName: "鈴木" });
    expect(JSON.stringify(live.eventsOf("work_order:nomination_answered"))).not.toContain("鈴木 翔太");
    const inbox = await t.db.prisma.notification.findMany({
      where: { userId: client.user!.id, kind: "nomination.declined" },
    });
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.data).toMatchObject({ workOrderId: orderId, alternative: "鈴木" });
    // another company hears nothing
    expect(otherLive.eventsOf("work_order:nomination_answered")).toHaveLength(0);
    expect(await t.db.prisma.auditEvent.count({ where: { action: "nomination.decline", entityId: orderId } })).toBe(1);
  });

  it("declining needs a reason; the alternative is someone other than the nominee; both name the field and change nothing", async () => {
    const before = (await manager1.get(`/work-orders/${orderId}`)).body;
    const noReason = await manager1.post(`/work-orders/${orderId}/nomination-answer`, { answer: "declined" });
    expect(noReason.status).toBe(400);
    expect(JSON.stringify(noReason.body)).toContain("body.reason");
    const same = await manager1.post(`/work-orders/${orderId}/nomination-answer`, {
      answer: "declined",
      reason: "x",
      alternativeCrewId: crew3.user!.id,
    });
    expect(same.status).toBe(400);
    expect(JSON.stringify(same.body)).toContain("body.alternativeCrewId");
    expect((await manager1.get(`/work-orders/${orderId}`)).body).toEqual(before);
  });

  it("only staff answer; an order without a nomination is 409 work_order.no_nomination", async () => {
    expect((await client.post(`/work-orders/${orderId}/nomination-answer`, { answer: "honoured" })).status).toBe(403);
    expect((await crew3.post(`/work-orders/${orderId}/nomination-answer`, { answer: "honoured" })).status).toBe(403);
    const plain = await client.post("/work-orders", { title: "指名なし", dueAt: inDays(4) });
    const res = await manager1.post(`/work-orders/${plain.body.id}/nomination-answer`, { answer: "honoured" });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("work_order.no_nomination");
  });

  it("a new nomination by the client waits for its own answer; honouring it tells the client", async () => {
    const current = (await client.get(`/work-orders/${orderId}`)).body;
    const changed = await client.patch(`/work-orders/${orderId}`, {
      version: current.version,
      nominatedCrewId: crew1.user!.id,
    });
    expect(changed.status).toBe(200);
    expect(changed.body.nominationAnswer).toBeNull();
    const res = await manager1.post(`/work-orders/${orderId}/nomination-answer`, { answer: "honoured" });
    expect(res.status).toBe(200);
    expect(res.body.nominationAnswer).toMatchObject({ answer: "honoured", alternative: null });
    await live.waitFor(
      () => live.eventsOf("work_order:nomination_answered").length > 1,
      10_000,
      "the second answer, live",
    );
  });

  it("an answer for a nominee the client has just replaced is refused with 409 work_order.nomination_changed, and changes nothing", async () => {
    const before = (await manager1.get(`/work-orders/${orderId}`)).body;
    const nominee = before.nominatedCrew.id as string;
    // the manager read crew3; the client changed it to crew1 meanwhile
    const stale = await manager1.post(`/work-orders/${orderId}/nomination-answer`, {
      answer: "declined",
      reason: "予定が埋まっています",
      nomineeId: nominee === crew3.user!.id ? crew1.user!.id : crew3.user!.id,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("work_order.nomination_changed");
    expect((await manager1.get(`/work-orders/${orderId}`)).body).toEqual(before);
    const fresh = await manager1.post(`/work-orders/${orderId}/nomination-answer`, {
      answer: "honoured",
      nomineeId: nominee,
    });
    expect(fresh.status).toBe(200);
  });

  it("an answer racing a change of nominee never lands on the new nominee: each answer is for the nominee it named, or 409", async () => {
    const order = await client.post("/work-orders", {
      title: "指名の競合",
      dueAt: inDays(4),
      nominatedCrewId: crew3.user!.id,
    });
    const id = order.body.id as string;
    let nominee = crew3.user!.id;
    for (let round = 0; round < 8; round++) {
      const next = nominee === crew3.user!.id ? crew1.user!.id : crew3.user!.id;
      const [answer, change] = await Promise.all([
        manager1.post(`/work-orders/${id}/nomination-answer`, {
          answer: "declined",
          reason: `round ${round}`,
          nomineeId: nominee,
        }),
        client.patch(`/work-orders/${id}`, { nominatedCrewId: next }),
      ]);
      // the answer fails only because the nominee changed; the change only because the answer moved the version
      expect([200, 409]).toContain(answer.status);
      expect([200, 409]).toContain(change.status);
      if (answer.status === 409) expect(answer.body.code).toBe("work_order.nomination_changed");
      if (change.status === 409) expect(change.body.code).toBe("work_order.version_conflict");
      expect(answer.status === 409 && change.status === 409).toBe(false);
      const now = await t.db.prisma.workOrder.findUniqueOrThrow({ where: { id } });
      // an answer on the order is always about the nominee it was given for
      if (now.nominationAnswer !== null) expect(now.nominatedCrewId).toBe(nominee);
      if (change.status === 200) expect(now.nominatedCrewId).toBe(next);
      if (change.status !== 200) continue;
      nominee = next;
    }
  });
});
