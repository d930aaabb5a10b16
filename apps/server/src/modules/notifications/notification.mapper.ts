import type { Notification as NotificationDto } from "@crewboard/contracts";
import { notificationCategory } from "@crewboard/domain";
import type { Notification } from "@crewboard/db";

export const toNotificationDto = (n: Notification): NotificationDto => ({
  id: n.id,
  kind: n.kind,
  category: notificationCategory(n.kind),
  data: (n.data ?? {}) as Record<string, unknown>,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});
