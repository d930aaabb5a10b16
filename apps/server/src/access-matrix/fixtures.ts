// How the matrix calls each operation of the catalogue, and the resource rule it expects the
// operation to apply — written once per operation, in terms of the access policy (c.p) and the
// target's facts, never per persona or per case. The session and the gate come first, from the
// catalogue (oracle.ts); a rule only runs for callers the gate let through.
//
// Every operation of the catalogue must have a fixture here (the type says so, and the suite checks
// it): a new operation is not done until the matrix knows how to call it and what to expect.
import { randomUUID } from "node:crypto";
import { rooms, type OperationDef, type OperationName, type ErrorCode } from "@crewboard/contracts";
import { DEMO_PASSWORD, type PrismaClient } from "@crewboard/db";
import { addCompanyMonths, companyMonth, type Identity } from "@crewboard/domain";
import { admitsOrder, admitsTask, HIDDEN, OK, type Expectation, type Outcome, type Policy } from "./oracle.ts";
import type { Persona } from "./personas.ts";
import {
  ghostDeliverable,
  ghostMessage,
  ghostOrder,
  ghostPerson,
  ghostTask,
  healthMarker,
  type DeliverableFacts,
  type MessageFacts,
  type OrderFacts,
  type PersonFacts,
  type Side,
  type TaskFacts,
  type World,
} from "./world.ts";

/** A side's resource (A or B), an id that exists nowhere (ghost), or no id at all (-). */
export type TargetKey = "A" | "B" | "ghost" | "-";
export const SIDES: readonly TargetKey[] = ["A", "B", "ghost"];
export const NO_TARGET: readonly TargetKey[] = ["-"];

/** Everything a fixture's functions get about the case. */
export interface CaseContext {
  world: World;
  /** the policy the oracle asks (the real one, even when the server was given another) */
  p: Policy;
  def: OperationDef;
  persona: Persona;
  /** the caller as the server sees them: null without a session or with a deactivated account's */
  who: Identity | null;
  target: TargetKey;
  /** the side's facts for A or B; null for ghost and - */
  side: Side | null;
  variant: string | null;
  /** a short label for rows this case makes */
  label: string;
}

export interface RestCall {
  /** path under /api/v1, with its query */
  path: string;
  body?: unknown;
}

export type SocketAnswer = { ok: true; data: unknown } | { ok: false; error: { code: string } };

/** The caller as the server sees them, once the gate has let them through. */
const caller = (c: CaseContext): Identity => {
  if (!c.who) throw new Error(`${c.label}: a rule ran for a caller the gate should have stopped`);
  return c.who;
};

export interface Fixture<S> {
  targets: readonly TargetKey[];
  variants?: readonly string[];
  /** a combination of target and variant that does not exist (e.g. the board room has no side) */
  skip?: (target: TargetKey, variant: string | null) => boolean;
  /** what the case acts on: the world's resources, or (writes) rows made for this case alone */
  subject: (c: CaseContext) => S | Promise<S>;
  /** REST: where and what to send (the method is the catalogue's) */
  rest?: (c: CaseContext, s: S) => RestCall;
  /** Socket.IO: the payload (the event is the catalogue's) */
  socket?: (c: CaseContext, s: S) => unknown;
  /** the resource rule, asked only when the session and the gate let the caller through */
  rule: (c: CaseContext, s: S) => Expectation | Promise<Expectation>;
  /** a write's target row: it must be unchanged after a refused write */
  state?: (prisma: PrismaClient, s: S) => Promise<unknown>;
  /** further checks of an allowed answer; returns what is wrong */
  check?: (c: CaseContext, s: S, body: unknown) => string[] | Promise<string[]>;
  /** a socket answer that carries its refusal inside (sync: per room) */
  outcomeOf?: (answer: SocketAnswer, s: S) => Outcome;
  /** run with a session of its own (signing out would end the shared one), or with none (signing in) */
  ownSession?: "signed-in" | "signed-out";
  /** ends every session of the caller (a password change): run last in the persona's lane */
  endsSessions?: true;
  /** answers the caller's own settings (their accessibility preferences), read on every start of the app, not audited */
  ownSettings?: true;
  /** why the property checks (properties.ts) do not apply to its answers */
  notPeopleData?: string;
}

/** Infers a fixture's subject type from its `subject` function. */
function fx<S>(f: Fixture<S>): Fixture<S> {
  return f;
}

// ---- facts helpers ------------------------------------------------------------------------

const fromSide = <T>(c: CaseContext, pick: (side: Side) => T, ghost: () => T): T => (c.side ? pick(c.side) : ghost());

/** A "not checked in by" time only callers who must be refused send (see updateTeam). */
const REFUSED_CHECK_IN_BY = "08:15";
const mayChangeTeam = (c: CaseContext, teamId: string) => c.who !== null && c.p.mayChangeTeamSettings(c.who, teamId);
const seesOrder = (c: CaseContext, order: OrderFacts) => admitsOrder(c.p.workOrderScope(caller(c)), order);
const seesTask = (c: CaseContext, task: TaskFacts) => admitsTask(c.p.taskScope(caller(c)), task);
const seesDeliverable = (c: CaseContext, d: DeliverableFacts) =>
  d.exists && seesOrder(c, d.order) && (d.released || c.p.seesUnreleasedDeliverables(caller(c)));
const fullPersonalAccess = (c: CaseContext, person: PersonFacts) =>
  person.exists && c.p.personalAccess(caller(c), person) === "full";

/** A write on a side's fresh row, or on a ghost id. */
const freshOrder = (c: CaseContext, status: Parameters<World["make"]["order"]>[1]) =>
  c.side
    ? c.world.make.order(c.side.key, status, c.label)
    : Promise.resolve({ order: ghostOrder(), task: ghostTask() });

const isMember = (facts: { members: readonly { id: string }[] }, who: Identity) =>
  facts.members.some((m) => m.id === who.id);

async function chatReadRule(c: CaseContext, roomId: string): Promise<Expectation> {
  const facts = await c.world.chatFacts(roomId);
  return facts.exists && c.p.mayReadChatRoom(caller(c), isMember(facts, caller(c))) ? OK : HIDDEN;
}

/** The room a joinRoom / requestSync case asks for. */
function roomOf(c: CaseContext): string {
  const id = (pick: (side: Side) => string) => fromSide(c, pick, () => randomUUID());
  switch (c.variant) {
    case "board":
      return rooms.board();
    case "user":
      return rooms.user(id((s) => s.crewId));
    case "company":
      return rooms.company(id((s) => s.companyId));
    case "team":
      return rooms.team(id((s) => s.teamId));
    case "team-managers":
      return rooms.teamManagers(id((s) => s.teamId));
    case "work-order":
      return rooms.workOrder(id((s) => s.order.id));
    case "chat":
      return rooms.chat(id((s) => s.order.chatRoomId));
    default:
      throw new Error(`unknown room kind ${c.variant}`);
  }
}

async function joinRule(c: CaseContext, room: string): Promise<Expectation> {
  const who = caller(c);
  const orders = [c.world.sides.A.order, c.world.sides.B.order];
  const allowed = await c.p.mayJoinRoom(who, room, {
    hasTaskIn: async (workOrderId) => orders.some((o) => o.id === workOrderId && o.assigneeIds.includes(who.id)),
    isChatMember: async (roomId) => isMember(await c.world.chatFacts(roomId), who),
    chatRoomExists: async (roomId) => (await c.world.chatFacts(roomId)).exists,
  });
  return allowed ? OK : HIDDEN;
}

const ROOM_KINDS = ["board", "user", "company", "team", "work-order", "chat", "team-managers"] as const;
const roomCases = {
  targets: ["-", "A", "B", "ghost"] as const,
  variants: ROOM_KINDS,
  skip: (t: TargetKey, v: string | null) => (t === "-") !== (v === "board"),
};

