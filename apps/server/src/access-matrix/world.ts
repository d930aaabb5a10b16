// The world the generated matrices run in: the seeded demo data plus, for each side (A and B), a
// company's order in progress with a task for the side's crew persona and one for another crew
// member, an unreleased file, a delivered order with a released file, a chat room with a message,
// and the side's crew persona's own data (check-in, accommodation, accessibility needs). Built
// once per test file, mostly through the API, so the rows are the ones the app itself makes.
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { companyDay, dateOfDay, type ChatRoomFacts, type WorkOrderStatus } from "@crewboard/domain";
import { DEMO_PASSWORD, hashPassword, type PrismaClient } from "@crewboard/db";
import type { TestApp } from "../test/test-app.ts";
import type { ApiClient, ApiResponse } from "../test/api-client.ts";
import { createSession, DEFAULT_SESSION_TIMEOUTS } from "../modules/auth/sessions.ts";
import {
  PERSONAS,
  PERSONA_KEYS,
  DEACTIVATED_ACCOUNT,
  type Persona,
  type PersonaKey,
  type SideKey,
} from "./personas.ts";

const EMAIL_DOMAIN = "crewboard.example";
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

/** What a rule needs to know about a work order. */
export interface OrderFacts {
  id: string;
  exists: boolean;
  clientCompanyId: string;
  assigneeIds: string[];
  status: WorkOrderStatus;
}

export interface TaskFacts {
  id: string;
  exists: boolean;
  workOrderId: string;
  clientCompanyId: string;
  assigneeId: string | null;
}

export interface PersonFacts {
  id: string;
  exists: boolean;
  role: string;
  teamId: string | null;
}

export interface DeliverableFacts {
  id: string;
  exists: boolean;
  released: boolean;
  order: OrderFacts;
}

export interface MessageFacts {
  id: string;
  exists: boolean;
  roomId: string;
  authorId: string;
}

export interface Side {
  key: SideKey;
  companyId: string;
  teamId: string;
  managerId: string;
  /** the side's crew persona (crew3 for A, crew5 for B): has a task in `order` */
  crewId: string;
  /** another crew member of the side's team with a task in `order` (not a persona) */
  otherCrewId: string;
  clientId: string;
  /** in progress: the side crew persona's task and another's, an unreleased file, a client comment */
  order: OrderFacts & { chatRoomId: string };
  task: TaskFacts;
  otherTask: TaskFacts;
  unreleasedFile: DeliverableFacts;
  /** delivered: a file the crew uploaded, released to the client by the delivery */
  releasedFile: DeliverableFacts;
  /** a message of the side's client in the order's chat room */
  message: MessageFacts;
  /** the side crew persona and their own data */
  crew: PersonFacts;
}

export interface World {
  t: TestApp;
  personas: Record<PersonaKey, Persona>;
  sides: Record<SideKey, Side>;
  /** every user's role and team, for the property checks */
  users: Map<string, { role: string; teamId: string | null; email: string; name: string; displayName: string | null }>;
  /** the argon2 hash of the demo password, to put an account's password back after a change */
  demoPasswordHash: string;
  make: Factory;
  /** a new session row for a persona's account (the deactivated persona's cookie), as a cookie value */
  sessionCookie(userId: string): Promise<string>;
  /** a chat room's facts as the chat rules read them (members read now) */
  chatFacts(roomId: string): Promise<ChatRoomFacts & { exists: boolean }>;
}

/** Targets made afresh for one case of a write, so that no case's answer depends on another's. */
export interface Factory {
  /** a side's order in `status`, created by the side's client, with a to-do task (version 1) for the side's crew persona */
  order(side: SideKey, status: WorkOrderStatus, label: string): Promise<{ order: OrderFacts; task: TaskFacts }>;
  /** a crew member of the side's team */
  user(side: SideKey, label: string): Promise<PersonFacts>;
  company(label: string): Promise<string>;
  /** a message by `authorId` in the side's order chat room */
  message(side: SideKey, authorId: string, label: string): Promise<MessageFacts>;
}

