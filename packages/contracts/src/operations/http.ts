// How each REST operation is called: its method and path under /api/v1. Plain data with no zod:
// the package exports it on its own as `@crewboard/contracts/http`, so that the web app's API
// client (apps/web/src/lib/api.ts) can import it as a value without the schemas (the web imports
// the rest of the package for types only). The catalogue in rest.ts adds each operation's schemas,
// gate, errors and events. This file must import nothing but types.
import type { HttpMethod } from "./types.ts";

/** On every answer to a signed-in request: when the session ends unless the user does something (ISO 8601) */
export const SESSION_EXPIRES_HEADER = "X-Session-Expires";
/** Beside it: the session's absolute end, which no activity moves (ISO 8601). When the two are the same, the session ends for its length, not for lack of activity */
export const SESSION_ABSOLUTE_END_HEADER = "X-Session-Absolute-End";
/** Sent by a client on requests the user did not ask for (polls, refreshes): they do not keep an idle session alive */
export const BACKGROUND_REQUEST_HEADER = "X-Crewboard-Background";

/**
 * The largest page of listTasks (other lists: 100). The board reads every task it may show in a
 * few big pages (issue 14); here, as plain data, so that the web app can read it.
 */
export const TASK_PAGE_MAX = 5000;

export const HTTP_OPERATIONS = {
  getHealth: { method: "get", path: "/health" },
  getReadiness: { method: "get", path: "/ready" },
  login: { method: "post", path: "/auth/login" },
  logout: { method: "post", path: "/auth/logout" },
  getCsrfToken: { method: "get", path: "/auth/csrf" },
  getSession: { method: "get", path: "/auth/session" },
  extendSession: { method: "post", path: "/auth/session/extend" },
  getDemoAccounts: { method: "get", path: "/auth/demo" },
  getMe: { method: "get", path: "/me" },
  changeMyPassword: { method: "post", path: "/me/password" },
  updateMe: { method: "patch", path: "/me" },
  listUsers: { method: "get", path: "/users" },
  createUser: { method: "post", path: "/users" },
  getUser: { method: "get", path: "/users/:id" },
  updateUser: { method: "patch", path: "/users/:id" },
  resetUserPassword: { method: "post", path: "/users/:id/password-reset" },
  listTeams: { method: "get", path: "/teams" },
  updateTeam: { method: "patch", path: "/teams/:id" },
  listCrew: { method: "get", path: "/crew" },
  listClientCompanies: { method: "get", path: "/client-companies" },
  getClientCompany: { method: "get", path: "/client-companies/:id" },
  createClientCompany: { method: "post", path: "/client-companies" },
  updateClientCompany: { method: "patch", path: "/client-companies/:id" },
  listWorkOrders: { method: "get", path: "/work-orders" },
  createWorkOrder: { method: "post", path: "/work-orders" },
  getWorkOrder: { method: "get", path: "/work-orders/:id" },
  updateWorkOrder: { method: "patch", path: "/work-orders/:id" },
  createTasks: { method: "post", path: "/work-orders/:id/tasks" },
  listDeliverables: { method: "get", path: "/work-orders/:id/deliverables" },
  createDeliverable: { method: "post", path: "/work-orders/:id/deliverables" },
  downloadDeliverable: { method: "get", path: "/deliverables/:id/file" },
  listFeedback: { method: "get", path: "/work-orders/:id/feedback" },
  createFeedback: { method: "post", path: "/work-orders/:id/feedback" },
  listTasks: { method: "get", path: "/tasks" },
  getTask: { method: "get", path: "/tasks/:id" },
  updateTask: { method: "patch", path: "/tasks/:id" },
  listProgressUpdates: { method: "get", path: "/tasks/:id/progress" },
  createProgressUpdate: { method: "post", path: "/tasks/:id/progress" },
  listCheckIns: { method: "get", path: "/check-ins" },
  putMyCheckIn: { method: "put", path: "/check-ins/today" },
  listUserCheckIns: { method: "get", path: "/users/:id/check-ins" },
  listAccommodations: { method: "get", path: "/users/:id/accommodations" },
  createAccommodation: { method: "post", path: "/users/:id/accommodations" },
  updateAccommodation: { method: "patch", path: "/accommodations/:id" },
  listAccommodationRevisions: { method: "get", path: "/accommodations/:id/revisions" },
  listMyRecordViews: { method: "get", path: "/me/record-views" },
  listAuditEvents: { method: "get", path: "/audit-events" },
  exportAuditEvents: { method: "get", path: "/audit-events/export" },
  // ---- issue 11: follow-through (inbox, notification choices, follow-ups, praise) ----
  listNotifications: { method: "get", path: "/notifications" },
  markAllNotificationsRead: { method: "post", path: "/notifications/read-all" },
  markNotificationRead: { method: "post", path: "/notifications/:id/read" },
  getNotificationPreferences: { method: "get", path: "/me/notification-preferences" },
  updateNotificationPreferences: { method: "put", path: "/me/notification-preferences" },
  listMyPraise: { method: "get", path: "/me/praise" },
  getFollowUpStats: { method: "get", path: "/follow-ups/stats" },
  listFollowUps: { method: "get", path: "/follow-ups" },
  getFollowUp: { method: "get", path: "/follow-ups/:id" },
  recordFollowUpStep: { method: "post", path: "/follow-ups/:id/steps" },
  // ---- issue 10: dispatch (work profiles, load) ----
  listWorkProfiles: { method: "get", path: "/work-profiles" },
  getWorkProfile: { method: "get", path: "/users/:id/work-profile" },
  putWorkProfile: { method: "put", path: "/users/:id/work-profile" },
  listTaskSuggestions: { method: "get", path: "/tasks/:id/suggestions" },
  listWorkOrderSuggestions: { method: "get", path: "/work-orders/:id/suggestions" },
  answerNomination: { method: "post", path: "/work-orders/:id/nomination-answer" },
  // ---- issue 10: urgent offers (first yes wins) ----
  createUrgentOffer: { method: "post", path: "/urgent-offers" },
  listUrgentOffers: { method: "get", path: "/urgent-offers" },
  getUrgentOffer: { method: "get", path: "/urgent-offers/:id" },
  acceptUrgentOffer: { method: "post", path: "/urgent-offers/:id/accept" },
  declineUrgentOffer: { method: "post", path: "/urgent-offers/:id/decline" },
  reofferUrgentOffer: { method: "post", path: "/urgent-offers/:id/reoffer" },
  tellClientUrgentOffer: { method: "post", path: "/urgent-offers/:id/tell-client" },
  // ---- issue 15: personal data (export, erasure) and a client company's data at contract end ----
  exportUserData: { method: "get", path: "/users/:id/personal-data" },
  exportUserDataCsv: { method: "get", path: "/users/:id/personal-data/csv" },
  eraseUserData: { method: "post", path: "/users/:id/erase" },
  exportClientCompanyData: { method: "get", path: "/client-companies/:id/export" },
  // ---- issue 12: monthly reports for clients ----
  getClientReport: { method: "get", path: "/client-companies/:id/reports/:month" },
  exportClientReport: { method: "get", path: "/client-companies/:id/reports/:month/csv" },
  putReportProposal: { method: "put", path: "/client-companies/:id/reports/:month/proposal" },
} as const satisfies Record<string, { method: HttpMethod; path: string }>;

