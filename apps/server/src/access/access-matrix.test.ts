// The access matrix: every route of the catalogue, called by every kind of actor, with the exact
// status the product rules give (DESIGN.md "Roles" and "Access", JOURNEYS.md journey 5):
// - no session → 401; a role the route does not allow → 403;
// - something the caller may not see → 404, the same answer as for an id that does not exist;
// - admins and managers see everything; a client sees only their own company's orders and their
//   tasks; a crew member sees only tasks assigned to them and the orders they have a task in;
// - deliverables: staff and the crew with a task in the order add them while the work goes on; the
//   client sees one (list and file) only once a manager has delivered the order;
// - check-ins and accommodations: the crew member themself, their team's managers, and admins.
// Every allowed answer is also searched for the other company's data, lists are checked item by
// item, and every denied write must leave the database as it was.
import { randomUUID } from "node:crypto";
import { beforeAll, afterAll, describe, expect, it } from "vitest";
import { routes, type RouteName } from "@crewboard/contracts";
import { hashPassword, type PrismaClient, type WorkOrderStatus } from "@crewboard/db";
import { companyMonth } from "@crewboard/domain";
import { describeEachDatabase, startTestApp, type TestApp } from "../test/test-app.ts";
import { ApiClient, type ApiResponse } from "../test/api-client.ts";
import { connectSocket } from "../test/socket-client.ts";

// ---------------------------------------------------------------------------------------------
// Who calls

const ACTORS = {
  admin: "admin",
  manager: "manager1",
  /** has a task in the target order (company A) */
  assignedCrew: "crew3",
  /** has no task in any company A order */
  otherCrew: "crew5",
  /** client of the company that owns the target (A) */
  ownClient: "client-a1",
  /** client of the other company (B) */
  otherClient: "client-b1",
  anonymous: null,
} as const;
type Actor = keyof typeof ACTORS;
const ACTOR_NAMES = Object.keys(ACTORS) as Actor[];

type Expect = Record<Actor, number>;

// ---------------------------------------------------------------------------------------------
// What they call it on

interface Ids {
  companyA: string;
  companyB: string;
  /** company A, in progress; crew3 has a task in it, crew5 has none */
  order: string;
  /** crew3's task in `order` */
  task: string;
  /** crew1's task in the same `order` (crew3 must not see it) */
  otherTask: string;
  /** an uploaded file on `order`, not yet delivered: staff and the order's crew see it, its client not yet */
  deliverable: string;
  /** company A, delivered; crew3 has a task in it, crew5 has none */
  deliveredOrder: string;
  /** a file crew3 uploaded to `deliveredOrder` before a manager delivered it: released to the client */
  releasedDeliverable: string;
  crew3: string;
  crew5: string;
  /** issue 12: team A (manager1's, crew3's) and team B (crew5's) */
  teamA: string;
  teamB: string;
}

/** Targets made afresh for each write, so that one actor's allowed write does not change the next one's answer. */
interface Fresh {
  freshOrder?: string;
  freshTask?: string;
  freshUser?: string;
  freshCompany?: string;
  // issue 11
  freshFollowUp?: string;
  freshNotification?: string;
  // issue 10
  freshOffer?: string;
  // issue 12
  freshAccommodation?: string;
}
type Target = Ids & Fresh;

interface Factory {
  /** a company A order in `status`, created by client-a1, with a `todo` task (version 1) assigned to crew3 */
  order(status: WorkOrderStatus): Promise<Fresh>;
  user(): Promise<Fresh>;
  /** issue 15: a crew member who left (deactivated), whose data may be erased */
  leftUser(): Promise<Fresh>;
  company(): Promise<Fresh>;
  // issue 11
  /** a follow-up (a 2 from client-a1) on a fresh company A order in progress, just received */
  followUp(): Promise<Fresh>;
  /** an unread notification of crew3 */
  crew3Notification(): Promise<Fresh>;
  // issue 10
  /** a requested company A order nominating crew3 */
  nominatedOrder(): Promise<Fresh>;
  /** an accepted company A order whose task nobody has (crew3 works every day, so may be asked) */
  unassignedTask(): Promise<Fresh>;
  /** an urgent offer of such a task to crew3: open, or expired waiting for the manager */
  urgentOffer(state: "open" | "expired"): Promise<Fresh>;
  // issue 12
  /** an accommodation of crew3 (team A) recorded by manager1, version 1, with one change in its history */
  accommodation(): Promise<Fresh>;
}

interface Who {
  actor: Actor;
  id: string;
  role: string;
  clientCompanyId: string | null;
}

interface Row {
  route: RouteName;
  /** a second row for a route: the same call in another situation (e.g. before and after delivery) */
  variant?: string;
  path: (ids: Target) => string;
  body?: (ids: Target, actor: Actor) => unknown;
  fresh?: (make: Factory) => Promise<Fresh>;
  /** the row a write would change; it must be unchanged after a denied write (table counts are always compared) */
  state?: (prisma: PrismaClient, ids: Target) => Promise<unknown>;
  /** run in a session of its own (logging in again or out would end the shared one) */
  ownSession?: boolean;
  /** an allowed call ends every session of the caller (a password change): restore the demo password and sign the shared client in again */
  endsCallerSessions?: boolean;
  /** further checks of an allowed answer (lists: every item is the caller's) */
  check?: Check;
  expect: Expect;
}
type Check = (res: ApiResponse, who: Who, ids: Target, t: TestApp) => Promise<void> | void;

const DEMO_PASSWORD = "crewboard-demo";
const FILE_CONTENT = "MATRIX-FILE-OF-COMPANY-A: confidential slip totals 1,234,567 yen";
const RELEASED_FILE_CONTENT = "MATRIX-DELIVERED-FILE-OF-COMPANY-A: 120 slips entered";
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const STAFF = new Set<Actor>(["admin", "manager"]);
/** issue 12: the month the report rows read and write (the current one, where the matrix's own orders are) */
const REPORT_MONTH = companyMonth();

// ---------------------------------------------------------------------------------------------
// List checks: every item belongs to the caller

