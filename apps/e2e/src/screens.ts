// Every screen of the app, for every role: the one table that the "walk every screen" browser
// tests use (every-screen.e2e.ts: no console errors or failed requests in ja and en, no English
// words in the Japanese UI). A new screen is a new path here, so those checks cover it at once.
//
// Paths with a placeholder are resolved against the test server's demo data for the account
// (resolveScreenPath): `:order:<status>` an order in that status that the account may see,
// `:room` a chat room the account is a member of.
import type { E2EServer } from "./harness.ts";

export type ScreenRole = "anonymous" | "crew" | "manager" | "admin" | "client";

export interface RoleScreens {
  role: ScreenRole;
  /** the demo account that walks them (null: signed out) */
  account: string | null;
  paths: readonly string[];
}

export const SCREENS: readonly RoleScreens[] = [
  { role: "anonymous", account: null, paths: ["/sign-in", "/no-such-page"] },
  {
    role: "crew",
    account: "crew3",
    paths: [
      "/my-day",
      "/work-orders/:order:in_progress",
      "/chat",
      "/chat/:room",
      "/chat/talk-to-manager",
      "/settings",
      "/no-such-page",
      "/notifications",
      // issue 12
      "/me/profile",
    ],
  },
  {
    role: "manager",
    account: "manager1",
    paths: [
      "/board",
      "/crew",
      "/work-orders/:order:requested",
      "/work-orders/:order:in_progress",
      "/work-orders/:order:delivered",
      "/work-orders/:order:completed",
      "/work-orders/:order:declined",
      "/chat",
      "/chat/:room",
      "/settings",
      // issue 11
      "/notifications",
      "/follow-ups",
      // issue 12
      "/crew/:crew:crew4",
      "/reports",
    ],
  },
  {
    role: "admin",
    account: "admin",
    paths: [
      "/board",
      "/crew",
      "/work-orders/:order:in_progress",
      "/work-orders/:order:revision_requested",
      "/chat",
      "/settings",
      // ---- the admin area (issue 7 item 12) -------------------------------------------------
      // Add its screens here when they exist, e.g. "/admin", "/admin/users", "/admin/companies",
      // "/admin/audit": the walks then check them in both languages like every other screen.
    ],
  },
  {
    role: "client",
    account: "client-a1",
    paths: [
      "/client",
      "/client/new",
      "/work-orders/:order:in_progress",
      "/work-orders/:order:delivered",
      "/work-orders/:order:completed",
      "/chat",
      "/chat/:room",
      "/settings",
      // issue 11
      "/notifications",
      "/follow-ups",
      // issue 12
      "/reports",
    ],
  },
];

/** A path of the table with its placeholders filled in for the account, from the server's demo data. */
export async function resolveScreenPath(server: E2EServer, account: string | null, path: string): Promise<string> {
  if (!path.includes(":")) return path;
  const prisma = server.db.prisma;
  const user = account
    ? await prisma.user.findUniqueOrThrow({ where: { email: `${account}@crewboard.example` } })
    : null;
  if (!user) throw new Error(`${path} needs a signed-in account`);

  const order = /:order:([a-z_]+)/.exec(path);
  if (order) {
    const status = order[1] as
      "requested" | "accepted" | "in_progress" | "delivered" | "revision_requested" | "completed" | "declined";
    const found = await prisma.workOrder.findFirst({
      where: {
        status,
        // what the account may see: a client their company's orders, crew the orders they have a task in
        ...(user.role === "client" ? { clientCompanyId: user.clientCompanyId ?? "" } : {}),
        ...(user.role === "crew" ? { tasks: { some: { assigneeId: user.id } } } : {}),
      },
      orderBy: { number: "asc" },
      select: { id: true },
    });
    if (!found) throw new Error(`no ${status} order for ${account} in the demo data (${path})`);
    return path.replace(order[0], found.id);
  }
  const crew = /:crew:([a-z0-9]+)/.exec(path);
  if (crew) {
    const person = await prisma.user.findUniqueOrThrow({
      where: { email: `${crew[1]}@crewboard.example` },
      select: { id: true },
    });
    return path.replace(crew[0], person.id);
  }
  if (path.includes(":room")) {
    const room = await prisma.chatRoom.findFirst({
      where: { members: { some: { userId: user.id } }, messages: { some: {} } },
      orderBy: { createdAt: "asc" },
      select: { id: true },
    });
    if (!room) throw new Error(`no chat room for ${account} in the demo data (${path})`);
    return path.replace(":room", room.id);
  }
  throw new Error(`unknown placeholder in ${path}`);
}
