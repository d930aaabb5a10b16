import type { Praise } from "@crewboard/contracts";
import { primeRuby, rubyOf } from "../../readings/readings.ts";
import { isPraise, type FeedbackTone } from "@crewboard/domain";
import type { Db } from "../../operations/context.ts";
import { personSelect, toPersonRef } from "../users/user.mapper.ts";
import { newestFirst } from "../../http/pagination.ts";

/**
 * What clients praised (a rating of 4 or more, or words marked as praise) in the orders this crew
 * member worked on, newest first: the last 90 days, at most 20.
 */
export async function listMyPraise(db: Db, userId: string, now: Date = new Date()): Promise<Praise[]> {
  const rows = await db.feedback.findMany({
    where: {
      workOrder: { tasks: { some: { assigneeId: userId } } },
      author: { role: "client" },
      createdAt: { gte: new Date(now.getTime() - 90 * 86_400_000) },
      OR: [{ rating: { gte: 4 } }, { tone: "praise" }],
    },
    include: {
      author: { select: { ...personSelect, clientCompany: { select: { name: true } } } },
      workOrder: { select: { id: true, number: true, title: true } },
    },
    orderBy: newestFirst(),
    take: 40,
  });
  const praise = rows.filter((f) => isPraise({ rating: f.rating, tone: f.tone as FeedbackTone | null })).slice(0, 20);
  await primeRuby(praise.flatMap((f) => [f.comment, f.workOrder.title])); // in one request to the reading worker
  return praise.map((f) => ({
    feedbackId: f.id,
    workOrder: f.workOrder,
    from: toPersonRef(f.author),
    companyName: f.author.clientCompany?.name ?? "",
    rating: f.rating,
    comment: f.comment,
    at: f.createdAt.toISOString(),
    // easy-read furigana, computed on read (feedback keeps no readings of its own)
    ruby: rubyOf({ comment: f.comment, title: f.workOrder.title }, null),
  }));
}
