// Who may see what, as Prisma filters. Every read of work orders and tasks goes through these,
// so a list, a detail and a guessed id obey the same rule (DESIGN.md "Access"):
// - admins and managers see all orders and tasks;
// - a client sees only their own company's orders (and those orders' tasks);
// - a crew member sees only tasks assigned to them, and orders they have a task in;
// - deliverables follow their order, and a client sees one only once a manager's delivery has
//   released it (the manager's review).
import type { Prisma } from "@crewboard/db";
import type { AuthUser } from "../http/context.ts";

/** Matches nothing: a client account without a company sees nothing rather than everything. */
const NOTHING = "00000000-0000-0000-0000-000000000000";

export function visibleWorkOrders(user: AuthUser): Prisma.WorkOrderWhereInput {
  switch (user.role) {
    case "admin":
    case "manager":
      return {};
    case "client":
      return { clientCompanyId: user.clientCompanyId ?? NOTHING };
    case "crew":
      return { tasks: { some: { assigneeId: user.id } } };
  }
}

export function visibleTasks(user: AuthUser): Prisma.TaskWhereInput {
  switch (user.role) {
    case "admin":
    case "manager":
      return {};
    case "client":
      return { workOrder: { clientCompanyId: user.clientCompanyId ?? NOTHING } };
    case "crew":
      return { assigneeId: user.id };
  }
}

export function visibleDeliverables(user: AuthUser): Prisma.DeliverableWhereInput {
  const ofOrder = { workOrder: visibleWorkOrders(user) };
  return user.role === "client" ? { ...ofOrder, releasedAt: { not: null } } : ofOrder;
}

/**
 * Check-ins and accommodations are health information: the crew member themself, the managers
 * of their team, and admins. ("Managers … see wellbeing and accommodations of their crew.")
 */
export function canSeeWellbeingOf(user: AuthUser, subject: { id: string; teamId: string | null }): boolean {
  if (user.id === subject.id || user.role === "admin") return true;
  return user.role === "manager" && user.teamId !== null && user.teamId === subject.teamId;
}

/** The people whose wellbeing this user may list. */
export function visibleWellbeingSubjects(user: AuthUser): Prisma.UserWhereInput {
  if (user.role === "admin") return {};
  if (user.role === "manager") return { teamId: user.teamId ?? NOTHING };
  return { id: user.id };
}
