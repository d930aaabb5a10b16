// "Usually answers within …" on Talk to a manager (issue 9 barrier 13): someone deciding whether
// to ask needs to know how long an answer usually takes, not only who is online.
//
// A question is the first message of a turn by someone who is not staff (crew or client) in a
// direct or support room; its answer is the first later message in that room by a manager or an
// admin. The figure is the median minutes over the questions of the last 30 days that were
// answered — one company-wide number, nobody's messages or names, so every signed-in user may ask.
import type { ReplyTime } from "@crewboard/contracts";
import type { Tx } from "../../operations/context.ts";

const WINDOW_DAYS = 30;
/** fewer answered questions than this say little: the screen then shows no figure */
export const MIN_ANSWERED = 3;

export async function usualReplyTime(db: Tx, now: Date = new Date()): Promise<ReplyTime> {
  const since = new Date(now.getTime() - WINDOW_DAYS * 24 * 60 * 60 * 1000);
  const [row] = await db.$queryRaw<{ median: number | null; answered: bigint }[]>`
    WITH turns AS (
      SELECT m."roomId", m."createdAt", u."role",
             lag(u."role") OVER (PARTITION BY m."roomId" ORDER BY m."createdAt", m."id") AS "previousRole"
      FROM "Message" m
      JOIN "ChatRoom" r ON r."id" = m."roomId" AND r."kind" IN ('direct', 'support')
      JOIN "User" u ON u."id" = m."authorId"
      WHERE m."createdAt" >= ${since} AND m."createdAt" <= ${now} AND m."deletedAt" IS NULL
    ),
    questions AS (
      SELECT * FROM turns
      WHERE "role" IN ('crew', 'client') AND ("previousRole" IS NULL OR "previousRole" IN ('manager', 'admin'))
    )
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM answer."createdAt" - q."createdAt")) / 60 AS "median",
           count(*) AS "answered"
    FROM questions q
    CROSS JOIN LATERAL (
      SELECT a."createdAt" FROM "Message" a JOIN "User" au ON au."id" = a."authorId"
      WHERE a."roomId" = q."roomId" AND a."createdAt" > q."createdAt" AND a."createdAt" <= ${now}
        AND a."deletedAt" IS NULL AND au."role" IN ('manager', 'admin')
      ORDER BY a."createdAt" LIMIT 1
    ) answer`;
  const answered = Number(row?.answered ?? 0);
  const median = row?.median === null || row?.median === undefined ? null : Number(row.median);
  return {
    medianMinutes: answered >= MIN_ANSWERED && median !== null ? Math.max(1, Math.round(median)) : null,
    answered,
  };
}
