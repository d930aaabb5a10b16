import type { PrismaClient } from "@crewboard/db";
import { AppError } from "../../errors.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { createSession } from "./sessions.ts";
import { passwordMatches } from "./check-password.ts";

export async function logIn(
  prisma: PrismaClient,
  options: { email: string; password: string; ip: string | null; userAgent: string | null },
) {
  const user = await prisma.user.findUnique({ where: { email: options.email }, include: { clientCompany: true } });
  const ok = await passwordMatches(user, options.password);
  const usable = user && ok && user.active && (!user.clientCompany || user.clientCompany.active);
  if (!usable) {
    await recordAudit(prisma, null, {
      action: "auth.login_failed",
      entityType: "user",
      entityId: user?.id ?? null,
      metadata: { email: options.email, ip: options.ip },
    });
    throw new AppError("auth.invalid_credentials");
  }
  const { token, session } = await createSession(prisma, { userId: user.id, ip: options.ip, userAgent: options.userAgent });
  await recordAudit(prisma, { user: { ...user }, ip: options.ip, userAgent: options.userAgent }, {
    action: "auth.login",
    entityType: "user",
    entityId: user.id,
  });
  return { user, token, session };
}
