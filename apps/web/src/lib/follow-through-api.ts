// REST helpers of issue 11 (the inbox, notification choices, follow-ups, praise), kept beside
// api.ts so that its rewrite into a catalogue-derived client and this file merge without overlap.
import type * as z from "zod";
import type {
  DeliveryChoice as DeliveryChoiceSchema,
  FollowUp,
  FollowUpStats,
  FollowUpStepName as FollowUpStepNameSchema,
  Notification,
  NotificationCategory as NotificationCategorySchema,
  NotificationPage,
  NotificationPreferences,
  Praise,
  RecordFollowUpStepRequest,
} from "@crewboard/contracts";
import { api, queryString, type Page } from "./api.ts";

export type { FollowUp, FollowUpStats, Notification, NotificationPage, NotificationPreferences, Praise };
export type FollowUpStepName = z.infer<typeof FollowUpStepNameSchema>;
export type NotificationCategory = z.infer<typeof NotificationCategorySchema>;
export type DeliveryChoice = z.infer<typeof DeliveryChoiceSchema>;
export type RecordFollowUpStepInput = z.input<typeof RecordFollowUpStepRequest>;

const id = (value: string) => encodeURIComponent(value);

export const listNotifications = (
  params?: { unread?: boolean; cursor?: string; limit?: number },
  signal?: AbortSignal,
) => api.get<NotificationPage>(`/notifications${queryString(params)}`, { signal });
export const markNotificationRead = (notificationId: string) =>
  api.post<Notification>(`/notifications/${id(notificationId)}/read`);
export const markAllNotificationsRead = () =>
  api.post<{ updated: number; unreadCount: number }>("/notifications/read-all");
export const getNotificationPreferences = (signal?: AbortSignal) =>
  api.get<NotificationPreferences>("/me/notification-preferences", { signal });
export const updateNotificationPreferences = (choices: Partial<Record<NotificationCategory, DeliveryChoice>>) =>
  api.put<NotificationPreferences>("/me/notification-preferences", { choices });

export const listMyPraise = (signal?: AbortSignal) => api.get<{ items: Praise[] }>("/me/praise", { signal });

export interface ListFollowUpsParams {
  state?: "open" | "overdue" | "closed";
  workOrderId?: string;
  cursor?: string;
  limit?: number;
}
export const listFollowUps = (params?: ListFollowUpsParams, signal?: AbortSignal) =>
  api.get<Page<FollowUp>>(`/follow-ups${queryString({ ...params })}`, { signal });
export const getFollowUp = (followUpId: string, signal?: AbortSignal) =>
  api.get<FollowUp>(`/follow-ups/${id(followUpId)}`, { signal });
export const getFollowUpStats = (signal?: AbortSignal) => api.get<FollowUpStats>("/follow-ups/stats", { signal });
export const recordFollowUpStep = (followUpId: string, body: RecordFollowUpStepInput) =>
  api.post<FollowUp>(`/follow-ups/${id(followUpId)}/steps`, body);
