import { PGlite } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../client.ts";
import { hashPassword, verifyPassword } from "../passwords.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isDatabaseEmpty, resetDatabase, seedDemoData } from "./index.ts";
import { createIdMinter, uuidV7Time } from "./ids.ts";
import { companyMonth, companyMonthRange, dueState } from "@crewboard/domain";
import { REPORT_PROPOSAL_BODY, reportMonthOf } from "./monthly-report.ts";

const SLOW = 180_000;

describe("passwords", () => {
  it("hashes with argon2id and verifies", { timeout: SLOW }, async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(hash, "correct horse battery stapler")).toBe(false);
    // a fresh salt every time
    expect(await hashPassword("correct horse battery staple")).not.toBe(hash);
  });

  it("returns false for a malformed hash instead of throwing", async () => {
    for (const bad of ["", "not-a-hash", "$argon2id$v=19$m=19456,t=2,p=1$garbage", "$2b$10$abcdefghijklmnopqrstuv"]) {
      await expect(verifyPassword(bad, "whatever")).resolves.toBe(false);
    }
  });
});

describe("ids minted from a time (UUID v7)", () => {
  it("carry the time in their first 48 bits, with version 7 and the RFC variant", () => {
    const at = new Date("2026-11-24T00:40:00.000Z");
    const id = createIdMinter()(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidV7Time(id)).toBe(at.getTime());
    expect(uuidV7Time("3f2b8f8e-1c7d-4b7a-9c51-2f5e0b7d2a11")).toBeNull(); // a random (v4) id
  });

  it("sort like their times; within one millisecond, in the order they were minted", () => {
    const mint = createIdMinter();
    const early = new Date("2026-11-24T00:40:00.000Z");
    const late = new Date("2026-11-24T05:43:00.000Z");
    const a = mint(late);
    const b = mint(early);
    const c = mint(late);
    const d = mint(early);
    expect([a, b, c, d].sort()).toEqual([b, d, a, c]);
    expect(new Set(Array.from({ length: 500 }, () => mint(early))).size).toBe(500);
  });
});

// 12:00 in Tokyo on 2026-11-24 ("today").
const NOW = new Date("2026-11-24T03:00:00Z");
const EXPECTED_ACCOUNTS: [email: string, role: string, company: "A" | "B" | null, team: "A" | "B" | null][] = [
  ["admin", "admin", null, null],
  ["manager1", "manager", null, "A"],
  ["manager2", "manager", null, "B"],
  ["crew1", "crew", null, "A"],
  ["crew2", "crew", null, "A"],
  ["crew3", "crew", null, "A"],
  ["crew4", "crew", null, "A"],
  ["crew5", "crew", null, "B"],
  ["crew6", "crew", null, "B"],
  ["crew7", "crew", null, "B"],
  ["crew8", "crew", null, "B"],
  ["client-a1", "client", "A", null],
  ["client-a2", "client", "A", null],
  ["client-b1", "client", "B", null],
  ["client-b2", "client", "B", null],
];

