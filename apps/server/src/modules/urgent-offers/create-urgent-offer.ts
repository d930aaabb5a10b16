// A manager offers a task to several crew at once with a deadline (issue 10). Everyone asked must
// be eligible by the domain's rules (packages/domain/src/urgent-offer.ts): an active crew member
// with the task's skills, working today, not already on it; someone unwell today only with the
// manager's explicit override, which is audited. A manager of another team is never told who is
// unwell: for them it reads "not available today", as in the suggestions.
import type { CreateUrgentOfferRequest, ReofferRequest, UrgentOffer } from "@crewboard/contracts";
import {
  companyDay,
  dateOfDay,
  isCrew,
  isOpenWorkOrder,
  mayOfferUrgently,
  offerIneligibility,
  personalAccess,
  worksOn,
  type Weekday,
} from "@crewboard/domain";
import { AppError, invalidField, type FieldError } from "../../errors.ts";
import type { Actor, Tx } from "../../operations/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { cancelJob, scheduleJob } from "../../jobs/schedule.ts";
import { notifyUsers } from "../notifications/notify.ts";
import { findVisibleTask } from "../tasks/find-visible-task.ts";
import { EXPIRE_JOB, expireJobKey, lockOffer, noticeJobKey } from "./lifecycle.ts";
import { awaitsManager, loadOffer, recordOffer, toUrgentOfferDto } from "./urgent-offer.mapper.ts";

interface NewOffer {
  taskId: string;
  crewIds: readonly string[];
  expiresAt: string;
  override: boolean;
  previousOfferId?: string;
  /** where the request named the people (create: body.crewIds; a reoffer of the same people: its old offer) */
  crewPath: string;
}

async function makeOffer(tx: Tx, events: EventBatch, actor: Actor, request: NewOffer, now: Date) {
  if (!mayOfferUrgently(actor.user)) throw new AppError("auth.forbidden");
  const visible = await findVisibleTask(tx, actor.user, request.taskId);
  // one offer per task at a time: two managers offering the same task at once wait for each other here
  await tx.$queryRaw`SELECT "id" FROM "Task" WHERE "id" = ${visible.id}::uuid FOR UPDATE`;
  const task = await tx.task.findUniqueOrThrow({
    where: { id: visible.id },
    include: { workOrder: { select: { status: true } } },
  });
  if (!isOpenWorkOrder(task.workOrder.status))
    throw new AppError("work_order.not_editable", { detail: `the work order is ${task.workOrder.status}` });
  if (task.status !== "todo" || task.assigneeId)
    throw new AppError("offer.task_not_offerable", {
      detail: task.assigneeId ? "the task is assigned; unassign it first" : `the task is ${task.status}`,
    });
  const open = await tx.urgentOffer.findFirst({ where: { taskId: task.id, status: "open" }, select: { id: true } });
  if (open) throw new AppError("offer.already_open", { extensions: { offerId: open.id } });
  const deadline = new Date(request.expiresAt);
  if (deadline.getTime() <= now.getTime()) throw invalidField("body.expiresAt", "a deadline in the future");

  const people = await tx.user.findMany({
    where: { id: { in: [...request.crewIds] } },
    select: {
      id: true,
      role: true,
      active: true,
      skills: true,
      workingDays: true,
      teamId: true,
      clientCompanyId: true,
    },
  });
  const checkIns = await tx.checkIn.findMany({
    where: { day: dateOfDay(companyDay(now)), userId: { in: [...request.crewIds] } },
    select: { userId: true, condition: true },
  });
  const conditionOf = new Map(checkIns.map((c) => [c.userId, c.condition]));
  const errors: FieldError[] = [];
  const overridden: string[] = [];
  request.crewIds.forEach((id, i) => {
    const person = people.find((p) => p.id === id);
    // a condition counts only where the manager may see it (their own team, admins): another
    // team's manager is neither refused nor asked to confirm, so no answer tells them who is unwell
    const condition = person && personalAccess(actor.user, person) === "full" ? (conditionOf.get(id) ?? null) : null;
    const reason = person
      ? offerIneligibility(
          {
            active: person.active,
            isCrew: isCrew(person),
            skills: person.skills,
            worksToday: worksOn({ workingDays: person.workingDays as Weekday[] }, now),
            condition,
            assigned: task.assigneeId === id,
          },
          task.requiredSkills,
          request.override,
        )
      : "not_crew";
    if (reason) {
      errors.push({ path: `${request.crewPath}.${i}`, message: `cannot be asked: ${reason}`, code: reason });
    } else if (condition === "unwell") {
      overridden.push(id);
    }
  });
  if (errors.length) throw new AppError("offer.crew_ineligible", { errors });

  const created = await tx.urgentOffer.create({
    data: {
      taskId: task.id,
      createdById: actor.user.id,
      deadlineAt: deadline,
      override: overridden.length > 0,
      previousOfferId: request.previousOfferId ?? null,
      recipients: { create: request.crewIds.map((userId) => ({ userId })) },
    },
  });
  await scheduleJob(tx, {
    kind: EXPIRE_JOB,
    key: expireJobKey(created.id),
    runAt: deadline,
    payload: { offerId: created.id },
  });
  await recordAudit(tx, actor, {
    action: request.previousOfferId ? "urgent_offer.reoffer" : "urgent_offer.create",
    entityType: "urgent_offer",
    entityId: created.id,
    metadata: {
      taskId: task.id,
      crewIds: request.crewIds,
      deadlineAt: deadline.toISOString(),
      previousOfferId: request.previousOfferId ?? null,
    },
  });
  if (overridden.length)
    await recordAudit(tx, actor, {
      action: "urgent_offer.override_unwell",
      entityType: "urgent_offer",
      entityId: created.id,
      metadata: { userIds: overridden },
    });
  const row = await loadOffer(tx, created.id);
  recordOffer(events, row, "urgent_offer:created");
  await notifyUsers(tx, events, request.crewIds, {
    kind: "urgent_offer.received",
    data: {
      offerId: row.id,
      taskId: row.task.id,
      taskTitle: row.task.title,
      workOrderNumber: row.task.workOrder.number,
      deadlineAt: row.deadlineAt.toISOString(),
    },
  });
  return row;
}

