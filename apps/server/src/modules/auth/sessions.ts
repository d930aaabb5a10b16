// Server-side sessions: the cookie carries a random token, the database keeps only its hash,
// so a leaked database row cannot be replayed as a cookie.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { findSessionRow, type Prisma, type PrismaClient, type SessionWithUser } from "@crewboard/db";
import type { SignedInUser } from "@crewboard/contracts";
import { displayNameOf } from "@crewboard/domain";

/** A signed-in session as requests and sockets carry it. */
export interface AuthSession {
  id: string;
  csrfToken: string;
  /** when it ends unless the user does something: the idle timeout, never past `absoluteExpiresAt` */
  expiresAt: Date;
  absoluteExpiresAt: Date;
}

/**
 * How long a session lives (issue 13, ASVS 7.3): `idleMs` after the user last did something (a
 * request or socket event they sent, not a background poll), and never more than `absoluteMs`
 * after sign-in. The web app warns before an idle end and offers to extend (WCAG 2.2.1).
 */
export interface SessionTimeouts {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION_TIMEOUTS: SessionTimeouts = { idleMs: 60 * 60_000, absoluteMs: 24 * 60 * 60_000 };

/** The session's row is written at most this often while the user is active, not on every request (a tenth of the idle timeout, at most 5 minutes). */
export const touchIntervalMs = (t: SessionTimeouts) => Math.min(5 * 60_000, t.idleMs / 10);

const absoluteEnd = (createdAt: Date, t: SessionTimeouts) => new Date(createdAt.getTime() + t.absoluteMs);
const idleEnd = (createdAt: Date, now: number, t: SessionTimeouts) =>
  new Date(Math.min(now + t.idleMs, absoluteEnd(createdAt, t).getTime()));

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
export const randomToken = () => randomBytes(32).toString("base64url");

export async function createSession(
  prisma: Pick<Prisma.TransactionClient, "session">,
  options: { userId: string; ip: string | null; userAgent: string | null; timeouts: SessionTimeouts },
): Promise<{ token: string; session: AuthSession }> {
  const token = randomToken();
  const createdAt = new Date();
  const row = await prisma.session.create({
    data: {
      tokenHash: hashToken(token),
      csrfToken: randomToken(),
      userId: options.userId,
      ip: options.ip,
      userAgent: options.userAgent,
      createdAt,
      lastSeenAt: createdAt,
      expiresAt: idleEnd(createdAt, createdAt.getTime(), options.timeouts),
    },
  });
  return { token, session: toAuthSession(row, options.timeouts) };
}

const toAuthSession = (
  row: { id: string; csrfToken: string; createdAt: Date; expiresAt: Date },
  t: SessionTimeouts,
): AuthSession => ({
  id: row.id,
  csrfToken: row.csrfToken,
  expiresAt: row.expiresAt,
  absoluteExpiresAt: absoluteEnd(row.createdAt, t),
});

/**
 * The user did something in this session: its idle end moves to now + the idle timeout (never past
 * its absolute end). Written only when the last write is older than the touch interval, unless
 * `force` (the "stay signed in" button). Returns the session's end as stored now.
 */
export async function touchSession(
  prisma: Pick<Prisma.TransactionClient, "session">,
  session: { id: string; createdAt: Date; lastSeenAt: Date; expiresAt: Date },
  timeouts: SessionTimeouts,
  force = false,
): Promise<Date> {
  const now = Date.now();
  if (!force && now - session.lastSeenAt.getTime() <= touchIntervalMs(timeouts)) return session.expiresAt;
  const expiresAt = idleEnd(session.createdAt, now, timeouts);
  // only a live session is extended: one that ended meanwhile (signed out, idle) stays ended
  await prisma.session.updateMany({
    where: { id: session.id, expiresAt: { gt: new Date(now) } },
    data: { lastSeenAt: new Date(now), expiresAt },
  });
  return expiresAt;
}

/** A socket's user did something: the same as a request they sent (see touchSession). */
export async function touchSessionById(
  prisma: Pick<Prisma.TransactionClient, "session">,
  sessionId: string,
  timeouts: SessionTimeouts,
  force = false,
): Promise<AuthSession | null> {
  const row = await prisma.session.findUnique({ where: { id: sessionId } });
  if (!row || row.expiresAt.getTime() <= Date.now()) return null;
  const expiresAt = await touchSession(prisma, row, timeouts, force);
  return toAuthSession({ ...row, expiresAt }, timeouts);
}

/** The session and user behind a cookie token, or null when unknown, expired or deactivated. */
export async function findSession(
  prisma: PrismaClient,
  token: string,
  options: {
    timeouts: SessionTimeouts;
    /** the user sent this request (not a background poll): it keeps the session alive */ activity: boolean;
    /** a request can set a new cookie, a socket handshake cannot: only a request rotates the token */
    mayRotate?: boolean;
  },
): Promise<{ user: SignedInUser; session: AuthSession; rotatedToken?: string } | null> {
  const tokenHash = hashToken(token);
  const include = { user: { include: { clientCompany: { select: { active: true } } } } } as const;
  const now = Date.now();
  // every signed-in request's first statement: hand-written (issue 14), the same row as `include` reads
  const current = await findSessionRow(prisma, tokenHash);
  // the token a rotation has just replaced: still good for requests that were on their way
  const row: SessionWithUser | null =
    current ??
    (await prisma.session.findFirst({
      where: { previousTokenHash: tokenHash, previousTokenValidUntil: { gt: new Date(now) } },
      include,
    }));
  if (!row) return null;
  const user = row.user;
  if (
    !withinTimeouts(row, now, options.timeouts) ||
    !user.active ||
    (user.clientCompany && !user.clientCompany.active)
  ) {
    await prisma.session.deleteMany({ where: { id: row.id } });
    return null;
  }
  const expiresAt = options.activity ? await touchSession(prisma, row, options.timeouts) : row.expiresAt;
  const rotatedToken =
    current && options.mayRotate && user.privilegesChangedAt && user.privilegesChangedAt >= row.tokenIssuedAt
      ? await rotateToken(prisma, row.id, tokenHash)
      : undefined;
  return {
    ...(rotatedToken ? { rotatedToken } : {}),
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
    session: toAuthSession({ ...row, expiresAt }, options.timeouts),
  };
}

/**
 * Within its stored end, and within the timeouts as configured now: a session made before the
 * timeouts existed (or before they were shortened) ends by them too, not only by its stored end.
 */
function withinTimeouts(
  row: { createdAt: Date; lastSeenAt: Date; expiresAt: Date },
  now: number,
  t: SessionTimeouts,
): boolean {
  return (
    now < row.expiresAt.getTime() &&
    now < row.createdAt.getTime() + t.absoluteMs &&
    now < row.lastSeenAt.getTime() + t.idleMs
  );
}

/** How long the token a rotation replaced is still accepted (requests already sent with it). */
const ROTATION_GRACE_MS = 30_000;

/**
 * A new token for a session whose user's role or team changed since its token was issued (ASVS
 * 7.2.4: a new session id at any privilege change). The session itself stays (its id, its CSRF
 * token, its sockets): only the bearer token changes. Two requests racing with the old token:
 * one rotates, the other finds the session through `previousTokenHash`.
 */
async function rotateToken(prisma: PrismaClient, sessionId: string, oldHash: string): Promise<string | undefined> {
  const token = randomToken();
  const now = Date.now();
  const { count } = await prisma.session.updateMany({
    where: { id: sessionId, tokenHash: oldHash },
    data: {
      tokenHash: hashToken(token),
      tokenIssuedAt: new Date(now),
      previousTokenHash: oldHash,
      previousTokenValidUntil: new Date(now + ROTATION_GRACE_MS),
    },
  });
  return count === 1 ? token : undefined;
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
export async function liveSessionIds(
  prisma: PrismaClient,
  sessionIds: readonly string[],
  timeouts: SessionTimeouts,
): Promise<Set<string>> {
  const live = new Set<string>();
  const now = new Date();
  // in chunks, so that a busy instance never sends one enormous IN list
  for (let i = 0; i < sessionIds.length; i += 1000) {
    const rows = await prisma.session.findMany({
      where: {
        id: { in: sessionIds.slice(i, i + 1000) },
        expiresAt: { gt: now },
        createdAt: { gt: new Date(now.getTime() - timeouts.absoluteMs) },
        lastSeenAt: { gt: new Date(now.getTime() - timeouts.idleMs) },
        user: { active: true, OR: [{ clientCompanyId: null }, { clientCompany: { active: true } }] },
      },
      select: { id: true },
    });
    for (const row of rows) live.add(row.id);
  }
  return live;
}
