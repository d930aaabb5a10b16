import type { Prisma } from "@crewboard/db";

type Tx = Pick<Prisma.TransactionClient, "notification" | "user">;

export interface NotificationInput {
  /** what happened, e.g. "work_order.requested"; the UI words it in the reader's language */
  kind: string;
  data: Record<string, unknown>;
}

export async function notifyUsers(tx: Tx, userIds: readonly string[], n: NotificationInput): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await tx.notification.createMany({ data: unique.map((userId) => ({ userId, kind: n.kind, data: n.data as Prisma.InputJsonValue })) });
}

export async function notifyManagers(tx: Tx, n: NotificationInput): Promise<void> {
  const managers = await tx.user.findMany({ where: { role: "manager", active: true }, select: { id: true } });
  await notifyUsers(tx, managers.map((m) => m.id), n);
}

export async function notifyClientCompany(tx: Tx, clientCompanyId: string, n: NotificationInput): Promise<void> {
  const users = await tx.user.findMany({ where: { clientCompanyId, active: true }, select: { id: true } });
  await notifyUsers(tx, users.map((u) => u.id), n);
}