/** The author of the "another's message" variant: someone in the room who is not the caller. */
const anotherAuthor = (c: CaseContext, side: Side) =>
  c.persona.user?.id === side.clientId ? side.managerId : side.clientId;

async function messageSubject(c: CaseContext): Promise<MessageFacts> {
  if (!c.side) return ghostMessage();
  const own = c.variant === "own" && c.persona.user;
  return c.world.make.message(c.side.key, own ? c.persona.user!.id : anotherAuthor(c, c.side), c.label);
}

async function messageRule(c: CaseContext, m: MessageFacts, action: "edit" | "delete"): Promise<Expectation> {
  const facts = await c.world.chatFacts(m.roomId);
  const who = caller(c);
  if (!m.exists || !facts.exists || !c.p.mayReadChatRoom(who, isMember(facts, who))) return HIDDEN;
  return c.p.messagePermissions(m, facts, who)[action] ? OK : "auth.forbidden";
}

const messageState = (prisma: PrismaClient, m: MessageFacts) =>
  prisma.message.findUnique({ where: { id: m.id }, select: { body: true, editedAt: true, deletedAt: true } });

type Items<T> = { items: T[] };
const itemsOf = <T>(body: unknown) => (body as Items<T>).items;

// ---- the fixtures -------------------------------------------------------------------------

