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
import { call } from "./api.ts";

export type { FollowUp, FollowUpStats, Notification, NotificationPage, NotificationPreferences, Praise };
export type FollowUpStepName = z.infer<typeof FollowUpStepNameSchema>;
export type NotificationCategory = z.infer<typeof NotificationCategorySchema>;
export type DeliveryChoice = z.infer<typeof DeliveryChoiceSchema>;
export type RecordFollowUpStepInput = z.input<typeof RecordFollowUpStepRequest>;

// each is one operation of the catalogue, called through api.ts's `call`
export const listNotifications = (
  query?: { unread?: boolean; cursor?: string; limit?: number },
  signal?: AbortSignal,
) => call("listNotifications", { query: query ?? {} }, { signal });
export const markNotificationRead = (notificationId: string) =>
  call("markNotificationRead", { params: { id: notificationId } });
export const markAllNotificationsRead = () => call("markAllNotificationsRead");
export const getNotificationPreferences = (signal?: AbortSignal) => call("getNotificationPreferences", {}, { signal });
export const updateNotificationPreferences = (choices: Partial<Record<NotificationCategory, DeliveryChoice>>) =>
  call("updateNotificationPreferences", { body: { choices } });

export const listMyPraise = (signal?: AbortSignal) => call("listMyPraise", {}, { signal });

export interface ListFollowUpsParams {
  state?: "open" | "overdue" | "closed";
  workOrderId?: string;
  cursor?: string;
  limit?: number;
}
export const listFollowUps = (query?: ListFollowUpsParams, signal?: AbortSignal) =>
  call("listFollowUps", { query: { ...query } }, { signal });
export const getFollowUp = (followUpId: string, signal?: AbortSignal) =>
  call("getFollowUp", { params: { id: followUpId } }, { signal });
export const getFollowUpStats = (signal?: AbortSignal) => call("getFollowUpStats", {}, { signal });
export const recordFollowUpStep = (followUpId: string, body: RecordFollowUpStepInput) =>
  call("recordFollowUpStep", { params: { id: followUpId }, body });
