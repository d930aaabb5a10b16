// The inbox: my notifications (paged, newest first, with the unread count), marking them read (the
// other tabs and devices hear of it), and how I hear of each kind: live only, email, or a digest.
import { Router } from "express";
import { routes } from "@crewboard/contracts";
import {
  audience,
  deliveryChoices,
  mayReadNotification,
  parseNotificationPreferences,
  type NotificationCategory,
} from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import { registerRoute, type RouteDeps } from "../../operations/rest.ts";
import type { Db } from "../../operations/context.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { newestFirstPage, pageOf } from "../../http/pagination.ts";
import { toNotificationDto } from "./notification.mapper.ts";

const unreadCountOf = (db: Db, userId: string) => db.notification.count({ where: { userId, readAt: null } });

export function notificationRoutes(deps: RouteDeps & { emailEnabled: boolean }): Router {
  const router = Router();

  registerRoute(router, deps, routes.listNotifications, async ({ db, user, query }) => {
    const page = newestFirstPage(query);
    const rows = await db.notification.findMany({
      where: { AND: [{ userId: user.id }, query.unread ? { readAt: null } : {}, page.where] },
      orderBy: page.orderBy,
      take: page.take,
    });
    return { ...pageOf(rows, query.limit, toNotificationDto), unreadCount: await unreadCountOf(db, user.id) };
  });

  // before /notifications/:id/read
  registerRoute(router, deps, routes.markAllNotificationsRead, async ({ db, user, events }) => {
    const now = new Date();
    const { count } = await db.notification.updateMany({
      where: { userId: user.id, readAt: null },
      data: { readAt: now },
    });
    if (count > 0)
      events.add(audience.person(user.id), "notification:read", {
        ids: "all",
        readAt: now.toISOString(),
        unreadCount: 0,
      });
    return { updated: count, unreadCount: 0 };
  });

  registerRoute(router, deps, routes.markNotificationRead, async ({ db, user, params, events }) => {
    const row = await db.notification.findUnique({ where: { id: params.id } });
    if (!row || !mayReadNotification(user, row)) throw new AppError("notification.not_found");
    if (row.readAt) return toNotificationDto(row); // already read: nothing changes, nobody is told again
    const updated = await db.notification.update({ where: { id: row.id }, data: { readAt: new Date() } });
    events.add(audience.person(user.id), "notification:read", {
      ids: [row.id],
      readAt: updated.readAt!.toISOString(),
      unreadCount: await unreadCountOf(db, user.id),
    });
    return toNotificationDto(updated);
  });

  const preferencesOf = (u: { role: Parameters<typeof deliveryChoices>[0]; notificationPrefs: Prisma.JsonValue }) => {
    const chosen = parseNotificationPreferences(u.notificationPrefs);
    return {
      choices: deliveryChoices(u.role, chosen),
      chosen: Object.keys(chosen) as NotificationCategory[],
      emailEnabled: deps.emailEnabled,
    };
  };

  registerRoute(router, deps, routes.getNotificationPreferences, async ({ db, user }) =>
    preferencesOf(
      await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { role: true, notificationPrefs: true } }),
    ),
  );

  registerRoute(router, deps, routes.updateNotificationPreferences, async ({ db, actor, user, body }) => {
    const current = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { notificationPrefs: true } });
    const merged = { ...parseNotificationPreferences(current.notificationPrefs), ...body.choices };
    const updated = await db.user.update({
      where: { id: user.id },
      data: { notificationPrefs: merged },
      select: { role: true, notificationPrefs: true },
    });
    await recordAudit(db, actor, {
      action: "user.notification_preferences",
      entityType: "user",
      entityId: user.id,
      metadata: { choices: body.choices },
    });
    return preferencesOf(updated);
  });

  return router;
}