export const FIXTURES = {
  // System and sign-in
  getHealth: fx({ targets: NO_TARGET, subject: () => ({}), rest: () => ({ path: "/health" }), rule: () => OK }),
  getReadiness: fx({ targets: NO_TARGET, subject: () => ({}), rest: () => ({ path: "/ready" }), rule: () => OK }),
  login: fx({
    targets: NO_TARGET,
    ownSession: "signed-out",
    ownSettings: true,
    subject: () => ({}),
    // a visitor has no account: they try an email nobody has
    rest: (c) => ({
      path: "/auth/login",
      body: { email: c.persona.user?.email ?? `nobody-${randomUUID()}@crewboard.example`, password: DEMO_PASSWORD },
    }),
    rule: (c) => (c.persona.user?.active ? OK : "auth.invalid_credentials"),
    check: (c, _s, body) =>
      (body as { user: { id: string } }).user.id === c.persona.user?.id ? [] : ["signed in as someone else"],
  }),
  logout: fx({
    targets: NO_TARGET,
    ownSession: "signed-in",
    subject: () => ({}),
    rest: () => ({ path: "/auth/logout" }),
    rule: () => OK,
  }),
  getCsrfToken: fx({ targets: NO_TARGET, subject: () => ({}), rest: () => ({ path: "/auth/csrf" }), rule: () => OK }),
  extendSession: fx({
    targets: NO_TARGET,
    subject: () => ({}),
    rest: () => ({ path: "/auth/session/extend" }),
    rule: () => OK,
  }),
  getSession: fx({
    targets: NO_TARGET,
    ownSettings: true,
    subject: () => ({}),
    rest: () => ({ path: "/auth/session" }),
    rule: () => OK,
    // a visitor (or a deactivated account's old cookie) is answered with nulls
    check: (c, _s, body) =>
      (body as { user: { id: string } | null }).user?.id === c.who?.id
        ? []
        : [`session of ${(body as { user: { id: string } | null }).user?.id}`],
  }),
  getDemoAccounts: fx({
    targets: NO_TARGET,
    notPeopleData:
      "the sign-in page's fixed list of demo logins (embedded demo mode only; empty otherwise), not a read of anyone's records",
    subject: () => ({}),
    rest: () => ({ path: "/auth/demo" }),
    rule: () => OK,
  }),

  // Me
  getMe: fx({
    targets: NO_TARGET,
    ownSettings: true,
    subject: () => ({}),
    rest: () => ({ path: "/me" }),
    rule: () => OK,
    check: (c, _s, body) => ((body as { user: { id: string } }).user.id === caller(c).id ? [] : ["someone else's /me"]),
  }),
  changeMyPassword: fx({
    targets: NO_TARGET,
    ownSession: "signed-in",
    endsSessions: true,
    ownSettings: true,
    subject: () => ({}),
    rest: () => ({
      path: "/me/password",
      body: { currentPassword: DEMO_PASSWORD, newPassword: "matrix-own-new-password" },
    }),
    rule: () => OK,
  }),
  updateMe: fx({
    targets: NO_TARGET,
    ownSettings: true,
    subject: () => ({}),
    rest: () => ({ path: "/me", body: { locale: "ja" } }),
    rule: () => OK,
  }),

  // Users and client companies
  listUsers: fx({
    targets: NO_TARGET,
    subject: () => ({}),
    rest: () => ({ path: "/users?limit=100" }),
    rule: (c) => (c.p.mayListUsers(caller(c)) ? OK : "auth.forbidden"),
  }),
  createUser: fx({
    targets: NO_TARGET,
    subject: () => ({}),
    rest: (c) => ({
      path: "/users",
      body: {
        email: `matrix-new-${randomUUID().slice(0, 8)}@crewboard.example`,
        name: `Matrix 新人 (${c.persona.key})`,
        role: "crew",
        workStyle: "office",
      },
    }),
    rule: () => OK,
  }),
  getUser: fx({
    targets: SIDES,
    subject: (c) => fromSide(c, (s) => s.crew, ghostPerson),
    rest: (_c, person) => ({ path: `/users/${person.id}` }),
    rule: (c, person) => (person.exists ? OK : HIDDEN),
    // the profile carries the person's accessibility needs exactly for those with full access to their own data
    check: (c, person, body) => {
      const carries = (body as { accessibility: unknown }).accessibility !== null;
      return carries === fullPersonalAccess(c, person)
        ? []
        : [
            `accessibility ${carries ? "given" : "withheld"} (personalAccess: ${c.p.personalAccess(caller(c), person)})`,
          ];
    },
  }),
  updateUser: fx({
    targets: SIDES,
    subject: (c) => (c.side ? c.world.make.user(c.side.key, c.label) : ghostPerson()),
    rest: (_c, person) => ({ path: `/users/${person.id}`, body: { name: "Matrix renamed" } }),
    rule: (c, person) => (person.exists ? OK : HIDDEN),
    state: (prisma, person) =>
      prisma.user.findUnique({ where: { id: person.id }, select: { name: true, updatedAt: true } }),
  }),
  resetUserPassword: fx({
    targets: SIDES,
    subject: (c) => (c.side ? c.world.make.user(c.side.key, c.label) : ghostPerson()),
    rest: (_c, person) => ({ path: `/users/${person.id}/password-reset` }),
    rule: (c, person) => (person.exists ? OK : HIDDEN),
    state: (prisma, person) =>
      prisma.user.findUnique({ where: { id: person.id }, select: { passwordHash: true, mustChangePassword: true } }),
  }),
  listTeams: fx({ targets: NO_TARGET, subject: () => ({}), rest: () => ({ path: "/teams" }), rule: () => OK }),
  // issue 12: a team's "not checked in by" time: admins and the team's own managers
  updateTeam: fx({
    targets: SIDES,
    subject: (c) => ({
      teamId: fromSide(
        c,
        (s) => s.teamId,
        () => randomUUID(),
      ),
      exists: c.side !== null,
    }),
    // the allowed cases write the same team concurrently, so a caller who must be refused sends a time
    // of its own, and the state check asks only whether that time ever reached the team
    rest: (c, s) => ({
      path: `/teams/${s.teamId}`,
      body: { checkInBy: mayChangeTeam(c, s.teamId) ? "09:45" : REFUSED_CHECK_IN_BY },
    }),
    rule: (c, s) =>
      !s.exists ? "resource.not_found" : c.p.mayChangeTeamSettings(caller(c), s.teamId) ? OK : "auth.forbidden",
    state: async (prisma, s) =>
      (await prisma.team.findUnique({ where: { id: s.teamId }, select: { checkInBy: true } }))?.checkInBy ===
      REFUSED_CHECK_IN_BY,
    notPeopleData: "a team's settings: its id, name and check-in time",
  }),
  listCrew: fx({
    targets: NO_TARGET,
    subject: () => ({}),
    rest: () => ({ path: "/crew" }),
    rule: () => OK,
    check: (c, _s, body) => {
      const byDisplayName = c.p.personView(caller(c)) === "name";
      const keys = byDisplayName ? "displayName,id,name,role" : "displayName,id,name,role,workStyle";
      return itemsOf<Record<string, unknown>>(body).flatMap((item) => [
        ...(Object.keys(item).sort().join(",") !== keys
          ? [`crew member ${String(item.id)} came with ${Object.keys(item).sort().join(",")}, expected ${keys}`]
          : []),
        // issue 12: to a client, the name is the display name
        ...(byDisplayName && item.name !== item.displayName
          ? [`crew member ${String(item.id)} named ${String(item.name)}, not by display name`]
          : []),
      ]);
    },
  }),
  listClientCompanies: fx({
    targets: NO_TARGET,
    subject: () => ({}),
    rest: () => ({ path: "/client-companies" }),
    rule: () => OK,
  }),
  getClientCompany: fx({
    targets: SIDES,
    subject: (c) =>
      fromSide(
        c,
        (s) => ({ id: s.companyId, exists: true }),
        () => ({ id: randomUUID(), exists: false }),
      ),
    rest: (_c, company) => ({ path: `/client-companies/${company.id}` }),
    rule: (c, company) => (company.exists ? OK : HIDDEN),
  }),
  createClientCompany: fx({
    targets: NO_TARGET,
    subject: () => ({}),
    rest: (c) => ({ path: "/client-companies", body: { name: `Matrix company by ${c.persona.key}` } }),
    rule: () => OK,
  }),
  updateClientCompany: fx({
    targets: ["-", "ghost"],
    subject: async (c) =>
      c.target === "ghost"
        ? { id: randomUUID(), exists: false }
        : { id: await c.world.make.company(c.label), exists: true },
    rest: (_c, company) => ({ path: `/client-companies/${company.id}`, body: { nameEn: "Matrix renamed" } }),
    rule: (c, company) => (company.exists ? OK : HIDDEN),
    state: (prisma, company) => prisma.clientCompany.findUnique({ where: { id: company.id } }),
  }),

  // Work orders
  listWorkOrders: fx({
    // unfiltered (every item must be visible), and filtered to one side's order (present exactly when visible)
    targets: ["-", "A", "B"],
    subject: (c) => c.side?.order ?? null,
    rest: (c) => ({
      path: c.side ? `/work-orders?q=${encodeURIComponent(`Matrix order ${c.side.key}`)}` : "/work-orders?limit=100",
    }),
    rule: () => OK,
    check: async (c, order, body) => {
      const items = itemsOf<{ id: string; clientCompany: { id: string }; title: string }>(body);
      const tasks = await c.world.t.db.prisma.task.findMany({
        where: { workOrderId: { in: items.map((i) => i.id) } },
        select: { workOrderId: true, assigneeId: true },
      });
      const problems = items
        .filter(
          (i) =>
            !seesOrder(c, {
              id: i.id,
              exists: true,
              clientCompanyId: i.clientCompany.id,
              status: "in_progress",
              assigneeIds: tasks
                .filter((x) => x.workOrderId === i.id)
                .flatMap((x) => (x.assigneeId ? [x.assigneeId] : [])),
            }),
        )
        .map((i) => `listed order ${i.id} (${i.title}) is outside the caller's scope`);
      if (order && items.some((i) => i.id === order.id) !== seesOrder(c, order))
        problems.push(`side ${c.target}'s order ${seesOrder(c, order) ? "missing" : "listed"}`);
      return problems;
    },
  }),
  createWorkOrder: fx({
    // the company the order is for: none named, a side's, or one that does not exist
    targets: ["-", "A", "B", "ghost"],
    subject: (c) =>
      c.target === "-"
        ? { companyId: undefined, exists: false }
        : fromSide(
            c,
            (s) => ({ companyId: s.companyId as string | undefined, exists: true }),
            () => ({ companyId: randomUUID(), exists: false }),
          ),
    rest: (c, s) => ({
      path: "/work-orders",
      body: {
        title: `Matrix submitted by ${c.persona.key}`,
        dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        ...(s.companyId ? { clientCompanyId: s.companyId } : {}),
      },
    }),
    rule: (c, s) => {
      const decision = c.p.mayOrderFor(caller(c), s.companyId);
      if (decision === "refused") return "validation.failed";
      if (decision === "own") return OK;
      return s.exists ? OK : "validation.failed"; // staff name an existing, active company
    },
  }),
  getWorkOrder: fx({
    targets: SIDES,
    subject: (c) => fromSide<OrderFacts>(c, (s) => s.order, ghostOrder),
    rest: (_c, order) => ({ path: `/work-orders/${order.id}` }),
    rule: (c, order) => (seesOrder(c, order) ? OK : HIDDEN),
    check: (_c, order, body) => ((body as { id: string }).id === order.id ? [] : ["another order"]),
  }),
  updateWorkOrder: fx({
    // a requested order: the one state in which its client may still change it
    targets: SIDES,
    subject: async (c) => (await freshOrder(c, "requested")).order,
    rest: (_c, order) => ({ path: `/work-orders/${order.id}`, body: { title: "Matrix order, retitled" } }),
    rule: (c, order) => {
      if (!seesOrder(c, order)) return HIDDEN;
      const may = c.p.mayEditOrder(caller(c), order, ["title"]);
      return may.ok ? OK : may.reason === "fields" ? "auth.forbidden" : "work_order.not_editable";
    },
    state: (prisma, order) =>
      prisma.workOrder.findUnique({ where: { id: order.id }, select: { title: true, version: true } }),
  }),

  // Tasks
  createTasks: fx({
    targets: SIDES,
    subject: async (c) => (await freshOrder(c, "in_progress")).order,
    rest: (c, order) => ({
      path: `/work-orders/${order.id}/tasks`,
      body: { tasks: [{ title: "Matrix task", assigneeId: (c.side ?? c.world.sides.A).crewId, estimateMinutes: 30 }] },
    }),
    rule: (c, order) => (!seesOrder(c, order) ? HIDDEN : c.p.mayManageWork(caller(c)) ? OK : "auth.forbidden"),
    state: (prisma, order) => prisma.task.count({ where: { workOrderId: order.id } }),
  }),
  listTasks: fx({
    // unfiltered (every item must be visible), and one side's order (exactly the visible tasks)
    targets: ["-", "A", "B"],
    subject: (c) => c.side,
    rest: (c) => ({ path: c.side ? `/tasks?workOrderId=${c.side.order.id}` : "/tasks?limit=100" }),
    rule: () => OK,
    check: (c, side, body) => {
      const items = itemsOf<{
        id: string;
        assignee: { id: string } | null;
        workOrder: { id: string; clientCompanyId: string };
      }>(body);
      const problems = items
        .filter(
          (x) =>
            !seesTask(c, {
              id: x.id,
              exists: true,
              workOrderId: x.workOrder.id,
              clientCompanyId: x.workOrder.clientCompanyId,
              assigneeId: x.assignee?.id ?? null,
            }),
        )
        .map((x) => `listed task ${x.id} is outside the caller's scope`);
      if (side) {
        const expected = [side.task, side.otherTask]
          .filter((x) => seesTask(c, x))
          .map((x) => x.id)
          .sort();
        const got = items.map((x) => x.id).sort();
        if (expected.join() !== got.join())
          problems.push(
            `tasks of side ${side.key}'s order: got ${got.join(",") || "none"}, expected ${expected.join(",") || "none"}`,
          );
      }
      return problems;
    },
  }),
  getTask: fx({
    targets: SIDES,
    variants: ["the side's crew persona's", "another crew member's"],
    subject: (c) =>
      fromSide<TaskFacts>(c, (s) => (c.variant === "another crew member's" ? s.otherTask : s.task), ghostTask),
    rest: (_c, task) => ({ path: `/tasks/${task.id}` }),
    rule: (c, task) => (seesTask(c, task) ? OK : HIDDEN),
  }),
  updateTask: fx({
    // start the work: what an assignee may do on their own task
    targets: SIDES,
    subject: async (c) => (await freshOrder(c, "in_progress")).task,
    rest: (_c, task) => ({ path: `/tasks/${task.id}`, body: { version: 1, status: "doing" } }),
    rule: (c, task) =>
      !seesTask(c, task)
        ? HIDDEN
        : c.p.mayEditTask(caller(c), { fields: ["version", "status"], status: "doing" }).ok
          ? OK
          : "auth.forbidden",
    state: (prisma, task) =>
      prisma.task.findUnique({ where: { id: task.id }, select: { status: true, version: true } }),
  }),
  listProgressUpdates: fx({
    targets: SIDES,
    subject: (c) => fromSide<TaskFacts>(c, (s) => s.task, ghostTask),
    rest: (_c, task) => ({ path: `/tasks/${task.id}/progress` }),
    rule: (c, task) => (seesTask(c, task) ? OK : HIDDEN),
  }),
  createProgressUpdate: fx({
    targets: SIDES,
    subject: async (c) => (await freshOrder(c, "in_progress")).task,
    rest: (_c, task) => ({
      path: `/tasks/${task.id}/progress`,
      body: { percent: 10, note: "Matrix: 12 of 120", minutesSpent: 15 },
    }),
    rule: (c, task) => (!seesTask(c, task) ? HIDDEN : c.p.mayLogProgress(caller(c), task) ? OK : "auth.forbidden"),
    state: (prisma, task) =>
      prisma.task.findUnique({ where: { id: task.id }, select: { status: true, version: true, progress: true } }),
  }),

  // Deliverables and feedback
  listDeliverables: fx({
    targets: SIDES,
    subject: (c) =>
      fromSide(
        c,
        (s) => ({ order: s.order as OrderFacts, unreleased: s.unreleasedFile.id }),
        () => ({ order: ghostOrder(), unreleased: "" }),
      ),
    rest: (_c, s) => ({ path: `/work-orders/${s.order.id}/deliverables` }),
    rule: (c, s) => (seesOrder(c, s.order) ? OK : HIDDEN),
    check: (c, s, body) => {
      const items = itemsOf<{ id: string; releasedAt: string | null }>(body);
      const seesUnreleased = c.p.seesUnreleasedDeliverables(caller(c));
      const problems = seesUnreleased
        ? []
        : items.filter((d) => d.releasedAt === null).map((d) => `unreleased deliverable ${d.id} listed`);
      if (items.some((d) => d.id === s.unreleased) !== seesUnreleased)
        problems.push(`the unreleased file ${seesUnreleased ? "missing" : "listed"}`);
      return problems;
    },
  }),
  createDeliverable: fx({
    targets: SIDES,
    subject: async (c) => (await freshOrder(c, "in_progress")).order,
    rest: (_c, order) => ({
      path: `/work-orders/${order.id}/deliverables`,
      body: { title: "Matrix deliverable", url: "https://files.example/matrix.xlsx" },
    }),
    rule: (c, order) => (!seesOrder(c, order) ? HIDDEN : c.p.mayAddDeliverable(caller(c)) ? OK : "auth.forbidden"),
    state: (prisma, order) => prisma.deliverable.count({ where: { workOrderId: order.id } }),
  }),
  downloadDeliverable: fx({
    targets: SIDES,
    variants: ["not yet released", "released"],
    subject: (c) =>
      fromSide<DeliverableFacts>(
        c,
        (s) => (c.variant === "released" ? s.releasedFile : s.unreleasedFile),
        ghostDeliverable,
      ),
    rest: (_c, d) => ({ path: `/deliverables/${d.id}/file` }),
    rule: (c, d) => (seesDeliverable(c, d) ? OK : HIDDEN),
  }),
  listFeedback: fx({
    targets: SIDES,
    subject: (c) => fromSide<OrderFacts>(c, (s) => s.order, ghostOrder),
    rest: (_c, order) => ({ path: `/work-orders/${order.id}/feedback` }),
    rule: (c, order) => (seesOrder(c, order) ? OK : HIDDEN),
  }),
  createFeedback: fx({
    targets: SIDES,
    subject: async (c) => (await freshOrder(c, "in_progress")).order,
    rest: (_c, order) => ({
      path: `/work-orders/${order.id}/feedback`,
      body: { verdict: "comment", rating: 5, comment: "Matrix: thank you" },
    }),
    rule: (c, order) => (!seesOrder(c, order) ? HIDDEN : c.p.mayGiveFeedback(caller(c)) ? OK : "auth.forbidden"),
    state: (prisma, order) => prisma.feedback.count({ where: { workOrderId: order.id } }),
  }),

  // A person's own data
  listCheckIns: fx({
    // one person's (a side's crew persona, or nobody), and the whole day's list
    targets: ["-", "A", "B", "ghost"],
    subject: (c) => (c.target === "-" ? null : fromSide<PersonFacts>(c, (s) => s.crew, ghostPerson)),
    rest: (_c, person) => ({ path: person ? `/check-ins?userId=${person.id}` : "/check-ins" }),
    rule: (c, person) => (!person || fullPersonalAccess(c, person) ? OK : HIDDEN),
    check: (c, _person, body) =>
      itemsOf<{ user: { id: string } }>(body)
        .filter(
          (x) =>
            !fullPersonalAccess(c, {
              id: x.user.id,
              exists: true,
              role: "crew",
              teamId: c.world.users.get(x.user.id)?.teamId ?? null,
            }),
        )
        .map((x) => `check-in of ${x.user.id} listed`),
  }),
  putMyCheckIn: fx({
    targets: NO_TARGET,
    subject: () => ({}),
    // the note keeps the persona's marker, so later reads still find it
    rest: (c) => ({
      path: "/check-ins/today",
      body: { condition: "good", note: healthMarker(c.persona.user?.id ?? randomUUID(), "check-in") },
    }),
    rule: () => OK,
  }),
  listUserCheckIns: fx({
    targets: SIDES,
    subject: (c) => fromSide<PersonFacts>(c, (s) => s.crew, ghostPerson),
    rest: (_c, person) => ({ path: `/users/${person.id}/check-ins` }),
    rule: (c, person) => (fullPersonalAccess(c, person) ? OK : HIDDEN),
  }),
  listAccommodations: fx({
    targets: SIDES,
    subject: (c) => fromSide<PersonFacts>(c, (s) => s.crew, ghostPerson),
    rest: (_c, person) => ({ path: `/users/${person.id}/accommodations` }),
    // issue 12: another team's manager reads the shared parts (access "shared"); others are not found
    rule: (c, person) => (person.exists && c.p.accommodationAccess(caller(c), person) !== "none" ? OK : HIDDEN),
  }),
  createAccommodation: fx({
    targets: SIDES,
    // a title of its own per case: other personas write for the same person meanwhile
    subject: (c) => {
      const person = fromSide<PersonFacts>(c, (s) => s.crew, ghostPerson);
      return { person, title: `${healthMarker(person.id, "accommodation")} (${c.label})` };
    },
    rest: (_c, s) => ({
      path: `/users/${s.person.id}/accommodations`,
      body: { title: s.title, note: "Matrix: breaks every 50 minutes" },
    }),
    // issue 12: who sees the record in full may be asked; only who may write what is agreed records it
    rule: (c, s) =>
      !s.person.exists || s.person.role !== "crew" || c.p.accommodationAccess(caller(c), s.person) !== "full"
        ? HIDDEN
        : c.p.mayWriteAccommodation(caller(c), s.person)
          ? OK
          : "auth.forbidden",
    state: (prisma, s) => prisma.accommodation.count({ where: { title: s.title } }),
  }),
  updateAccommodation: fx({
    targets: SIDES,
    // a fresh record per case (version 1), so that no case changes what another reads
    subject: async (c) => {
      const person = fromSide<PersonFacts>(c, (s) => s.crew, ghostPerson);
      if (!c.side) return { person, id: randomUUID() };
      const p = c.world.t.db.prisma;
      const a = await p.accommodation.create({
        data: {
          userId: person.id,
          writtenById: c.side.managerId,
          title: `${healthMarker(person.id, "accommodation")} (${c.label})`,
        },
      });
      return { person, id: a.id };
    },
    rest: (_c, s) => ({ path: `/accommodations/${s.id}`, body: { version: 1, agreement: { hours: "Matrix: 10–16" } } }),
    rule: (c, s) =>
      !s.person.exists || c.p.accommodationAccess(caller(c), s.person) !== "full"
        ? HIDDEN
        : c.p.mayWriteAccommodation(caller(c), s.person)
          ? OK
          : "auth.forbidden",
    state: (prisma, s) =>
      prisma.accommodation.findUnique({ where: { id: s.id }, select: { hours: true, version: true } }),
  }),
  listAccommodationRevisions: fx({
    targets: SIDES,
    subject: async (c) => {
      const person = fromSide<PersonFacts>(c, (s) => s.crew, ghostPerson);
      const a = c.side
        ? await c.world.t.db.prisma.accommodation.findFirst({
            where: { userId: person.id, title: healthMarker(person.id, "accommodation") },
          })
        : null;
      return { person, id: a?.id ?? randomUUID() };
    },
    rest: (_c, s) => ({ path: `/accommodations/${s.id}/revisions` }),
    rule: (c, s) => (s.person.exists && c.p.accommodationAccess(caller(c), s.person) === "full" ? OK : HIDDEN),
  }),
  listMyRecordViews: fx({
    targets: NO_TARGET,
    subject: () => ({}),
    rest: () => ({ path: "/me/record-views" }),
    rule: (c) => (c.p.mayReadRecordViews(caller(c), caller(c)) ? OK : "auth.forbidden"),
    // the audited reads of the caller's own record: who looked, never what they saw
    notPeopleData: "names who read the caller's record (colleagues), never the record itself",
    check: async (c, _s, body) => {
      const me = caller(c).id;
      const ids = itemsOf<{ id: string }>(body).map((x) => x.id);
      const rows = await c.world.t.db.prisma.auditEvent.findMany({ where: { id: { in: ids } } });
      return rows
        .filter(
          (r) =>
            r.actorId === me ||
            (r.entityId !== me && !((r.metadata as { userIds?: string[] }).userIds ?? []).includes(me)),
        )
        .map((r) => `audit row ${r.id} is not a read of ${me}'s record by someone else`);
    },
  }),

  // Audit
  listAuditEvents: fx({
    targets: NO_TARGET,
    subject: () => ({}),
    rest: () => ({ path: "/audit-events?limit=5" }),
    rule: (c) => (c.p.mayReadAuditLog(caller(c)) ? OK : "auth.forbidden"),
  }),
  exportAuditEvents: fx({
    targets: NO_TARGET,
    subject: () => ({}),
    rest: () => ({ path: "/audit-events/export?action=accommodation.create" }),
    rule: (c) => (c.p.mayReadAuditLog(caller(c)) ? OK : "auth.forbidden"),
  }),

  // Socket.IO: rooms
  joinRoom: fx({
    ...roomCases,
    subject: (c) => roomOf(c),
    socket: (_c, room) => ({ room }),
    rule: (c, room) => joinRule(c, room),
  }),
  requestSync: fx({
    ...roomCases,
    // the room's last few events (a full replay of the busy board would only slow the matrix down)
    subject: async (c) => {
      const room = roomOf(c);
      const latest = (await c.world.t.db.prisma.roomSequence.findUnique({ where: { room } }))?.lastSeq ?? 0;
      return { room, after: Math.max(0, latest - 10) };
    },
    socket: (_c, s) => ({ rooms: { [s.room]: s.after } }),
    rule: (c, s) => joinRule(c, s.room),
    outcomeOf: (answer, s) => {
      if (!answer.ok) return answer.error.code as Outcome;
      const result = (answer.data as { rooms: Record<string, { error?: ErrorCode }> }).rooms[s.room];
      return result?.error ?? OK;
    },
  }),

  // Socket.IO: chat
  listChatRooms: fx({
    targets: NO_TARGET,
    subject: () => ({}),
    socket: () => ({}),
    rule: () => OK,
    check: (c, _s, data) =>
      itemsOf<{ id: string; members: { id: string }[] }>(data)
        .filter((room) => !c.p.listsChatRoom(room, caller(c)))
        .map((room) => `room ${room.id} listed to a non-member`),
  }),
  talkToManager: fx({
    // a side's manager by name, a manager id that does not exist, or "whoever is free" (-)
    targets: ["-", "A", "B", "ghost"],
    subject: (c) =>
      c.target === "-"
        ? { managerId: undefined as string | undefined, exists: true }
        : fromSide(
            c,
            (s) => ({ managerId: s.managerId as string | undefined, exists: true }),
            () => ({ managerId: randomUUID(), exists: false }),
          ),
    socket: (_c, s) => (s.managerId ? { managerId: s.managerId } : {}),
    rule: (c, s) => (s.managerId === caller(c).id || !s.exists ? "validation.failed" : OK),
  }),
  sendMessage: fx({
    targets: SIDES,
    subject: (c) =>
      fromSide(
        c,
        (s) => s.order.chatRoomId,
        () => randomUUID(),
      ),
    socket: (_c, roomId) => ({ roomId, body: "Matrix: hello", clientKey: randomUUID() }),
    rule: async (c, roomId) => {
      const facts = await c.world.chatFacts(roomId);
      if (facts.exists && c.p.supportTakenByAnother(facts, caller(c))) return "chat_room.taken";
      return facts.exists && c.p.takesPartInChat(facts, caller(c)) ? OK : HIDDEN;
    },
  }),
  editMessage: fx({
    targets: SIDES,
    variants: ["own", "another's"],
    subject: (c) => messageSubject(c),
    socket: (_c, m) => ({ messageId: m.id, body: "Matrix: edited" }),
    rule: (c, m) => messageRule(c, m, "edit"),
    state: messageState,
  }),
  deleteMessage: fx({
    targets: SIDES,
    variants: ["own", "another's"],
    subject: (c) => messageSubject(c),
    socket: (_c, m) => ({ messageId: m.id }),
    rule: (c, m) => messageRule(c, m, "delete"),
    state: messageState,
  }),
  listMessages: fx({
    targets: SIDES,
    subject: (c) =>
      fromSide(
        c,
        (s) => s.order.chatRoomId,
        () => randomUUID(),
      ),
    socket: (_c, roomId) => ({ roomId, limit: 5 }),
    rule: (c, roomId) => chatReadRule(c, roomId),
  }),
  markRead: fx({
    targets: SIDES,
    subject: (c) => fromSide(c, (s) => s.message, ghostMessage),
    socket: (_c, m) => ({ roomId: m.roomId, messageId: m.id }),
    rule: (c, m) => chatReadRule(c, m.roomId),
  }),
  setTyping: fx({
    targets: SIDES,
    subject: (c) =>
      fromSide(
        c,
        (s) => s.order.chatRoomId,
        () => randomUUID(),
      ),
    socket: (_c, roomId) => ({ roomId, typing: true }),
    rule: (c, roomId) => chatReadRule(c, roomId),
  }),

  // Socket.IO: the usual reply time (one company-wide figure: everyone signed in may ask)
  replyTime: fx({ targets: NO_TARGET, subject: () => ({}), socket: () => ({}), rule: () => OK }),

  // Socket.IO: presence
  setPresence: fx({ targets: NO_TARGET, subject: () => ({}), socket: () => ({ status: "online" }), rule: () => OK }),
  listPresence: fx({
    targets: NO_TARGET,
    subject: () => ({}),
    socket: () => ({}),
    rule: () => OK,
    check: (c, _s, data) =>
      c.p.maySeeTodayPlace(caller(c))
        ? []
        : itemsOf<{ user: { id: string }; place: string | null }>(data)
            .filter((x) => x.place !== null)
            .map((x) => `where ${x.user.id} works today was shown`),
  }),

  // ---- issue 11: follow-through (inbox, notification choices, follow-ups, praise) ----
  ...followThroughFixtures(),

  // ---- issue 10: dispatch (work profiles and load) ----
  listWorkProfiles: fx({
    targets: NO_TARGET,
    subject: () => ({}),
    rest: () => ({ path: "/work-profiles" }),
    rule: () => OK,
  }),
  getWorkProfile: fx({
    targets: SIDES,
    subject: (c) => fromSide<PersonFacts>(c, (s) => s.crew, ghostPerson),
    rest: (_c, person) => ({ path: `/users/${person.id}/work-profile` }),
    rule: (c, person) => (person.exists && c.p.mayReadWorkProfile(caller(c), person) ? OK : HIDDEN),
  }),
  putWorkProfile: fx({
    targets: SIDES,
    // a crew member of the side's team made for this case alone: other personas write meanwhile
    subject: (c) => (c.side ? c.world.make.user(c.side.key, c.label) : ghostPerson()),
    rest: (_c, person) => ({
      path: `/users/${person.id}/work-profile`,
      body: { weeklyMinutes: 2400, workingDays: [1, 2, 3, 4, 5], skills: ["data_entry"] },
    }),
    rule: (c, person) =>
      person.exists && c.p.mayReadWorkProfile(caller(c), person) && c.p.mayEditWorkProfile(caller(c)) ? OK : HIDDEN,
    state: (prisma, person) =>
      prisma.user.findUnique({
        where: { id: person.id },
        select: { weeklyMinutes: true, workingDays: true, skills: true },
      }),
  }),
  answerNomination: fx({
    targets: SIDES,
    // an order of its own per case, nominating the side's crew persona
    subject: async (c) => {
      const { order } = await freshOrder(c, "requested");
      if (c.side)
        await c.world.t.db.prisma.workOrder.update({
          where: { id: order.id },
          data: { nominatedCrewId: c.side.crewId },
        });
      return order;
    },
    rest: (_c, order) => ({
      path: `/work-orders/${order.id}/nomination-answer`,
      body: { answer: "declined", reason: "Matrix: fully booked this week" },
    }),
    rule: (c, order) => (seesOrder(c, order) && c.p.mayAnswerNomination(caller(c)) ? OK : HIDDEN),
    state: (prisma, order) =>
      prisma.workOrder.findUnique({ where: { id: order.id }, select: { nominationAnswer: true, version: true } }),
  }),
  listTaskSuggestions: fx({
    targets: SIDES,
    subject: (c) => fromSide<TaskFacts>(c, (s) => s.task, ghostTask),
    rest: (_c, task) => ({ path: `/tasks/${task.id}/suggestions` }),
    rule: (c, task) => (seesTask(c, task) ? OK : HIDDEN),
  }),
  listWorkOrderSuggestions: fx({
    targets: SIDES,
    subject: (c) => fromSide<OrderFacts>(c, (s) => s.order, ghostOrder),
    rest: (_c, order) => ({ path: `/work-orders/${order.id}/suggestions` }),
    rule: (c, order) => (seesOrder(c, order) ? OK : HIDDEN),
  }),
  // ---- issue 15: personal data (APPI) ----
  exportUserData: fx({
    targets: SIDES,
    subject: (c) => (c.side ? c.world.make.user(c.side.key, c.label) : ghostPerson()),
    rest: (_c, person) => ({ path: `/users/${person.id}/personal-data` }),
    rule: (c, person) => (person.exists && c.p.mayExportPersonalData(caller(c), person) ? OK : HIDDEN),
  }),
  exportUserDataCsv: fx({
    targets: SIDES,
    subject: (c) => (c.side ? c.world.make.user(c.side.key, c.label) : ghostPerson()),
    rest: (_c, person) => ({ path: `/users/${person.id}/personal-data/csv` }),
    rule: (c, person) => (person.exists && c.p.mayExportPersonalData(caller(c), person) ? OK : HIDDEN),
  }),
  eraseUserData: fx({
    targets: SIDES,
    // a person who left (erasing an active one is refused: error-probes.ts)
    subject: async (c) => {
      if (!c.side) return ghostPerson();
      const person = await c.world.make.user(c.side.key, c.label);
      await c.world.t.db.prisma.user.update({
        where: { id: person.id },
        data: { active: false, deactivatedAt: new Date() },
      });
      return person;
    },
    rest: (_c, person) => ({ path: `/users/${person.id}/erase` }),
    rule: (c, person) => (person.exists && c.p.mayErasePersonalData(caller(c)) ? OK : HIDDEN),
    state: (prisma, person) =>
      prisma.user.findUnique({ where: { id: person.id }, select: { name: true, email: true } }),
  }),
  exportClientCompanyData: fx({
    targets: SIDES,
    subject: (c) =>
      fromSide(
        c,
        (s) => ({ id: s.companyId, exists: true }),
        () => ({ id: randomUUID(), exists: false }),
      ),
    rest: (_c, company) => ({ path: `/client-companies/${company.id}/export` }),
    rule: (c, company) => (company.exists && c.p.mayExportClientCompanyData(caller(c)) ? OK : HIDDEN),
  }),
  // ---- issue 10: urgent offers ----
  ...urgentOfferFixtures(),
  // ---- issue 12: monthly reports for clients ----
  ...reportFixtures(),
} satisfies { [N in OperationName]: Fixture<any> };