export async function createUrgentOffer(
  tx: Tx,
  options: { actor: Actor; request: CreateUrgentOfferRequest; events: EventBatch; now: Date },
): Promise<UrgentOffer> {
  const { request } = options;
  const row = await makeOffer(
    tx,
    options.events,
    options.actor,
    {
      taskId: request.taskId,
      crewIds: request.crewIds,
      expiresAt: request.expiresAt,
      override: request.override ?? false,
      crewPath: "body.crewIds",
    },
    options.now,
  );
  return toUrgentOfferDto(row, { kind: "staff" });
}

/** The manager's second choice after an offer expired: offer it again (a new offer; the old one is marked acted on). */
export async function reofferUrgentOffer(
  tx: Tx,
  options: { actor: Actor; offerId: string; request: ReofferRequest; events: EventBatch; now: Date },
): Promise<UrgentOffer> {
  const { actor, request, events, now } = options;
  if (!mayOfferUrgently(actor.user)) throw new AppError("auth.forbidden");
  const locked = await lockOffer(tx, options.offerId);
  if (!locked) throw new AppError("offer.not_found");
  const old = await loadOffer(tx, locked.id);
  if (!awaitsManager(old))
    throw new AppError("offer.not_awaiting_manager", {
      detail: old.status === "expired" ? `a manager chose already: ${old.managerAction}` : `the offer is ${old.status}`,
    });
  const row = await makeOffer(
    tx,
    events,
    actor,
    {
      taskId: old.taskId,
      crewIds: request.crewIds ?? old.recipients.map((r) => r.userId),
      expiresAt: request.expiresAt,
      override: request.override ?? false,
      previousOfferId: old.id,
      crewPath: request.crewIds ? "body.crewIds" : "offer.recipients",
    },
    now,
  );
  await tx.urgentOffer.update({
    where: { id: old.id },
    data: { managerAction: "reoffered", managerActedAt: now, version: { increment: 1 } },
  });
  await cancelJob(tx, noticeJobKey(old.id), now);
  recordOffer(events, await loadOffer(tx, old.id), "urgent_offer:updated");
  return toUrgentOfferDto(await loadOffer(tx, row.id), { kind: "staff" });
}
