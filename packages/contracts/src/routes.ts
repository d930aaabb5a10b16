// The REST API's one catalogue: the server registers exactly these routes (validating with
// their schemas) and the OpenAPI document is generated from them, so the two cannot drift.
import * as z from "zod";
import type { Role } from "@crewboard/domain";
import { IdParams } from "./common.ts";
import { CsrfResponse, DemoAccountsResponse, HealthResponse, LoginRequest, LoginResponse, SessionResponse } from "./auth.ts";
import {
  ChangePasswordRequest,
  ClientCompany,
  ClientCompanyPage,
  CreateClientCompanyRequest,
  CreateUserRequest,
  CreateUserResponse,
  CrewList,
  ListClientCompaniesQuery,
  ListUsersQuery,
  MeResponse,
  ResetPasswordResponse,
  TeamList,
  UpdateClientCompanyRequest,
  UpdateMeRequest,
  UpdateUserRequest,
  User,
  UserPage,
} from "./users.ts";
import { CreateWorkOrderRequest, ListWorkOrdersQuery, UpdateWorkOrderRequest, WorkOrder, WorkOrderPage } from "./work-orders.ts";
import {
  CreateProgressUpdateRequest,
  CreateProgressUpdateResponse,
  CreateTasksRequest,
  ListTasksQuery,
  ProgressUpdatePage,
  Task,
  TaskList,
  TaskPage,
  UpdateTaskRequest,
} from "./tasks.ts";
import { PageQuery } from "./common.ts";
import { CreateDeliverableRequest, CreateFeedbackRequest, Deliverable, DeliverableList, Feedback, FeedbackList } from "./deliverables.ts";
import { AccommodationList, CheckIn, CheckInList, CreateAccommodationRequest, ListCheckInsQuery, PutCheckInRequest, Accommodation } from "./wellbeing.ts";
import { AuditEventPage, ExportAuditEventsQuery, ListAuditEventsQuery } from "./audit.ts";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** "public": no session; "user": any signed-in user; a role list: only those roles. */
export type Access = "public" | "user" | readonly Role[];

export interface RouteDef {
  method: HttpMethod;
  /** Express-style path under /api/v1, e.g. /work-orders/:id */
  path: string;
  operationId: string;
  summary: string;
  tag: string;
  access: Access;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** the body may also come as multipart/form-data (file upload) */
  multipart?: boolean;
  /** success status and body; `null` body for 204 or a file download */
  status: number;
  response: z.ZodType | null;
  /** the response is a file (binary) rather than JSON; its media type when not octet-stream */
  binary?: boolean | { mediaType: string };
  /**
   * May be called by a user who signed in with a one-time password and has not chosen their own
   * yet. Every other route answers them 403 `auth.password_change_required`.
   */
  beforePasswordChange?: true;
}

function route<const R extends RouteDef>(def: R): R {
  return def;
}

const STAFF = ["admin", "manager"] as const;
const ADMIN = ["admin"] as const;