export type FixtureOf<N extends OperationName> = (typeof FIXTURES)[N];

// ---- issue 11: follow-through ------------------------------------------------------------------

interface FollowUpFacts {
  id: string;
  exists: boolean;
  clientCompanyId: string;
}

/** A fresh follow-up on a side's order in progress (a 2 from the side's client), or a ghost. */
async function makeFollowUp(c: CaseContext): Promise<FollowUpFacts> {
  if (!c.side) return { id: randomUUID(), exists: false, clientCompanyId: randomUUID() };
  const p = c.world.t.db.prisma;
  const feedback = await p.feedback.create({
    data: {
      workOrderId: c.side.order.id,
      authorId: c.side.clientId,
      verdict: "comment",
      rating: 2,
      comment: `Matrix complaint (${c.label})`,
    },
  });
  const f = await p.followUp.create({
    data: {
      feedbackId: feedback.id,
      ownerId: c.side.managerId,
      dueAt: new Date(Date.now() + 86_400_000),
      stepRows: { create: { step: "acknowledged" } },
    },
  });
  return { id: f.id, exists: true, clientCompanyId: c.side.companyId };
}

const seesFollowUp = (c: CaseContext, f: FollowUpFacts) => {
  if (!f.exists) return false;
  const scope = c.p.followUpScope(caller(c));
  return scope.kind === "all" || (scope.kind === "company" && scope.clientCompanyId === f.clientCompanyId);
};

