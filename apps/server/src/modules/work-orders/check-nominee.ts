import type { Prisma } from "@crewboard/db";
import { invalidField } from "../../errors.ts";

type Tx = Pick<Prisma.TransactionClient, "user">;

/** A nominated or assigned person must be an active crew member. */
export async function assertActiveCrew(tx: Tx, userId: string, path: string): Promise<void> {
  const crew = await tx.user.findFirst({ where: { id: userId, role: "crew", active: true }, select: { id: true } });
  if (!crew) throw invalidField(path, "must be an active crew member");
}