export const routes = {
  health: route({ method: "get", path: "/health", operationId: "getHealth", summary: "Liveness and which database is in use", tag: "System", access: "public", status: 200, response: HealthResponse }),

  login: route({ method: "post", path: "/auth/login", operationId: "login", summary: "Sign in with email and password; sets the session cookie", tag: "Auth", access: "public", body: LoginRequest, status: 200, response: LoginResponse }),
  logout: route({ method: "post", path: "/auth/logout", operationId: "logout", summary: "Sign out (ends this session)", tag: "Auth", access: "user", status: 204, response: null, beforePasswordChange: true }),
  // The CSRF token is not data: a user who must change their password needs it to do so after a reload.
  csrf: route({ method: "get", path: "/auth/csrf", operationId: "getCsrfToken", summary: "The CSRF token to send as X-CSRF-Token with cookie-authenticated writes", tag: "Auth", access: "user", status: 200, response: CsrfResponse, beforePasswordChange: true }),
  session: route({ method: "get", path: "/auth/session", operationId: "getSession", summary: "Who is signed in (user and CSRF token), or nulls for a visitor: 200 either way", tag: "Auth", access: "public", status: 200, response: SessionResponse }),
  demoAccounts: route({ method: "get", path: "/auth/demo", operationId: "getDemoAccounts", summary: "Demo logins (embedded demo mode only)", tag: "Auth", access: "public", status: 200, response: DemoAccountsResponse }),

  getMe: route({ method: "get", path: "/me", operationId: "getMe", summary: "The signed-in user", tag: "Me", access: "user", status: 200, response: MeResponse, beforePasswordChange: true }),
  changeMyPassword: route({ method: "post", path: "/me/password", operationId: "changeMyPassword", summary: "Change my password (the current one, then a new one of at least 12 characters); ends my other sessions and starts a new one", tag: "Me", access: "user", body: ChangePasswordRequest, status: 200, response: LoginResponse, beforePasswordChange: true }),
  updateMe: route({ method: "patch", path: "/me", operationId: "updateMe", summary: "Change my language and accessibility settings", tag: "Me", access: "user", body: UpdateMeRequest, status: 200, response: MeResponse }),

  listUsers: route({ method: "get", path: "/users", operationId: "listUsers", summary: "List users", tag: "Users", access: STAFF, query: ListUsersQuery, status: 200, response: UserPage }),
  createUser: route({ method: "post", path: "/users", operationId: "createUser", summary: "Create a user with a one-time password (returned once; they choose their own at the first sign-in)", tag: "Users", access: ADMIN, body: CreateUserRequest, status: 201, response: CreateUserResponse }),
  getUser: route({ method: "get", path: "/users/:id", operationId: "getUser", summary: "A user's profile", tag: "Users", access: STAFF, params: IdParams, status: 200, response: User }),
  updateUser: route({ method: "patch", path: "/users/:id", operationId: "updateUser", summary: "Change a user's name, role, team or work style, or deactivate / reactivate them", tag: "Users", access: ADMIN, params: IdParams, body: UpdateUserRequest, status: 200, response: User }),
  resetUserPassword: route({ method: "post", path: "/users/:id/password-reset", operationId: "resetUserPassword", summary: "Give a user a new one-time password (returned once); ends their sessions", tag: "Users", access: ADMIN, params: IdParams, status: 200, response: ResetPasswordResponse }),
  listTeams: route({ method: "get", path: "/teams", operationId: "listTeams", summary: "Teams (for choosing a crew member's team)", tag: "Users", access: STAFF, status: 200, response: TeamList }),
  listCrew: route({ method: "get", path: "/crew", operationId: "listCrew", summary: "Active crew members (names only), for nominating and assigning", tag: "Users", access: "user", status: 200, response: CrewList }),

  listClientCompanies: route({ method: "get", path: "/client-companies", operationId: "listClientCompanies", summary: "List client companies", tag: "Client companies", access: STAFF, query: ListClientCompaniesQuery, status: 200, response: ClientCompanyPage }),
  getClientCompany: route({ method: "get", path: "/client-companies/:id", operationId: "getClientCompany", summary: "A client company", tag: "Client companies", access: STAFF, params: IdParams, status: 200, response: ClientCompany }),
  createClientCompany: route({ method: "post", path: "/client-companies", operationId: "createClientCompany", summary: "Create a client company", tag: "Client companies", access: ADMIN, body: CreateClientCompanyRequest, status: 201, response: ClientCompany }),
  updateClientCompany: route({ method: "patch", path: "/client-companies/:id", operationId: "updateClientCompany", summary: "Change or deactivate a client company", tag: "Client companies", access: ADMIN, params: IdParams, body: UpdateClientCompanyRequest, status: 200, response: ClientCompany }),

  listWorkOrders: route({ method: "get", path: "/work-orders", operationId: "listWorkOrders", summary: "Work orders I may see, newest first", tag: "Work orders", access: "user", query: ListWorkOrdersQuery, status: 200, response: WorkOrderPage }),
  createWorkOrder: route({ method: "post", path: "/work-orders", operationId: "createWorkOrder", summary: "Submit a work order", tag: "Work orders", access: ["admin", "manager", "client"], body: CreateWorkOrderRequest, status: 201, response: WorkOrder }),
  getWorkOrder: route({ method: "get", path: "/work-orders/:id", operationId: "getWorkOrder", summary: "A work order", tag: "Work orders", access: "user", params: IdParams, status: 200, response: WorkOrder }),
  updateWorkOrder: route({ method: "patch", path: "/work-orders/:id", operationId: "updateWorkOrder", summary: "Change a work order or move it to another status (accept, decline with a reason, deliver…)", tag: "Work orders", access: ["admin", "manager", "client"], params: IdParams, body: UpdateWorkOrderRequest, status: 200, response: WorkOrder }),
  createTasks: route({ method: "post", path: "/work-orders/:id/tasks", operationId: "createTasks", summary: "Split a work order into tasks", tag: "Tasks", access: STAFF, params: IdParams, body: CreateTasksRequest, status: 201, response: TaskList }),
  listDeliverables: route({ method: "get", path: "/work-orders/:id/deliverables", operationId: "listDeliverables", summary: "Deliverables of a work order", tag: "Deliverables", access: "user", params: IdParams, status: 200, response: DeliverableList }),
  createDeliverable: route({ method: "post", path: "/work-orders/:id/deliverables", operationId: "createDeliverable", summary: "Add a deliverable: a link (JSON) or a small file (multipart, field `file`)", tag: "Deliverables", access: ["admin", "manager", "crew"], params: IdParams, body: CreateDeliverableRequest, multipart: true, status: 201, response: Deliverable }),
  downloadDeliverable: route({ method: "get", path: "/deliverables/:id/file", operationId: "downloadDeliverable", summary: "Download an uploaded deliverable file", tag: "Deliverables", access: "user", params: IdParams, status: 200, response: null, binary: true }),
  listFeedback: route({ method: "get", path: "/work-orders/:id/feedback", operationId: "listFeedback", summary: "Feedback on a work order", tag: "Feedback", access: "user", params: IdParams, status: 200, response: FeedbackList }),
  createFeedback: route({ method: "post", path: "/work-orders/:id/feedback", operationId: "createFeedback", summary: "Accept the delivery, request a revision, or rate and comment", tag: "Feedback", access: ["client"], params: IdParams, body: CreateFeedbackRequest, status: 201, response: Feedback }),

  listTasks: route({ method: "get", path: "/tasks", operationId: "listTasks", summary: "Tasks I may see (the board, or my own)", tag: "Tasks", access: "user", query: ListTasksQuery, status: 200, response: TaskPage }),
  getTask: route({ method: "get", path: "/tasks/:id", operationId: "getTask", summary: "A task", tag: "Tasks", access: "user", params: IdParams, status: 200, response: Task }),
  updateTask: route({ method: "patch", path: "/tasks/:id", operationId: "updateTask", summary: "Change a task (send the version you read)", tag: "Tasks", access: ["admin", "manager", "crew"], params: IdParams, body: UpdateTaskRequest, status: 200, response: Task }),
  listProgress: route({ method: "get", path: "/tasks/:id/progress", operationId: "listProgressUpdates", summary: "Progress history of a task, newest first", tag: "Tasks", access: "user", params: IdParams, query: PageQuery, status: 200, response: ProgressUpdatePage }),
  createProgress: route({ method: "post", path: "/tasks/:id/progress", operationId: "createProgressUpdate", summary: "Log progress (percent, note, minutes, optional blocker)", tag: "Tasks", access: ["admin", "manager", "crew"], params: IdParams, body: CreateProgressUpdateRequest, status: 201, response: CreateProgressUpdateResponse }),

  listCheckIns: route({ method: "get", path: "/check-ins", operationId: "listCheckIns", summary: "Check-ins of a day (managers: their crew; crew: their own)", tag: "Wellbeing", access: ["admin", "manager", "crew"], query: ListCheckInsQuery, status: 200, response: CheckInList }),
  putMyCheckIn: route({ method: "put", path: "/check-ins/today", operationId: "putMyCheckIn", summary: "Post or update today's check-in", tag: "Wellbeing", access: ["crew"], body: PutCheckInRequest, status: 200, response: CheckIn }),
  listAccommodations: route({ method: "get", path: "/users/:id/accommodations", operationId: "listAccommodations", summary: "A crew member's accommodations (themself and managers only)", tag: "Wellbeing", access: ["admin", "manager", "crew"], params: IdParams, status: 200, response: AccommodationList }),
  createAccommodation: route({ method: "post", path: "/users/:id/accommodations", operationId: "createAccommodation", summary: "Record an accommodation", tag: "Wellbeing", access: STAFF, params: IdParams, body: CreateAccommodationRequest, status: 201, response: Accommodation }),

  listAuditEvents: route({ method: "get", path: "/audit-events", operationId: "listAuditEvents", summary: "The audit log, newest first, filtered by person, entity, action and time", tag: "Audit", access: ADMIN, query: ListAuditEventsQuery, status: 200, response: AuditEventPage }),
  exportAuditEvents: route({ method: "get", path: "/audit-events/export", operationId: "exportAuditEvents", summary: "The filtered audit log as CSV (UTF-8 with BOM, newest first); the export is itself audited", tag: "Audit", access: ADMIN, query: ExportAuditEventsQuery, status: 200, response: null, binary: { mediaType: "text/csv" } }),
} as const satisfies Record<string, RouteDef>;

export type RouteName = keyof typeof routes;
