import type { FollowUpStats } from "@crewboard/contracts";
import { companyDay, companyTime, hoursToClose } from "@crewboard/domain";
import type { Db } from "../../operations/context.ts";

/** The dashboard's figures: open, overdue, closed this (company) month and the median time to close. */
export async function followUpStats(db: Db, now: Date = new Date()): Promise<FollowUpStats> {
  const month = companyDay(now).slice(0, 7);
  const monthStart = companyTime(`${month}-01`, 0);
  const [open, overdue, closed] = await Promise.all([
    db.followUp.count({ where: { status: { not: "closed" } } }),
    db.followUp.count({ where: { status: { not: "closed" }, dueAt: { lt: now } } }),
    db.followUp.findMany({
      where: { status: "closed", closedAt: { gte: monthStart } },
      select: { createdAt: true, closedAt: true },
    }),
  ]);
  const hours = closed.map((f) => hoursToClose(f)!).sort((a, b) => a - b);
  const mid = Math.floor(hours.length / 2);
  const median = hours.length === 0 ? null : hours.length % 2 ? hours[mid]! : (hours[mid - 1]! + hours[mid]!) / 2;
  return {
    open,
    overdue,
    closedThisMonth: closed.length,
    medianHoursToClose: median === null ? null : Math.round(median * 10) / 10,
    month,
  };
}
