// The session behind a cookie token, with its user and the user's company's `active`: the first
// statement of every signed-in request (issue 14). As Prisma's `findUnique({ include })` it cost
// the query engine's work on top of the driver for a statement Prisma adds nothing to; here it is
// one hand-written statement, sent by `rawRows` as a named prepared statement on PostgreSQL.
import { Prisma, type PrismaClient, type Session, type User } from "../generated/prisma/client.ts";
import { rawRows } from "./direct.ts";

/** What a session check reads of the user; `clientCompany` as `include: { clientCompany: { select: { active: true } } }` gives it. */
export type SessionUser = Pick<
  User,
  | "id"
  | "email"
  | "name"
  | "displayName"
  | "role"
  | "clientCompanyId"
  | "teamId"
  | "active"
  | "mustChangePassword"
  | "privilegesChangedAt"
> & { clientCompany: { active: boolean } | null };

export type SessionWithUser = Session & { user: SessionUser };

interface Flat extends Session {
  uEmail: string;
  uName: string;
  uDisplayName: string | null;
  uRole: User["role"];
  uClientCompanyId: string | null;
  uTeamId: string | null;
  uActive: boolean;
  uMustChangePassword: boolean;
  uPrivilegesChangedAt: Date | null;
  cActive: boolean | null;
}

/** The session whose current token hashes to `tokenHash`, with its user; null when there is none. */
export async function findSessionRow(
  prisma: Pick<PrismaClient, "$queryRaw">,
  tokenHash: string,
): Promise<SessionWithUser | null> {
  const [r] = await rawRows<Flat>(
    prisma,
    Prisma.sql`
    SELECT s."id", s."tokenHash", s."csrfToken", s."userId", s."ip", s."userAgent", s."createdAt", s."lastSeenAt",
           s."expiresAt", s."tokenIssuedAt", s."previousTokenHash", s."previousTokenValidUntil",
           u."email" AS "uEmail", u."name" AS "uName", u."displayName" AS "uDisplayName", u."role"::text AS "uRole",
           u."clientCompanyId" AS "uClientCompanyId", u."teamId" AS "uTeamId", u."active" AS "uActive",
           u."mustChangePassword" AS "uMustChangePassword", u."privilegesChangedAt" AS "uPrivilegesChangedAt",
           c."active" AS "cActive"
      FROM "Session" s
      JOIN "User" u ON u."id" = s."userId"
      LEFT JOIN "ClientCompany" c ON c."id" = u."clientCompanyId"
     WHERE s."tokenHash" = ${tokenHash}`,
  );
  if (!r) return null;
  return {
    id: r.id,
    tokenHash: r.tokenHash,
    csrfToken: r.csrfToken,
    userId: r.userId,
    ip: r.ip,
    userAgent: r.userAgent,
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    expiresAt: r.expiresAt,
    tokenIssuedAt: r.tokenIssuedAt,
    previousTokenHash: r.previousTokenHash,
    previousTokenValidUntil: r.previousTokenValidUntil,
    user: {
      id: r.userId,
      email: r.uEmail,
      name: r.uName,
      displayName: r.uDisplayName,
      role: r.uRole,
      clientCompanyId: r.uClientCompanyId,
      teamId: r.uTeamId,
      active: r.uActive,
      mustChangePassword: r.uMustChangePassword,
      privilegesChangedAt: r.uPrivilegesChangedAt,
      clientCompany: r.cActive === null ? null : { active: r.cActive },
    },
  };
}
