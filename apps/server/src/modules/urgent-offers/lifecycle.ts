// What happens to an offer nobody took: it ends (its deadline passed, or everyone said no), the
// managers are told at once with their three choices, and — unless one of them acts within the
// notice window — the client is told that nobody is available, with the reason and what happens
// next, in their language. Never later than the order's due time: when that comes first, at once.
// Each of these runs inside the transaction of its cause (an answer, a job), exactly once: the
// offer row is locked and each step is conditional on the state it moves from.
import { unstaffedNoticeAt } from "@crewboard/domain";
import type { Actor, Tx } from "../../operations/context.ts";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { cancelJob, scheduleJob } from "../../jobs/schedule.ts";
import { notifyClientCompany, notifyUsers } from "../notifications/notify.ts";
import { ensureWorkOrderChatRoom } from "../chat/work-order-room.ts";
import { toMessageDto, messageInclude } from "../chat/message.mapper.ts";
import { audience } from "@crewboard/domain";
import { loadOffer, recordOffer, type UrgentOfferRow } from "./urgent-offer.mapper.ts";

export const EXPIRE_JOB = "urgent-offer.expire";
export const NOTICE_JOB = "urgent-offer.notice";
export const expireJobKey = (offerId: string) => `${EXPIRE_JOB}:${offerId}`;
export const noticeJobKey = (offerId: string) => `${NOTICE_JOB}:${offerId}`;

export interface UrgentOfferOptions {
  /** CREWBOARD_UNSTAFFED_NOTICE_MINUTES: how long the managers have before the client is told */
  unstaffedNoticeMinutes: number;
  /** tests only: called inside each accept's transaction before it locks the offer (a barrier proves accepts overlap) */
  hooks?: { acceptOpened?: (offerId: string) => Promise<void> };
}

/** Locks the offer row for this transaction (other answers and jobs on it wait); null when there is none. */
export async function lockOffer(
  tx: Tx,
  id: string,
): Promise<{
  id: string;
  status: string;
  deadlineAt: Date;
  managerAction: string | null;
  clientToldAt: Date | null;
} | null> {
  const [row] = await tx.$queryRaw<
    { id: string; status: string; deadlineAt: Date; managerAction: string | null; clientToldAt: Date | null }[]
  >`SELECT "id", "status"::text AS "status", "deadlineAt", "managerAction", "clientToldAt"
    FROM "UrgentOffer" WHERE "id" = ${id}::uuid FOR UPDATE`;
  return row ?? null;
}

/**
 * Locks the offers of a task that a task edit may settle (open ones, and expired ones awaiting the
 * manager), in id order. The lock order everywhere is offer, then task: accepting an offer locks
 * the offer and then writes its task, so an edit that assigns or moves the task locks its offers
 * before it writes the task (update-task.ts). The other order deadlocked under a race.
 */
export async function lockOffersOfTask(tx: Tx, taskId: string): Promise<void> {
  await tx.$queryRaw`SELECT "id"::text AS "id" FROM "UrgentOffer"
    WHERE "taskId" = ${taskId}::uuid AND ("status" = 'open' OR ("status" = 'expired' AND "managerAction" IS NULL))
    ORDER BY "id" FOR UPDATE`;
}

/**
 * Ends an open offer nobody took (the row is locked by the caller): expired, the managers told with
 * their choices, the client's notice scheduled — or given at once when the order is due by then.
 */
export async function endUnstaffedOffer(
  tx: Tx,
  events: EventBatch,
  offerId: string,
  reason: "deadline" | "all_declined",
  now: Date,
  options: UrgentOfferOptions,
): Promise<UrgentOfferRow> {
  const offer = await loadOffer(tx, offerId);
  const orderDue = offer.task.workOrder.dueAt;
  const planned = unstaffedNoticeAt(now, options.unstaffedNoticeMinutes);
  const noticeAt =
    orderDue.getTime() < planned.getTime() ? (orderDue.getTime() > now.getTime() ? orderDue : now) : planned;
  const { count } = await tx.urgentOffer.updateMany({
    where: { id: offerId, status: "open" },
    data: {
      status: "expired",
      endedAt: now,
      endReason: reason,
      clientNoticeDueAt: noticeAt,
      version: { increment: 1 },
    },
  });
  if (count === 0) return offer; // not open any more: someone else ended it
  await cancelJob(tx, expireJobKey(offerId), now);
  await recordAudit(tx, null, {
    action: "urgent_offer.expire",
    entityType: "urgent_offer",
    entityId: offerId,
    metadata: { reason, clientNoticeDueAt: noticeAt.toISOString(), taskId: offer.task.id },
  });
  // the managers, at once, with the three choices
  const managers = await tx.user.findMany({ where: { role: "manager", active: true }, select: { id: true } });
  await notifyUsers(tx, events, [...new Set([offer.createdById, ...managers.map((m) => m.id)])], {
    kind: "urgent_offer.expired",
    data: {
      offerId,
      taskId: offer.task.id,
      taskTitle: offer.task.title,
      workOrderId: offer.task.workOrderId,
      workOrderNumber: offer.task.workOrder.number,
      reason,
      clientNoticeDueAt: noticeAt.toISOString(),
      choices: ["assign", "reoffer", "tell_client"],
    },
  });
  if (noticeAt.getTime() <= now.getTime()) {
    await tellClient(tx, events, offerId, { actor: null, now, reason });
  } else {
    await scheduleJob(tx, { kind: NOTICE_JOB, key: noticeJobKey(offerId), runAt: noticeAt, payload: { offerId } });
  }
  const ended = await loadOffer(tx, offerId);
  recordOffer(events, ended, "urgent_offer:updated");
  return ended;
}

