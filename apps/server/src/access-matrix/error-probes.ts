// Error codes against the catalogue: each operation answers only the codes it declares (its
// `errors`) and the generic ones. The access matrix checks every answer it gets; these probes add
// the answers it does not provoke:
//   - malformed input for every operation that takes any (a bad id, an unknown field, broken JSON);
//   - each code an operation declares, provoked on purpose (a stale version, an illegal move …),
//     so a declared code is also a real one. A code no probe provokes is listed with the reason
//     (and the test that covers it instead); a new declared code needs one or the other.
import { randomUUID } from "node:crypto";
import { operations, type OperationDef, type OperationName } from "@crewboard/contracts";
import type { ApiClient } from "../test/api-client.ts";
import { connectSocket } from "../test/socket-client.ts";
import { declaredCodes } from "./oracle.ts";
import { PERSONA_KEYS, sessionIdentity, type PersonaKey } from "./personas.ts";
import type { World } from "./world.ts";

export interface ProbeEnv {
  world: World;
  rest(as: PersonaKey, path: string, body?: unknown, options?: { raw?: string; method?: string }): Promise<string>;
  socket(as: PersonaKey, payload: unknown): Promise<string>;
}

/** What an answer's code is: "ok" for success. */
type Code = string;

export interface Probe {
  op: OperationName;
  /** the code it must answer */
  code: string;
  why: string;
  run: (env: ProbeEnv, op: OperationDef) => Promise<Code>;
}

const openOrder = (w: World) => w.make.order("A", "in_progress", "error probe");

/** Declared codes no probe here provokes, with the reason and where they are tested instead. */
export const UNPROBED: Partial<Record<OperationName, Record<string, string>>> = {
  login: {
    "auth.rate_limited": "needs an app with a low sign-in limit: auth.test.ts",
    "auth.busy": "needs password checks held in flight: login-limits.test.ts",
  },
  changeMyPassword: {
    "auth.rate_limited": "needs an app with a low limit: auth.test.ts",
    "auth.busy": "needs password checks held in flight: login-limits.test.ts",
  },
  exportAuditEvents: {
    "audit.export_too_large": "needs more than 100 000 audit rows: admin.test.ts (with a small maxRows)",
  },
  createTasks: {
    "task.assignee_needs_override":
      "needs a crew member who checked in unwell today: dispatch/assignee-override.test.ts",
  },
  updateTask: {
    "task.assignee_needs_override":
      "needs a crew member who checked in unwell today: dispatch/assignee-override.test.ts",
  },
  editMessage: { "message.changed": "a race between two edits of one message: chat.test.ts" },
  getReadiness: {
    "service.not_ready": "needs a database that stops answering or a draining server: modules/health/readiness.test.ts",
  },
};

const by = (w: World, key: PersonaKey) => w.personas[key].user!.id;