/** A follow-up as the caller reads it: whole for staff; a client's view has no internal notes and only the steps that concern them. */
function followUpViewProblems(
  c: CaseContext,
  item: { id: string; view: string; steps: { step: string; note?: string }[] },
): string[] {
  const view = c.p.followUpView(caller(c));
  const problems: string[] = [];
  if (item.view !== view) problems.push(`follow-up ${item.id} in the ${item.view} view, expected ${view}`);
  if (view === "client") {
    for (const s of item.steps) {
      if (s.note !== undefined) problems.push(`follow-up ${item.id}: a client received the internal note of ${s.step}`);
      if (!c.p.isClientFollowUpStep(s.step as never))
        problems.push(`follow-up ${item.id}: a client received the step ${s.step}`);
    }
  }
  return problems;
}

function followThroughFixtures() {
  return {
    listNotifications: fx({
      targets: NO_TARGET,
      subject: () => ({}),
      rest: () => ({ path: "/notifications?limit=100" }),
      rule: () => OK,
      check: async (c, _s, body) => {
        const ids = itemsOf<{ id: string }>(body).map((n) => n.id);
        const rows = await c.world.t.db.prisma.notification.findMany({
          where: { id: { in: ids } },
          select: { id: true, userId: true },
        });
        return rows
          .filter((r) => !c.p.mayReadNotification(caller(c), r))
          .map((r) => `notification ${r.id} of ${r.userId} listed`);
      },
    }),
    markAllNotificationsRead: fx({
      targets: NO_TARGET,
      subject: () => ({}),
      rest: () => ({ path: "/notifications/read-all" }),
      rule: () => OK,
    }),
    markNotificationRead: fx({
      // the caller's own unread notification (-), or one of a crew member of a side's team, made for
      // this case (a persona's own would be marked read meanwhile by their markAllNotificationsRead case)
      targets: ["-", "A", "B", "ghost"],
      subject: async (c) => {
        if (c.target === "-" && c.persona.user) {
          const own = await c.world.t.db.prisma.notification.create({
            data: { userId: c.persona.user.id, kind: "task.assigned", data: { title: `Matrix own (${c.label})` } },
          });
          return { id: own.id, exists: true, userId: own.userId };
        }
        if (!c.side) return { id: randomUUID(), exists: false, userId: randomUUID() };
        const person = await c.world.make.user(c.side.key, c.label);
        const n = await c.world.t.db.prisma.notification.create({
          data: { userId: person.id, kind: "task.assigned", data: { title: `Matrix (${c.label})` } },
        });
        return { id: n.id, exists: true, userId: n.userId };
      },
      rest: (_c, n) => ({ path: `/notifications/${n.id}/read` }),
      rule: (c, n) => (n.exists && c.p.mayReadNotification(caller(c), n) ? OK : HIDDEN),
      state: (prisma, n) => prisma.notification.findUnique({ where: { id: n.id }, select: { readAt: true } }),
    }),
    getNotificationPreferences: fx({
      targets: NO_TARGET,
      ownSettings: true,
      subject: () => ({}),
      rest: () => ({ path: "/me/notification-preferences" }),
      rule: () => OK,
    }),
    updateNotificationPreferences: fx({
      targets: NO_TARGET,
      ownSettings: true,
      subject: () => ({}),
      rest: () => ({ path: "/me/notification-preferences", body: { choices: { praise: "live" } } }),
      rule: () => OK,
    }),
    listMyPraise: fx({
      targets: NO_TARGET,
      subject: () => ({}),
      rest: () => ({ path: "/me/praise" }),
      rule: (c) => (c.p.mayReadOwnPraise(caller(c)) ? OK : "auth.forbidden"),
      check: async (c, _s, body) => {
        const orders = itemsOf<{ workOrder: { id: string } }>(body).map((x) => x.workOrder.id);
        const mine = await c.world.t.db.prisma.task.findMany({
          where: { workOrderId: { in: orders }, assigneeId: caller(c).id },
          select: { workOrderId: true },
        });
        return orders
          .filter((o) => !mine.some((t) => t.workOrderId === o))
          .map((o) => `praise of order ${o}, which the caller did not work on`);
      },
    }),
    getFollowUpStats: fx({
      targets: NO_TARGET,
      subject: () => ({}),
      rest: () => ({ path: "/follow-ups/stats" }),
      rule: (c) => (c.p.mayReadFollowUpStats(caller(c)) ? OK : "auth.forbidden"),
    }),
    listFollowUps: fx({
      targets: NO_TARGET,
      subject: () => ({}),
      rest: () => ({ path: "/follow-ups?limit=100" }),
      rule: () => OK,
      check: (c, _s, body) =>
        itemsOf<{
          id: string;
          view: string;
          steps: { step: string; note?: string }[];
          workOrder: { clientCompanyId: string };
        }>(body).flatMap((item) => [
          ...(seesFollowUp(c, { id: item.id, exists: true, clientCompanyId: item.workOrder.clientCompanyId })
            ? []
            : [`follow-up ${item.id} listed outside the caller's scope`]),
          ...followUpViewProblems(c, item),
        ]),
    }),
    getFollowUp: fx({
      targets: SIDES,
      subject: (c) => makeFollowUp(c),
      rest: (_c, f) => ({ path: `/follow-ups/${f.id}` }),
      rule: (c, f) => (seesFollowUp(c, f) ? OK : HIDDEN),
      check: (c, _f, body) =>
        followUpViewProblems(c, body as { id: string; view: string; steps: { step: string; note?: string }[] }),
    }),
    recordFollowUpStep: fx({
      targets: SIDES,
      subject: (c) => makeFollowUp(c),
      rest: (_c, f) => ({
        path: `/follow-ups/${f.id}/steps`,
        body: { step: "listened", note: "Matrix: heard the client out" },
      }),
      rule: (c, f) => (!seesFollowUp(c, f) ? HIDDEN : c.p.mayHandleFollowUps(caller(c)) ? OK : "auth.forbidden"),
      state: (prisma, f) => prisma.followUp.findUnique({ where: { id: f.id }, select: { status: true, dueAt: true } }),
    }),
  };
}

