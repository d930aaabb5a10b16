// The access policy's scopes as Prisma filters: the one place where a rule of
// packages/domain/src/policy becomes a `where`. Every read of work orders, tasks, deliverables and
// people's own data goes through these, so a list, a detail and a guessed id obey the same rule.
// One exception, for speed (issue 14): the board's unfiltered task page is one hand-written
// statement (packages/db/src/queries/task-page.ts `scopeSql`, the same taskScope as SQL; change
// both together — modules/tasks/task-page.test.ts compares the two for every demo account).
import {
  personalDataScope,
  seesUnreleasedDeliverables,
  taskScope,
  urgentOfferScope,
  workOrderScope,
  type Identity,
  type PeopleScope,
  type WorkScope,
} from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";

/** Matches nothing: an id no row has (a client account without a company sees nothing rather than everything). */
const NOTHING = "00000000-0000-0000-0000-000000000000";

function workOrderWhere(scope: WorkScope): Prisma.WorkOrderWhereInput {
  switch (scope.kind) {
    case "all":
      return {};
    case "none":
      return { id: NOTHING };
    case "company":
      return { clientCompanyId: scope.clientCompanyId };
    case "assignee":
      return { tasks: { some: { assigneeId: scope.userId } } };
  }
}

function taskWhere(scope: WorkScope): Prisma.TaskWhereInput {
  switch (scope.kind) {
    case "all":
      return {};
    case "none":
      return { id: NOTHING };
    case "company":
      return { workOrder: { clientCompanyId: scope.clientCompanyId } };
    case "assignee":
      return { assigneeId: scope.userId };
  }
}

function peopleWhere(scope: PeopleScope): Prisma.UserWhereInput {
  switch (scope.kind) {
    case "all":
      return {};
    case "team":
      return { teamId: scope.teamId };
    case "self":
      return { id: scope.userId };
  }
}

export function visibleWorkOrders(user: Identity): Prisma.WorkOrderWhereInput {
  return workOrderWhere(workOrderScope(user));
}

export function visibleTasks(user: Identity): Prisma.TaskWhereInput {
  return taskWhere(taskScope(user));
}

/** Deliverables follow their order; a client sees one only once a manager's delivery has released it. */
export function visibleDeliverables(user: Identity): Prisma.DeliverableWhereInput {
  const ofOrder = { workOrder: visibleWorkOrders(user) };
  return seesUnreleasedDeliverables(user) ? ofOrder : { ...ofOrder, releasedAt: { not: null } };
}

/** The people whose own data (check-ins, accommodations, accessibility needs) this user may read in full. */
export function visiblePersonalData(user: Identity): Prisma.UserWhereInput {
  return peopleWhere(personalDataScope(user));
}

/** Urgent offers (issue 10): staff all; a crew member those made to them; nobody else any. */
export function visibleUrgentOffers(user: Identity): Prisma.UrgentOfferWhereInput {
  const scope = urgentOfferScope(user);
  switch (scope.kind) {
    case "all":
      return {};
    case "assignee":
      return { recipients: { some: { userId: scope.userId } } };
    default:
      return { id: NOTHING };
  }
}