export const PROBES: Probe[] = [
  // ---- issue 11: follow-through ----
  ...(["getFollowUp", "recordFollowUpStep"] as const).map((op): Probe => ({
    op,
    code: "follow_up.not_found",
    why: "no follow-up has the id",
    run: (e, def) =>
      e.rest(
        "admin",
        (def as { path: string }).path.replace(":id", randomUUID()),
        op === "recordFollowUpStep" ? { step: "listened", note: "x" } : undefined,
      ),
  })),
  {
    op: "recordFollowUpStep",
    code: "follow_up.illegal_step",
    why: "closing a follow-up that was only just received",
    run: async (e) => {
      const p = e.world.t.db.prisma;
      const side = e.world.sides.A;
      const feedback = await p.feedback.create({
        data: {
          workOrderId: side.order.id,
          authorId: side.clientId,
          verdict: "comment",
          rating: 1,
          comment: "error probe",
        },
      });
      const f = await p.followUp.create({ data: { feedbackId: feedback.id, ownerId: side.managerId } });
      return e.rest("teamManager", `/follow-ups/${f.id}/steps`, {
        step: "closed",
        note: "too early",
        clientMessage: "done",
      });
    },
  },
  {
    op: "markNotificationRead",
    code: "notification.not_found",
    why: "no notification has the id",
    run: (e) => e.rest("assignedCrew", `/notifications/${randomUUID()}/read`),
  },
  {
    op: "login",
    code: "auth.invalid_credentials",
    why: "a wrong password",
    run: (e) => e.rest("anonymous", "/auth/login", { email: "admin@crewboard.example", password: "not-the-password" }),
  },
  {
    op: "changeMyPassword",
    code: "auth.current_password_wrong",
    why: "a wrong current password",
    run: (e) =>
      e.rest("owningClient", "/me/password", {
        currentPassword: "not-the-password",
        newPassword: "matrix-another-password",
      }),
  },
  {
    op: "createUser",
    code: "user.email_taken",
    why: "an email in use",
    run: (e) => e.rest("admin", "/users", { email: "crew1@crewboard.example", name: "Twin", role: "crew" }),
  },
  {
    op: "eraseUserData",
    code: "user.still_active",
    why: "erasing the data of a person who has not left (deactivate first)",
    run: async (e) => e.rest("admin", `/users/${(await e.world.make.user("A", "erase probe")).id}/erase`),
  },
  ...(
    ["getUser", "updateUser", "resetUserPassword", "exportUserData", "exportUserDataCsv", "eraseUserData"] as const
  ).map((op): Probe => ({
    op,
    code: "user.not_found",
    why: "nobody has the id",
    run: (e, def) =>
      e.rest(
        "admin",
        def.transport === "rest" ? def.path.replace(":id", randomUUID()) : "",
        op === "updateUser" ? { name: "x" } : undefined,
      ),
  })),
  ...(["getClientCompany", "updateClientCompany"] as const).map((op): Probe => ({
    op,
    code: "client_company.not_found",
    why: "no company has the id",
    run: (e) =>
      e.rest("admin", `/client-companies/${randomUUID()}`, op === "updateClientCompany" ? { name: "x" } : undefined),
  })),
  {
    op: "exportClientCompanyData",
    code: "client_company.not_found",
    why: "no company has the id",
    run: (e) => e.rest("admin", `/client-companies/${randomUUID()}/export`),
  },
  // ---- issue 12: monthly reports ----
  ...(["getClientReport", "exportClientReport", "putReportProposal"] as const).map((op): Probe => ({
    op,
    code: "client_company.not_found",
    why: "no company has the id",
    run: (e, def) =>
      e.rest(
        "admin",
        (def as { path: string }).path.replace(":id", randomUUID()).replace(":month", "2026-10"),
        op === "putReportProposal" ? { body: "x", version: 0 } : undefined,
      ),
  })),
  {
    op: "putReportProposal",
    code: "report.proposal_version_conflict",
    why: "a proposal exists (version 1) and the writer sends version 0, as if there were none",
    run: async (e) => {
      const path = `/client-companies/${e.world.sides.A.companyId}/reports/2039-12/proposal`;
      await e.rest("admin", path, { body: "first", version: 0 });
      return e.rest("admin", path, { body: "second", version: 0 });
    },
  },
  ...(
    ["getWorkOrder", "updateWorkOrder", "createTasks", "listDeliverables", "createDeliverable", "listFeedback"] as const
  ).map((op): Probe => ({
    op,
    code: "work_order.not_found",
    why: "no order has the id",
    run: (e, def) => {
      const body = {
        updateWorkOrder: { title: "x" },
        createTasks: { tasks: [{ title: "x" }] },
        createDeliverable: { title: "x", url: "https://files.example/x" },
      }[op as string];
      return e.rest("admin", (def as { path: string }).path.replace(":id", randomUUID()), body);
    },
  })),
  {
    op: "createFeedback",
    code: "work_order.not_found",
    why: "no order has the id",
    run: (e) => e.rest("owningClient", `/work-orders/${randomUUID()}/feedback`, { verdict: "comment", comment: "x" }),
  },
  {
    op: "updateWorkOrder",
    code: "work_order.version_conflict",
    why: "a stale version",
    run: async (e) =>
      e.rest("teamManager", `/work-orders/${(await openOrder(e.world)).order.id}`, { version: 99, title: "stale" }),
  },
  {
    op: "updateWorkOrder",
    code: "work_order.illegal_transition",
    why: "in progress → completed",
    run: async (e) =>
      e.rest("teamManager", `/work-orders/${(await openOrder(e.world)).order.id}`, { status: "completed" }),
  },
  {
    op: "updateWorkOrder",
    code: "work_order.not_editable",
    why: "a client retitles an accepted order",
    run: async (e) =>
      e.rest("owningClient", `/work-orders/${(await e.world.make.order("A", "accepted", "error probe")).order.id}`, {
        title: "too late",
      }),
  },
  {
    op: "createTasks",
    code: "work_order.not_splittable",
    why: "a requested order",
    run: async (e) =>
      e.rest(
        "teamManager",
        `/work-orders/${(await e.world.make.order("A", "requested", "error probe")).order.id}/tasks`,
        { tasks: [{ title: "x" }] },
      ),
  },
  {
    op: "createDeliverable",
    code: "work_order.not_editable",
    why: "a delivered order awaits the client",
    run: async (e) =>
      e.rest(
        "teamManager",
        `/work-orders/${(await e.world.make.order("A", "delivered", "error probe")).order.id}/deliverables`,
        { title: "late", url: "https://files.example/late" },
      ),
  },
  {
    op: "downloadDeliverable",
    code: "deliverable.not_found",
    why: "no file has the id",
    run: (e) => e.rest("admin", `/deliverables/${randomUUID()}/file`),
  },
  {
    op: "createFeedback",
    code: "feedback.not_allowed",
    why: "accepting an order that is not delivered",
    run: async (e) =>
      e.rest("owningClient", `/work-orders/${(await openOrder(e.world)).order.id}/feedback`, {
        verdict: "accept",
        rating: 5,
      }),
  },
  ...(["getTask", "updateTask", "listProgressUpdates", "createProgressUpdate"] as const).map((op): Probe => ({
    op,
    code: "task.not_found",
    why: "no task has the id",
    run: (e, def) =>
      e.rest(
        "admin",
        (def as { path: string }).path.replace(":id", randomUUID()),
        { updateTask: { version: 1, title: "x" }, createProgressUpdate: { percent: 1 } }[op as string],
      ),
  })),
  {
    op: "updateTask",
    code: "task.version_conflict",
    why: "a stale version",
    run: async (e) =>
      e.rest("teamManager", `/tasks/${(await openOrder(e.world)).task.id}`, { version: 7, title: "stale" }),
  },
  {
    op: "updateTask",
    code: "task.illegal_transition",
    why: "to do → done",
    run: async (e) =>
      e.rest("teamManager", `/tasks/${(await openOrder(e.world)).task.id}`, { version: 1, status: "done" }),
  },
  {
    op: "updateTask",
    code: "work_order.not_editable",
    why: "a task of a completed order",
    run: async (e) =>
      e.rest("teamManager", `/tasks/${(await e.world.make.order("A", "completed", "error probe")).task.id}`, {
        version: 1,
        title: "late",
      }),
  },
  {
    op: "createProgressUpdate",
    code: "task.illegal_transition",
    why: "a done task",
    run: async (e) => {
      const { task } = await openOrder(e.world);
      await e.world.t.db.prisma.task.update({ where: { id: task.id }, data: { status: "done", progress: 100 } });
      return e.rest("teamManager", `/tasks/${task.id}/progress`, { percent: 50 });
    },
  },
  {
    op: "createProgressUpdate",
    code: "work_order.not_editable",
    why: "a task of a completed order",
    run: async (e) =>
      e.rest("teamManager", `/tasks/${(await e.world.make.order("A", "completed", "error probe")).task.id}/progress`, {
        percent: 50,
      }),
  },
  ...(["listCheckIns", "listUserCheckIns", "listAccommodations", "createAccommodation"] as const).map((op): Probe => ({
    op,
    code: "user.not_found",
    why: "nobody has the id",
    run: (e) =>
      op === "listCheckIns"
        ? e.rest("admin", `/check-ins?userId=${randomUUID()}`)
        : op === "listUserCheckIns"
          ? e.rest("admin", `/users/${randomUUID()}/check-ins`)
          : e.rest(
              "admin",
              `/users/${randomUUID()}/accommodations`,
              op === "createAccommodation" ? { title: "x", note: "" } : undefined,
            ),
  })),
  // ---- issue 12: accommodations ----
  ...(["updateAccommodation", "listAccommodationRevisions"] as const).map((op): Probe => ({
    op,
    code: "accommodation.not_found",
    why: "nobody has the id",
    run: (e) =>
      op === "updateAccommodation"
        ? e.rest("admin", `/accommodations/${randomUUID()}`, { version: 1, title: "x" })
        : e.rest("admin", `/accommodations/${randomUUID()}/revisions`),
  })),
  {
    op: "updateAccommodation",
    code: "accommodation.version_conflict",
    why: "a stale version",
    run: async (e) => {
      const a = await e.world.t.db.prisma.accommodation.create({
        data: { userId: e.world.sides.A.crewId, writtenById: e.world.sides.A.managerId, title: "error probe" },
      });
      return e.rest("admin", `/accommodations/${a.id}`, { version: 9, title: "stale" });
    },
  },
  {
    op: "answerNomination",
    code: "work_order.not_found",
    why: "nobody has the id",
    run: (e) => e.rest("admin", `/work-orders/${randomUUID()}/nomination-answer`, { answer: "honoured" }),
  },
  {
    op: "answerNomination",
    code: "work_order.no_nomination",
    why: "the client nominated nobody",
    run: async (e) =>
      e.rest("admin", `/work-orders/${(await openOrder(e.world)).order.id}/nomination-answer`, { answer: "honoured" }),
  },
  {
    op: "listWorkOrderSuggestions",
    code: "work_order.not_found",
    why: "nobody has the id",
    run: (e) => e.rest("admin", `/work-orders/${randomUUID()}/suggestions`),
  },
  {
    op: "answerNomination",
    code: "work_order.nomination_changed",
    why: "the answer names a nominee the client has replaced",
    run: async (e) => {
      const { order } = await e.world.make.order("A", "requested", "error probe");
      await e.world.t.db.prisma.workOrder.update({
        where: { id: order.id },
        data: { nominatedCrewId: e.world.sides.A.crewId },
      });
      return e.rest("admin", `/work-orders/${order.id}/nomination-answer`, {
        answer: "honoured",
        nomineeId: e.world.sides.A.otherCrewId,
      });
    },
  },
  // ---- issue 10: urgent offers ----
  ...offerProbes(),
  {
    op: "listTaskSuggestions",
    code: "task.not_found",
    why: "nobody has the id",
    run: (e) => e.rest("admin", `/tasks/${randomUUID()}/suggestions`),
  },
  {
    op: "getWorkProfile",
    code: "user.not_found",
    why: "nobody has the id",
    run: (e) => e.rest("admin", `/users/${randomUUID()}/work-profile`),
  },
  {
    op: "putWorkProfile",
    code: "user.not_found",
    why: "a client is not crew: work profiles are kept for crew members",
    run: (e) =>
      e.rest("admin", `/users/${e.world.sides.A.clientId}/work-profile`, {
        weeklyMinutes: 1200,
        workingDays: [1],
        skills: [],
      }),
  },
  {
    op: "sendMessage",
    code: "chat_room.taken",
    why: "a manager answers a request another manager took",
    run: async (e) => {
      const room = await e.world.t.db.prisma.chatRoom.create({
        data: {
          kind: "support",
          requesterId: by(e.world, "assignedCrew"),
          claimedById: by(e.world, "otherManager"),
          members: { create: [{ userId: by(e.world, "assignedCrew") }, { userId: by(e.world, "otherManager") }] },
        },
      });
      return e.socket("teamManager", { roomId: room.id, body: "me too", clientKey: randomUUID() });
    },
  },
  {
    op: "sendMessage",
    code: "message.client_key_reused",
    why: "a clientKey first used in another room",
    run: async (e) => {
      const key = randomUUID();
      const first = await e.socket("owningClient", {
        roomId: e.world.sides.A.order.chatRoomId,
        body: "first",
        clientKey: key,
      });
      if (first !== "ok") return `the first send answered ${first}`;
      const direct = await e.world.t.db.prisma.chatRoom.create({
        data: {
          kind: "direct",
          directKey: randomUUID(),
          members: { create: [{ userId: by(e.world, "owningClient") }, { userId: by(e.world, "teamManager") }] },
        },
      });
      return e.socket("owningClient", { roomId: direct.id, body: "second", clientKey: key });
    },
  },
  {
    op: "editMessage",
    code: "message.deleted",
    why: "a deleted message",
    run: async (e) => {
      const m = await e.world.make.message("A", by(e.world, "owningClient"), "error probe");
      await e.world.t.db.prisma.message.update({ where: { id: m.id }, data: { body: "", deletedAt: new Date() } });
      return e.socket("owningClient", { messageId: m.id, body: "again" });
    },
  },
  {
    // deleting is idempotent: a deleted message is deleted (so deleteMessage declares no message.deleted)
    op: "deleteMessage",
    code: "ok",
    why: "a message deleted already",
    run: async (e) => {
      const m = await e.world.make.message("A", by(e.world, "owningClient"), "error probe");
      await e.world.t.db.prisma.message.update({ where: { id: m.id }, data: { body: "", deletedAt: new Date() } });
      return e.socket("owningClient", { messageId: m.id });
    },
  },
  {
    op: "talkToManager",
    code: "chat_room.no_manager_available",
    why: "every manager is away (deactivated for the probe)",
    run: async (e) => {
      const p = e.world.t.db.prisma;
      const managers = await p.user.findMany({ where: { role: "manager", active: true }, select: { id: true } });
      // leave no open request that would simply be returned
      await p.chatRoom.updateMany({
        where: { kind: "support", requesterId: by(e.world, "assignedCrew"), claimedById: null },
        data: { claimedById: managers[0]!.id },
      });
      await p.user.updateMany({ where: { id: { in: managers.map((m) => m.id) } }, data: { active: false } });
      try {
        return await e.socket("assignedCrew", {});
      } finally {
        await p.user.updateMany({ where: { id: { in: managers.map((m) => m.id) } }, data: { active: true } });
      }
    },
  },
];