// ---- issue 10: urgent offers ------------------------------------------------------------------

interface OfferFacts {
  id: string;
  exists: boolean;
  /** the crew asked: the side's crew persona */
  recipientIds: string[];
  task: TaskFacts;
}

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];

/** A side's accepted order with a task nobody has (fresh for the case), or a ghost. */
async function unassignedTask(c: CaseContext): Promise<TaskFacts> {
  const { task } = await freshOrder(c, "accepted");
  if (!task.exists) return task;
  await c.world.t.db.prisma.task.update({ where: { id: task.id }, data: { assigneeId: null } });
  return { ...task, assigneeId: null };
}

/** A crew member of the side's team who works every day (eligible whatever day the matrix runs). */
async function everyDayCrew(c: CaseContext): Promise<string> {
  const person = c.side ? await c.world.make.user(c.side.key, c.label) : ghostPerson();
  if (person.exists)
    await c.world.t.db.prisma.user.update({ where: { id: person.id }, data: { workingDays: ALL_DAYS } });
  return person.id;
}

/** A fresh offer of a side's task to the side's crew persona: open, or expired waiting for the manager. */
async function makeOffer(c: CaseContext, state: "open" | "expired"): Promise<OfferFacts> {
  const task = await unassignedTask(c);
  if (!c.side || !task.exists) return { id: randomUUID(), exists: false, recipientIds: [], task };
  const expired = state === "expired";
  const o = await c.world.t.db.prisma.urgentOffer.create({
    data: {
      taskId: task.id,
      createdById: c.side.managerId,
      deadlineAt: new Date(Date.now() + (expired ? -60_000 : 3_600_000)),
      status: state,
      endedAt: expired ? new Date() : null,
      endReason: expired ? "all_declined" : null,
      clientNoticeDueAt: expired ? new Date(Date.now() + 15 * 60_000) : null,
      recipients: {
        create: {
          userId: c.side.crewId,
          response: expired ? "declined" : null,
          respondedAt: expired ? new Date() : null,
        },
      },
    },
  });
  return { id: o.id, exists: true, recipientIds: [c.side.crewId], task };
}