export type RestOperationName = keyof typeof HTTP_OPERATIONS;

// ---- URLs ------------------------------------------------------------------------------------
// Built here, once, for the web app's API client (every request's URL) and for the server, which
// names in index.html the request the web app will send first (issue 14: the board's first page,
// preloaded while the scripts load): the browser reuses a preload only when the URL is the same
// to the byte, so the two must never build it apart.

type QueryValue = string | number | boolean | readonly string[] | null | undefined;

/** `?a=1&status=x,y` from a query object, in its keys' order; empty values are left out, lists are comma-separated. */
export function queryString(query: object | undefined): string {
  if (!query) return "";
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, QueryValue][]) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length) search.set(key, value.join(","));
    } else search.set(key, String(value as string | number | boolean));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

/** An operation's path under /api/v1 with its params filled in, and its query. */
export function operationPath(
  name: RestOperationName,
  input: { params?: Readonly<Record<string, string>>; query?: object } = {},
): string {
  const params = input.params ?? {};
  const path = HTTP_OPERATIONS[name].path.replace(/:(\w+)/g, (_whole, key: string) =>
    encodeURIComponent(params[key] ?? ""),
  );
  return `${path}${queryString(input.query)}`;
}

/** The board's first page of tasks: small, so that the first cards show as soon as it answers. */
export const BOARD_FIRST_PAGE = 100;

/**
 * The query of a page of the board's task list (listTasks): the first page (no cursor) of
 * BOARD_FIRST_PAGE tasks, then pages of TASK_PAGE_MAX. `easyRead`: the reader's saved easy-read
 * preference (the tasks then carry their furigana: `ruby=true`).
 */
export function boardTasksPage(easyRead: boolean, cursor?: string) {
  return {
    limit: cursor ? TASK_PAGE_MAX : BOARD_FIRST_PAGE,
    ...(easyRead ? { ruby: true as const } : {}),
    ...(cursor ? { cursor } : {}),
  };
}
