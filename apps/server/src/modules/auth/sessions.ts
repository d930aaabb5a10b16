// Server-side sessions: the cookie carries a random token, the database keeps only its hash,
// so a leaked database row cannot be replayed as a cookie.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Prisma, PrismaClient } from "@crewboard/db";
import type { SignedInUser } from "@crewboard/contracts";
import { displayNameOf } from "@crewboard/domain";

/** A signed-in session as requests and sockets carry it. */
export interface AuthSession {
  id: string;
  csrfToken: string;
}

export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
/** lastSeenAt/expiresAt are refreshed at most this often, not on every request */
const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const randomToken = () => randomBytes(32).toString("base64url");

export async function createSession(
  prisma: Pick<Prisma.TransactionClient, "session">,
  options: { userId: string; ip: string | null; userAgent: string | null },
): Promise<{ token: string; session: AuthSession }> {
  const token = randomToken();
  const row = await prisma.session.create({
    data: {
      tokenHash: hashToken(token),
      csrfToken: randomToken(),
      userId: options.userId,
      ip: options.ip,
      userAgent: options.userAgent,
      expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    },
  });
  return { token, session: { id: row.id, csrfToken: row.csrfToken } };
}

/** The session and user behind a cookie token, or null when unknown, expired or deactivated. */
export async function findSession(
  prisma: PrismaClient,
  token: string,
): Promise<{ user: SignedInUser; session: AuthSession } | null> {
  const row = await prisma.session.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { user: { include: { clientCompany: { select: { active: true } } } } },
  });
  if (!row) return null;
  const now = Date.now();
  const user = row.user;
  if (row.expiresAt.getTime() <= now || !user.active || (user.clientCompany && !user.clientCompany.active)) {
    await prisma.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  if (now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await prisma.session.update({
      where: { id: row.id },
      data: { lastSeenAt: new Date(now), expiresAt: new Date(now + SESSION_TTL_MS) },
    });
  }
  return {
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      displayName: displayNameOf(user),
      role: user.role,
      clientCompanyId: user.clientCompanyId,
      teamId: user.teamId,
      mustChangePassword: user.mustChangePassword,
    },
    session: { id: row.id, csrfToken: row.csrfToken },
  };
}

export function csrfTokenMatches(expected: string, given: string | undefined): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Which of these sessions are still good: not signed out or deleted, not expired, their user and
 * client company still active. Open sockets are checked against it (realtime/session-guard.ts).
 */
export async function liveSessionIds(prisma: PrismaClient, sessionIds: readonly string[]): Promise<Set<string>> {
  const live = new Set<string>();
  const now = new Date();
  // in chunks, so that a busy instance never sends one enormous IN list
  for (let i = 0; i < sessionIds.length; i += 1000) {
    const rows = await prisma.session.findMany({
      where: {
        id: { in: sessionIds.slice(i, i + 1000) },
        expiresAt: { gt: now },
        user: { active: true, OR: [{ clientCompanyId: null }, { clientCompany: { active: true } }] },
      },
      select: { id: true },
    });
    for (const row of rows) live.add(row.id);
  }
  return live;
}
