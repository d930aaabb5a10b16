// The app's URLs, made only here. Keep them stable: people bookmark them and e2e tests use them.
import type { Role } from "../lib/api.ts";

export const paths = {
  signIn: "/sign-in",
  myDay: "/my-day",
  board: "/board",
  crew: "/crew",
  crewMember: (userId: string) => `/crew/${encodeURIComponent(userId)}`,
  myProfile: "/me/profile",
  workOrder: (id: string) => `/work-orders/${encodeURIComponent(id)}`,
  client: "/client",
  newOrder: "/client/new",
  chat: "/chat",
  talkToManager: "/chat/talk-to-manager",
  chatRoom: (roomId: string) => `/chat/${encodeURIComponent(roomId)}`,
  settings: "/settings",
  changePassword: "/settings/password",
  admin: "/admin",
  adminUsers: "/admin/users",
  adminCompanies: "/admin/companies",
  adminCompany: (id: string) => `/admin/companies/${encodeURIComponent(id)}`,
  adminAudit: "/admin/audit-log",
  /** issue 12: a client company's monthly report (?company=<id>&month=YYYY-MM; a client's own company) */
  reports: "/reports",
  report: (companyId: string) => `/reports?company=${encodeURIComponent(companyId)}`,
} as const;

/** Where each role starts after signing in. */
export function homePath(role: Role): string {
  switch (role) {
    case "crew":
      return paths.myDay;
    case "client":
      return paths.client;
    case "manager":
    case "admin":
      return paths.board;
  }
}
