// The event matrix, generated from the catalogue's `emits`: every operation that records room
// events is run (by someone allowed to) while every persona's socket listens. For each event the
// write recorded, the policy says which rooms hear it (its `audience` for that kind of event), and
// which rooms each persona is in (`homeRooms`, the orders a crew member works on, their chat
// rooms); from that follows, person by person, who receives it — and everyone else must not.
//
// Checked per scenario: every recorded event is one the operation declares; its rooms are the
// policy's audience; each persona received exactly the events of their rooms (no more, no fewer).
// Checked over all scenarios: every event an operation declares is seen at least once.
import { randomUUID } from "node:crypto";
import {
  operations,
  type OperationDef,
  type OperationName,
  type RoomEnvelope,
  type SequencedEventName,
} from "@crewboard/contracts";
import type { Identity } from "@crewboard/domain";
import type { ApiClient } from "../test/api-client.ts";
import { directKeyOf } from "../modules/chat/chat-access.ts";
import { connectSocket, type TestSocket } from "../test/socket-client.ts";
import { isEnvelope, recordRaw, type RawEvent } from "../test/instances.ts";
import type { Policy } from "./oracle.ts";
import { PERSONA_KEYS, sessionIdentity, type PersonaKey } from "./personas.ts";
import type { World } from "./world.ts";

/** The operations of the catalogue that declare room events. */
export type EmittingOperation = {
  [N in OperationName]: (typeof operations)[N] extends { emits: readonly SequencedEventName[] } ? N : never;
}[OperationName];

export const emittingOperations = (): EmittingOperation[] =>
  (Object.entries(operations) as [OperationName, OperationDef][])
    .filter(([, def]) => (def.emits ?? []).length > 0)
    .map(([name]) => name as EmittingOperation);

interface ScenarioEnv {
  world: World;
  /** a signed-in client of each persona (not the watchers' sessions) */
  api: Record<PersonaKey, ApiClient | null>;
}

/** What a scenario's action is: a REST call or a socket event, by one persona. */
type Act = { rest: { path: string; body?: unknown } } | { socket: unknown };

export interface Scenario<P = unknown> {
  name: string;
  /** who performs the operation (someone the policy lets) */
  actor: PersonaKey;
  /** sets the stage (before the watchers connect, so they are in the rooms the stage puts them in) */
  prepare: (env: ScenarioEnv) => Promise<P>;
  act: (env: ScenarioEnv, prepared: P) => Act;
  /** facts the policy's audience needs that no event carries: whose task was taken away */
  previousAssigneeId?: (prepared: P, world: World) => string;
}

