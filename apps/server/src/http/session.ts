import type { CookieOptions, RequestHandler } from "express";
import { SESSION_COOKIE, CSRF_HEADER } from "@crewboard/contracts";
import type { PrismaClient } from "@crewboard/db";
import { AppError } from "../errors.ts";
import type { SignedInUser } from "@crewboard/contracts";
import { csrfTokenMatches, findSession, SESSION_TTL_MS, type AuthSession } from "../modules/auth/sessions.ts";

declare module "express-serve-static-core" {
  interface Request {
    /** set by the session middleware when a valid session cookie came with the request */
    auth?: { user: SignedInUser; session: AuthSession };
  }
}

export function sessionCookieOptions(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: SESSION_TTL_MS };
}

/** Attaches `req.auth` when the request carries a valid session cookie. */
export function loadSession(prisma: PrismaClient): RequestHandler {
  return async (req, _res, next) => {
    const token: unknown = req.cookies?.[SESSION_COOKIE];
    if (typeof token === "string" && token.length > 0 && token.length < 200) {
      const found = await findSession(prisma, token);
      if (found) req.auth = found;
    }
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Writes authenticated by the cookie must echo the session's CSRF token in X-CSRF-Token
 * (synchronizer token). SameSite=Lax on the cookie is defence in depth only.
 */
export const requireCsrf: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || !req.auth) return next();
  if (!csrfTokenMatches(req.auth.session.csrfToken, req.get(CSRF_HEADER))) {
    throw new AppError("auth.csrf_invalid", {
      detail: `send the token from login or GET /api/v1/auth/csrf in the ${CSRF_HEADER} header`,
    });
  }
  next();
};
