// Notifications: what kinds there are, how each person chooses to hear of each (live only, email,
// or in a daily digest), and the defaults for those who have not chosen.
import type { Role } from "./roles.ts";
import { isClient, isCrew, isStaff } from "./policy/identity.ts";

/** The kinds a person chooses for, each a group of notification kinds. */
export const NOTIFICATION_CATEGORIES = [
  "mention",
  "assignment",
  "offer",
  "revision",
  "praise",
  "follow_up",
  "nomination",
  "order_update",
  "chat",
  "due_reminder",
  "activity",
] as const;
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number];

export const DELIVERY_CHOICES = ["live", "email", "digest"] as const;
export type DeliveryChoice = (typeof DELIVERY_CHOICES)[number];

/** The category of a notification kind ("message.mention" → mention); null: not one a person chooses for (live only). */
export function notificationCategory(kind: string): NotificationCategory | null {
  if (kind === "message.mention") return "mention";
  if (kind === "task.assigned") return "assignment";
  if (kind.startsWith("offer.") || kind.startsWith("urgent_offer.")) return "offer";
  if (kind === "work_order.revision_requested" || kind === "feedback.request_revision") return "revision";
  if (kind === "feedback.praise") return "praise";
  if (kind.startsWith("follow_up.")) return "follow_up";
  if (kind.startsWith("nomination.")) return "nomination";
  // an order delivered or declined: what a client must hear of even when not looking
  if (kind === "work_order.delivered" || kind === "work_order.declined") return "order_update";
  if (kind.startsWith("chat.")) return "chat";
  if (kind.startsWith("task.due") || kind.startsWith("task.overdue") || kind.startsWith("work_order_due."))
    return "due_reminder";
  // issue 12: an accommodation's review date is near (to the person and their own team's managers)
  if (kind === "accommodation.review_due") return "due_reminder";
  // a request for one (to the team's managers), one recorded or changed for the person (to them)
  if (kind.startsWith("accommodation.")) return "activity";
  // the rest of what happens to orders and tasks
  if (kind.startsWith("work_order.") || kind.startsWith("feedback.") || kind.startsWith("task.")) return "activity";
  return null;
}

/**
 * What a person hears by email unless they chose otherwise: what matters when they are not looking.
 * Clients: their orders delivered or declined. Everyone: follow-up steps overdue, due-date
 * reminders, and mentions left unanswered. Managers and admins get the rest in a daily digest.
 */
export function defaultDeliveryChoice(role: Role, category: NotificationCategory): DeliveryChoice {
  switch (category) {
    case "follow_up":
    case "due_reminder":
    case "mention":
      return "email";
    case "order_update":
      return isClient({ role }) ? "email" : isCrew({ role }) ? "live" : "digest";
    default:
      return isStaff({ role }) ? "digest" : "live";
  }
}

export type NotificationPreferences = Partial<Record<NotificationCategory, DeliveryChoice>>;

/** Every category's choice for this person: theirs where they chose, the default elsewhere. */
export function deliveryChoices(
  role: Role,
  prefs: NotificationPreferences,
): Record<NotificationCategory, DeliveryChoice> {
  const out = {} as Record<NotificationCategory, DeliveryChoice>;
  for (const c of NOTIFICATION_CATEGORIES) out[c] = prefs[c] ?? defaultDeliveryChoice(role, c);
  return out;
}

/** Reads stored preferences, keeping only known categories and choices (the column is JSON). */
export function parseNotificationPreferences(value: unknown): NotificationPreferences {
  const out: NotificationPreferences = {};
  if (!value || typeof value !== "object") return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (
      (NOTIFICATION_CATEGORIES as readonly string[]).includes(k) &&
      (DELIVERY_CHOICES as readonly string[]).includes(String(v))
    ) {
      out[k as NotificationCategory] = v as DeliveryChoice;
    }
  }
  return out;
}

/** A mention not read within this time is emailed (to those who chose email for mentions). */
export const MENTION_EMAIL_DELAY_MS = 30 * 60_000;
/** A chat message tells a member who has not read the room for this long. */
export const AWAY_FOR_A_WHILE_MS = 30 * 60_000;
/** The daily digest goes out at this hour of the company day (Asia/Tokyo). */
export const DIGEST_HOUR = 8;
/** Due-date reminders go out at this hour of the company day. */
export const DUE_REMINDER_HOUR = 9;