/** Malformed input for an operation, and the generic code it must answer; null: it takes no input. */
// ---- issue 10: urgent offers ----

const soon = () => new Date(Date.now() + 3_600_000).toISOString();

/** A side A task nobody has (crew persona A works every day), in an order of `status`. */
async function offerableTask(w: World, status: "accepted" | "completed" = "accepted") {
  const p = w.t.db.prisma;
  const { task } = await w.make.order("A", status, "error probe");
  await p.task.update({ where: { id: task.id }, data: { assigneeId: null } });
  await p.user.update({ where: { id: w.sides.A.crewId }, data: { workingDays: [1, 2, 3, 4, 5, 6, 7] } });
  return task.id;
}

/** An offer of such a task to crew persona A: open, past its deadline, taken by another, or expired waiting for the manager. */
async function probeOffer(w: World, state: "open" | "late" | "taken" | "expired" | "declined") {
  const taskId = await offerableTask(w);
  const side = w.sides.A;
  const expired = state === "expired";
  const o = await w.t.db.prisma.urgentOffer.create({
    data: {
      taskId,
      createdById: side.managerId,
      deadlineAt: new Date(Date.now() + (state === "late" || expired ? -60_000 : 3_600_000)),
      status: state === "taken" ? "taken" : expired ? "expired" : "open",
      takenById: state === "taken" ? side.otherCrewId : null,
      endedAt: state === "taken" || expired ? new Date() : null,
      endReason: state === "taken" ? "taken" : expired ? "all_declined" : null,
      recipients: {
        create: [
          { userId: side.crewId, response: state === "declined" || expired ? "declined" : null },
          { userId: side.otherCrewId, response: state === "taken" ? "accepted" : expired ? "declined" : null },
        ],
      },
    },
  });
  return { offerId: o.id, taskId };
}

