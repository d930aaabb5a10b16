import { audience, seesDisplayNamesOnly } from "@crewboard/domain";
import type { Prisma } from "@crewboard/db";
import type { EventBatch } from "../../realtime/event-batch.ts";
import { deliverByChoice } from "./deliver.ts";

type Tx = Prisma.TransactionClient;

export interface NotificationInput {
  /** what happened, e.g. "work_order.requested"; the UI words it in the reader's language */
  kind: string;
  data: Record<string, unknown>;
  /**
   * The data as clients receive it, when `data` names one of the company's people: by their
   * display name (issue 12: clients never see a full name). Needed whenever a client may be notified.
   */
  dataForClients?: Record<string, unknown>;
}

/**
 * Stores a notification per user and sends each to its owner's room once committed; then, as each
 * person chose for its kind, queues an email (in the same transaction) or leaves it for the daily
 * digest (deliver.ts).
 */
export async function notifyUsers(
  tx: Tx,
  events: EventBatch,
  userIds: readonly string[],
  n: NotificationInput,
): Promise<void> {
  const ids = [...new Set(userIds)];
  if (n.dataForClients) {
    const clients = new Set(
      (await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, role: true } }))
        .filter(seesDisplayNamesOnly)
        .map((u) => u.id),
    );
    const forClients = { kind: n.kind, data: n.dataForClients };
    await notifyEach(
      tx,
      events,
      ids.filter((id) => !clients.has(id)),
      { kind: n.kind, data: n.data },
    );
    await notifyEach(
      tx,
      events,
      ids.filter((id) => clients.has(id)),
      forClients,
    );
    return;
  }
  await notifyEach(tx, events, ids, n);
}

async function notifyEach(tx: Tx, events: EventBatch, userIds: readonly string[], n: NotificationInput): Promise<void> {
  const created: { id: string; userId: string; createdAt: Date }[] = [];
  for (const userId of userIds) {
    const row = await tx.notification.create({ data: { userId, kind: n.kind, data: n.data as Prisma.InputJsonValue } });
    events.add(audience.person(userId), "notification:created", {
      id: row.id,
      kind: row.kind,
      data: n.data,
      createdAt: row.createdAt.toISOString(),
    });
    created.push(row);
  }
  await deliverByChoice(tx, created, n);
}

export async function notifyManagers(tx: Tx, events: EventBatch, n: NotificationInput): Promise<void> {
  const managers = await tx.user.findMany({ where: { role: "manager", active: true }, select: { id: true } });
  await notifyUsers(
    tx,
    events,
    managers.map((m) => m.id),
    n,
  );
}

/**
 * Notifies the active managers of one team (issue 12: what concerns a person's health reaches only
 * their own team's managers, besides themself). No team: nobody.
 */
export async function notifyTeamManagers(
  tx: Tx,
  events: EventBatch,
  teamId: string | null,
  n: NotificationInput,
): Promise<void> {
  if (!teamId) return;
  const managers = await tx.user.findMany({ where: { role: "manager", active: true, teamId }, select: { id: true } });
  await notifyUsers(
    tx,
    events,
    managers.map((m) => m.id),
    n,
  );
}

export async function notifyClientCompany(
  tx: Tx,
  events: EventBatch,
  clientCompanyId: string,
  n: NotificationInput,
): Promise<void> {
  const users = await tx.user.findMany({ where: { clientCompanyId, active: true }, select: { id: true } });
  await notifyUsers(
    tx,
    events,
    users.map((u) => u.id),
    n,
  );
}