export const ghostOrder = (): OrderFacts => ({
  id: randomUUID(),
  exists: false,
  clientCompanyId: randomUUID(),
  assigneeIds: [],
  status: "in_progress",
});
export const ghostTask = (): TaskFacts => ({
  id: randomUUID(),
  exists: false,
  workOrderId: randomUUID(),
  clientCompanyId: randomUUID(),
  assigneeId: null,
});
export const ghostPerson = (): PersonFacts => ({ id: randomUUID(), exists: false, role: "crew", teamId: null });
export const ghostDeliverable = (): DeliverableFacts => ({
  id: randomUUID(),
  exists: false,
  released: true,
  order: ghostOrder(),
});
export const ghostMessage = (): MessageFacts => ({
  id: randomUUID(),
  exists: false,
  roomId: randomUUID(),
  authorId: randomUUID(),
});

export const healthMarker = (userId: string, what: "check-in" | "accommodation") =>
  `MATRIX-HEALTH ${what} of ${userId}`;

const show = (res: ApiResponse) => `${res.status} ${res.text.slice(0, 300)}`;

async function ok(res: Promise<ApiResponse>, status: number): Promise<ApiResponse> {
  const r = await res;
  expect(r.status, show(r)).toBe(status);
  return r;
}

async function buildSide(t: TestApp, key: SideKey, as: Record<string, ApiClient>): Promise<Side> {
  const p = t.db.prisma;
  const names =
    key === "A"
      ? { manager: "manager1", crew: "crew3", otherCrew: "crew1", client: "client-a1" }
      : { manager: "manager2", crew: "crew5", otherCrew: "crew6", client: "client-b1" };
  const manager = as[names.manager]!;
  const client = as[names.client]!;
  const crew = as[names.crew]!;
  const byEmail = (name: string) => p.user.findUniqueOrThrow({ where: { email: `${name}@${EMAIL_DOMAIN}` } });
  const [managerRow, crewRow, otherCrewRow, clientRow] = await Promise.all([
    byEmail(names.manager),
    byEmail(names.crew),
    byEmail(names.otherCrew),
    byEmail(names.client),
  ]);
  expect(crewRow.teamId).toBe(managerRow.teamId);
  expect(otherCrewRow.teamId).toBe(managerRow.teamId);

  // The order in progress, as the app makes it: submitted, accepted, split, started.
  const created = await ok(
    client.post("/work-orders", {
      title: `Matrix order ${key}`,
      description: `side ${key}`,
      dueAt: inDays(10).toISOString(),
    }),
    201,
  );
  const orderId: string = created.body.id;
  await ok(manager.patch(`/work-orders/${orderId}`, { status: "accepted", version: 1 }), 200);
  const split = await ok(
    manager.post(`/work-orders/${orderId}/tasks`, {
      tasks: [
        { title: `Matrix task ${key} (persona)`, assigneeId: crewRow.id, estimateMinutes: 60 },
        { title: `Matrix task ${key} (another)`, assigneeId: otherCrewRow.id, estimateMinutes: 60 },
      ],
    }),
    201,
  );
  const [taskId, otherTaskId] = split.body.items.map((x: { id: string }) => x.id) as [string, string];
  await ok(crew.post(`/tasks/${taskId}/progress`, { percent: 10, note: "started", minutesSpent: 5 }), 201);
  const file = new FormData();
  file.set("title", `Matrix file ${key} (not released)`);
  file.set("file", new Blob([`MATRIX-FILE ${key}`], { type: "text/plain" }), "matrix.txt");
  const unreleased = await ok(manager.post(`/work-orders/${orderId}/deliverables`, undefined, { raw: file }), 201);
  await ok(
    client.post(`/work-orders/${orderId}/feedback`, { verdict: "comment", comment: `Matrix comment ${key}` }),
    201,
  );
  const chat = await p.chatRoom.findUniqueOrThrow({ where: { workOrderId: orderId } });
  const message = await p.message.create({
    data: { roomId: chat.id, authorId: clientRow.id, body: `Matrix message ${key}` },
  });

  // A delivered order: the crew persona's file goes to the client with the manager's delivery.
  const delivering = await p.workOrder.create({
    data: {
      clientCompanyId: clientRow.clientCompanyId!,
      createdById: clientRow.id,
      title: `Matrix delivered order ${key}`,
      dueAt: inDays(3),
      status: "in_progress",
      acceptedAt: new Date(),
      version: 3,
      tasks: {
        create: {
          title: `Matrix done task ${key}`,
          assigneeId: crewRow.id,
          estimateMinutes: 60,
          status: "done",
          progress: 100,
        },
      },
    },
  });
  const result = new FormData();
  result.set("title", `Matrix file ${key} (released)`);
  result.set("file", new Blob([`MATRIX-RELEASED-FILE ${key}`], { type: "text/plain" }), "result.txt");
  const released = await ok(crew.post(`/work-orders/${delivering.id}/deliverables`, undefined, { raw: result }), 201);
  await ok(manager.patch(`/work-orders/${delivering.id}`, { status: "delivered" }), 200);

  // The crew persona's own data, with markers the property checks look for.
  const day = dateOfDay(companyDay());
  const note = healthMarker(crewRow.id, "check-in");
  await p.checkIn.upsert({
    where: { userId_day: { userId: crewRow.id, day } },
    create: { userId: crewRow.id, day, condition: "tired", note, place: "home", startedAt: new Date() },
    update: { condition: "tired", note },
  });
  await p.accommodation.create({
    data: {
      userId: crewRow.id,
      writtenById: managerRow.id,
      title: healthMarker(crewRow.id, "accommodation"),
      note: "agreed",
    },
  });
  if (Object.keys((crewRow.accessibility ?? {}) as object).length === 0) {
    await p.user.update({ where: { id: crewRow.id }, data: { accessibility: { reducedMotion: true } } });
  }

  const companyId = clientRow.clientCompanyId!;
  const order: Side["order"] = {
    id: orderId,
    exists: true,
    clientCompanyId: companyId,
    assigneeIds: [crewRow.id, otherCrewRow.id],
    status: "in_progress",
    chatRoomId: chat.id,
  };
  const deliveredOrder: OrderFacts = {
    id: delivering.id,
    exists: true,
    clientCompanyId: companyId,
    assigneeIds: [crewRow.id],
    status: "delivered",
  };
  return {
    key,
    companyId,
    teamId: managerRow.teamId!,
    managerId: managerRow.id,
    crewId: crewRow.id,
    otherCrewId: otherCrewRow.id,
    clientId: clientRow.id,
    order,
    task: { id: taskId, exists: true, workOrderId: orderId, clientCompanyId: companyId, assigneeId: crewRow.id },
    otherTask: {
      id: otherTaskId,
      exists: true,
      workOrderId: orderId,
      clientCompanyId: companyId,
      assigneeId: otherCrewRow.id,
    },
    unreleasedFile: { id: unreleased.body.id, exists: true, released: false, order },
    releasedFile: { id: released.body.id, exists: true, released: true, order: deliveredOrder },
    message: { id: message.id, exists: true, roomId: chat.id, authorId: clientRow.id },
    crew: { id: crewRow.id, exists: true, role: crewRow.role, teamId: crewRow.teamId },
  };
}