function offerProbes(): Probe[] {
  const create = (e: ProbeEnv, taskId: string, crewIds?: string[]) =>
    e.rest("admin", "/urgent-offers", { taskId, crewIds: crewIds ?? [e.world.sides.A.crewId], expiresAt: soon() });
  const reoffer = (e: ProbeEnv, offerId: string, crewIds?: string[]) =>
    e.rest("admin", `/urgent-offers/${offerId}/reoffer`, { expiresAt: soon(), ...(crewIds ? { crewIds } : {}) });
  const notFound = (
    ["getUrgentOffer", "acceptUrgentOffer", "declineUrgentOffer", "tellClientUrgentOffer"] as const
  ).map((op): Probe => ({
    op,
    code: "offer.not_found",
    why: "no offer has the id",
    run: (e, def) =>
      e.rest(
        op === "getUrgentOffer" ? "admin" : op === "tellClientUrgentOffer" ? "admin" : "assignedCrew",
        (def as { path: string }).path.replace(":id", randomUUID()),
      ),
  }));
  return [
    ...notFound,
    {
      op: "reofferUrgentOffer",
      code: "offer.not_found",
      why: "no offer has the id",
      run: (e) => reoffer(e, randomUUID()),
    },
    {
      op: "createUrgentOffer",
      code: "task.not_found",
      why: "no task has the id",
      run: (e) => create(e, randomUUID()),
    },
    {
      op: "createUrgentOffer",
      code: "work_order.not_editable",
      why: "the order is completed",
      run: async (e) => create(e, await offerableTask(e.world, "completed")),
    },
    {
      op: "createUrgentOffer",
      code: "offer.task_not_offerable",
      why: "the task is assigned",
      run: async (e) => create(e, (await e.world.make.order("A", "accepted", "error probe")).task.id),
    },
    {
      op: "createUrgentOffer",
      code: "offer.already_open",
      why: "the task has an open offer",
      run: async (e) => create(e, (await probeOffer(e.world, "open")).taskId),
    },
    {
      op: "createUrgentOffer",
      code: "offer.crew_ineligible",
      why: "a client is named among the crew",
      run: async (e) => create(e, await offerableTask(e.world), [e.world.sides.A.clientId]),
    },
    {
      op: "acceptUrgentOffer",
      code: "offer.taken",
      why: "another person asked took it",
      run: async (e) => e.rest("assignedCrew", `/urgent-offers/${(await probeOffer(e.world, "taken")).offerId}/accept`),
    },
    {
      op: "acceptUrgentOffer",
      code: "offer.expired",
      why: "its deadline has passed",
      run: async (e) => e.rest("assignedCrew", `/urgent-offers/${(await probeOffer(e.world, "late")).offerId}/accept`),
    },
    {
      op: "acceptUrgentOffer",
      code: "offer.declined",
      why: "they said no before",
      run: async (e) =>
        e.rest("assignedCrew", `/urgent-offers/${(await probeOffer(e.world, "declined")).offerId}/accept`),
    },
    {
      op: "declineUrgentOffer",
      code: "offer.taken",
      why: "another person asked took it",
      run: async (e) =>
        e.rest("assignedCrew", `/urgent-offers/${(await probeOffer(e.world, "taken")).offerId}/decline`),
    },
    {
      op: "declineUrgentOffer",
      code: "offer.expired",
      why: "its deadline has passed",
      run: async (e) => e.rest("assignedCrew", `/urgent-offers/${(await probeOffer(e.world, "late")).offerId}/decline`),
    },
    {
      op: "reofferUrgentOffer",
      code: "offer.not_awaiting_manager",
      why: "the offer is still open",
      run: async (e) => reoffer(e, (await probeOffer(e.world, "open")).offerId),
    },
    {
      op: "reofferUrgentOffer",
      code: "work_order.not_editable",
      why: "the order was completed meanwhile",
      run: async (e) => {
        const { offerId, taskId } = await probeOffer(e.world, "expired");
        const task = await e.world.t.db.prisma.task.findUniqueOrThrow({ where: { id: taskId } });
        await e.world.t.db.prisma.workOrder.update({ where: { id: task.workOrderId }, data: { status: "completed" } });
        return reoffer(e, offerId);
      },
    },
    {
      op: "reofferUrgentOffer",
      code: "offer.task_not_offerable",
      why: "the task was started meanwhile",
      run: async (e) => {
        const { offerId, taskId } = await probeOffer(e.world, "expired");
        await e.world.t.db.prisma.task.update({ where: { id: taskId }, data: { status: "doing" } });
        return reoffer(e, offerId);
      },
    },
    {
      op: "reofferUrgentOffer",
      code: "offer.already_open",
      why: "another offer of the task is open",
      run: async (e) => {
        const { offerId, taskId } = await probeOffer(e.world, "expired");
        await e.world.t.db.prisma.urgentOffer.create({
          data: { taskId, createdById: e.world.sides.A.managerId, deadlineAt: new Date(Date.now() + 3_600_000) },
        });
        return reoffer(e, offerId);
      },
    },
    {
      op: "reofferUrgentOffer",
      code: "offer.crew_ineligible",
      why: "a client is named among the crew",
      run: async (e) => reoffer(e, (await probeOffer(e.world, "expired")).offerId, [e.world.sides.A.clientId]),
    },
    {
      op: "tellClientUrgentOffer",
      code: "offer.not_awaiting_manager",
      why: "the offer is still open",
      run: async (e) => e.rest("admin", `/urgent-offers/${(await probeOffer(e.world, "open")).offerId}/tell-client`),
    },
  ];
}