function scenario<P>(s: Scenario<P>): Scenario<unknown> {
  return s as Scenario<unknown>;
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

/** A side A order in `status` made directly in the database, with a task for the assigned crew persona. */
async function orderA(
  world: World,
  status: "accepted" | "in_progress" | "delivered",
  task: { status?: "todo" | "done" } = {},
) {
  const side = world.sides.A;
  const order = await world.t.db.prisma.workOrder.create({
    data: {
      clientCompanyId: side.companyId,
      createdById: side.clientId,
      title: `Event matrix order (${status})`,
      dueAt: inDays(5),
      status,
      acceptedAt: new Date(),
      deliveredAt: status === "delivered" ? new Date(Date.now() - 60_000) : null,
      version: 2,
      tasks: {
        create: {
          title: "Event matrix task",
          assigneeId: side.crewId,
          estimateMinutes: 60,
          status: task.status ?? "todo",
          progress: task.status === "done" ? 100 : 0,
        },
      },
    },
    include: { tasks: true },
  });
  return { orderId: order.id, taskId: order.tasks[0]!.id };
}

/**
 * Issue 10: a side A order with a task nobody has, and (unless "none") an urgent offer of it to the
 * assigned crew persona and another crew member of team A — open, or expired waiting for the
 * manager. The crew persona works every day here, so that offering to them is eligible any day.
 */
async function offerA(world: World, state: "none" | "open" | "expired", options: { onlyPersona?: boolean } = {}) {
  const p = world.t.db.prisma;
  const side = world.sides.A;
  const { orderId, taskId } = await orderA(world, "accepted");
  await p.task.update({ where: { id: taskId }, data: { assigneeId: null } });
  await p.user.updateMany({
    where: { id: { in: [side.crewId, side.otherCrewId] } },
    data: { workingDays: [1, 2, 3, 4, 5, 6, 7] },
  });
  // the order's chat room, as the order's first message would make it (its members listen from the start)
  const members = await p.user.findMany({
    where: { active: true, OR: [{ clientCompanyId: side.companyId }, { role: "manager" }] },
    select: { id: true },
  });
  await p.chatRoom.create({
    data: {
      kind: "work_order",
      name: "Event matrix offer",
      workOrderId: orderId,
      members: { create: members.map((m) => ({ userId: m.id })) },
    },
  });
  if (state === "none") return { orderId, taskId, offerId: "" };
  const expired = state === "expired";
  const recipients = options.onlyPersona ? [side.crewId] : [side.crewId, side.otherCrewId];
  const offer = await p.urgentOffer.create({
    data: {
      taskId,
      createdById: side.managerId,
      deadlineAt: new Date(Date.now() + (expired ? -60_000 : 3_600_000)),
      status: state,
      endedAt: expired ? new Date() : null,
      endReason: expired ? "all_declined" : null,
      clientNoticeDueAt: expired ? new Date(Date.now() + 15 * 60_000) : null,
      recipients: {
        create: recipients.map((userId) => ({
          userId,
          response: expired ? "declined" : null,
          respondedAt: expired ? new Date() : null,
        })),
      },
    },
  });
  return { orderId, taskId, offerId: offer.id };
}

/**
 * Earlier requests of this person for whoever is free are taken (by the other team's manager), so
 * that a new request opens a new room (an open one would simply be returned, with nothing to tell).
 */
async function closeOpenSupportRequests(world: World, userId: string): Promise<void> {
  await world.t.db.prisma.chatRoom.updateMany({
    where: { kind: "support", requesterId: userId, claimedById: null },
    data: { claimedById: world.sides.B.managerId, claimedAt: new Date() },
  });
}

/** The socket event of a one-off connection (the stage, before the watchers connect). */
async function emitOnce(world: World, api: ApiClient, event: string, payload: unknown): Promise<unknown> {
  const s = await connectSocket(world.t.baseUrl, api);
  try {
    const answer = await s.request(event, payload);
    if (!answer.ok) throw new Error(`${event}: ${JSON.stringify(answer.error)}`);
    return answer.data;
  } finally {
    s.close();
  }
}

export const SCENARIOS = {
  createWorkOrder: [
    scenario({
      name: "a client submits an order",
      actor: "owningClient",
      prepare: async () => null,
      act: () => ({
        rest: { path: "/work-orders", body: { title: "Event matrix: new order", dueAt: inDays(7).toISOString() } },
      }),
    }),
  ],
  updateWorkOrder: [
    scenario({
      // delivered again after a revision: the files are released, the order moves, its tasks no longer carry the request, the client is told
      name: "a manager delivers a reworked order",
      actor: "teamManager",
      prepare: async ({ world }) => {
        const p = world.t.db.prisma;
        const { orderId } = await orderA(world, "in_progress", { status: "done" });
        const side = world.sides.A;
        await p.workOrder.update({ where: { id: orderId }, data: { deliveredAt: new Date(Date.now() - 3_600_000) } });
        await p.feedback.create({
          data: { workOrderId: orderId, authorId: side.clientId, verdict: "request_revision", comment: "please fix" },
        });
        await p.deliverable.create({
          data: {
            workOrderId: orderId,
            uploadedById: side.crewId,
            title: "reworked",
            url: "https://files.example/reworked.xlsx",
          },
        });
        return { orderId };
      },
      act: (_env, { orderId }) => ({ rest: { path: `/work-orders/${orderId}`, body: { status: "delivered" } } }),
    }),
  ],
  createTasks: [
    scenario({
      name: "a manager splits an accepted order into a task for a crew member",
      actor: "teamManager",
      prepare: async ({ world }) => {
        const order = await world.t.db.prisma.workOrder.create({
          data: {
            clientCompanyId: world.sides.A.companyId,
            createdById: world.sides.A.clientId,
            title: "Event matrix: to split",
            dueAt: inDays(5),
            status: "accepted",
            acceptedAt: new Date(),
            version: 2,
          },
        });
        return { orderId: order.id };
      },
      act: ({ world }, { orderId }) => ({
        rest: {
          path: `/work-orders/${orderId}/tasks`,
          body: { tasks: [{ title: "Event matrix: first half", assigneeId: world.sides.A.crewId }] },
        },
      }),
    }),
  ],
  createDeliverable: [
    scenario({
      name: "the assigned crew member adds a deliverable",
      actor: "assignedCrew",
      prepare: ({ world }) => orderA(world, "in_progress"),
      act: (_env, { orderId }) => ({
        rest: {
          path: `/work-orders/${orderId}/deliverables`,
          body: { title: "Event matrix: result", url: "https://files.example/result.xlsx" },
        },
      }),
    }),
  ],
  createFeedback: [
    scenario({
      name: "the client asks for a revision of a delivered order",
      actor: "owningClient",
      prepare: ({ world }) => orderA(world, "delivered", { status: "done" }),
      act: (_env, { orderId }) => ({
        rest: {
          path: `/work-orders/${orderId}/feedback`,
          body: { verdict: "request_revision", rating: 3, comment: "Event matrix: please fix row 3" },
        },
      }),
    }),
    // issue 11: a complaint opens a follow-up (the board hears of it; the client is thanked, the owner told)
    scenario({
      name: "the client complains through the 「ご意見・ご不満」 form",
      actor: "owningClient",
      prepare: ({ world }) => orderA(world, "in_progress"),
      act: (_env, { orderId }) => ({
        rest: {
          path: `/work-orders/${orderId}/feedback`,
          body: { verdict: "comment", tone: "complaint", comment: "Event matrix: several typos" },
        },
      }),
    }),
  ],
  updateTask: [
    scenario({
      name: "a manager gives the assigned crew member's task to another crew member",
      actor: "teamManager",
      prepare: ({ world }) => orderA(world, "in_progress"),
      act: ({ world }, { taskId }) => ({
        rest: { path: `/tasks/${taskId}`, body: { version: 1, assigneeId: world.sides.B.crewId } },
      }),
      previousAssigneeId: (_prepared, world) => world.sides.A.crewId,
    }),
    scenario({
      // issue 10: the manager's first choice after an offer nobody took: assign directly (the offer is acted on)
      name: "a manager assigns the task of an urgent offer nobody took",
      actor: "teamManager",
      prepare: ({ world }) => offerA(world, "expired"),
      act: ({ world }, { taskId }) => ({
        rest: { path: `/tasks/${taskId}`, body: { version: 1, assigneeId: world.sides.A.crewId } },
      }),
    }),
  ],
  createProgressUpdate: [
    scenario({
      name: "the assigned crew member logs progress on an accepted order's task",
      actor: "assignedCrew",
      prepare: ({ world }) => orderA(world, "accepted"),
      act: (_env, { taskId }) => ({
        rest: {
          path: `/tasks/${taskId}/progress`,
          body: { percent: 20, note: "Event matrix: started", minutesSpent: 10 },
        },
      }),
    }),
  ],
  talkToManager: [
    scenario({
      name: "a crew member asks for whoever is free",
      actor: "assignedCrew",
      prepare: ({ world }) => closeOpenSupportRequests(world, world.sides.A.crewId),
      act: () => ({ socket: {} }),
    }),
    scenario({
      name: "a client asks another team's manager by name",
      actor: "owningClient",
      // their direct room is made now (an earlier one, with no messages, is removed first)
      prepare: async ({ world }) => {
        const p = world.t.db.prisma;
        const directKey = directKeyOf(world.sides.A.clientId, world.sides.B.managerId);
        const earlier = await p.chatRoom.findUnique({
          where: { directKey },
          include: { _count: { select: { messages: true } } },
        });
        if (earlier && earlier._count.messages === 0) await p.chatRoom.delete({ where: { id: earlier.id } });
      },
      act: ({ world }) => ({ socket: { managerId: world.sides.B.managerId } }),
    }),
  ],
  sendMessage: [
    scenario({
      // the first manager to answer takes the room (the others leave it) and mentions the one who asked
      name: "a manager answers a crew member's request for whoever is free",
      actor: "otherManager",
      prepare: async ({ world, api }) => {
        await closeOpenSupportRequests(world, world.sides.B.crewId);
        const room = (await emitOnce(world, api.unassignedCrew!, "chat:talk_to_manager", {})) as { id: string };
        return { roomId: room.id };
      },
      act: ({ world }, { roomId }) => ({
        socket: { roomId, body: "Event matrix: I'm here", clientKey: randomUUID(), mentions: [world.sides.B.crewId] },
      }),
    }),
  ],
  editMessage: [
    scenario({
      name: "the client edits their message in the order's room",
      actor: "owningClient",
      prepare: ({ world }) => world.make.message("A", world.sides.A.clientId, "event matrix edit"),
      act: (_env, m) => ({ socket: { messageId: m.id, body: "Event matrix: edited" } }),
    }),
  ],
  deleteMessage: [
    scenario({
      name: "a manager deletes the client's message (moderation)",
      actor: "teamManager",
      prepare: ({ world }) => world.make.message("A", world.sides.A.clientId, "event matrix delete"),
      act: (_env, m) => ({ socket: { messageId: m.id } }),
    }),
  ],
  // ---- issue 11: follow-through ----
  markNotificationRead: [
    scenario({
      name: "the assigned crew member reads a notification (their other tabs hear of it)",
      actor: "assignedCrew",
      prepare: async ({ world }) => {
        const n = await world.t.db.prisma.notification.create({
          data: { userId: world.sides.A.crewId, kind: "task.assigned", data: { title: "Event matrix" } },
        });
        return { id: n.id };
      },
      act: (_env, { id }) => ({ rest: { path: `/notifications/${id}/read` } }),
    }),
  ],
  markAllNotificationsRead: [
    scenario({
      name: "a manager marks all their notifications read",
      actor: "teamManager",
      prepare: async ({ world }) => {
        await world.t.db.prisma.notification.create({
          data: { userId: world.sides.A.managerId, kind: "work_order.requested", data: { title: "Event matrix" } },
        });
      },
      act: () => ({ rest: { path: "/notifications/read-all" } }),
    }),
  ],
  answerNomination: [
    scenario({
      // the client's company hears at once, on the order and in their inbox
      name: "a manager declines a nomination, offering someone else",
      actor: "teamManager",
      prepare: async ({ world }) => {
        const { orderId } = await orderA(world, "accepted");
        await world.t.db.prisma.workOrder.update({
          where: { id: orderId },
          data: { nominatedCrewId: world.sides.A.crewId },
        });
        return orderId;
      },
      act: ({ world }, orderId) => ({
        rest: {
          path: `/work-orders/${orderId}/nomination-answer`,
          body: {
            answer: "declined",
            reason: "Event matrix: fully booked",
            alternativeCrewId: world.sides.A.otherCrewId,
          },
        },
      }),
    }),
  ],
  // ---- issue 10: urgent offers ----
  createUrgentOffer: [
    scenario({
      name: "a manager offers a task urgently to the assigned crew persona",
      actor: "teamManager",
      prepare: async ({ world }) => {
        const { taskId } = await offerA(world, "none");
        return taskId;
      },
      act: ({ world }, taskId) => ({
        rest: {
          path: "/urgent-offers",
          body: { taskId, crewIds: [world.sides.A.crewId], expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
        },
      }),
    }),
  ],
  acceptUrgentOffer: [
    scenario({
      // the winner gets the task as usual; the other person asked hears at once that it is taken
      name: "the first of two people asked says yes",
      actor: "assignedCrew",
      prepare: ({ world }) => offerA(world, "open"),
      act: (_env, { offerId }) => ({ rest: { path: `/urgent-offers/${offerId}/accept` } }),
    }),
  ],
  declineUrgentOffer: [
    scenario({
      // the only person asked says no: the offer ends, and the managers get their choices
      name: "everyone asked says no",
      actor: "assignedCrew",
      prepare: ({ world }) => offerA(world, "open", { onlyPersona: true }),
      act: (_env, { offerId }) => ({ rest: { path: `/urgent-offers/${offerId}/decline` } }),
    }),
  ],
  reofferUrgentOffer: [
    scenario({
      name: "a manager offers an expired offer's task again",
      actor: "teamManager",
      prepare: ({ world }) => offerA(world, "expired"),
      act: (_env, { offerId }) => ({
        rest: {
          path: `/urgent-offers/${offerId}/reoffer`,
          body: { expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
        },
      }),
    }),
  ],
  tellClientUrgentOffer: [
    scenario({
      // the order's chat and the client's inbox, in their language
      name: "a manager tells the client now that nobody is available",
      actor: "teamManager",
      prepare: ({ world }) => offerA(world, "expired"),
      act: (_env, { offerId }) => ({ rest: { path: `/urgent-offers/${offerId}/tell-client` } }),
    }),
  ],
  recordFollowUpStep: [
    scenario({
      // the prevention note reaches every crew member, naming no one
      name: "a manager writes the prevention note of a follow-up",
      actor: "teamManager",
      prepare: async ({ world }) => {
        const p = world.t.db.prisma;
        const { orderId } = await orderA(world, "in_progress");
        const feedback = await p.feedback.create({
          data: {
            workOrderId: orderId,
            authorId: world.sides.A.clientId,
            verdict: "comment",
            rating: 2,
            comment: "Event matrix: typos",
          },
        });
        const f = await p.followUp.create({
          data: {
            feedbackId: feedback.id,
            ownerId: world.sides.A.managerId,
            status: "corrective_action",
            dueAt: inDays(1),
          },
        });
        return { id: f.id };
      },
      act: (_env, { id }) => ({
        rest: {
          path: `/follow-ups/${id}/steps`,
          body: { step: "prevention_note", note: "Event matrix: read the sheet aloud before delivery" },
        },
      }),
    }),
  ],
  // ---- issue 12: a live crew overview ----
  putMyCheckIn: [
    scenario({
      // the team's managers and admins only: not the team room, where the crew are too
      name: "the assigned crew member checks in (a private note)",
      actor: "assignedCrew",
      prepare: async () => null,
      act: () => ({
        rest: {
          path: "/check-ins/today",
          body: { condition: "tired", note: "Event matrix: private", noteShared: false },
        },
      }),
    }),
  ],
} satisfies { [N in EmittingOperation]: Scenario<unknown>[] };

// ---- running -------------------------------------------------------------------------------

export interface Delivery {
  op: EmittingOperation;
  scenario: string;
  event: SequencedEventName;
  room: string;
  receivers: PersonaKey[];
}

export interface EventMatrixReport {
  failures: string[];
  /** one line per recorded event: who received it and who did not */
  table: string[];
  /** the event names each operation was seen to record */
  seen: Record<string, Set<string>>;
  events: number;
  cells: number;
  ms: number;
}

interface StoredEvent {
  room: string;
  seq: number;
  event: string;
  payload: unknown;
  createdAt: Date;
}

/** The rooms a persona's connection is in, by the policy: home rooms, the orders a crew member works on, their chat rooms. */
async function roomsOf(world: World, p: Policy, who: Identity): Promise<Set<string>> {
  const prisma = world.t.db.prisma;
  const result = new Set(p.homeRooms(who));
  if (p.followsOrdersOneByOne(who)) {
    const orders = await prisma.task.findMany({
      where: { assigneeId: who.id },
      select: { workOrderId: true },
      distinct: ["workOrderId"],
    });
    for (const o of orders) result.add(p.rooms.workOrder(o.workOrderId));
  }
  for (const m of await prisma.chatMember.findMany({ where: { userId: who.id }, select: { roomId: true } }))
    result.add(p.rooms.chat(m.roomId));
  // issue 12: admins are in every team's managers' room
  if (p.followsEveryTeamAsManager(who))
    for (const team of await prisma.team.findMany({ select: { id: true } })) result.add(p.rooms.teamManagers(team.id));
  return result;
}

/** The rooms the policy says an event is for, from what the event carries (and a few facts it does not). */
async function audienceOf(
  world: World,
  p: Policy,
  e: StoredEvent,
  facts: { previousAssigneeId: string | null; changedMembers: (roomId: string) => string[]; actorId: string | null },
): Promise<string[]> {
  const prisma = world.t.db.prisma;
  const d = e.payload as Record<string, any>;
  const order = async (id: string) => ({
    id,
    clientCompanyId: (await prisma.workOrder.findUniqueOrThrow({ where: { id }, select: { clientCompanyId: true } }))
      .clientCompanyId,
  });
  const task = (x: Record<string, any>) => ({
    workOrderId: x.workOrder.id,
    assigneeId: x.assignee?.id ?? null,
    clientCompanyId: x.workOrder.clientCompanyId,
  });
  switch (e.event as SequencedEventName) {
    case "work_order:created":
    case "work_order:updated":
    case "work_order:nomination_answered":
      return p.audience.workOrder({ id: d.id, clientCompanyId: d.clientCompany.id });
    case "task:created":
    case "task:updated":
      return p.audience.task(task(d));
    case "progress:created":
      return p.audience.task(task(d.task));
    case "task:removed":
      return facts.previousAssigneeId ? p.audience.taskRemoved(facts.previousAssigneeId) : [];
    case "deliverable:created":
      return p.audience.deliverable(await order(d.workOrderId), false);
    case "deliverable:released":
      return p.audience.deliverable(await order(d.workOrderId), true);
    case "feedback:created":
      return p.audience.feedback(await order(d.workOrderId));
    case "notification:created":
      return p.audience.person(
        (await prisma.notification.findUniqueOrThrow({ where: { id: d.id }, select: { userId: true } })).userId,
      );
    case "message:created":
    case "message:updated":
      return p.audience.chatRoom(d.roomId);
    case "chat_room:updated":
      // the room, and each person who joined or left it with this change (they hear of it in their own room)
      return [...p.audience.chatRoom(d.id), ...facts.changedMembers(d.id).flatMap((id) => p.audience.person(id))];
    // issue 11
    case "notification:read":
      // the reader's own notifications: the reader's room (who read is the actor: "all" names no notification)
      return d.ids === "all"
        ? p.audience.person(facts.actorId!)
        : p.audience.person(
            (await prisma.notification.findUniqueOrThrow({ where: { id: d.ids[0] }, select: { userId: true } })).userId,
          );
    case "follow_up:updated":
      return p.audience.followUp();
    // issue 10: the staff view on the board; each person asked their own view in their room
    case "urgent_offer:created":
    case "urgent_offer:updated":
      return d.view === "staff"
        ? p.audience.urgentOfferStaff()
        : p.audience.urgentOfferRecipient(d.recipients[0].user.id);
    // issue 12: the team's managers and admins (the team is the checker's, read from the database)
    case "check_in:updated":
      return p.audience.checkIn(
        (await prisma.user.findUniqueOrThrow({ where: { id: d.user.id }, select: { teamId: true } })).teamId,
      );
  }
}

/** A room as the table shows it: whose (a persona, a side's company) rather than its id. */
function roomLabel(world: World, room: string): string {
  return room.replace(/[0-9a-f-]{36}/, (id) => {
    const persona = PERSONA_KEYS.find((k) => world.personas[k].user?.id === id);
    if (persona) return persona;
    const side = (["A", "B"] as const).find((k) => world.sides[k].companyId === id);
    if (side) return side;
    const user = world.users.get(id);
    return user ? `${user.role} ${id.slice(-4)}` : `…${id.slice(-4)}`;
  });
}

const same = (a: Iterable<string>, b: Iterable<string>) =>
  [...new Set(a)].sort().join("|") === [...new Set(b)].sort().join("|");

export async function runEventMatrix(
  world: World,
  options: { policy: Policy; api: Record<PersonaKey, ApiClient | null> },
): Promise<EventMatrixReport> {
  const started = performance.now();
  const p = options.policy;
  const prisma = world.t.db.prisma;
  const failures: string[] = [];
  const table: string[] = [];
  const seen: Record<string, Set<string>> = {};
  let events = 0;
  let cells = 0;
  const env: ScenarioEnv = { world, api: options.api };

  for (const op of Object.keys(SCENARIOS) as EmittingOperation[]) {
    const def = operations[op] as OperationDef;
    seen[op] ??= new Set();
    for (const s of SCENARIOS[op]) {
      const label = `${op} — ${s.name}`;
      const prepared = await s.prepare(env);

      // every signed-in persona watches from a new connection, in the rooms the stage put them in
      const watchers = new Map<PersonaKey, { socket: TestSocket; raw: RawEvent[]; who: Identity }>();
      for (const key of PERSONA_KEYS) {
        const who = sessionIdentity(world.personas[key]);
        const api = options.api[key];
        if (!who || !api) continue;
        const socket = await connectSocket(world.t.baseUrl, api);
        const raw = recordRaw(socket);
        await socket.sync(); // answered once the connection is in its rooms
        watchers.set(key, { socket, raw, who });
      }
      try {
        const sequences = new Map((await prisma.roomSequence.findMany()).map((r) => [r.room, r.lastSeq]));
        const membersBefore = await prisma.chatMember.findMany({ select: { roomId: true, userId: true } });
        const mark = new Map([...watchers].map(([k, w]) => [k, w.raw.length]));

        const act = s.act(env, prepared);
        if ("rest" in act) {
          if (def.transport !== "rest") throw new Error(`${label}: ${op} is not a REST operation`);
          const res = await options.api[s.actor]!.request(def.method.toUpperCase(), act.rest.path, act.rest.body);
          if (res.status !== def.status)
            failures.push(`${label}: the action answered ${res.status} ${res.text.slice(0, 200)}`);
        } else {
          if (def.transport !== "socket") throw new Error(`${label}: ${op} is not a socket operation`);
          const answer = await watchers.get(s.actor)!.socket.request(def.event, act.socket);
          if (!answer.ok) failures.push(`${label}: the action was refused: ${JSON.stringify(answer.error)}`);
        }
        // a round trip on each connection: everything sent to it before is in by the time its answer is
        await Promise.all([...watchers.values()].map((w) => w.socket.request("sync:request", { rooms: {} })));

        const stored: StoredEvent[] = [];
        for (const row of await prisma.roomSequence.findMany()) {
          const before = sequences.get(row.room) ?? 0;
          if (row.lastSeq > before)
            stored.push(
              ...(await prisma.roomEvent.findMany({
                where: { room: row.room, seq: { gt: before } },
                orderBy: { seq: "asc" },
              })),
            );
        }
        const membersAfter = await prisma.chatMember.findMany({ select: { roomId: true, userId: true } });
        const key = (m: { roomId: string; userId: string }) => `${m.roomId}|${m.userId}`;
        const beforeSet = new Set(membersBefore.map(key));
        const afterSet = new Set(membersAfter.map(key));
        const changedMembers = (roomId: string) =>
          [...[...beforeSet].filter((k) => !afterSet.has(k)), ...[...afterSet].filter((k) => !beforeSet.has(k))]
            .filter((k) => k.startsWith(`${roomId}|`))
            .map((k) => k.split("|")[1]!);
        const previousAssigneeId = s.previousAssigneeId?.(prepared, world) ?? null;

        // 1. only declared events; 2. each event's rooms are the policy's audience
        const logical = new Map<string, StoredEvent[]>();
        for (const e of stored) {
          seen[op].add(e.event);
          if (!(def.emits ?? []).includes(e.event as SequencedEventName))
            failures.push(
              `${label}: recorded ${e.event} in ${e.room}, which ${op} does not declare (emits: ${(def.emits ?? []).join(", ")})`,
            );
          const k = `${e.event}|${e.createdAt.toISOString()}|${JSON.stringify(e.payload)}`;
          logical.set(k, [...(logical.get(k) ?? []), e]);
        }
        for (const group of logical.values()) {
          const e = group[0]!;
          const expected = await audienceOf(world, p, e, {
            previousAssigneeId,
            changedMembers,
            actorId: world.personas[s.actor].user?.id ?? null,
          });
          if (
            !same(
              group.map((g) => g.room),
              expected,
            )
          )
            failures.push(
              `${label}: ${e.event} went to ${group
                .map((g) => g.room)
                .sort()
                .join(", ")}; the policy's audience is ${[...new Set(expected)].sort().join(", ")}`,
            );
        }

        // 3. each persona received exactly the events of the rooms the policy puts them in
        const roomsByPersona = new Map<PersonaKey, Set<string>>();
        for (const [k, w] of watchers) roomsByPersona.set(k, await roomsOf(world, p, w.who));
        for (const e of stored) {
          const receivers: PersonaKey[] = [];
          for (const [k, w] of watchers) {
            cells++;
            const should = roomsByPersona.get(k)!.has(e.room);
            const got = w.raw
              .slice(mark.get(k))
              .some((r) => isEnvelope(r.payload) && r.payload.room === e.room && r.payload.seq === e.seq);
            if (got) receivers.push(k);
            if (should !== got)
              failures.push(
                `${label}: ${k} ${got ? "received" : "did not receive"} ${e.event} in ${e.room}, ${should ? "in" : "outside"} the rooms the policy puts them in`,
              );
          }
          events++;
          const absent = PERSONA_KEYS.filter((k) => !receivers.includes(k));
          table.push(
            `${op.padEnd(20)} ${e.event.padEnd(22)} ${roomLabel(world, e.room).padEnd(24)} ✓ ${receivers.join(", ") || "—"}   ✗ ${absent.join(", ")}`,
          );
        }
        for (const [k, w] of watchers) {
          const storedKeys = new Set(stored.map((e) => `${e.room}#${e.seq}`));
          for (const r of w.raw.slice(mark.get(k))) {
            const env = r.payload as RoomEnvelope;
            if (isEnvelope(env) && !storedKeys.has(`${env.room}#${env.seq}`))
              failures.push(
                `${label}: ${k} received ${r.event} in ${env.room} #${env.seq}, which this write did not record`,
              );
          }
        }
      } finally {
        for (const w of watchers.values()) w.socket.close();
      }
    }
  }

  // Every event an operation declares happens in one of its scenarios (the catalogue says no more than it does).
  for (const op of emittingOperations()) {
    const declared = (operations[op] as OperationDef).emits ?? [];
    const missing = declared.filter((e) => !seen[op]?.has(e));
    if (missing.length) failures.push(`${op}: declares ${missing.join(", ")}, which none of its scenarios recorded`);
  }
  return { failures, table, seen, events, cells, ms: performance.now() - started };
}