function factory(prisma: PrismaClient, sides: () => Record<SideKey, Side>): Factory {
  return {
    async order(sideKey, status, label) {
      const side = sides()[sideKey];
      const started = !["requested", "declined"].includes(status);
      const order = await prisma.workOrder.create({
        data: {
          clientCompanyId: side.companyId,
          createdById: side.clientId,
          title: `Matrix fresh order (${label})`,
          dueAt: inDays(5),
          status,
          acceptedAt: started ? new Date() : null,
          deliveredAt: status === "delivered" ? new Date() : null,
          version: 1,
          tasks: {
            create: {
              title: `Matrix fresh task (${label})`,
              assigneeId: side.crewId,
              estimateMinutes: 60,
              dueAt: inDays(5),
            },
          },
        },
        include: { tasks: { select: { id: true } } },
      });
      return {
        order: { id: order.id, exists: true, clientCompanyId: side.companyId, assigneeIds: [side.crewId], status },
        task: {
          id: order.tasks[0]!.id,
          exists: true,
          workOrderId: order.id,
          clientCompanyId: side.companyId,
          assigneeId: side.crewId,
        },
      };
    },
    async user(sideKey, label) {
      const side = sides()[sideKey];
      const u = await prisma.user.create({
        data: {
          email: `matrix-target-${randomUUID()}@${EMAIL_DOMAIN}`,
          passwordHash: "not-a-hash",
          name: `Matrix target (${label})`,
          role: "crew",
          workStyle: "home",
          teamId: side.teamId,
        },
      });
      return { id: u.id, exists: true, role: u.role, teamId: u.teamId };
    },
    async company(label) {
      return (await prisma.clientCompany.create({ data: { name: `Matrix company (${label})` } })).id;
    },
    async message(sideKey, authorId, label) {
      const side = sides()[sideKey];
      const m = await prisma.message.create({
        data: { roomId: side.order.chatRoomId, authorId, body: `Matrix message (${label})` },
      });
      return { id: m.id, exists: true, roomId: m.roomId, authorId };
    },
  };
}

