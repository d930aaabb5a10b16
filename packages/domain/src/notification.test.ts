import { describe, expect, it } from "vitest";
import {
  defaultDeliveryChoice,
  deliveryChoices,
  notificationCategory,
  parseNotificationPreferences,
  NOTIFICATION_CATEGORIES,
} from "./notification.ts";

describe("notification kinds and each person's choices", () => {
  it("groups the kinds the server sends into the categories people choose for", () => {
    expect(notificationCategory("message.mention")).toBe("mention");
    expect(notificationCategory("task.assigned")).toBe("assignment");
    expect(notificationCategory("work_order.revision_requested")).toBe("revision");
    expect(notificationCategory("feedback.praise")).toBe("praise");
    expect(notificationCategory("follow_up.overdue")).toBe("follow_up");
    expect(notificationCategory("work_order.delivered")).toBe("order_update");
    expect(notificationCategory("task.due_tomorrow")).toBe("due_reminder");
    expect(notificationCategory("task.overdue")).toBe("due_reminder");
    expect(notificationCategory("chat.away_message")).toBe("chat");
    expect(notificationCategory("work_order.accepted")).toBe("activity");
    expect(notificationCategory("feedback.comment")).toBe("activity");
    expect(notificationCategory("accommodation.review_due")).toBe("due_reminder");
    expect(notificationCategory("accommodation.requested")).toBe("activity");
    expect(notificationCategory("something.else")).toBeNull();
  });

  it("by default: clients get deliveries by email, managers a digest, everyone due reminders and overdue steps by email", () => {
    expect(defaultDeliveryChoice("client", "order_update")).toBe("email");
    expect(defaultDeliveryChoice("manager", "order_update")).toBe("digest");
    expect(defaultDeliveryChoice("crew", "order_update")).toBe("live");
    expect(defaultDeliveryChoice("crew", "due_reminder")).toBe("email");
    expect(defaultDeliveryChoice("manager", "follow_up")).toBe("email");
    expect(defaultDeliveryChoice("crew", "praise")).toBe("live");
  });

  it("a person's own choice wins; unknown categories and choices in the stored JSON are ignored", () => {
    const prefs = parseNotificationPreferences({
      mention: "live",
      praise: "email",
      bogus: "email",
      chat: "carrier pigeon",
    });
    expect(prefs).toEqual({ mention: "live", praise: "email" });
    const all = deliveryChoices("crew", prefs);
    expect(Object.keys(all)).toEqual([...NOTIFICATION_CATEGORIES]);
    expect(all.mention).toBe("live");
    expect(all.due_reminder).toBe("email");
    expect(parseNotificationPreferences(null)).toEqual({});
  });
});
