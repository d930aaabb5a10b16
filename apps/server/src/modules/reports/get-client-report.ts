// A client company's monthly report (issue 12). A month is a calendar month of the company's
// calendar (Asia/Tokyo, packages/domain calendar.ts). The figures, as the report's help text and
// the README state them:
// - orders completed: the company's work orders whose completedAt (the client's acceptance) is in
//   the month; on time: of those, completedAt <= dueAt;
// - average rating: the mean of the ratings (1–5) given in the month on the company's orders
//   (every rating counts once, by when it was given), rounded to one decimal;
// - follow-ups opened / closed: follow-ups on the company's feedback created / closed in the month;
// - hours by skill: the minutes logged in progress updates written in the month on tasks of the
//   company's orders (ProgressUpdate.minutesSpent; Task.minutesSpent is their running sum), by the
//   skills the task needs (Task.requiredSkills): a task needing two skills counts in full under
//   each; tasks naming no skill count under "no skill named". The total counts every minute once.
import { companyMonthRange, isSkill, mayReadClientReport, SKILLS, type Identity, type Skill } from "@crewboard/domain";
import type { ClientReport, ReportProposal } from "@crewboard/contracts";
import { AppError } from "../../errors.ts";
import type { Db } from "../../operations/context.ts";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";

/** The company, when the caller may read its reports; client_company.not_found otherwise (also for another company's client). */
export async function findReportCompany(db: Db, who: Identity, clientCompanyId: string) {
  if (!mayReadClientReport(who, clientCompanyId)) throw new AppError("client_company.not_found");
  const company = await db.clientCompany.findUnique({
    where: { id: clientCompanyId },
    select: { id: true, name: true, nameEn: true },
  });
  if (!company) throw new AppError("client_company.not_found");
  return company;
}

export const proposalInclude = { updatedBy: { select: personSelect } } as const;

export function toReportProposal(p: {
  body: string;
  version: number;
  updatedAt: Date;
  updatedBy: { id: string; name: string; displayName: string | null; role: Identity["role"] } | null;
}): ReportProposal {
  return {
    body: p.body,
    version: p.version,
    updatedBy: p.updatedBy ? toPersonRef(p.updatedBy) : null,
    updatedAt: p.updatedAt.toISOString(),
  };
}

export async function getClientReport(
  db: Db,
  options: { who: Identity; clientCompanyId: string; month: string },
): Promise<ClientReport> {
  const company = await findReportCompany(db, options.who, options.clientCompanyId);
  const { start, end } = companyMonthRange(options.month);
  const inMonth = { gte: start, lt: end };
  const ofCompany = { clientCompanyId: company.id };

  const [completed, ratings, followUpsOpened, followUpsClosed, logged, proposal] = await Promise.all([
    db.workOrder.findMany({
      where: { ...ofCompany, completedAt: inMonth },
      orderBy: [{ completedAt: "asc" }, { number: "asc" }],
      select: {
        id: true,
        number: true,
        title: true,
        dueAt: true,
        completedAt: true,
        tasks: { select: { assignee: { select: personSelect } }, orderBy: [{ position: "asc" }, { createdAt: "asc" }] },
      },
    }),
    db.feedback.findMany({
      where: { rating: { not: null }, createdAt: inMonth, workOrder: ofCompany },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { workOrderId: true, rating: true },
    }),
    db.followUp.count({ where: { createdAt: inMonth, feedback: { workOrder: ofCompany } } }),
    db.followUp.count({ where: { closedAt: inMonth, feedback: { workOrder: ofCompany } } }),
    db.progressUpdate.findMany({
      where: { createdAt: inMonth, minutesSpent: { gt: 0 }, task: { workOrder: ofCompany } },
      select: { minutesSpent: true, task: { select: { requiredSkills: true } } },
    }),
    db.reportProposal.findUnique({
      where: { clientCompanyId_month: { clientCompanyId: company.id, month: options.month } },
      include: proposalInclude,
    }),
  ]);

  // the latest rating of each order in the month (ratings are in time order)
  const ratingOf = new Map<string, number>();
  for (const r of ratings) ratingOf.set(r.workOrderId, r.rating!);
  const sum = ratings.reduce((s, r) => s + r.rating!, 0);

  const bySkill = new Map<Skill | null, number>();
  let totalMinutes = 0;
  for (const p of logged) {
    totalMinutes += p.minutesSpent;
    const skills = p.task.requiredSkills.filter(isSkill);
    for (const skill of skills.length ? skills : [null]) bySkill.set(skill, (bySkill.get(skill) ?? 0) + p.minutesSpent);
  }
  // the catalogue's order of skills, "no skill named" last
  const hoursBySkill = [...SKILLS, null]
    .filter((s) => bySkill.has(s))
    .map((skill) => ({ skill, minutes: bySkill.get(skill)! }));

  const orders = completed.map((o) => {
    const crew = new Map<string, ReturnType<typeof toPersonRef>>();
    for (const t of o.tasks)
      if (t.assignee && !crew.has(t.assignee.id)) crew.set(t.assignee.id, toPersonRef(t.assignee));
    return {
      id: o.id,
      number: o.number,
      title: o.title,
      dueAt: o.dueAt.toISOString(),
      completedAt: o.completedAt!.toISOString(),
      onTime: o.completedAt! <= o.dueAt,
      rating: ratingOf.get(o.id) ?? null,
      crew: [...crew.values()],
    };
  });

  return {
    company,
    month: options.month,
    from: start.toISOString(),
    to: end.toISOString(),
    ordersCompleted: orders.length,
    ordersOnTime: orders.filter((o) => o.onTime).length,
    ratingCount: ratings.length,
    averageRating: ratings.length ? Math.round((sum / ratings.length) * 10) / 10 : null,
    followUpsOpened,
    followUpsClosed,
    totalMinutes,
    hoursBySkill,
    orders,
    proposal: proposal ? toReportProposal(proposal) : null,
  };
}