export async function buildWorld(t: TestApp): Promise<World> {
  const p = t.db.prisma;
  const demoPasswordHash = await hashPassword(DEMO_PASSWORD);

  // The deactivated persona: a crew member of team A who could sign in until an admin deactivated them.
  const teamA = await p.user.findUniqueOrThrow({
    where: { email: `manager1@${EMAIL_DOMAIN}` },
    select: { teamId: true },
  });
  await p.user.create({
    data: {
      email: `${DEACTIVATED_ACCOUNT}@${EMAIL_DOMAIN}`,
      passwordHash: demoPasswordHash,
      name: "Matrix 退職者",
      role: "crew",
      workStyle: "office",
      teamId: teamA.teamId,
      active: false,
      deactivatedAt: new Date(),
    },
  });

  const as: Record<string, ApiClient> = {};
  for (const name of ["manager1", "manager2", "crew3", "crew5", "client-a1", "client-b1"]) as[name] = await t.as(name);
  const sides = { A: await buildSide(t, "A", as), B: await buildSide(t, "B", as) };
  for (const c of Object.values(as)) await c.post("/auth/logout");

  const personas = {} as Record<PersonaKey, Persona>;
  for (const key of PERSONA_KEYS) {
    const def = PERSONAS[key];
    const row = def.account
      ? await p.user.findUniqueOrThrow({ where: { email: `${def.account}@${EMAIL_DOMAIN}` } })
      : null;
    personas[key] = {
      key,
      def,
      user: row
        ? {
            id: row.id,
            email: row.email,
            role: row.role,
            clientCompanyId: row.clientCompanyId,
            teamId: row.teamId,
            active: row.active,
          }
        : null,
    };
  }
  // The personas stand to the sides as their names say.
  expect(personas.assignedCrew.user!.id).toBe(sides.A.crewId);
  expect(personas.unassignedCrew.user!.id).toBe(sides.B.crewId);
  expect(personas.teamManager.user!.teamId).toBe(sides.A.teamId);
  expect(personas.otherManager.user!.teamId).toBe(sides.B.teamId);
  expect(personas.owningClient.user!.clientCompanyId).toBe(sides.A.companyId);
  expect(personas.otherClient.user!.clientCompanyId).toBe(sides.B.companyId);
  expect(personas.deactivated.user!.active).toBe(false);

  const users = new Map(
    (
      await p.user.findMany({
        select: { id: true, role: true, teamId: true, email: true, name: true, displayName: true },
      })
    ).map((u) => [u.id, u]),
  );

  return {
    t,
    personas,
    sides,
    users,
    demoPasswordHash,
    make: factory(p, () => sides),
    async sessionCookie(userId) {
      return (
        await createSession(p, {
          userId,
          ip: null,
          userAgent: "access matrix",
          timeouts: DEFAULT_SESSION_TIMEOUTS,
        })
      ).token;
    },
    async chatFacts(roomId) {
      const room = await p.chatRoom.findUnique({
        where: { id: roomId },
        include: { members: { select: { userId: true } } },
      });
      if (!room) return { exists: false, kind: "direct", members: [], requesterId: null, claimedBy: null };
      return {
        exists: true,
        kind: room.kind,
        members: room.members.map((m) => ({ id: m.userId })),
        requesterId: room.requesterId,
        claimedBy: room.claimedById ? { id: room.claimedById } : null,
      };
    },
  };
}

/** Refreshes the user table the property checks read (the matrix's writes add users). */
export async function refreshUsers(world: World): Promise<void> {
  const rows = await world.t.db.prisma.user.findMany({
    select: { id: true, role: true, teamId: true, email: true, name: true, displayName: true },
  });
  world.users.clear();
  for (const u of rows) world.users.set(u.id, u);
}