type Locale = "ja" | "en";

function noticeText(
  locale: Locale,
  v: { taskTitle: string; orderNumber: number; reason: "deadline" | "all_declined"; deadline: Date },
): string {
  if (locale === "en") {
    const why =
      v.reason === "all_declined"
        ? "everyone we asked urgently is already committed"
        : `we asked urgently, but nobody could take it by ${v.deadline.toISOString().slice(0, 16).replace("T", " ")} UTC`;
    return (
      `Nobody is available for "${v.taskTitle}" (order #${v.orderNumber}): ${why}. ` +
      "What happens next: your manager is looking for another way (another person, another team or a new schedule) " +
      "and will write to you here. If the due date has to move, we will ask you first."
    );
  }
  const deadline = new Intl.DateTimeFormat("ja-JP", {
    timeZone: "Asia/Tokyo",
    month: "numeric",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(v.deadline);
  const why =
    v.reason === "all_declined"
      ? "急ぎでお声がけした全員が、ほかの作業で埋まっていました"
      : `急ぎで募集しましたが、${deadline}までに引き受けられる人が見つかりませんでした`;
  return (
    `「${v.taskTitle}」（依頼 #${v.orderNumber}）について、対応できる人がいません。${why}。` +
    "これからの対応：担当マネージャーが別の方法（ほかの人・ほかのチームへの依頼、日程の調整）を探し、このチャットでご連絡します。" +
    "納期の変更が必要な場合は、先にご相談します。"
  );
}

/**
 * Tells the client now that nobody is available for the task (the row is locked by the caller):
 * a message in the order's chat in their language (both when the company's people read both) and
 * a notification to each of the company's people. Once: conditional on not told yet.
 */
export async function tellClient(
  tx: Tx,
  events: EventBatch,
  offerId: string,
  options: { actor: Actor | null; now: Date; reason?: "deadline" | "all_declined" },
): Promise<boolean> {
  const { actor, now } = options;
  const { count } = await tx.urgentOffer.updateMany({
    where: { id: offerId, status: "expired", clientToldAt: null },
    data: {
      clientToldAt: now,
      ...(actor ? { managerAction: "told_client", managerActedAt: now } : {}),
      version: { increment: 1 },
    },
  });
  if (count === 0) return false;
  await cancelJob(tx, noticeJobKey(offerId), now);
  const offer = await loadOffer(tx, offerId);
  const order = await tx.workOrder.findUniqueOrThrow({
    where: { id: offer.task.workOrderId },
    select: { id: true, number: true, title: true, clientCompanyId: true },
  });
  const readers = await tx.user.findMany({
    where: { clientCompanyId: order.clientCompanyId, active: true },
    select: { locale: true },
  });
  const locales = [...new Set(readers.map((r): Locale => (r.locale === "en" ? "en" : "ja")))].sort().reverse();
  const reason = options.reason ?? (offer.endReason === "all_declined" ? "all_declined" : "deadline");
  const vars = { taskTitle: offer.task.title, orderNumber: order.number, reason, deadline: offer.deadlineAt } as const;
  const body = (locales.length ? locales : (["ja"] as Locale[])).map((l) => noticeText(l, vars)).join("\n\n");
  const room = await ensureWorkOrderChatRoom(tx, events, order);
  // written in the name of the manager who chose to tell, or who made the offer
  const authorId = actor?.user.id ?? offer.createdById;
  const message = await tx.message.create({ data: { roomId: room.id, authorId, body }, include: messageInclude });
  events.add(audience.chatRoom(room.id), "message:created", toMessageDto(message));
  await notifyClientCompany(tx, events, order.clientCompanyId, {
    kind: "urgent_offer.unstaffed",
    data: {
      workOrderId: order.id,
      number: order.number,
      title: order.title,
      taskTitle: offer.task.title,
      reason,
      next: "manager_follows_up",
    },
  });
  await recordAudit(tx, actor, {
    action: actor ? "urgent_offer.tell_client" : "urgent_offer.tell_client_auto",
    entityType: "urgent_offer",
    entityId: offerId,
    metadata: { workOrderId: order.id, messageId: message.id, reason },
  });
  return true;
}
