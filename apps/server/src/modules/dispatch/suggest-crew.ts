// Suggestions with reasons (issue 10): the active crew ranked for a task by the rules of
// packages/domain (rankSuggestions), each with its reasons and warnings in the manager's words.
// Today's condition is personal data: it is shown only to the people rules' "full" viewers (the
// person's own team's managers, admins), and a list that showed any is audited like every such read.
import type { Suggestion } from "@crewboard/contracts";
import {
  companyDay,
  dateOfDay,
  isSkill,
  personalAccess,
  rankSuggestions,
  reasonText,
  warningText,
  weightedRating,
  worksOn,
  type Locale,
  type SuggestionCandidate,
  type Weekday,
} from "@crewboard/domain";
import type { Actor, Tx } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { findVisibleTask } from "../tasks/find-visible-task.ts";
import { findVisibleWorkOrder } from "../work-orders/find-visible-work-order.ts";
import { toPersonRef } from "../users/user.mapper.ts";
import { workProfileSelect, toWorkProfileDto } from "./work-profile.ts";

/** Past ratings per crew member: on this client's orders, and on orders that needed the same skills. */
async function ratingsByPerson(tx: Tx, clientCompanyId: string, skills: readonly string[]) {
  const rated = await tx.feedback.findMany({
    where: { rating: { not: null } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      workOrderId: true,
      rating: true,
      workOrder: { select: { clientCompanyId: true, tasks: { select: { requiredSkills: true } } } },
    },
  });
  // the latest rating of each order counts
  const orders = new Map<string, { rating: number; sameClient: boolean; sameSkill: boolean }>();
  for (const f of rated) {
    if (orders.has(f.workOrderId)) continue;
    const orderSkills = new Set(f.workOrder.tasks.flatMap((t) => t.requiredSkills));
    orders.set(f.workOrderId, {
      rating: f.rating!,
      sameClient: f.workOrder.clientCompanyId === clientCompanyId,
      sameSkill: skills.some((s) => orderSkills.has(s)),
    });
  }
  const logged = await tx.progressUpdate.findMany({
    where: { minutesSpent: { gt: 0 }, task: { workOrderId: { in: [...orders.keys()] } } },
    select: { authorId: true, minutesSpent: true, task: { select: { workOrderId: true } } },
  });
  // minutes per (person, order)
  const minutes = new Map<string, Map<string, number>>();
  for (const p of logged) {
    const mine = minutes.get(p.authorId) ?? new Map<string, number>();
    mine.set(p.task.workOrderId, (mine.get(p.task.workOrderId) ?? 0) + p.minutesSpent);
    minutes.set(p.authorId, mine);
  }
  return (personId: string): SuggestionCandidate["ratings"] => {
    const mine = [...(minutes.get(personId) ?? new Map<string, number>())].map(([orderId, m]) => ({
      ...orders.get(orderId)!,
      minutes: m,
    }));
    return {
      sameClient: weightedRating(mine.filter((e) => e.sameClient)),
      sameSkill: weightedRating(mine.filter((e) => e.sameSkill)),
    };
  };
}

export async function suggestCrew(tx: Tx, options: { actor: Actor; taskId: string; now: Date }): Promise<Suggestion[]> {
  const task = await findVisibleTask(tx, options.actor.user, options.taskId);
  return suggestFor(tx, {
    actor: options.actor,
    now: options.now,
    workOrderId: task.workOrderId,
    skills: task.requiredSkills,
    audit: { entityType: "task", entityId: task.id },
  });
}

/** Suggestions for a new task of an order (the split dialog), needing `skills`. */
export async function suggestCrewForOrder(
  tx: Tx,
  options: { actor: Actor; workOrderId: string; skills: readonly string[]; now: Date },
): Promise<Suggestion[]> {
  const order = await findVisibleWorkOrder(tx, options.actor.user, options.workOrderId);
  return suggestFor(tx, {
    ...options,
    workOrderId: order.id,
    audit: { entityType: "work_order", entityId: order.id },
  });
}

async function suggestFor(
  tx: Tx,
  options: {
    actor: Actor;
    now: Date;
    workOrderId: string;
    skills: readonly string[];
    audit: { entityType: string; entityId: string };
  },
): Promise<Suggestion[]> {
  const { actor, now } = options;
  const order = await tx.workOrder.findUniqueOrThrow({
    where: { id: options.workOrderId },
    select: { clientCompanyId: true, nominatedCrewId: true },
  });
  const viewer = await tx.user.findUniqueOrThrow({ where: { id: actor.user.id }, select: { locale: true } });
  const locale: Locale = viewer.locale === "en" ? "en" : "ja";
  const required = options.skills.filter(isSkill);

  const crew = await tx.user.findMany({
    where: { role: "crew", active: true },
    select: { ...workProfileSelect, teamId: true, workStyle: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  const checkIns = await tx.checkIn.findMany({
    where: { day: dateOfDay(companyDay(now)), userId: { in: crew.map((c) => c.id) } },
    select: { userId: true, condition: true },
  });
  const conditionOf = new Map(checkIns.map((c) => [c.userId, c.condition]));
  const ratingsOf = await ratingsByPerson(tx, order.clientCompanyId, required);

  const profiles = new Map<string, ReturnType<typeof toWorkProfileDto>>();
  const candidates: SuggestionCandidate[] = crew.map((c) => {
    const profile = toWorkProfileDto(c, now);
    profiles.set(c.id, profile);
    const condition = conditionOf.get(c.id);
    return {
      id: c.id,
      name: c.name,
      skills: profile.skills,
      workStyle: c.workStyle,
      worksToday: worksOn({ workingDays: profile.workingDays as Weekday[] }, now),
      checkIn: condition ? { condition } : null,
      load: profile.load,
      ratings: ratingsOf(c.id),
      nominated: order.nominatedCrewId === c.id,
      access: personalAccess(actor.user, { id: c.id, teamId: c.teamId }),
    };
  });

  const ranked = rankSuggestions(required, candidates);
  const shownConditions = candidates.filter((c) => c.access === "full" && c.checkIn).map((c) => c.id);
  if (shownConditions.length) {
    await recordAudit(tx, actor, {
      action: "check_in.read",
      ...options.audit,
      metadata: { via: "suggestions", userIds: shownConditions },
    });
  }
  const byId = new Map(crew.map((c) => [c.id, c]));
  return ranked.map((r) => ({
    user: toPersonRef(byId.get(r.id)!),
    rank: r.rank,
    warnings: r.warnings.map((w) => ({ code: w.code, text: warningText(w, locale) })),
    reasons: r.reasons.map((q) => ({ code: q.code, text: reasonText(q, locale) })),
    needsOverride: r.needsOverride,
    load: profiles.get(r.id)!.load,
  }));
}
