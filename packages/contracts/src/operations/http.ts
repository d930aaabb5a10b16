// How each REST operation is called: its method and path under /api/v1. Plain data with no zod:
// the package exports it on its own as `@crewboard/contracts/http`, so that the web app's API
// client (apps/web/src/lib/api.ts) can import it as a value without the schemas (the web imports
// the rest of the package for types only). The catalogue in rest.ts adds each operation's schemas,
// gate, errors and events. This file must import nothing but types.
import type { HttpMethod } from "./types.ts";

export const HTTP_OPERATIONS = {
  getHealth: { method: "get", path: "/health" },
  getReadiness: { method: "get", path: "/ready" },
  login: { method: "post", path: "/auth/login" },
  logout: { method: "post", path: "/auth/logout" },
  getCsrfToken: { method: "get", path: "/auth/csrf" },
  getSession: { method: "get", path: "/auth/session" },
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
  listAccommodations: { method: "get", path: "/users/:id/accommodations" },
  createAccommodation: { method: "post", path: "/users/:id/accommodations" },
  listAuditEvents: { method: "get", path: "/audit-events" },
  exportAuditEvents: { method: "get", path: "/audit-events/export" },
} as const satisfies Record<string, { method: HttpMethod; path: string }>;

export type RestOperationName = keyof typeof HTTP_OPERATIONS;