describe("demo seed", () => {
  let db: Database;
  let emptyBefore: boolean;
  let counts: Awaited<ReturnType<typeof seedDemoData>>;

  beforeAll(async () => {
    db = await openDatabase({ pglite: new PGlite() });
    emptyBefore = await isDatabaseEmpty(db.prisma);
    counts = await seedDemoData(db.prisma, { now: NOW });
  }, SLOW);

  afterAll(async () => {
    await db?.close();
  });

  it("reports an empty database before and a full one after", async () => {
    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(db.prisma)).toBe(false);
    expect(counts).toEqual({
      users: 15,
      workOrders: await db.prisma.workOrder.count(),
      tasks: await db.prisma.task.count(),
      messages: await db.prisma.message.count(),
    });
    expect(counts.workOrders).toBeGreaterThanOrEqual(10);
    expect(counts.messages).toBeGreaterThanOrEqual(8);
    expect(counts.messages).toBeLessThanOrEqual(15);
  });

  it("puts last month's rows inside last month (Tokyo) and gives it an improvement proposal", async () => {
    const { month } = reportMonthOf(NOW);
    const { start, end } = companyMonthRange(month);
    const proposal = await db.prisma.reportProposal.findFirstOrThrow({ include: { clientCompany: true } });
    expect([proposal.month, proposal.clientCompany.nameEn, proposal.body]).toEqual([
      month,
      "Sakura Trading Co.",
      REPORT_PROPOSAL_BODY,
    ]);
    const orders = await db.prisma.workOrder.findMany({
      where: { completedAt: { gte: start, lt: end } },
      include: { tasks: { include: { progressUpdates: true } }, feedback: true },
    });
    expect(orders).toHaveLength(3);
    for (const o of orders) {
      for (const at of [o.createdAt, o.acceptedAt!, o.deliveredAt!, o.dueAt, ...o.feedback.map((f) => f.createdAt)])
        expect(at >= start && at < end, o.title).toBe(true);
      for (const t of o.tasks)
        for (const u of t.progressUpdates) expect(u.createdAt >= start && u.createdAt < end).toBe(true);
    }
  });

  it("creates exactly the demo accounts, in the right companies and teams", async () => {
    const users = await db.prisma.user.findMany({
      include: { clientCompany: true, team: true },
      orderBy: { email: "asc" },
    });
    const companyLetter = (nameEn: string | null | undefined) =>
      nameEn === "Sakura Trading Co." ? "A" : nameEn === "Minato Logistics Inc." ? "B" : (nameEn ?? null);
    const teamLetter = (name: string | undefined) => (name ? name.slice(-1) : null);
    const actual = users.map((u) => [
      u.email,
      u.role,
      companyLetter(u.clientCompany?.nameEn),
      teamLetter(u.team?.name),
    ]);
    const expected = EXPECTED_ACCOUNTS.map(([key, role, company, team]) => [
      `${key}@crewboard.example`,
      role,
      company,
      team,
    ]);
    expect(actual).toEqual([...expected].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));

    expect(DEMO_ACCOUNTS.map((a) => [a.email, a.role])).toEqual(expected.map(([email, role]) => [email, role]));
    for (const a of DEMO_ACCOUNTS) {
      expect(a.name).toBe(users.find((u) => u.email === a.email)!.name);
      expect(a.description.length).toBeGreaterThan(0);
    }
    expect(users.find((u) => u.email === "client-a1@crewboard.example")!.name).toMatch(/^佐藤/);
    expect(users.find((u) => u.email === "client-b1@crewboard.example")!.name).toMatch(/^田中/);
    expect(
      users
        .filter((u) => u.locale === "en")
        .map((u) => u.email)
        .sort(),
    ).toEqual(["client-b2@crewboard.example", "crew8@crewboard.example"]);
  });

  it("mixes office, home and hybrid crew, with skills and accessibility preferences", async () => {
    const crew = await db.prisma.user.findMany({ where: { role: "crew" } });
    const style = (key: string) => crew.find((u) => u.email === `${key}@crewboard.example`)!.workStyle;
    expect(new Set(crew.map((u) => u.workStyle))).toEqual(new Set(["office", "home", "hybrid"]));
    expect(style("crew3")).toBe("home");
    expect(style("crew4")).toBe("hybrid");
    expect(style("crew5")).toBe("office");
    for (const u of crew) expect(u.skills.length).toBeGreaterThan(0);
    const crew3 = crew.find((u) => u.email === "crew3@crewboard.example")!;
    expect(crew3.accessibility).toEqual({ textSize: "large", highContrast: true });
    const staff = await db.prisma.user.findMany({ where: { role: { in: ["admin", "manager", "client"] } } });
    for (const u of staff) expect(u.workStyle).toBeNull();
  });

  it("lets every demo account sign in with the demo password", async () => {
    const users = await db.prisma.user.findMany({ select: { passwordHash: true } });
    expect(new Set(users.map((u) => u.passwordHash)).size).toBe(1); // hashed once
    expect(await verifyPassword(users[0]!.passwordHash, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(users[0]!.passwordHash, "wrong password")).toBe(false);
  });

  it("covers every work order status, with consistent timestamps and tasks", async () => {
    const orders = await db.prisma.workOrder.findMany({
      include: { tasks: true, createdBy: true, nominatedCrew: true },
    });
    expect(new Set(orders.map((o) => o.status))).toEqual(
      new Set(["requested", "accepted", "in_progress", "delivered", "revision_requested", "completed", "declined"]),
    );
    expect(orders.some((o) => o.priority === "urgent")).toBe(true);
    expect(orders.filter((o) => o.nominatedCrew).every((o) => o.nominatedCrew!.role === "crew")).toBe(true);
    expect(orders.some((o) => o.nominatedCrew)).toBe(true);
    expect(orders.map((o) => o.number).sort((a, b) => a - b)).toEqual(orders.map((_, i) => i + 1));
    for (const o of orders) {
      expect(o.createdBy.role).toBe("client");
      expect(o.createdBy.clientCompanyId).toBe(o.clientCompanyId);
      const started = !["requested", "declined"].includes(o.status);
      expect(o.acceptedAt !== null, `${o.title} acceptedAt`).toBe(started);
      expect(o.declinedAt !== null).toBe(o.status === "declined");
      expect(o.declineReason !== null).toBe(o.status === "declined");
      expect(o.deliveredAt !== null).toBe(["delivered", "revision_requested", "completed"].includes(o.status));
      expect(o.completedAt !== null).toBe(o.status === "completed");
      if (started) expect(o.tasks.length).toBeGreaterThanOrEqual(2);
      else expect(o.tasks).toHaveLength(0);
      if (["delivered", "revision_requested", "completed"].includes(o.status)) {
        expect(o.tasks.every((t) => t.status === "done")).toBe(true);
      }
    }
    // due dates around today: from a few days ago to a week ahead — except last month's
    // completed orders, which give company A's monthly report its figures (issue 12)
    const lastMonth = reportMonthOf(NOW).month;
    const history = orders.filter((o) => companyMonth(o.createdAt) === lastMonth);
    expect(history.map((o) => [o.status, o.clientCompanyId])).toEqual(
      history.map(() => ["completed", history[0]!.clientCompanyId]),
    );
    expect(history).toHaveLength(3);
    for (const o of orders.filter((x) => !history.includes(x))) {
      expect(o.dueAt.getTime()).toBeGreaterThan(NOW.getTime() - 10 * 86_400_000);
      expect(o.dueAt.getTime()).toBeLessThan(NOW.getTime() + 8 * 86_400_000);
    }
  });

  it("covers every task status, assigned to crew of the order's team, with progress from the log", async () => {
    const tasks = await db.prisma.task.findMany({
      include: {
        assignee: { include: { team: true } },
        progressUpdates: { orderBy: { createdAt: "asc" } },
        workOrder: { include: { clientCompany: true } },
      },
    });
    expect(new Set(tasks.map((t) => t.status))).toEqual(new Set(["todo", "doing", "review", "done", "blocked"]));
    const offered = new Set(
      (await db.prisma.urgentOffer.findMany({ where: { status: { in: ["open", "expired"] } } })).map((o) => o.taskId),
    );
    for (const t of tasks) {
      // a task offered urgently and not taken yet has nobody (issue 10)
      if (offered.has(t.id)) {
        expect([t.assigneeId, t.status]).toEqual([null, "todo"]);
        continue;
      }
      expect(t.assignee?.role).toBe("crew");
      const team = t.workOrder.clientCompany.nameEn === "Sakura Trading Co." ? "A" : "B";
      expect(t.assignee?.team?.name).toBe(team);
      expect(t.estimateMinutes).toBeGreaterThanOrEqual(60);
      expect(t.estimateMinutes).toBeLessThanOrEqual(20 * 60);
      const log = t.progressUpdates;
      expect(t.minutesSpent).toBe(log.reduce((sum, u) => sum + u.minutesSpent, 0));
      expect(log.every((u) => u.authorId === t.assigneeId)).toBe(true);
      const percents = log.map((u) => u.percent);
      expect(percents).toEqual([...percents].sort((a, b) => a - b));
      if (t.status === "todo") {
        expect(t.progress).toBe(0);
        expect(log).toHaveLength(0);
      } else {
        expect(log.length).toBeGreaterThanOrEqual(2);
        expect(t.startedAt).not.toBeNull();
      }
      if (t.status === "done") {
        expect(t.progress).toBe(100);
        expect(t.completedAt).not.toBeNull();
      } else {
        expect(t.progress).toBe(log.at(-1)?.percent ?? 0);
      }
      expect(t.blockedReason !== null).toBe(t.status === "blocked");
      if (t.status === "blocked") expect(log.at(-1)?.blocker).toBeTruthy();
    }
    expect(await db.prisma.progressUpdate.count()).toBeGreaterThan(tasks.length);
  });

  it("has deliverables and feedback: a 5-star accept and a revision request", async () => {
    const deliverables = await db.prisma.deliverable.findMany({ include: { workOrder: true } });
    expect(deliverables.length).toBeGreaterThan(0);
    for (const d of deliverables) {
      expect(d.url).toMatch(/^https:\/\/files\.example\//);
      expect(["delivered", "revision_requested", "completed"]).toContain(d.workOrder.status);
    }
    const feedback = await db.prisma.feedback.findMany({ include: { workOrder: true } });
    expect(
      feedback.some(
        (f) =>
          f.verdict === "accept" &&
          f.rating === 5 &&
          f.workOrder.status === "completed" &&
          /fast and accurate/i.test(f.comment),
      ),
    ).toBe(true);
    const revision = feedback.find((f) => f.verdict === "request_revision");
    expect(revision?.workOrder.status).toBe("revision_requested");
    expect(revision?.comment).not.toBe("");
  });

  it("puts the right people in the chat rooms", async () => {
    const rooms = await db.prisma.chatRoom.findMany({
      include: {
        members: { include: { user: true } },
        workOrder: { include: { tasks: true } },
        team: true,
        _count: { select: { messages: true } },
      },
    });
    const orders = await db.prisma.workOrder.findMany();
    const startedOrders = orders.filter((o) => o.acceptedAt !== null);
    expect(
      rooms
        .filter((r) => r.kind === "work_order")
        .map((r) => r.workOrderId)
        .sort(),
    ).toEqual(startedOrders.map((o) => o.id).sort());
    for (const r of rooms.filter((r) => r.kind === "work_order")) {
      const memberIds = new Set(r.members.map((m) => m.userId));
      // (a task offered urgently and not taken yet has nobody to be a member)
      for (const t of r.workOrder!.tasks) if (t.assigneeId) expect(memberIds.has(t.assigneeId)).toBe(true);
      const clients = r.members.filter((m) => m.user.role === "client");
      expect(clients.length).toBe(2);
      expect(clients.every((m) => m.user.clientCompanyId === r.workOrder!.clientCompanyId)).toBe(true);
      expect(r.members.filter((m) => m.user.role === "manager")).toHaveLength(1);
    }
    const teamRooms = rooms.filter((r) => r.kind === "team");
    expect(teamRooms).toHaveLength(2);
    for (const r of teamRooms) {
      expect(r.members).toHaveLength(5);
      expect(r.members.every((m) => m.user.teamId === r.teamId)).toBe(true);
    }
    const direct = rooms.filter((r) => r.kind === "direct");
    expect(direct).toHaveLength(1);
    const pair = direct[0]!.members.map((m) => m.user);
    expect(pair.map((u) => u.email).sort()).toEqual(["crew7@crewboard.example", "manager2@crewboard.example"]);
    expect(direct[0]!.directKey).toBe(
      pair
        .map((u) => u.id)
        .sort()
        .join(":"),
    );
    // every message's author is a member of its room
    const messages = await db.prisma.message.findMany({ include: { room: { include: { members: true } } } });
    for (const m of messages) expect(m.room.members.some((x) => x.userId === m.authorId)).toBe(true);
  });

  it("has today's check-ins (crew4 unwell, some not yet) and crew3's accommodation", async () => {
    const today = new Date("2026-11-24T00:00:00Z"); // the Tokyo calendar day of NOW
    const checkIns = await db.prisma.checkIn.findMany({ where: { day: today }, include: { user: true } });
    const crewCount = await db.prisma.user.count({ where: { role: "crew" } });
    expect(checkIns.length).toBeGreaterThanOrEqual(crewCount - 2);
    expect(checkIns.length).toBeLessThan(crewCount);
    expect(new Set(checkIns.map((c) => c.condition))).toEqual(new Set(["good", "okay", "tired", "unwell"]));
    const crew4 = checkIns.find((c) => c.user.email === "crew4@crewboard.example")!;
    expect(crew4.condition).toBe("unwell");
    expect(crew4.note).not.toBe("");
    for (const c of checkIns) {
      if (c.user.workStyle !== "hybrid") expect(c.place).toBe(c.user.workStyle);
      // started this morning, Tokyo time (08:00–10:00 JST, moved back with every event when seeded
      // before 13:50 JST: at 12:00, by 1 h 51 min; so between 06:00 and 10:00 JST = 21:00 and 01:00 UTC)
      expect(c.startedAt!.getTime()).toBeGreaterThanOrEqual(Date.parse("2026-11-23T21:00:00Z"));
      expect(c.startedAt!.getTime()).toBeLessThanOrEqual(Date.parse("2026-11-24T01:00:00Z"));
    }
    const accommodations = await db.prisma.accommodation.findMany({
      include: { user: true, writtenBy: true, agreedBy: true, requestedBy: true, revisions: true },
      orderBy: { createdAt: "asc" },
    });
    expect(accommodations.map((a) => [a.user.email, a.writtenBy.email])).toEqual([
      ["crew3@crewboard.example", "manager1@crewboard.example"],
      ["crew4@crewboard.example", "crew4@crewboard.example"],
    ]);
    // issue 12: crew4's asked by her, agreed by manager1, reviewed three weeks ahead, one earlier
    // revision, her communication preference shared with other managers
    const crew4Accommodation = accommodations[1]!;
    expect([crew4Accommodation.requestedBy?.email, crew4Accommodation.agreedBy?.email]).toEqual([
      "crew4@crewboard.example",
      "manager1@crewboard.example",
    ]);
    expect(crew4Accommodation.reviewOn?.toISOString().slice(0, 10)).toBe("2026-12-15");
    expect(crew4Accommodation.sharedParts).toEqual(["communication"]);
    expect(crew4Accommodation.revisions.map((r) => [r.version, r.changedFields])).toEqual([
      [1, ["breaks", "reviewOn"]],
    ]);
    expect(crew4Accommodation.version).toBe(2);
    expect(await db.prisma.notification.count()).toBeGreaterThan(0);
  });

  it("has late work to show: the urgent order #6 due today at 15:00, a task due today, one overdue", async () => {
    const six = await db.prisma.workOrder.findUniqueOrThrow({ where: { number: 6 } });
    expect([six.priority, six.status, dueState(six.dueAt, NOW)]).toEqual(["urgent", "requested", "due_today"]);
    expect(six.dueAt.toISOString()).toBe("2026-11-24T06:00:00.000Z"); // 15:00 in Tokyo
    const open = await db.prisma.task.findMany({
      where: { status: { not: "done" } },
      include: { assignee: { include: { team: true } } },
    });
    const late = (state: string) =>
      open.filter((t) => t.dueAt && dueState(t.dueAt, NOW) === state).map((t) => [t.title, t.assignee?.team?.name]);
    expect(late("due_today")).toEqual([["伝票 61〜120 の入力", "A"]]);
    expect(late("overdue")).toEqual([["伝票 1〜150 の入力", "B"]]);
  });

  it("mints every id from its row's time: ids and times never disagree", async () => {
    // every table with a uuid id and a createdAt, found in the catalogue so that new tables are covered too
    const tables = await db.prisma.$queryRawUnsafe<{ table_name: string }[]>(
      `SELECT c.table_name FROM information_schema.columns c
         JOIN information_schema.columns t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.column_name = 'createdAt'
        WHERE c.table_schema = current_schema() AND c.column_name = 'id' AND c.data_type = 'uuid'
        ORDER BY c.table_name`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining(["Message", "ProgressUpdate", "Task", "WorkOrder", "AuditEvent", "Feedback"]),
    );
    let checked = 0;
    for (const { table_name } of tables) {
      const rows = await db.prisma.$queryRawUnsafe<{ id: string; createdAt: Date }[]>(
        `SELECT id::text AS id, "createdAt" FROM "${table_name}"`,
      );
      for (const row of rows) {
        expect(uuidV7Time(row.id), `${table_name} ${row.id}`).toBe(row.createdAt.getTime());
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it(
    "seeded at 02:00 in Tokyo, nothing has happened in the future, and today's check-ins are still today's",
    { timeout: SLOW },
    async () => {
      const night = new Date("2026-11-23T17:00:00Z"); // 02:00 JST on 2026-11-24
      await resetDatabase(db.prisma);
      await seedDemoData(db.prisma, { now: night });
      const latest = async (rows: Promise<{ createdAt: Date }[]>) =>
        Math.max(...(await rows).map((r) => r.createdAt.getTime()));
      for (const [what, at] of [
        ["progress", await latest(db.prisma.progressUpdate.findMany({ select: { createdAt: true } }))],
        ["messages", await latest(db.prisma.message.findMany({ select: { createdAt: true } }))],
        ["feedback", await latest(db.prisma.feedback.findMany({ select: { createdAt: true } }))],
        ["orders", await latest(db.prisma.workOrder.findMany({ select: { createdAt: true } }))],
      ] as const)
        expect(at, what).toBeLessThanOrEqual(night.getTime());
      const delivered = await db.prisma.workOrder.findMany({
        where: { deliveredAt: { not: null } },
        select: { deliveredAt: true },
      });
      for (const o of delivered) expect(o.deliveredAt!.getTime()).toBeLessThanOrEqual(night.getTime());
      expect(await db.prisma.checkIn.count({ where: { day: new Date("2026-11-24T00:00:00Z") } })).toBeGreaterThan(0);
      await resetDatabase(db.prisma);
      await seedDemoData(db.prisma, { now: NOW });
    },
  );

  it("gives the same counts after a reset and a second seed", { timeout: SLOW }, async () => {
    await resetDatabase(db.prisma);
    expect(await isDatabaseEmpty(db.prisma)).toBe(true);
    expect(await db.prisma.workOrder.count()).toBe(0);
    const again = await seedDemoData(db.prisma, { now: NOW });
    expect(again).toEqual(counts);
    // sequences restart: work orders are #1… again
    const numbers = (await db.prisma.workOrder.findMany({ select: { number: true } })).map((o) => o.number);
    expect(Math.min(...numbers)).toBe(1);
  });

  it("shows urgent offers in each state (issue 10): open to crew1 and crew2 of team A, taken by crew2, expired with the client told early", async () => {
    const offers = await db.prisma.urgentOffer.findMany({
      include: { recipients: { include: { user: true } }, takenBy: true, task: { include: { workOrder: true } } },
      orderBy: { createdAt: "asc" },
    });
    const byStatus = Object.fromEntries(offers.map((o) => [o.status, o]));
    const open = byStatus.open!;
    expect(open.recipients.map((r) => r.user.email).sort()).toEqual([
      "crew1@crewboard.example",
      "crew2@crewboard.example",
    ]);
    expect(open.deadlineAt.getTime()).toBeGreaterThan(NOW.getTime());
    expect(await db.prisma.job.count({ where: { key: `urgent-offer.expire:${open.id}`, doneAt: null } })).toBe(1);
    expect(byStatus.taken!.takenBy?.email).toBe("crew2@crewboard.example");
    const expired = byStatus.expired!;
    // told early: 15 minutes after it ended, a day before the order is due
    expect(expired.clientToldAt!.getTime() - expired.endedAt!.getTime()).toBe(15 * 60_000);
    expect(expired.clientToldAt!.getTime()).toBeLessThan(expired.task.workOrder.dueAt.getTime());
    const notice = await db.prisma.message.findFirst({
      where: { room: { workOrderId: expired.task.workOrderId }, body: { contains: "対応できる人がいません" } },
    });
    expect(notice?.body).toContain("Nobody is available");
    // the task crew2 took puts her 20-hour week over, whatever the day: more open estimate than her whole week
    const crew2 = await db.prisma.user.findUniqueOrThrow({
      where: { email: "crew2@crewboard.example" },
      include: { assignedTasks: { where: { status: { in: ["todo", "doing", "blocked"] } } } },
    });
    const remaining = crew2.assignedTasks.reduce(
      (sum, t) => sum + Math.max(0, (t.estimateMinutes ?? 0) - t.minutesSpent),
      0,
    );
    expect(remaining).toBeGreaterThan(crew2.weeklyMinutes);
  });
});