async function ordersWithTaskOf(t: TestApp, userId: string): Promise<string[]> {
  const rows = await t.db.prisma.workOrder.findMany({
    where: { tasks: { some: { assigneeId: userId } } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

const checkWorkOrderList: Check = async (res, who, ids, t) => {
  const items: { id: string; clientCompany: { id: string } }[] = res.body.items;
  if (who.role === "client")
    for (const o of items) expect(o.clientCompany.id, `order ${o.id}`).toBe(who.clientCompanyId);
  if (who.role === "crew") {
    const mine = await ordersWithTaskOf(t, who.id);
    expect(items.map((o) => o.id).sort()).toEqual(mine.sort());
  }
  if (who.actor !== "otherClient" && who.actor !== "otherCrew") expect(items.map((o) => o.id)).toContain(ids.order);
};

const checkTaskList: Check = (res, who, ids) => {
  const items: { id: string; assignee: { id: string } | null; workOrder: { clientCompanyId: string } }[] =
    res.body.items;
  if (who.role === "client")
    for (const x of items) expect(x.workOrder.clientCompanyId, `task ${x.id}`).toBe(who.clientCompanyId);
  if (who.role === "crew") for (const x of items) expect(x.assignee?.id, `task ${x.id}`).toBe(who.id);
  if (who.actor !== "otherClient" && who.actor !== "otherCrew") expect(items.map((x) => x.id)).toContain(ids.task);
  if (who.actor === "assignedCrew") expect(items.map((x) => x.id)).not.toContain(ids.otherTask);
};

const everyItem =
  (field: string, expected: (ids: Target, who: Who) => string): Check =>
  (res, who, ids) => {
    for (const item of res.body.items as Record<string, unknown>[]) expect(item[field]).toBe(expected(ids, who));
  };

// ---------------------------------------------------------------------------------------------
// The matrix

const ROWS: Row[] = [
  // System and sign-in
  {
    route: "getHealth",
    path: () => "/health",
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 200,
    },
  },
  {
    route: "getReadiness",
    path: () => "/ready",
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 200,
    },
  },
  {
    route: "login",
    path: () => "/auth/login",
    ownSession: true,
    body: (_ids, actor) => ({ email: `${ACTORS[actor] ?? "crew8"}@crewboard.example`, password: DEMO_PASSWORD }),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 200,
    },
  },
  {
    route: "logout",
    path: () => "/auth/logout",
    ownSession: true,
    expect: {
      admin: 204,
      manager: 204,
      assignedCrew: 204,
      otherCrew: 204,
      ownClient: 204,
      otherClient: 204,
      anonymous: 401,
    },
  },
  {
    route: "getSession",
    path: () => "/auth/session",
    check: (res, who) => {
      expect(res.body.user.id).toBe(who.id);
      expect(typeof res.body.csrfToken).toBe("string");
    },
    // signed out is an answer too ({ user: null }, auth.test.ts), so the web's start-up probe logs no error
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 200,
    },
  },
  {
    route: "extendSession",
    path: () => "/auth/session/extend",
    check: (res) => expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now()),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 401,
    },
  },
  {
    route: "getCsrfToken",
    path: () => "/auth/csrf",
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 401,
    },
  },
  {
    route: "getDemoAccounts",
    path: () => "/auth/demo",
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 200,
    },
  },

  // Me
  {
    route: "getMe",
    path: () => "/me",
    check: (res, who) => expect(res.body.user.id).toBe(who.id),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 401,
    },
  },
  {
    route: "changeMyPassword",
    path: () => "/me/password",
    ownSession: true,
    endsCallerSessions: true,
    body: () => ({ currentPassword: DEMO_PASSWORD, newPassword: "matrix-own-new-password" }),
    check: async (res, who, _ids, t) => {
      expect(res.body.user.id).toBe(who.id);
      expect(res.headers.get("set-cookie")).toMatch(/crewboard_session=/);
      expect(await t.db.prisma.session.count({ where: { userId: who.id } })).toBe(1);
    },
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 401,
    },
  },
  {
    route: "updateMe",
    path: () => "/me",
    body: () => ({ locale: "ja" }),
    check: (res, who) => expect(res.body.user.id).toBe(who.id),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 401,
    },
  },

  // Users and client companies: staff read, admin writes
  {
    route: "listUsers",
    path: () => "/users?limit=100",
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "createUser",
    path: () => "/users",
    body: (_ids, actor) => ({
      email: `matrix-${actor.toLowerCase()}-${randomUUID().slice(0, 8)}@crewboard.example`,
      name: "Matrix 新人",
      role: "crew",
      workStyle: "office",
    }),
    check: async (res, _who, _ids, t) => {
      // the one-time password is in this answer only; the database keeps an argon2 hash of it
      expect(res.body.oneTimePassword).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      const row = await t.db.prisma.user.findUniqueOrThrow({ where: { id: res.body.user.id } });
      expect(row.passwordHash).toMatch(/^\$argon2id\$/);
      expect(row.passwordHash).not.toContain(res.body.oneTimePassword);
      expect(row.mustChangePassword).toBe(true);
    },
    expect: {
      admin: 201,
      manager: 403,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "getUser",
    path: (ids) => `/users/${ids.crew3}`,
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "updateUser",
    path: (ids) => `/users/${ids.freshUser}`,
    fresh: (make) => make.user(),
    body: () => ({ name: "Matrix renamed" }),
    state: (p, ids) => p.user.findUnique({ where: { id: ids.freshUser }, select: { name: true, updatedAt: true } }),
    expect: {
      admin: 200,
      manager: 403,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "resetUserPassword",
    path: (ids) => `/users/${ids.freshUser}/password-reset`,
    fresh: (make) => make.user(),
    state: (p, ids) =>
      p.user.findUnique({
        where: { id: ids.freshUser },
        select: { passwordHash: true, mustChangePassword: true, updatedAt: true },
      }),
    check: async (res, _who, ids, t) => {
      expect(res.body.user.id).toBe(ids.freshUser);
      expect(res.body.user.mustChangePassword).toBe(true);
      expect(res.body.oneTimePassword).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){3}$/);
      expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: ids.freshUser } })).passwordHash).not.toBe(
        "not-a-hash",
      );
    },
    expect: {
      admin: 200,
      manager: 403,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  // issue 12: a team's "not checked in by" time: admins and the team's own managers
  {
    route: "updateTeam",
    variant: "the manager's own team",
    path: (ids) => `/teams/${ids.teamA}`,
    body: () => ({ checkInBy: "10:00" }),
    state: (prisma, ids) => prisma.team.findUnique({ where: { id: ids.teamA } }),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "updateTeam",
    variant: "another team",
    path: (ids) => `/teams/${ids.teamB}`,
    body: () => ({ checkInBy: "10:00" }),
    state: (prisma, ids) => prisma.team.findUnique({ where: { id: ids.teamB } }),
    expect: {
      admin: 200,
      manager: 403,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "listTeams",
    path: () => "/teams",
    check: (res) => expect(res.body.items.length).toBe(2),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "listCrew",
    path: () => "/crew",
    check: (res, who) => {
      for (const c of res.body.items) {
        expect(c.role).toBe("crew");
        // names only: no email, company, accessibility or health data; clients not even the work style
        expect(Object.keys(c).sort()).toEqual(
          who.role === "client"
            ? ["displayName", "id", "name", "role"]
            : ["displayName", "id", "name", "role", "workStyle"],
        );
        if (who.role === "client") expect(c.name).toBe(c.displayName);
      }
    },
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 401,
    },
  },
  {
    route: "listClientCompanies",
    path: () => "/client-companies",
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    // staff only, even for the company's own client users (their company is known from /me)
    route: "getClientCompany",
    path: (ids) => `/client-companies/${ids.companyA}`,
    check: (res, _who, ids) => expect(res.body.id).toBe(ids.companyA),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "createClientCompany",
    path: () => "/client-companies",
    body: (_ids, actor) => ({ name: `Matrix company by ${actor}` }),
    expect: {
      admin: 201,
      manager: 403,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "updateClientCompany",
    path: (ids) => `/client-companies/${ids.freshCompany}`,
    fresh: (make) => make.company(),
    body: () => ({ nameEn: "Matrix renamed" }),
    state: (p, ids) => p.clientCompany.findUnique({ where: { id: ids.freshCompany } }),
    expect: {
      admin: 200,
      manager: 403,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },

  // Work orders
  {
    route: "listWorkOrders",
    path: () => "/work-orders?limit=100",
    check: checkWorkOrderList,
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 401,
    },
  },
  {
    route: "createWorkOrder",
    path: () => "/work-orders",
    body: (ids, actor) => ({
      title: `Matrix order submitted by ${actor}`,
      dueAt: inDays(7),
      // staff name the company; a client's order is for their own company
      ...(STAFF.has(actor) ? { clientCompanyId: ids.companyA } : {}),
    }),
    check: (res, who, ids) => expect(res.body.clientCompany.id).toBe(who.clientCompanyId ?? ids.companyA),
    expect: {
      admin: 201,
      manager: 201,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 201,
      otherClient: 201,
      anonymous: 401,
    },
  },
  {
    route: "getWorkOrder",
    path: (ids) => `/work-orders/${ids.order}`,
    check: (res, _who, ids) => expect(res.body.id).toBe(ids.order),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 200,
      otherClient: 404,
      anonymous: 401,
    },
  },
  {
    route: "updateWorkOrder",
    // a requested order: the one state in which its client may still change it
    path: (ids) => `/work-orders/${ids.freshOrder}`,
    fresh: (make) => make.order("requested"),
    body: () => ({ title: "Matrix order, retitled" }),
    state: (p, ids) =>
      p.workOrder.findUnique({
        where: { id: ids.freshOrder },
        select: { title: true, status: true, version: true, updatedAt: true },
      }),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 200,
      otherClient: 404,
      anonymous: 401,
    },
  },

  // Tasks
  {
    route: "createTasks",
    path: (ids) => `/work-orders/${ids.freshOrder}/tasks`,
    fresh: (make) => make.order("in_progress"),
    body: (ids) => ({ tasks: [{ title: "Matrix task", assigneeId: ids.crew3, estimateMinutes: 60 }] }),
    state: (p, ids) => p.task.findMany({ where: { workOrderId: ids.freshOrder }, select: { id: true, version: true } }),
    expect: {
      admin: 201,
      manager: 201,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "listTasks",
    path: () => "/tasks?limit=100",
    check: checkTaskList,
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 401,
    },
  },
  {
    route: "getTask",
    path: (ids) => `/tasks/${ids.task}`,
    check: (res, _who, ids) => expect(res.body.id).toBe(ids.task),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 200,
      otherClient: 404,
      anonymous: 401,
    },
  },
  {
    route: "updateTask",
    path: (ids) => `/tasks/${ids.freshTask}`,
    fresh: (make) => make.order("in_progress"),
    // start the work: something the assignee may do on their own task
    body: () => ({ version: 1, status: "doing" }),
    state: (p, ids) =>
      p.task.findUnique({ where: { id: ids.freshTask }, select: { status: true, version: true, updatedAt: true } }),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "listProgressUpdates",
    path: (ids) => `/tasks/${ids.task}/progress`,
    check: everyItem("taskId", (ids) => ids.task),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 200,
      otherClient: 404,
      anonymous: 401,
    },
  },
  {
    route: "createProgressUpdate",
    path: (ids) => `/tasks/${ids.freshTask}/progress`,
    fresh: (make) => make.order("in_progress"),
    body: () => ({ percent: 10, note: "Matrix: 12 of 120 entered", minutesSpent: 15 }),
    state: (p, ids) =>
      p.task.findUnique({
        where: { id: ids.freshTask },
        select: { status: true, version: true, progress: true, updatedAt: true },
      }),
    expect: {
      admin: 201,
      manager: 201,
      assignedCrew: 201,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },

  // Deliverables and feedback. Crew attach deliverables to orders they have a task in; a client
  // sees one only once a manager has delivered the order (the manager's review).
  {
    route: "listDeliverables",
    variant: "before delivery",
    path: (ids) => `/work-orders/${ids.order}/deliverables`,
    check: async (res, who, ids, t) => {
      everyItem("workOrderId", (x) => x.order)(res, who, ids, t);
      const listed = res.body.items.map((d: { id: string }) => d.id);
      if (who.role === "client") expect(listed, "a client saw a deliverable before the delivery").toEqual([]);
      else expect(listed).toContain(ids.deliverable);
    },
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 200,
      otherClient: 404,
      anonymous: 401,
    },
  },
  {
    route: "listDeliverables",
    variant: "after delivery",
    path: (ids) => `/work-orders/${ids.deliveredOrder}/deliverables`,
    check: async (res, who, ids, t) => {
      everyItem("workOrderId", (x) => x.deliveredOrder)(res, who, ids, t);
      const released = res.body.items.find((d: { id: string }) => d.id === ids.releasedDeliverable);
      expect(released, "the released deliverable").toBeDefined();
      expect(released.releasedAt).not.toBeNull();
    },
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 200,
      otherClient: 404,
      anonymous: 401,
    },
  },
  {
    route: "createDeliverable",
    variant: "in progress",
    path: (ids) => `/work-orders/${ids.freshOrder}/deliverables`,
    fresh: (make) => make.order("in_progress"),
    body: () => ({ title: "Matrix deliverable", url: "https://files.example/deliverables/matrix.xlsx" }),
    check: (res) => expect(res.body.releasedAt).toBeNull(),
    expect: {
      admin: 201,
      manager: 201,
      assignedCrew: 201,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "createDeliverable",
    variant: "during a revision",
    path: (ids) => `/work-orders/${ids.freshOrder}/deliverables`,
    fresh: (make) => make.order("revision_requested"),
    body: () => ({ title: "Matrix deliverable, revised", url: "https://files.example/deliverables/matrix-v2.xlsx" }),
    check: (res) => expect(res.body.releasedAt).toBeNull(),
    expect: {
      admin: 201,
      manager: 201,
      assignedCrew: 201,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "createDeliverable",
    variant: "delivered (awaiting the client's review)",
    path: (ids) => `/work-orders/${ids.freshOrder}/deliverables`,
    fresh: (make) => make.order("delivered"),
    body: () => ({ title: "Matrix deliverable, late", url: "https://files.example/deliverables/matrix-late.xlsx" }),
    expect: {
      admin: 409,
      manager: 409,
      assignedCrew: 409,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "downloadDeliverable",
    variant: "before delivery",
    path: (ids) => `/deliverables/${ids.deliverable}/file`,
    check: (res) => expect(res.text).toBe(FILE_CONTENT),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 404,
      otherClient: 404,
      anonymous: 401,
    },
  },
  {
    route: "downloadDeliverable",
    variant: "after delivery",
    path: (ids) => `/deliverables/${ids.releasedDeliverable}/file`,
    check: (res) => expect(res.text).toBe(RELEASED_FILE_CONTENT),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 200,
      otherClient: 404,
      anonymous: 401,
    },
  },
  {
    route: "listFeedback",
    path: (ids) => `/work-orders/${ids.order}/feedback`,
    check: everyItem("workOrderId", (ids) => ids.order),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 200,
      otherClient: 404,
      anonymous: 401,
    },
  },
  {
    route: "createFeedback",
    path: (ids) => `/work-orders/${ids.freshOrder}/feedback`,
    fresh: (make) => make.order("in_progress"),
    body: () => ({ verdict: "comment", rating: 5, comment: "Matrix: quick and accurate, thank you." }),
    state: (p, ids) =>
      p.workOrder.findUnique({
        where: { id: ids.freshOrder },
        select: { status: true, version: true, updatedAt: true },
      }),
    expect: {
      admin: 403,
      manager: 403,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 201,
      otherClient: 404,
      anonymous: 401,
    },
  },

  // Wellbeing: the crew member themself and managers/admins only (target: crew3, the assigned crew member)
  {
    route: "listCheckIns",
    path: (ids) => `/check-ins?userId=${ids.crew3}`,
    check: (res, _who, ids) => {
      for (const c of res.body.items) expect(c.user.id).toBe(ids.crew3);
    },
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "putMyCheckIn",
    path: () => "/check-ins/today",
    body: () => ({ condition: "good", note: "Matrix check-in" }),
    check: (res, who) => expect(res.body.user.id).toBe(who.id),
    expect: {
      admin: 403,
      manager: 403,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "listUserCheckIns",
    path: (ids) => `/users/${ids.crew3}/check-ins`,
    check: async (res) => {
      // issue 12: the seed has four weeks of crew3's check-ins
      expect(res.body.items.length).toBeGreaterThan(10);
    },
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "listAccommodations",
    path: (ids) => `/users/${ids.crew3}/accommodations`,
    check: async (res, who, ids, t) => {
      everyItem("userId", (x) => x.crew3)(res, who, ids, t);
      expect(res.body.items.length).toBeGreaterThan(0); // the seed has one for crew3
    },
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "createAccommodation",
    path: (ids) => `/users/${ids.crew3}/accommodations`,
    // crew3 asks for one herself (issue 12): a request, without what is agreed
    body: (_ids, actor) =>
      actor === "assignedCrew"
        ? { title: "Matrix request", requestText: "Breaks every 50 minutes, please." }
        : { title: "Matrix accommodation", note: "Breaks every 50 minutes." },
    expect: {
      admin: 201,
      manager: 201,
      assignedCrew: 201,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "updateAccommodation",
    path: (ids) => `/accommodations/${ids.freshAccommodation}`,
    fresh: (make) => make.accommodation(),
    // managers change what was agreed; the person (crew3) changes only what she shares
    body: (_ids, actor) =>
      actor === "assignedCrew"
        ? { version: 2, sharedParts: ["communication"] }
        : { version: 2, agreement: { breaks: "Matrix: every 50 minutes" } },
    state: (p, ids) =>
      p.accommodation.findUnique({
        where: { id: ids.freshAccommodation },
        select: { breaks: true, sharedParts: true, version: true },
      }),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "listAccommodationRevisions",
    path: (ids) => `/accommodations/${ids.freshAccommodation}/revisions`,
    fresh: (make) => make.accommodation(),
    check: (res, _who, ids) => {
      expect(res.body.items).toHaveLength(1);
      for (const r of res.body.items) expect(r.accommodationId).toBe(ids.freshAccommodation);
    },
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "listMyRecordViews",
    path: () => "/me/record-views",
    // only reads of the caller's own record, by others
    check: (res, who) => {
      for (const v of res.body.items) expect(v.viewer?.id).not.toBe(who.id);
    },
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },

  // Audit
  {
    route: "listAuditEvents",
    path: () => "/audit-events",
    expect: {
      admin: 200,
      manager: 403,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "exportAuditEvents",
    path: () => "/audit-events/export?action=check_in.read,accommodation.read",
    check: (res) => {
      expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
      // (fetch's text() drops the byte order mark; audit.test.ts checks the bytes)
      expect(res.text.split("\r\n")[0]).toContain("日時");
    },
    expect: {
      admin: 200,
      manager: 403,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },

  // ---- issue 15: personal data (APPI). The person themself or an admin exports it (their own
  // team's manager does not: 404 like any other); an admin erases a departed person's data.
  ...(["exportUserData", "exportUserDataCsv"] as const).map((route): Row => ({
    route,
    path: (ids) => `/users/${ids.crew3}/personal-data${route === "exportUserDataCsv" ? "/csv" : ""}`,
    check: (res) =>
      expect(res.headers.get("content-type")).toMatch(
        route === "exportUserData" ? /^application\/json/ : /^application\/zip/,
      ),
    expect: {
      admin: 200,
      manager: 404,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 404,
      otherClient: 404,
      anonymous: 401,
    },
  })),
  {
    route: "eraseUserData",
    path: (ids) => `/users/${ids.freshUser}/erase`,
    fresh: (make) => make.leftUser(),
    state: (p, ids) =>
      p.user.findUnique({ where: { id: ids.freshUser }, select: { name: true, email: true, updatedAt: true } }),
    check: (res) => expect(res.body.user).toMatchObject({ name: "退職したメンバー", active: false }),
    expect: {
      admin: 200,
      manager: 403,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "exportClientCompanyData",
    path: (ids) => `/client-companies/${ids.companyA}/export`,
    check: (res, _who, ids) => {
      expect(res.body.company.id).toBe(ids.companyA);
      expect(res.text).not.toContain(ids.companyB);
    },
    expect: {
      admin: 200,
      manager: 403,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },

  // ---- issue 11: the inbox, notification choices, follow-ups, praise ----
  {
    route: "listNotifications",
    path: () => "/notifications",
    check: async (res, who, _ids, t) => {
      const rows = await t.db.prisma.notification.findMany({
        where: { id: { in: res.body.items.map((n: { id: string }) => n.id) } },
        select: { userId: true },
      });
      for (const r of rows) expect(r.userId).toBe(who.id);
    },
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 401,
    },
  },
  {
    route: "markAllNotificationsRead",
    path: () => "/notifications/read-all",
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 401,
    },
  },
  {
    route: "markNotificationRead",
    path: (ids) => `/notifications/${ids.freshNotification}/read`,
    fresh: (make) => make.crew3Notification(),
    state: (p, ids) => p.notification.findUnique({ where: { id: ids.freshNotification }, select: { readAt: true } }),
    expect: {
      admin: 404,
      manager: 404,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 404,
      otherClient: 404,
      anonymous: 401,
    },
  },
  {
    route: "getNotificationPreferences",
    path: () => "/me/notification-preferences",
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 401,
    },
  },
  {
    route: "updateNotificationPreferences",
    path: () => "/me/notification-preferences",
    body: () => ({ choices: { praise: "live" } }),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 200,
      otherClient: 200,
      anonymous: 401,
    },
  },
  {
    route: "listMyPraise",
    path: () => "/me/praise",
    expect: {
      admin: 403,
      manager: 403,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "getFollowUpStats",
    path: () => "/follow-ups/stats",
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "listFollowUps",
    path: () => "/follow-ups",
    check: (res, who) => {
      for (const f of res.body.items as { view: string; workOrder: { clientCompanyId: string } }[]) {
        if (who.clientCompanyId) {
          expect(f.workOrder.clientCompanyId).toBe(who.clientCompanyId);
          expect(f.view).toBe("client");
        } else expect(f.view).toBe("full");
      }
    },
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 200,
      otherClient: 200,
      anonymous: 401,
    },
  },
  {
    route: "getFollowUp",
    path: (ids) => `/follow-ups/${ids.freshFollowUp}`,
    fresh: (make) => make.followUp(),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 200,
      otherClient: 404,
      anonymous: 401,
    },
  },
  {
    route: "recordFollowUpStep",
    path: (ids) => `/follow-ups/${ids.freshFollowUp}/steps`,
    fresh: (make) => make.followUp(),
    body: () => ({ step: "listened", note: "Matrix: heard the client out" }),
    state: (p, ids) =>
      p.followUp.findUnique({ where: { id: ids.freshFollowUp }, select: { status: true, dueAt: true } }),
    expect: {
      admin: 201,
      manager: 201,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },

  // Dispatch (issue 10): work profiles — staff and the person; clients never (target: crew3)
  {
    route: "listWorkProfiles",
    path: () => "/work-profiles",
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "getWorkProfile",
    path: (ids) => `/users/${ids.crew3}/work-profile`,
    check: (res, _who, ids) => expect(res.body.user.id).toBe(ids.crew3),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "putWorkProfile",
    path: (ids) => `/users/${ids.crew3}/work-profile`,
    body: () => ({
      weeklyMinutes: 2400,
      workingDays: [1, 2, 3, 4, 5],
      skills: ["data_entry", "proofreading", "ecommerce"],
    }),
    state: (p, ids) =>
      p.user.findUnique({ where: { id: ids.crew3 }, select: { weeklyMinutes: true, workingDays: true, skills: true } }),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "answerNomination",
    path: (ids) => `/work-orders/${ids.freshOrder}/nomination-answer`,
    fresh: (make) => make.nominatedOrder(),
    body: () => ({ answer: "declined", reason: "Matrix: fully booked this week" }),
    state: (p, ids) =>
      p.workOrder.findUnique({ where: { id: ids.freshOrder }, select: { nominationAnswer: true, version: true } }),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  // ---- issue 10: urgent offers ----
  {
    route: "createUrgentOffer",
    path: () => "/urgent-offers",
    fresh: (make) => make.unassignedTask(),
    body: (ids) => ({ taskId: ids.freshTask, crewIds: [ids.crew3], expiresAt: inDays(1) }),
    state: (p, ids) => p.urgentOffer.count({ where: { taskId: ids.freshTask } }),
    check: (res) => expect(res.body).toMatchObject({ status: "open", view: "staff" }),
    expect: {
      admin: 201,
      manager: 201,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "listUrgentOffers",
    path: () => "/urgent-offers",
    fresh: (make) => make.urgentOffer("open"),
    check: async (res, who, ids, t) => {
      const listed = (res.body.items as { id: string }[]).map((o) => o.id);
      if (STAFF.has(who.actor)) expect(listed).toContain(ids.freshOffer);
      else {
        const mine = await t.db.prisma.urgentOfferRecipient.findMany({ where: { userId: who.id } });
        for (const id of listed) expect(mine.map((m) => m.offerId)).toContain(id);
      }
    },
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 200,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "getUrgentOffer",
    path: (ids) => `/urgent-offers/${ids.freshOffer}`,
    fresh: (make) => make.urgentOffer("open"),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "acceptUrgentOffer",
    path: (ids) => `/urgent-offers/${ids.freshOffer}/accept`,
    fresh: (make) => make.urgentOffer("open"),
    state: (p, ids) =>
      p.urgentOffer.findUnique({ where: { id: ids.freshOffer }, select: { status: true, version: true } }),
    check: (res, who) => expect(res.body.task.assignee.id).toBe(who.id),
    expect: {
      admin: 403,
      manager: 403,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "declineUrgentOffer",
    path: (ids) => `/urgent-offers/${ids.freshOffer}/decline`,
    fresh: (make) => make.urgentOffer("open"),
    state: (p, ids) => p.urgentOfferRecipient.findMany({ where: { offerId: ids.freshOffer } }),
    expect: {
      admin: 403,
      manager: 403,
      assignedCrew: 200,
      otherCrew: 404,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "reofferUrgentOffer",
    path: (ids) => `/urgent-offers/${ids.freshOffer}/reoffer`,
    fresh: (make) => make.urgentOffer("expired"),
    body: () => ({ expiresAt: inDays(1) }),
    state: (p, ids) =>
      p.urgentOffer.findUnique({ where: { id: ids.freshOffer }, select: { managerAction: true, version: true } }),
    expect: {
      admin: 201,
      manager: 201,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "tellClientUrgentOffer",
    path: (ids) => `/urgent-offers/${ids.freshOffer}/tell-client`,
    fresh: (make) => make.urgentOffer("expired"),
    state: (p, ids) =>
      p.urgentOffer.findUnique({ where: { id: ids.freshOffer }, select: { clientToldAt: true, version: true } }),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "listWorkOrderSuggestions",
    path: (ids) => `/work-orders/${ids.order}/suggestions?skills=proofreading`,
    check: (res) => expect(res.body.items.length).toBeGreaterThan(0),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  {
    route: "listTaskSuggestions",
    path: (ids) => `/tasks/${ids.task}/suggestions`,
    check: (res) => expect(res.body.items.length).toBeGreaterThan(0),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
  // ---- issue 12: monthly reports for clients ----
  {
    route: "getClientReport",
    path: (ids) => `/client-companies/${ids.companyA}/reports/${REPORT_MONTH}`,
    check: (res, who, ids) => {
      expect(res.body.company.id).toBe(ids.companyA);
      // to a client, every crew member of the report is named by display name only
      if (who.role === "client")
        for (const p of (res.body.orders as { crew: { name: string; displayName: string }[] }[]).flatMap((o) => o.crew))
          expect(p.name).toBe(p.displayName);
    },
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 200,
      otherClient: 404,
      anonymous: 401,
    },
  },
  {
    route: "exportClientReport",
    path: (ids) => `/client-companies/${ids.companyA}/reports/${REPORT_MONTH}/csv`,
    check: (res) => expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8"),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 200,
      otherClient: 404,
      anonymous: 401,
    },
  },
  {
    route: "putReportProposal",
    // a company of its own per actor: each allowed write creates that month's proposal (version 0)
    path: (ids) => `/client-companies/${ids.freshCompany}/reports/${REPORT_MONTH}/proposal`,
    fresh: (make) => make.company(),
    body: (_ids, actor) => ({ body: `Matrix proposal by ${actor}`, version: 0 }),
    state: (p, ids) =>
      p.reportProposal.findUnique({
        where: { clientCompanyId_month: { clientCompanyId: ids.freshCompany!, month: REPORT_MONTH } },
      }),
    expect: {
      admin: 200,
      manager: 200,
      assignedCrew: 403,
      otherCrew: 403,
      ownClient: 403,
      otherClient: 403,
      anonymous: 401,
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Helpers

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const isWrite = (row: Row) => routes[row.route].method !== "get";

/** The route's Express path as a regexp, to check that a row calls the route it names. */
function pathPattern(route: RouteName): RegExp {
  const escaped = routes[route].path
    .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    // issue 12: a report's month (YYYY-MM); every other parameter is an id
    .replace(/:month\b/g, "\\d{4}-\\d{2}")
    .replace(/:[a-zA-Z]+/g, "[0-9a-f-]{36}");
  return new RegExp(`^${escaped}(\\?.*)?$`, "i");
}

function send(client: ApiClient, method: string, path: string, body: unknown): Promise<ApiResponse> {
  return client.request(method.toUpperCase(), path, body);
}

const show = (res: ApiResponse) => `${res.status} ${res.text.slice(0, 400)}`;

/** Every table a write could add to; a denied write must leave all of them as they were. */
async function tableCounts(p: PrismaClient) {
  return {
    workOrders: await p.workOrder.count(),
    tasks: await p.task.count(),
    progressUpdates: await p.progressUpdate.count(),
    deliverables: await p.deliverable.count(),
    feedback: await p.feedback.count(),
    followUps: await p.followUp.count(),
    users: await p.user.count(),
    clientCompanies: await p.clientCompany.count(),
    checkIns: await p.checkIn.count(),
    accommodations: await p.accommodation.count(),
  };
}

/** Strings that identify a company's material: its name, orders, tasks, deliverables, feedback, client users. */
async function markersOf(t: TestApp, companyId: string): Promise<string[]> {
  const p = t.db.prisma;
  const company = await p.clientCompany.findUniqueOrThrow({ where: { id: companyId } });
  const orders = await p.workOrder.findMany({
    where: { clientCompanyId: companyId },
    select: { id: true, title: true },
  });
  const orderIds = orders.map((o) => o.id);
  const tasks = await p.task.findMany({ where: { workOrderId: { in: orderIds } }, select: { id: true } });
  const deliverables = await p.deliverable.findMany({ where: { workOrderId: { in: orderIds } }, select: { id: true } });
  const feedback = await p.feedback.findMany({ where: { workOrderId: { in: orderIds } }, select: { id: true } });
  const clients = await p.user.findMany({ where: { clientCompanyId: companyId }, select: { id: true } });
  return [
    company.id,
    company.name,
    ...(company.nameEn ? [company.nameEn] : []),
    ...orders.flatMap((o) => [o.id, o.title]),
    ...[...tasks, ...deliverables, ...feedback, ...clients].map((x) => x.id),
  ];
}

// ---------------------------------------------------------------------------------------------

describeEachDatabase("access matrix", (kind) => {
  let t: TestApp;
  let ids: Ids;
  const clients = {} as Record<Exclude<Actor, "anonymous">, ApiClient>;
  const who = {} as Record<Exclude<Actor, "anonymous">, Who>;

  /** The company whose material `actor` must never see, if any. */
  const foreignCompanyOf = (actor: Actor): string | null =>
    actor === "otherClient" || actor === "otherCrew"
      ? ids.companyA
      : actor === "ownClient" || actor === "assignedCrew"
        ? ids.companyB
        : null;

  /** `sent`: the caller's own request (path and body); echoing it back (a problem's `instance`) tells them nothing new. */
  async function expectNoForeignData(actor: Actor, res: ApiResponse, where: string, sent: string) {
    const company = foreignCompanyOf(actor);
    if (!company) return;
    const markers = await markersOf(t, company);
    if (company === ids.companyA) markers.push(FILE_CONTENT, RELEASED_FILE_CONTENT);
    const leaked = markers.filter((m) => res.text.includes(m) && !sent.includes(m));
    expect(leaked, `${where}: ${ACTORS[actor]} got the other company's data`).toEqual([]);
  }

  const factory = (label: string): Factory => ({
    async order(status) {
      const p = t.db.prisma;
      const started = !["requested", "declined"].includes(status);
      const order = await p.workOrder.create({
        data: {
          clientCompanyId: ids.companyA,
          createdById: who.ownClient.id,
          title: `Matrix order (${label})`,
          dueAt: new Date(inDays(5)),
          status,
          acceptedAt: started ? new Date() : null,
          version: status === "requested" ? 1 : 3,
        },
      });
      const task = await p.task.create({
        data: {
          workOrderId: order.id,
          title: `Matrix task (${label})`,
          assigneeId: ids.crew3,
          estimateMinutes: 120,
          dueAt: order.dueAt,
        },
      });
      return { freshOrder: order.id, freshTask: task.id };
    },
    async user() {
      const u = await t.db.prisma.user.create({
        data: {
          email: `matrix-target-${randomUUID()}@crewboard.example`,
          passwordHash: "not-a-hash",
          name: `Matrix target (${label})`,
          role: "crew",
          workStyle: "home",
        },
      });
      return { freshUser: u.id };
    },
    async leftUser() {
      const u = await t.db.prisma.user.create({
        data: {
          email: `matrix-left-${randomUUID()}@crewboard.example`,
          passwordHash: "not-a-hash",
          name: `Matrix left (${label})`,
          role: "crew",
          workStyle: "home",
          active: false,
          deactivatedAt: new Date(),
        },
      });
      return { freshUser: u.id };
    },
    async company() {
      const c = await t.db.prisma.clientCompany.create({ data: { name: `Matrix company (${label})` } });
      return { freshCompany: c.id };
    },
    async followUp() {
      const p = t.db.prisma;
      const { freshOrder } = await this.order("in_progress");
      const feedback = await p.feedback.create({
        data: {
          workOrderId: freshOrder!,
          authorId: who.ownClient.id,
          verdict: "comment",
          rating: 2,
          comment: `Matrix complaint (${label})`,
        },
      });
      const f = await p.followUp.create({
        data: { feedbackId: feedback.id, ownerId: who.manager.id, stepRows: { create: { step: "acknowledged" } } },
      });
      return { freshOrder, freshFollowUp: f.id };
    },
    async crew3Notification() {
      const n = await t.db.prisma.notification.create({
        data: { userId: ids.crew3, kind: "task.assigned", data: { title: `Matrix (${label})` } },
      });
      return { freshNotification: n.id };
    },
    async nominatedOrder() {
      const fresh = await this.order("requested");
      await t.db.prisma.workOrder.update({ where: { id: fresh.freshOrder! }, data: { nominatedCrewId: ids.crew3 } });
      return fresh;
    },
    async unassignedTask() {
      const fresh = await this.order("accepted");
      await t.db.prisma.task.update({ where: { id: fresh.freshTask! }, data: { assigneeId: null } });
      await t.db.prisma.user.update({ where: { id: ids.crew3 }, data: { workingDays: [1, 2, 3, 4, 5, 6, 7] } });
      return fresh;
    },
    async urgentOffer(state) {
      const fresh = await this.unassignedTask();
      const expired = state === "expired";
      const o = await t.db.prisma.urgentOffer.create({
        data: {
          taskId: fresh.freshTask!,
          createdById: who.manager.id,
          deadlineAt: new Date(Date.now() + (expired ? -60_000 : 3_600_000)),
          status: state,
          endedAt: expired ? new Date() : null,
          endReason: expired ? "all_declined" : null,
          recipients: { create: { userId: ids.crew3, response: expired ? "declined" : null } },
        },
      });
      return { ...fresh, freshOffer: o.id };
    },
    async accommodation() {
      const a = await t.db.prisma.accommodation.create({
        data: { userId: ids.crew3, writtenById: who.manager.id, title: `Matrix accommodation (${label})`, version: 2 },
      });
      await t.db.prisma.accommodationRevision.create({
        data: {
          accommodationId: a.id,
          version: 1,
          changedById: who.manager.id,
          title: "before",
          changedFields: ["title"],
        },
      });
      return { freshAccommodation: a.id };
    },
  });

  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const actor of ACTOR_NAMES) {
      const account = ACTORS[actor];
      if (!account) continue;
      const c = await t.as(account);
      clients[actor as Exclude<Actor, "anonymous">] = c;
      who[actor as Exclude<Actor, "anonymous">] = {
        actor,
        id: c.user!.id,
        role: c.user!.role,
        clientCompanyId: c.user!.clientCompanyId,
      };
    }
    const p = t.db.prisma;
    const companyA = who.ownClient.clientCompanyId!;
    const companyB = who.otherClient.clientCompanyId!;
    const crew3 = who.assignedCrew.id;
    const crew5 = who.otherCrew.id;
    // The seed's company A order in progress in which crew3 has a task (and crew1 another one).
    const order = await p.workOrder.findFirstOrThrow({
      where: { clientCompanyId: companyA, status: "in_progress", tasks: { some: { assigneeId: crew3 } } },
      include: { tasks: true },
    });
    const task = order.tasks.find((x) => x.assigneeId === crew3)!;
    const otherTask = order.tasks.find((x) => x.assigneeId !== crew3)!;
    expect(otherTask).toBeDefined();
    // crew5 has no task in any company A order: the "crew member not assigned".
    expect(await p.task.count({ where: { assigneeId: crew5, workOrder: { clientCompanyId: companyA } } })).toBe(0);

    // The seed has links only: upload a file, as a manager would.
    const form = new FormData();
    form.set("title", "Matrix: entered slips (file)");
    form.set("note", "uploaded by the access matrix test");
    form.set("file", new Blob([FILE_CONTENT], { type: "text/plain" }), "matrix-slips.txt");
    const uploaded = await clients.manager.post(`/work-orders/${order.id}/deliverables`, undefined, { raw: form });
    expect(uploaded.status, show(uploaded)).toBe(201);
    // And a client comment, so that the feedback list has something to leak.
    const comment = await clients.ownClient.post(`/work-orders/${order.id}/feedback`, {
      verdict: "comment",
      comment: "Matrix: thanks for the update.",
    });
    expect(comment.status, show(comment)).toBe(201);

    expect(uploaded.body.releasedAt).toBeNull();

    // A company A order whose work is done: crew3 uploads the result, a manager delivers it.
    const delivering = await p.workOrder.create({
      data: {
        clientCompanyId: companyA,
        createdById: who.ownClient.id,
        title: "Matrix order, delivered",
        dueAt: new Date(inDays(2)),
        status: "in_progress",
        acceptedAt: new Date(),
        version: 3,
        tasks: {
          create: { title: "Matrix task, done", assigneeId: crew3, estimateMinutes: 60, status: "done", progress: 100 },
        },
      },
    });
    const result = new FormData();
    result.set("title", "Matrix: the delivered result (file)");
    result.set("file", new Blob([RELEASED_FILE_CONTENT], { type: "text/plain" }), "matrix-result.txt");
    const byCrew = await clients.assignedCrew.post(`/work-orders/${delivering.id}/deliverables`, undefined, {
      raw: result,
    });
    expect(byCrew.status, show(byCrew)).toBe(201);
    expect((await clients.ownClient.get(`/deliverables/${byCrew.body.id}/file`)).status).toBe(404);
    const delivered = await clients.manager.patch(`/work-orders/${delivering.id}`, { status: "delivered" });
    expect(delivered.status, show(delivered)).toBe(200);

    ids = {
      companyA,
      companyB,
      order: order.id,
      task: task.id,
      otherTask: otherTask.id,
      deliverable: uploaded.body.id,
      deliveredOrder: delivering.id,
      releasedDeliverable: byCrew.body.id,
      crew3,
      crew5,
      teamA: (await p.user.findUniqueOrThrow({ where: { id: crew3 } })).teamId!,
      teamB: (await p.user.findUniqueOrThrow({ where: { id: crew5 } })).teamId!,
    };
  });
  afterAll(() => t?.close());

  it("has a row for every route of the catalogue, and each row calls the route it names", () => {
    const keys = ROWS.map((r) => `${r.route} ${r.variant ?? ""}`);
    expect(new Set(keys).size, "a route has two rows for the same situation").toBe(keys.length);
    expect([...new Set(ROWS.map((r) => r.route))].sort()).toEqual(Object.keys(routes).sort());
  });

  // Reads first, then writes (each write on a target of its own), so every answer is about who asks.
  const ordered = [...ROWS.filter((r) => !isWrite(r)), ...ROWS.filter(isWrite)];
  for (const row of ordered) {
    const def = routes[row.route];
    describe(`${row.route}: ${def.method.toUpperCase()} ${def.path}${row.variant ? ` (${row.variant})` : ""}`, () => {
      for (const actor of ACTOR_NAMES) {
        const expected = row.expect[actor];
        it(`${actor} (${ACTORS[actor] ?? "no session"}) → ${expected}`, async () => {
          const label = `${row.route}${row.variant ? ` (${row.variant})` : ""}/${actor}`;
          const target: Target = { ...ids, ...(row.fresh ? await row.fresh(factory(label)) : {}) };
          const path = row.path(target);
          expect(path).toMatch(pathPattern(row.route));
          const client =
            actor === "anonymous" ? t.anonymous() : row.ownSession ? await t.as(ACTORS[actor]!) : clients[actor];
          const body = row.body?.(target, actor);
          const sent = `${path} ${JSON.stringify(body ?? null)}`;

          const write = isWrite(row);
          const before = write
            ? { counts: await tableCounts(t.db.prisma), row: await row.state?.(t.db.prisma, target) }
            : null;
          const res = await send(client, def.method, path, body);
          expect(res.status, show(res)).toBe(expected);

          if (expected >= 400) {
            expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
            expect(res.body.status).toBe(expected);
            if (write) {
              const after = { counts: await tableCounts(t.db.prisma), row: await row.state?.(t.db.prisma, target) };
              expect(after, "a denied write changed the database").toEqual(before);
            }
            if (expected === 404) {
              // Hidden and nonexistent are indistinguishable.
              const ghost = await send(
                client,
                def.method,
                path.replace(UUID, () => randomUUID()),
                body,
              );
              expect(ghost.status).toBe(404);
              const pick = (r: ApiResponse) => ({ code: r.body.code, title: r.body.title, detail: r.body.detail });
              expect(pick(res)).toEqual(pick(ghost));
            }
            if (actor !== "anonymous") await expectNoForeignData(actor, res, label, sent);
            return;
          }
          if (actor === "anonymous") return;
          await expectNoForeignData(actor, res, label, sent);
          await row.check?.(res, who[actor], target, t);
          if (row.endsCallerSessions) {
            await t.db.prisma.user.update({
              where: { id: who[actor as Exclude<Actor, "anonymous">].id },
              data: { passwordHash: await hashPassword(DEMO_PASSWORD) },
            });
            clients[actor as Exclude<Actor, "anonymous">] = await t.as(ACTORS[actor]!);
          }
        });
      }
    });
  }

  // -------------------------------------------------------------------------------------------
  describe("a one-time password opens only the way to a password of one's own", () => {
    /** A new account of `role`, signed in with the one-time password the admin got for it. */
    async function signedInWithOneTimePassword(role: "crew" | "client" | "admin"): Promise<ApiClient> {
      const email = `matrix-otp-${role}-${randomUUID().slice(0, 8)}@crewboard.example`;
      const created = await clients.admin.post("/users", {
        email,
        name: `Matrix OTP ${role}`,
        role,
        ...(role === "client" ? { clientCompanyId: ids.companyA } : {}),
      });
      expect(created.status, show(created)).toBe(201);
      return new ApiClient(t.baseUrl).login(email, created.body.oneTimePassword);
    }

    for (const role of ["crew", "client", "admin"] as const) {
      it(`${role}: every route but /me, the CSRF token, the password change and sign-out answers 403 auth.password_change_required, and writes nothing`, async () => {
        const c = await signedInWithOneTimePassword(role);
        const before = await tableCounts(t.db.prisma);
        const open: string[] = [];
        for (const [name, def] of Object.entries(routes)) {
          if (def.gate === "public" || name === "logout" || name === "changeMyPassword") continue;
          const path = def.path.replace(/:[a-zA-Z]+/g, () => randomUUID());
          const res = await send(c, def.method, path, def.method === "get" ? undefined : {});
          if ("beforePasswordChange" in def && def.beforePasswordChange) {
            expect(res.status, `${name} ${show(res)}`).toBe(200);
            open.push(name);
            continue;
          }
          expect(res.status, `${name} ${show(res)}`).toBe(403);
          expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
          expect(res.body.code, name).toBe("auth.password_change_required");
        }
        expect(open.sort()).toEqual(["extendSession", "getCsrfToken", "getMe"]);
        expect((await c.get("/me")).body.user.mustChangePassword).toBe(true);
        expect(await tableCounts(t.db.prisma)).toEqual(before);
        // nothing live either
        await expect(connectSocket(t.baseUrl, c)).rejects.toMatchObject({
          data: { code: "auth.password_change_required" },
        });
        expect((await c.post("/auth/logout")).status).toBe(204);
      });
    }

    it("a wrong current password changes nothing, and the session stays limited", async () => {
      const c = await signedInWithOneTimePassword("crew");
      const oneTime = (await t.db.prisma.user.findUniqueOrThrow({ where: { id: c.user!.id } })).passwordHash;
      expect((await c.get("/tasks")).status).toBe(403);
      const changed = await c.post("/me/password", {
        currentPassword: "wrong-one-time",
        newPassword: "my-own-password-1",
      });
      expect(changed.status).toBe(400);
      expect(changed.body.code).toBe("auth.current_password_wrong");
      expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: c.user!.id } })).passwordHash).toBe(oneTime);
      expect((await c.get("/tasks")).status).toBe(403);
    });
  });

  // -------------------------------------------------------------------------------------------
  describe("crew see company material only for their own tasks (journey 5.2)", () => {
    it("GET /tasks as crew5 lists exactly the tasks assigned to crew5", async () => {
      const res = await clients.otherCrew.get("/tasks?limit=100");
      expect(res.status).toBe(200);
      const mine = await t.db.prisma.task.findMany({ where: { assigneeId: ids.crew5 }, select: { id: true } });
      expect(mine.length).toBeGreaterThan(0);
      expect(res.body.items.map((x: { id: string }) => x.id).sort()).toEqual(mine.map((x) => x.id).sort());
    });

    it("GET /work-orders as crew5 lists exactly the orders in which crew5 has a task", async () => {
      const res = await clients.otherCrew.get("/work-orders?limit=100");
      expect(res.status).toBe(200);
      const mine = await ordersWithTaskOf(t, ids.crew5);
      expect(mine.length).toBeGreaterThan(0);
      expect(res.body.items.map((x: { id: string }) => x.id).sort()).toEqual(mine.sort());
      await expectNoForeignData("otherCrew", res, "GET /work-orders as crew5", "");
    });

    it("a crew member gets 404 for another crew member's task, even in an order they work on", async () => {
      const res = await clients.assignedCrew.get(`/tasks/${ids.otherTask}`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
      expect((await clients.assignedCrew.get(`/tasks/${ids.otherTask}/progress`)).status).toBe(404);
      const list = await clients.assignedCrew.get(`/tasks?workOrderId=${ids.order}`);
      expect(list.body.items.map((x: { id: string }) => x.id)).toEqual([ids.task]);
      expect((await clients.otherCrew.get(`/tasks/${ids.task}`)).status).toBe(404);
    });

    it("a crew member cannot touch another crew member's task (404, nothing written)", async () => {
      const p = t.db.prisma;
      const before = await p.task.findUniqueOrThrow({ where: { id: ids.otherTask } });
      const progress = await p.progressUpdate.count();
      const patch = await clients.assignedCrew.patch(`/tasks/${ids.otherTask}`, {
        version: before.version,
        status: "review",
      });
      expect(patch.status, show(patch)).toBe(404);
      const post = await clients.assignedCrew.post(`/tasks/${ids.otherTask}/progress`, {
        percent: 99,
        note: "not mine",
      });
      expect(post.status, show(post)).toBe(404);
      expect(await p.task.findUniqueOrThrow({ where: { id: ids.otherTask } })).toEqual(before);
      expect(await p.progressUpdate.count()).toBe(progress);
    });

    it("check-ins: a crew member sees their own, never another's (404, as if there were none)", async () => {
      const other = await clients.otherCrew.get(`/check-ins?userId=${ids.crew3}`);
      expect(other.status).toBe(404);
      expect(other.body.items).toBeUndefined();
      expect(other.text).not.toContain("小林"); // crew3's name
      const own = await clients.otherCrew.get(`/check-ins?userId=${ids.crew5}`);
      expect(own.status).toBe(200);
      expect(own.body.items.length).toBeGreaterThan(0); // the seed has crew5's check-in for today
      for (const c of own.body.items) expect(c.user.id).toBe(ids.crew5);
      const unfiltered = await clients.otherCrew.get("/check-ins");
      expect(unfiltered.status).toBe(200);
      for (const c of unfiltered.body.items) expect(c.user.id).toBe(ids.crew5);
    });

    it("accommodations: a crew member sees their own, never another's (404, as if there were none)", async () => {
      const other = await clients.otherCrew.get(`/users/${ids.crew3}/accommodations`);
      expect(other.status).toBe(404);
      const seeded = await t.db.prisma.accommodation.findMany({ where: { userId: ids.crew3 } });
      for (const a of seeded) expect(other.text).not.toContain(a.title);
      const own = await clients.otherCrew.get(`/users/${ids.crew5}/accommodations`);
      expect(own.status).toBe(200);
      for (const a of own.body.items) expect(a.userId).toBe(ids.crew5);
    });

    it("a manager sees the wellbeing of their own team only (manager2 leads team B; crew3 and crew4 are in team A)", async () => {
      const manager2 = await t.as("manager2");
      // issue 12: another team's manager reads only the parts the person shared — crew3 shared none
      const accommodations = await manager2.get(`/users/${ids.crew3}/accommodations`);
      expect(accommodations.status).toBe(200);
      expect(accommodations.body).toMatchObject({ access: "shared", items: [] });
      expect(accommodations.text).not.toContain("スクリーンリーダー");
      // crew4 shared her communication preference, and nothing else
      const crew4 = await t.db.prisma.user.findUniqueOrThrow({ where: { email: "crew4@crewboard.example" } });
      const shared = await manager2.get(`/users/${crew4.id}/accommodations`);
      expect(shared.status).toBe(200);
      expect(shared.body.items).toHaveLength(1);
      expect(shared.body.items[0]).toMatchObject({ view: "shared", title: "", requestText: "", reviewOn: null });
      expect(shared.body.items[0].agreement.communication).not.toBe("");
      expect(shared.body.items[0].agreement.hours).toBe("");
      expect(shared.text).not.toContain("通院");
      const history = await manager2.get(`/accommodations/${shared.body.items[0].id}/revisions`);
      expect(history.status).toBe(404);
      const filtered = await manager2.get(`/check-ins?userId=${ids.crew3}`);
      expect(filtered.status).toBe(404);
      // nor write one: an accommodation is agreed with the person's own managers (it was a 201 once)
      const before = await t.db.prisma.accommodation.count();
      const write = await manager2.post(`/users/${ids.crew3}/accommodations`, { title: "他チームから", note: "" });
      expect(write.status).toBe(404);
      expect(await t.db.prisma.accommodation.count()).toBe(before);
      // and their profile comes without their accessibility needs, unaudited
      const reads = await t.db.prisma.auditEvent.count({ where: { action: "user.read_profile", entityId: ids.crew3 } });
      const profile = await manager2.get(`/users/${ids.crew3}`);
      expect(profile.status).toBe(200);
      expect(profile.body.accessibility).toBeNull();
      expect(await t.db.prisma.auditEvent.count({ where: { action: "user.read_profile", entityId: ids.crew3 } })).toBe(
        reads,
      );
      const own = await clients.manager.get(`/users/${ids.crew3}`);
      expect(own.body.accessibility).not.toBeNull();
      expect(await t.db.prisma.auditEvent.count({ where: { action: "user.read_profile", entityId: ids.crew3 } })).toBe(
        reads + 1,
      );
      // the user directory carries nobody's accessibility needs
      const directory = await manager2.get("/users?limit=100");
      for (const u of directory.body.items) expect(u.accessibility).toBeNull();
      const list = await manager2.get("/check-ins");
      expect(list.status).toBe(200);
      const { teamId } = await t.db.prisma.user.findUniqueOrThrow({ where: { email: "manager2@crewboard.example" } });
      const teamB = await t.db.prisma.user.findMany({ where: { teamId, role: "crew" }, select: { id: true } });
      const teamBIds = new Set(teamB.map((u) => u.id));
      expect(list.body.items.length).toBeGreaterThan(0);
      for (const c of list.body.items) expect(teamBIds.has(c.user.id), c.user.name).toBe(true);
      // manager1 leads team A and sees crew4's "unwell" (journey 8)
      const manager1List = await clients.manager.get("/check-ins");
      expect(manager1List.body.items.some((c: { condition: string }) => c.condition === "unwell")).toBe(true);
    });

    it("clients get 403 for check-ins and accommodations, their own company's crew included", async () => {
      for (const c of [clients.ownClient, clients.otherClient]) {
        for (const path of ["/check-ins", `/check-ins?userId=${ids.crew3}`, `/users/${ids.crew3}/accommodations`]) {
          const res = await c.get(path);
          expect(res.status, `${c.user!.email} GET ${path}`).toBe(403);
          expect(res.headers.get("content-type")).toMatch(/^application\/problem\+json/);
        }
      }
    });
  });

  // -------------------------------------------------------------------------------------------
  describe("client-b1 guessing company A's ids and URLs (journey 5.1)", () => {
    /** What a client-b1 write could change about company A's material. */
    async function companyAState() {
      const p = t.db.prisma;
      const where = { clientCompanyId: ids.companyA };
      return {
        counts: await tableCounts(p),
        orders: await p.workOrder.findMany({
          where,
          select: { id: true, title: true, status: true, version: true, updatedAt: true },
          orderBy: { id: "asc" },
        }),
        tasks: await p.task.findMany({
          where: { workOrder: where },
          select: { id: true, status: true, version: true, updatedAt: true },
          orderBy: { id: "asc" },
        }),
      };
    }

    const expectProblem = async (res: ApiResponse, status: number, what: string, sent: string) => {
      expect(res.status, `${what}: ${show(res)}`).toBe(status);
      expect(res.headers.get("content-type"), what).toMatch(/^application\/problem\+json/);
      await expectNoForeignData("otherClient", res, what, sent);
    };

    it("reads of company A's order, tasks, progress, deliverables, feedback and file answer 404", async () => {
      const c = clients.otherClient;
      for (const path of [
        `/work-orders/${ids.order}`,
        `/work-orders/${ids.order}/deliverables`,
        `/work-orders/${ids.order}/feedback`,
        `/tasks/${ids.task}`,
        `/tasks/${ids.otherTask}`,
        `/tasks/${ids.task}/progress`,
        `/deliverables/${ids.deliverable}/file`,
      ]) {
        await expectProblem(await c.get(path), 404, `GET ${path}`, path);
      }
    });

    it("every company A order and task, whatever its status, is 404", async () => {
      const p = t.db.prisma;
      const orders = await p.workOrder.findMany({ where: { clientCompanyId: ids.companyA }, select: { id: true } });
      const tasks = await p.task.findMany({
        where: { workOrder: { clientCompanyId: ids.companyA } },
        select: { id: true },
      });
      const deliverables = await p.deliverable.findMany({
        where: { workOrder: { clientCompanyId: ids.companyA } },
        select: { id: true },
      });
      for (const path of [
        ...orders.map((o) => `/work-orders/${o.id}`),
        ...tasks.map((x) => `/tasks/${x.id}`),
        ...deliverables.map((d) => `/deliverables/${d.id}/file`),
      ]) {
        await expectProblem(await clients.otherClient.get(path), 404, `GET ${path}`, path);
      }
      // one request per row of company A (issue 12's report month added a dozen): more than the default on a busy machine
    }, 90_000);

    it("list filters naming company A come back empty", async () => {
      const c = clients.otherClient;
      for (const path of [
        `/work-orders?clientCompanyId=${ids.companyA}`,
        `/tasks?workOrderId=${ids.order}`,
        `/tasks?assigneeId=${ids.crew3}`,
      ]) {
        const res = await c.get(path);
        expect(res.status, `GET ${path}`).toBe(200);
        expect(res.body.items, `GET ${path}`).toEqual([]);
        await expectNoForeignData("otherClient", res, `GET ${path}`, path);
      }
    });

    it("writes on company A's order and task answer 404 (or 403 for a role never allowed) and change nothing", async () => {
      const p = t.db.prisma;
      const c = clients.otherClient;
      const requested = await p.workOrder.findFirstOrThrow({
        where: { clientCompanyId: ids.companyA, status: "requested" },
      });
      const delivered = await p.workOrder.findFirstOrThrow({
        where: { clientCompanyId: ids.companyA, status: "delivered" },
      });
      const task = await p.task.findUniqueOrThrow({ where: { id: ids.task } });
      const before = await companyAState();

      const form = new FormData();
      form.set("title", "tampered");
      form.set("file", new Blob(["x"], { type: "text/plain" }), "x.txt");
      const attempts: [string, () => Promise<ApiResponse>, number][] = [
        // a requested order is the one a client may edit: still not another company's
        [`PATCH requested order`, () => c.patch(`/work-orders/${requested.id}`, { title: "tampered" }), 404],
        [`PATCH order title`, () => c.patch(`/work-orders/${ids.order}`, { title: "tampered" }), 404],
        [`PATCH order nominee`, () => c.patch(`/work-orders/${requested.id}`, { nominatedCrewId: ids.crew5 }), 404],
        [
          `POST comment`,
          () => c.post(`/work-orders/${ids.order}/feedback`, { verdict: "comment", rating: 1, comment: "tampered" }),
          404,
        ],
        [`POST accept`, () => c.post(`/work-orders/${delivered.id}/feedback`, { verdict: "accept", rating: 5 }), 404],
        [
          `POST revision`,
          () => c.post(`/work-orders/${delivered.id}/feedback`, { verdict: "request_revision", comment: "tampered" }),
          404,
        ],
        [`POST tasks`, () => c.post(`/work-orders/${ids.order}/tasks`, { tasks: [{ title: "tampered" }] }), 403],
        [
          `POST deliverable (link)`,
          () => c.post(`/work-orders/${ids.order}/deliverables`, { title: "tampered", url: "https://evil.example/x" }),
          403,
        ],
        [
          `POST deliverable (file)`,
          () => c.post(`/work-orders/${ids.order}/deliverables`, undefined, { raw: form }),
          403,
        ],
        [`PATCH task`, () => c.patch(`/tasks/${ids.task}`, { version: task.version, status: "review" }), 403],
        [`POST progress`, () => c.post(`/tasks/${ids.task}/progress`, { percent: 100, note: "tampered" }), 403],
      ];
      // the ids in these requests are the caller's own guesses: only an id they did not send would be a leak
      const sent = [ids.order, ids.task, requested.id, delivered.id, ids.crew5].join(" ");
      for (const [what, attempt, status] of attempts) await expectProblem(await attempt(), status, what, sent);

      // A client's own order is for their own company only.
      const foreignOrder = await c.post("/work-orders", {
        title: "tampered",
        dueAt: inDays(3),
        clientCompanyId: ids.companyA,
      });
      expect([400, 403], show(foreignOrder)).toContain(foreignOrder.status);
      expect(foreignOrder.headers.get("content-type")).toMatch(/^application\/problem\+json/);

      expect(await companyAState()).toEqual(before);
    });
  });
});