export function malformed(def: OperationDef): { path?: string; raw?: string; payload?: unknown; code: string } | null {
  if (def.transport === "socket") return { payload: { matrixUnknownField: true }, code: "validation.failed" };
  if (def.params) return { path: def.path.replace(":id", "not-a-uuid"), code: "validation.failed" };
  if (def.method !== "get") return { path: def.path, raw: "{ not json", code: "request.malformed_json" };
  if (def.query) return { path: `${def.path}?matrixUnknownField=1`, code: "validation.failed" };
  return null;
}

/** Someone the operation's gate lets through (parsing may come after the gate). */
export function allowedCaller(
  world: World,
  def: OperationDef,
  policy: { checkGate: (g: OperationDef["gate"], who: ReturnType<typeof sessionIdentity>) => string },
): PersonaKey {
  return PERSONA_KEYS.find((k) => policy.checkGate(def.gate, sessionIdentity(world.personas[k])) === "allow")!;
}

/** The helpers a probe calls its operation with (method, event and success status from the catalogue). */
export function probeEnv(world: World, api: Record<PersonaKey, ApiClient | null>, def: OperationDef): ProbeEnv {
  return {
    world,
    async rest(as, path, body, options = {}) {
      if (def.transport !== "rest") throw new Error(`${def.operationId} is not a REST operation`);
      const client = api[as] ?? world.t.anonymous();
      const res = await client.request(
        options.method ?? def.method.toUpperCase(),
        path,
        body,
        options.raw !== undefined ? { raw: options.raw, headers: { "content-type": "application/json" } } : {},
      );
      const problem = (res.headers.get("content-type") ?? "").startsWith("application/problem+json");
      return problem
        ? String((res.body as { code: string }).code)
        : res.status === def.status
          ? "ok"
          : `HTTP ${res.status}`;
    },
    async socket(as, payload) {
      if (def.transport !== "socket") throw new Error(`${def.operationId} is not a socket operation`);
      const s = await connectSocket(world.t.baseUrl, api[as]);
      try {
        const a = await s.request(def.event, payload);
        return a.ok ? "ok" : a.error.code;
      } finally {
        s.close();
      }
    },
  };
}

/** Declared codes of an operation that neither a probe nor UNPROBED accounts for. */
export function unaccounted(): string[] {
  const problems: string[] = [];
  for (const [name, def] of Object.entries(operations) as [OperationName, OperationDef][]) {
    for (const code of def.errors ?? []) {
      const probed = PROBES.some((p) => p.op === name && p.code === code);
      if (!probed && !UNPROBED[name]?.[code])
        problems.push(`${name} declares ${code}: no probe provokes it (error-probes.ts), and UNPROBED gives no reason`);
    }
    for (const code of Object.keys(UNPROBED[name] ?? {}))
      if (!(def.errors ?? []).includes(code as never))
        problems.push(`${name}: UNPROBED names ${code}, which it does not declare`);
  }
  for (const p of PROBES)
    if (p.code !== "ok" && !declaredCodes(operations[p.op] as OperationDef).has(p.code))
      problems.push(`probe ${p.op} → ${p.code}: not a code ${p.op} declares`);
  return problems;
}
