// Issue 12: accommodations (合理的配慮) — who reads what (the person, their own team's manager, an
// admin in full; another team's manager only the parts the person shared; other crew and clients
// nothing), who writes what (managers the record, the person the request and the sharing choices),
// versioned changes with their history, idempotent creates, the audit rows, "who looked at my
// record" listing exactly the audited reads, and the review reminders (fake clock).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addCompanyDays, companyDay, companyTime, dateOfDay } from "@crewboard/domain";
import type { Accommodation, AccommodationList, RecordView } from "@crewboard/contracts";
import { describeEachDatabase, startTestApp, type TestApp } from "../../test/test-app.ts";
import { runWrite } from "../../operations/write.ts";
import { scheduleJob } from "../../jobs/schedule.ts";

describeEachDatabase("accommodations", (kind) => {
  let t: TestApp;
  let crew4Id: string;
  let seeded: Accommodation;

  beforeAll(async () => {
    t = await startTestApp(kind);
    crew4Id = (await t.db.prisma.user.findUniqueOrThrow({ where: { email: "crew4@crewboard.example" } })).id;
  });
  afterAll(() => t?.close());

  const readAudits = () =>
    t.db.prisma.auditEvent.findMany({
      where: { action: "accommodation.read", entityType: "user", entityId: crew4Id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    });

  it("the person, their own team's manager and an admin read all of it; each read is audited", async () => {
    const before = (await readAudits()).length;
    for (const who of ["crew4", "manager1", "admin"]) {
      const res = await (await t.as(who)).get(`/users/${crew4Id}/accommodations`);
      expect(res.status, who).toBe(200);
      const body = res.body as AccommodationList;
      expect(body.access).toBe("full");
      expect(body.items).toHaveLength(1);
      seeded = body.items[0]!;
      expect(seeded).toMatchObject({
        view: "full",
        requestedBy: { id: crew4Id },
        agreedBy: { role: "manager" },
        reviewOn: addCompanyDays(companyDay(), 21),
        sharedParts: ["communication"],
        version: 2,
      });
      expect(seeded.requestText).toContain("通院");
      expect(seeded.agreement.hours).toContain("火曜");
    }
    const rows = (await readAudits()).slice(before);
    expect(rows).toHaveLength(3);
    expect(rows.map((r) => (r.metadata as { view: string }).view)).toEqual(["full", "full", "full"]);
  });

  it("another team's manager reads only the parts the person shared; the read is audited as such", async () => {
    const manager2 = await t.as("manager2");
    const res = await manager2.get(`/users/${crew4Id}/accommodations`);
    expect(res.status).toBe(200);
    const body = res.body as AccommodationList;
    expect(body.access).toBe("shared");
    expect(body.items).toHaveLength(1);
    const a = body.items[0]!;
    expect(a.view).toBe("shared");
    expect(a.agreement.communication).toContain("チャット");
    expect([a.title, a.requestText, a.note, a.agreement.hours, a.agreement.breaks, a.agreement.consult]).toEqual([
      "",
      "",
      "",
      "",
      "",
      "",
    ]);
    expect([a.reviewOn, a.agreedBy, a.requestedBy, a.writtenBy]).toEqual([null, null, null, null]);
    expect(res.text).not.toContain("通院");
    const last = (await readAudits()).at(-1)!;
    expect(last.actorId).toBe(manager2.user!.id);
    expect(last.metadata).toMatchObject({ view: "shared", viewerRole: "manager", count: 1 });
    // nor the history, nor a change
    expect((await manager2.get(`/accommodations/${seeded.id}/revisions`)).status).toBe(404);
    const write = await manager2.patch(`/accommodations/${seeded.id}`, { version: 2, agreement: { hours: "x" } });
    expect(write.status).toBe(404);
    expect(write.body.code).toBe("accommodation.not_found");
  });

  it("another crew member is told the person is not found; a client is refused at the gate", async () => {
    const crew3 = await t.as("crew3");
    const other = await crew3.get(`/users/${crew4Id}/accommodations`);
    expect(other.status).toBe(404);
    expect(other.text).not.toContain("チャット");
    expect((await crew3.get(`/accommodations/${seeded.id}/revisions`)).status).toBe(404);
    const client = await (await t.as("client-a1")).get(`/users/${crew4Id}/accommodations`);
    expect(client.status).toBe(403);
    expect((await (await t.as("client-a1")).get("/me/record-views")).status).toBe(403);
  });

  it("the manager changes the record on the version they read; the previous values are kept; a stale version is 409", async () => {
    const manager1 = await t.as("manager1");
    const review = addCompanyDays(companyDay(), 30);
    const res = await manager1.patch(`/accommodations/${seeded.id}`, {
      version: 2,
      agreement: { breaks: "50 分ごとに 10 分" },
      reviewOn: review,
      agreed: true,
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ version: 3, reviewOn: review, agreement: { breaks: "50 分ごとに 10 分" } });
    expect(res.body.agreedBy.id).toBe(manager1.user!.id);

    const stale = await manager1.patch(`/accommodations/${seeded.id}`, { version: 2, agreement: { tools: "x" } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("accommodation.version_conflict");
    expect(stale.body.current.version).toBe(3);

    const history = await manager1.get(`/accommodations/${seeded.id}/revisions`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((r: { version: number }) => r.version)).toEqual([2, 1]);
    const newest = history.body.items[0];
    expect(newest.changedBy.id).toBe(manager1.user!.id);
    expect(newest.changedFields).toEqual(["breaks", "reviewOn", "agreedBy"]);
    expect(newest.previous.agreement.breaks).toBe("1 時間ごとに 5〜10 分");
    expect(newest.previous.reviewOn).toBe(addCompanyDays(companyDay(), 21));
    // the history read is audited as well
    expect((await readAudits()).at(-1)!.metadata).toMatchObject({ what: "history" });

    // the manager may not choose what the person shares
    const share = await manager1.patch(`/accommodations/${seeded.id}`, { version: 3, sharedParts: ["hours"] });
    expect(share.status).toBe(403);
  });

  it("only the person sets the sharing choices; the person cannot change what was agreed", async () => {
    const crew4 = await t.as("crew4");
    const admin = await t.as("admin");
    expect((await admin.patch(`/accommodations/${seeded.id}`, { version: 3, sharedParts: ["hours"] })).status).toBe(
      403,
    );
    const agreed = await crew4.patch(`/accommodations/${seeded.id}`, {
      version: 3,
      agreement: { hours: "好きな時間" },
    });
    expect(agreed.status).toBe(403);
    const res = await crew4.patch(`/accommodations/${seeded.id}`, {
      version: 3,
      sharedParts: ["communication", "tools"],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ version: 4, sharedParts: ["communication", "tools"] });
    const seen = await (await t.as("manager2")).get(`/users/${crew4Id}/accommodations`);
    expect(seen.body.items[0].agreement.tools).toContain("ヘッドホン");
    expect(seen.body.items[0].agreement.hours).toBe("");
  });

  it("the crew member asks for one (idempotent); the manager records one; other people are not found", async () => {
    const crew4 = await t.as("crew4");
    const key = randomUUID();
    const body = { title: "画面の文字を大きく", requestText: "資料は拡大しやすい形式でほしい", sharedParts: ["tools"] };
    const first = await crew4.post(`/users/${crew4Id}/accommodations`, body, { headers: { "Idempotency-Key": key } });
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({ requestedBy: { id: crew4Id }, agreedBy: null, sharedParts: ["tools"] });
    const again = await crew4.post(`/users/${crew4Id}/accommodations`, body, { headers: { "Idempotency-Key": key } });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(await t.db.prisma.accommodation.count({ where: { title: body.title } })).toBe(1);
    // the person asks; what is agreed is the manager's to record
    const agreedByPerson = await crew4.post(`/users/${crew4Id}/accommodations`, { title: "x", agreed: true });
    expect(agreedByPerson.status).toBe(403);

    const manager1 = await t.as("manager1");
    const recorded = await manager1.post(`/users/${crew4Id}/accommodations`, {
      title: "在宅の日の始業を 10 時に",
      agreement: { hours: "在宅の日は 10:00〜" },
      reviewOn: addCompanyDays(companyDay(), 60),
      agreed: true,
    });
    expect(recorded.status, recorded.text).toBe(201);
    expect(recorded.body.agreedBy.id).toBe(manager1.user!.id);
    for (const who of ["manager2", "crew3"]) {
      const res = await (await t.as(who)).post(`/users/${crew4Id}/accommodations`, { title: "他から" });
      expect(res.status, who).toBe(404);
    }
  });

  it("a request reaches the person's own team's managers, a record made for the person the person: whose and which, no health text", async () => {
    const p = t.db.prisma;
    const told = async (accommodationId: string) =>
      (
        await p.notification.findMany({
          where: { data: { path: ["accommodationId"], equals: accommodationId } },
          include: { user: { select: { email: true } } },
        })
      ).map((n) => ({ kind: n.kind, to: n.user.email, data: n.data as Record<string, unknown> }));
    const crew4 = await t.as("crew4");
    const asked = await crew4.post(`/users/${crew4Id}/accommodations`, {
      title: "通院の日は午後から",
      requestText: "月に一度、通院のため午前を休みたい",
    });
    expect(asked.status, asked.text).toBe(201);
    const onRequest = await told(asked.body.id);
    // manager1 manages crew4's team; manager2 (another team), admins and other crew hear nothing
    expect(onRequest.map((n) => [n.kind, n.to])).toEqual([["accommodation.requested", "manager1@crewboard.example"]]);
    expect(onRequest[0]!.data).toMatchObject({ userId: crew4Id, accommodationId: asked.body.id });
    expect(JSON.stringify(onRequest)).not.toContain("通院");

    const manager1 = await t.as("manager1");
    const agreed = await manager1.patch(`/accommodations/${asked.body.id}`, {
      version: asked.body.version,
      agreement: { hours: "通院の日は 13:00〜" },
      agreed: true,
    });
    expect(agreed.status, agreed.text).toBe(200);
    const onAgreement = (await told(asked.body.id)).filter((n) => n.kind !== "accommodation.requested");
    expect(onAgreement.map((n) => [n.kind, n.to, n.data.agreed])).toEqual([
      ["accommodation.updated", "crew4@crewboard.example", true],
    ]);
    expect(JSON.stringify(onAgreement)).not.toContain("通院");
    // the person's own sharing choice tells nobody
    const shared = await crew4.patch(`/accommodations/${asked.body.id}`, {
      version: agreed.body.version,
      sharedParts: ["hours"],
    });
    expect(shared.status, shared.text).toBe(200);
    expect(await told(asked.body.id)).toHaveLength(2);

    const recorded = await manager1.post(`/users/${crew4Id}/accommodations`, { title: "休憩を長めに" });
    expect(recorded.status, recorded.text).toBe(201);
    expect((await told(recorded.body.id)).map((n) => [n.kind, n.to, n.data.agreed])).toEqual([
      ["accommodation.recorded", "crew4@crewboard.example", false],
    ]);
  });

  it("who looked at my record: exactly the audited reads of crew4's check-ins and accommodations by others, for crew4 only", async () => {
    const crew4 = await t.as("crew4");
    await (await t.as("manager1")).get(`/users/${crew4Id}/check-ins`);
    await (await t.as("manager1")).get(`/check-ins`); // the team's day list shows crew4's too
    const res = await crew4.get("/me/record-views");
    expect(res.status).toBe(200);
    const views = res.body.items as RecordView[];
    const audited = await t.db.prisma.auditEvent.findMany({
      where: {
        action: { in: ["check_in.read", "accommodation.read"] },
        actorId: { not: crew4Id },
      },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    });
    const aboutCrew4 = audited.filter(
      (r) => r.entityId === crew4Id || ((r.metadata as { userIds?: string[] }).userIds ?? []).includes(crew4Id),
    );
    expect(views.map((v) => v.id)).toEqual(aboutCrew4.map((r) => r.id));
    expect(views.length).toBeGreaterThanOrEqual(7);
    // her own reads are not listed; every row names who, in which role, and what
    expect(views.some((v) => v.viewer?.id === crew4Id)).toBe(false);
    expect(views[0]).toMatchObject({ what: "check_ins", role: "manager" });
    expect(views.find((v) => v.view === "shared")).toMatchObject({ role: "manager", what: "accommodations" });
    expect(views.some((v) => v.what === "accommodation_history")).toBe(true);
    expect(views.some((v) => v.role === "admin")).toBe(true);
    // someone else's list does not show crew4's reads
    const crew3Views = (await (await t.as("crew3")).get("/me/record-views")).body.items as RecordView[];
    expect(crew3Views.every((v) => !aboutCrew4.some((r) => r.id === v.id) || v.what === "check_ins")).toBe(true);
  });

  it("reminds the person and their team's managers 14 days and 1 day before the review, once each (fake clock)", async () => {
    const p = t.db.prisma;
    const review = addCompanyDays(companyDay(), 40);
    const a = await p.accommodation.create({
      data: {
        userId: crew4Id,
        writtenById: (await p.user.findUniqueOrThrow({ where: { email: "manager1@crewboard.example" } })).id,
        title: "reminder test",
        reviewOn: dateOfDay(review),
      },
    });
    const kind = "accommodation.review_due";
    const reminders = () =>
      p.notification.findMany({
        where: { kind, data: { path: ["accommodationId"], equals: a.id } },
        include: { user: true },
      });
    const runOn = async (day: string) => {
      const at = companyTime(day, 9);
      await runWrite({ prisma: p, publish: () => undefined }, async ({ tx }) => {
        await tx.job.deleteMany({ where: { key: "accommodations.review-reminders" } });
        await scheduleJob(tx, {
          kind: "accommodations.review-reminders",
          key: "accommodations.review-reminders",
          runAt: at,
        });
      });
      await t.jobs.runDue(at);
    };
    await runOn(addCompanyDays(review, -15));
    expect(await reminders()).toHaveLength(0);
    await runOn(addCompanyDays(review, -14));
    const first = await reminders();
    expect(first.map((n) => n.user.email).sort()).toEqual(["crew4@crewboard.example", "manager1@crewboard.example"]);
    expect(first.every((n) => (n.data as { daysLeft: number }).daysLeft === 14)).toBe(true);
    expect(JSON.stringify(first.map((n) => n.data))).not.toContain("reminder test"); // no health text
    await runOn(addCompanyDays(review, -13)); // the next morning: nothing new
    expect(await reminders()).toHaveLength(2);
    await runOn(addCompanyDays(review, -1));
    const all = await reminders();
    expect(all).toHaveLength(4);
    expect(all.filter((n) => (n.data as { daysLeft: number }).daysLeft === 1)).toHaveLength(2);
    await runOn(review);
    expect(await reminders()).toHaveLength(4);
    // the job comes back the next morning
    const job = await p.job.findUniqueOrThrow({ where: { key: "accommodations.review-reminders" } });
    expect(job.doneAt).toBeNull();
    expect(job.runAt.getTime()).toBeGreaterThan(companyTime(review, 9).getTime());
  });
});
