// A notification in the reader's language: its words from the kind, the data (names, titles,
// messages people wrote) in its own `lang`, and where it leads.
import type { ReactNode } from "react";
import type { I18n, MessageKey } from "../../i18n/index.ts";
import type { Notification } from "../../lib/follow-through-api.ts";
import { textLang } from "../../ui/lang.ts";
import { paths } from "../../app/paths.ts";
import { followUpPath } from "./paths.ts";

type Data = Record<string, unknown>;
const str = (v: unknown) => (v == null ? "" : String(v));

export function notificationHref(n: Pick<Notification, "kind" | "data">): string | null {
  const d = n.data as Data;
  if (typeof d.followUpId === "string") return followUpPath(d.followUpId);
  // issue 12: the person opens their own profile, their managers the person's page
  if (n.kind.startsWith("accommodation."))
    return d.own ? paths.myProfile : typeof d.userId === "string" ? paths.crewMember(d.userId) : null;
  if (n.kind === "message.mention" || n.kind.startsWith("chat."))
    return typeof d.roomId === "string" ? paths.chatRoom(d.roomId) : paths.chat;
  if (n.kind === "urgent_offer.received" || n.kind === "urgent_offer.taken") return paths.myDay;
  if (n.kind === "urgent_offer.expired") return paths.board;
  if (n.kind.startsWith("task.") && !d.workOrderId) return paths.myDay;
  // issue 12: a check-in reminder leads to My Day's check-in, the managers' notice to the crew overview
  if (n.kind === "check_in.reminder") return paths.myDay;
  if (n.kind === "check_in.not_checked_in") return paths.crew;
  if (typeof d.workOrderId === "string") return paths.workOrder(d.workOrderId);
  return null;
}

export function notificationText(
  n: Pick<Notification, "kind" | "data">,
  i18n: Pick<I18n, "locale" | "tNodes" | "t" | "formatDate">,
): ReactNode[] {
  const { locale, tNodes, t, formatDate } = i18n;
  const d = n.data as Data;
  const own = (v: unknown) => <span lang={textLang(str(v), locale)}>{str(v)}</span>;
  const number = d.number ?? d.workOrderNumber;
  const num = number != null ? `#${str(number)}` : "";
  const when = (v: unknown) => (v ? formatDate(str(v), "dateTime") : "");
  const say = (key: MessageKey, nodes: Record<string, ReactNode> = {}) => tNodes(key, { number: num, ...nodes });
  switch (n.kind) {
    case "message.mention":
      return say("inbox.kind.mention", { name: own(d.authorName), excerpt: own(d.excerpt) });
    case "task.assigned":
      return say("inbox.kind.assigned", { title: own(d.title) });
    case "work_order.requested":
      return say("inbox.kind.requested", { title: own(d.title) });
    case "work_order.delivered":
      return say("inbox.kind.delivered", { title: own(d.title) });
    case "work_order.declined":
      return say("inbox.kind.declined", { title: own(d.title) });
    // issue 10: the manager's answer to the client's nomination
    case "nomination.honoured":
      return say("inbox.kind.nominationHonoured", { name: own(d.nominee) });
    case "nomination.declined":
      return d.alternative
        ? say("inbox.kind.nominationDeclinedAlternative", {
            name: own(d.nominee),
            alternative: own(d.alternative),
            reason: own(d.reason),
          })
        : say("inbox.kind.nominationDeclined", { name: own(d.nominee), reason: own(d.reason) });
    case "work_order.revision_requested":
    case "feedback.request_revision":
    case "feedback.revision_requested":
      return say("inbox.kind.revision");
    case "feedback.praise":
      return d.fromName
        ? say("inbox.kind.praise", { name: own(d.fromName), comment: own(d.comment) })
        : say("inbox.kind.praiseNoName");
    case "feedback.accept":
    case "feedback.comment":
      return say("inbox.kind.feedback");
    case "follow_up.received":
      return say("inbox.kind.followUpReceived", { name: own(d.ownerName), due: when(d.dueAt) });
    case "follow_up.opened":
      return say("inbox.kind.followUpOpened");
    case "follow_up.action_taken":
      return say("inbox.kind.followUpAction", { message: own(d.clientMessage) });
    case "follow_up.closed":
      return say("inbox.kind.followUpClosed", { message: own(d.clientMessage) });
    case "follow_up.overdue":
      return say("inbox.kind.followUpOverdue", { step: t(`followUps.step.${str(d.step)}` as MessageKey) });
    case "crew.prevention_note":
      return say("inbox.kind.preventionNote", { note: own(d.note) });
    case "task.due_tomorrow":
    case "work_order_due.tomorrow":
      return say("inbox.kind.dueTomorrow", { title: own(d.title), due: when(d.dueAt) });
    case "task.overdue":
    case "work_order_due.overdue":
      return say("inbox.kind.overdue", { title: own(d.title), due: when(d.dueAt) });
    case "chat.support_requested":
      return say("inbox.kind.supportRequested", { name: own(d.requesterName) });
    case "chat.unread_messages":
      return say("inbox.kind.unreadChat");
    // issue 10: urgent offers
    case "urgent_offer.received":
      return say("inbox.kind.offerReceived", { title: own(d.taskTitle), due: when(d.deadlineAt) });
    case "urgent_offer.taken":
      return say("inbox.kind.offerTaken", { title: own(d.taskTitle), name: own(d.takenBy) });
    case "urgent_offer.expired":
      return say("inbox.kind.offerExpired", { title: own(d.taskTitle), due: when(d.clientNoticeDueAt) });
    case "urgent_offer.unstaffed":
      return say("inbox.kind.offerUnstaffed", { title: own(d.taskTitle) });
    case "accommodation.review_due":
      return d.own
        ? say("inbox.kind.accommodationReviewOwn", { due: formatDate(str(d.reviewOn)), days: str(d.daysLeft) })
        : say("inbox.kind.accommodationReview", {
            name: own(d.name),
            due: formatDate(str(d.reviewOn)),
            days: str(d.daysLeft),
          });
    case "accommodation.requested":
      return say("inbox.kind.accommodationRequested", { name: own(d.name) });
    case "accommodation.recorded":
    case "accommodation.updated":
      return say(d.agreed ? "inbox.kind.accommodationAgreedOwn" : "inbox.kind.accommodationChangedOwn");
    // issue 12: "not checked in by" the team's time
    case "check_in.reminder":
      return say("inbox.kind.checkInReminder");
    case "check_in.not_checked_in": {
      const people = Array.isArray(d.people) ? (d.people as { name?: unknown }[]) : [];
      const separator = locale === "ja" ? "、" : ", ";
      const names = people.flatMap((p, i) => [...(i > 0 ? [separator] : []), <span key={i}>{own(p.name)}</span>]);
      return say("inbox.kind.notCheckedIn", { time: str(d.time), names: <>{names}</> });
    }
    case "task.blocked":
      return say("inbox.kind.blocked", { title: own(d.taskTitle ?? d.title) });
    default:
      if (n.kind.startsWith("work_order.")) {
        const status = n.kind.slice("work_order.".length);
        return say("inbox.kind.orderStatus", { status: t(`workOrderStatus.${status}` as MessageKey) });
      }
      return say("inbox.kind.generic");
  }
}