const seesOffer = (c: CaseContext, o: { exists: boolean; recipientIds: readonly string[] }) => {
  if (!o.exists) return false;
  const scope = c.p.urgentOfferScope(caller(c));
  return scope.kind === "all" || (scope.kind === "assignee" && o.recipientIds.includes(scope.userId));
};

function offerState(prisma: PrismaClient, o: OfferFacts) {
  return prisma.urgentOffer.findUnique({
    where: { id: o.id },
    select: { status: true, managerAction: true, clientToldAt: true, version: true, recipients: true },
  });
}

/** An offer as the caller reads it: staff whole; a crew member only their own answer. */
function offerViewProblems(c: CaseContext, item: { id: string; view: string; recipients: { user: { id: string } }[] }) {
  const who = caller(c);
  const staff = c.p.seesEveryOfferAnswer(who);
  const problems: string[] = [];
  if (item.view !== (staff ? "staff" : "recipient")) problems.push(`offer ${item.id} in the ${item.view} view`);
  if (!staff && item.recipients.some((r) => r.user.id !== who.id))
    problems.push(`offer ${item.id}: a crew member saw another's answer`);
  return problems;
}

function urgentOfferFixtures() {
  return {
    createUrgentOffer: fx({
      targets: SIDES,
      subject: async (c) => ({ task: await unassignedTask(c), crewId: await everyDayCrew(c) }),
      rest: (_c, s) => ({
        path: "/urgent-offers",
        body: { taskId: s.task.id, crewIds: [s.crewId], expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
      }),
      rule: (c, s) => (!seesTask(c, s.task) ? HIDDEN : c.p.mayOfferUrgently(caller(c)) ? OK : "auth.forbidden"),
      state: (prisma, s) => prisma.urgentOffer.count({ where: { taskId: s.task.id } }),
    }),
    listUrgentOffers: fx({
      targets: NO_TARGET,
      subject: () => ({}),
      rest: () => ({ path: "/urgent-offers" }),
      rule: () => OK,
      check: async (c, _s, body) => {
        const items = itemsOf<{ id: string; view: string; recipients: { user: { id: string } }[] }>(body);
        const rows = await c.world.t.db.prisma.urgentOffer.findMany({
          where: { id: { in: items.map((i) => i.id) } },
          select: { id: true, recipients: { select: { userId: true } } },
        });
        return [
          ...rows
            .filter((r) => !seesOffer(c, { exists: true, recipientIds: r.recipients.map((x) => x.userId) }))
            .map((r) => `offer ${r.id} listed outside the caller's scope`),
          ...items.flatMap((i) => offerViewProblems(c, i)),
        ];
      },
    }),
    getUrgentOffer: fx({
      targets: SIDES,
      subject: (c) => makeOffer(c, "open"),
      rest: (_c, o) => ({ path: `/urgent-offers/${o.id}` }),
      rule: (c, o) => (seesOffer(c, o) ? OK : HIDDEN),
      check: (c, _o, body) =>
        offerViewProblems(c, body as { id: string; view: string; recipients: { user: { id: string } }[] }),
    }),
    acceptUrgentOffer: fx({
      targets: SIDES,
      subject: (c) => makeOffer(c, "open"),
      rest: (_c, o) => ({ path: `/urgent-offers/${o.id}/accept` }),
      rule: (c, o) => (o.exists && c.p.mayAnswerOffer(caller(c), o.recipientIds) ? OK : HIDDEN),
      state: offerState,
    }),
    declineUrgentOffer: fx({
      targets: SIDES,
      subject: (c) => makeOffer(c, "open"),
      rest: (_c, o) => ({ path: `/urgent-offers/${o.id}/decline` }),
      rule: (c, o) => (o.exists && c.p.mayAnswerOffer(caller(c), o.recipientIds) ? OK : HIDDEN),
      state: offerState,
    }),
    reofferUrgentOffer: fx({
      targets: SIDES,
      subject: async (c) => ({ offer: await makeOffer(c, "expired"), crewId: await everyDayCrew(c) }),
      rest: (_c, s) => ({
        path: `/urgent-offers/${s.offer.id}/reoffer`,
        body: { crewIds: [s.crewId], expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
      }),
      rule: (c, s) => (!seesOffer(c, s.offer) ? HIDDEN : c.p.mayOfferUrgently(caller(c)) ? OK : "auth.forbidden"),
      state: (prisma, s) => offerState(prisma, s.offer),
    }),
    tellClientUrgentOffer: fx({
      targets: SIDES,
      subject: (c) => makeOffer(c, "expired"),
      rest: (_c, o) => ({ path: `/urgent-offers/${o.id}/tell-client` }),
      rule: (c, o) => (!seesOffer(c, o) ? HIDDEN : c.p.mayOfferUrgently(caller(c)) ? OK : "auth.forbidden"),
      state: offerState,
    }),
  };
}

// ---- issue 12: monthly reports for clients ---------------------------------------------------

interface CompanyFacts {
  id: string;
  exists: boolean;
}
// (function declarations: reportFixtures() is spread into the fixtures above, before a const here exists)
function reportCompany(c: CaseContext): CompanyFacts {
  return fromSide<CompanyFacts>(
    c,
    (s) => ({ id: s.companyId, exists: true }),
    () => ({ id: randomUUID(), exists: false }),
  );
}
/** the company's report: its clients, managers and admins; another company's client reads it as not found */
function readsReport(c: CaseContext, company: CompanyFacts) {
  return company.exists && c.p.mayReadClientReport(caller(c), company.id) ? OK : HIDDEN;
}
/** each write case its own month (from 2040 on), so that every allowed write creates a proposal (version 0) */
let proposalMonths = 0;

function reportFixtures() {
  return {
    getClientReport: fx({
      targets: SIDES,
      subject: reportCompany,
      rest: (_c, company) => ({ path: `/client-companies/${company.id}/reports/${companyMonth()}` }),
      rule: readsReport,
    }),
    exportClientReport: fx({
      targets: SIDES,
      subject: reportCompany,
      rest: (_c, company) => ({ path: `/client-companies/${company.id}/reports/${companyMonth()}/csv` }),
      rule: readsReport,
    }),
    putReportProposal: fx({
      targets: SIDES,
      subject: (c) => ({ ...reportCompany(c), month: addCompanyMonths("2040-01", proposalMonths++) }),
      rest: (c, s) => ({
        path: `/client-companies/${s.id}/reports/${s.month}/proposal`,
        body: { body: `Matrix proposal (${c.label})`, version: 0 },
      }),
      rule: (c, s) =>
        readsReport(c, s) === OK && c.p.mayWriteReportProposal(caller(c)) ? OK : s.exists ? "auth.forbidden" : HIDDEN,
      state: (prisma, s) =>
        prisma.reportProposal.findUnique({
          where: { clientCompanyId_month: { clientCompanyId: s.id, month: s.month } },
        }),
    }),
  };
}
