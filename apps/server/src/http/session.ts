import type { CookieOptions, RequestHandler, Response } from "express";
import {
  BACKGROUND_REQUEST_HEADER,
  CSRF_HEADER,
  SESSION_ABSOLUTE_END_HEADER,
  SESSION_EXPIRES_HEADER,
  sessionCookieName,
} from "@crewboard/contracts";
import type { PrismaClient } from "@crewboard/db";
import { AppError } from "../errors.ts";
import type { SignedInUser } from "@crewboard/contracts";
import { csrfTokenMatches, findSession, type AuthSession, type SessionTimeouts } from "../modules/auth/sessions.ts";
import { coalesced } from "../realtime/coalesce.ts";

declare module "express-serve-static-core" {
  interface Request {
    /** set by the session middleware when a valid session cookie came with the request */
    auth?: { user: SignedInUser; session: AuthSession };
  }
}

/** How the session cookie is set: over HTTPS it is `__Host-…` and Secure; it lasts as long as the session may at most. */
export interface SessionCookieSettings {
  secure: boolean;
  timeouts: SessionTimeouts;
}

export function sessionCookieOptions(settings: SessionCookieSettings): CookieOptions {
  return { httpOnly: true, sameSite: "lax", secure: settings.secure, path: "/", maxAge: settings.timeouts.absoluteMs };
}

/** Tells the client when the session ends unless the user does something, and its absolute end (the web app's warning and sign-out notice). */
export function sendSessionEnd(res: Response, session: Pick<AuthSession, "expiresAt" | "absoluteExpiresAt">): void {
  res.setHeader(SESSION_EXPIRES_HEADER, session.expiresAt.toISOString());
  res.setHeader(SESSION_ABSOLUTE_END_HEADER, session.absoluteExpiresAt.toISOString());
}

/** Sets the session cookie of a new session, and tells the client when it ends. */
export function sendSessionCookie(res: Response, settings: SessionCookieSettings, token: string, session: AuthSession) {
  res.cookie(sessionCookieName(settings.secure), token, sessionCookieOptions(settings));
  sendSessionEnd(res, session);
}

export function clearSessionCookie(res: Response, settings: SessionCookieSettings) {
  res.clearCookie(sessionCookieName(settings.secure), { ...sessionCookieOptions(settings), maxAge: undefined });
}

/**
 * Attaches `req.auth` when the request carries a valid session cookie. A request the user sent
 * keeps the session alive; one the client marks as background (a poll) does not. The answer says
 * when the session ends, so the web app can warn before it does.
 */
/** A cookie value that could be a session token (longer ones are not looked up). */
export function plausibleSessionToken(token: unknown): token is string {
  return typeof token === "string" && token.length > 0 && token.length < 200;
}

export function loadSession(prisma: PrismaClient, settings: SessionCookieSettings): RequestHandler {
  const cookieName = sessionCookieName(settings.secure);
  // Requests of one session that arrive together (a page's parallel loads, a client's several
  // connections) share one lookup, which STARTS AFTER each of them arrived (coalesce.ts): a sign-out,
  // deactivation or role change committed before a request arrived is seen by its lookup, exactly as
  // with a lookup of its own; nothing is kept once the lookup has answered (issue 14: the lookup was
  // one of a page read's two statements). Keyed by whether the request is activity, so a background
  // poll never shares (and so never causes) a touch.
  const lookup = coalesced((key: string) =>
    findSession(prisma, key.slice(1), { timeouts: settings.timeouts, activity: key[0] === "a", mayRotate: true }),
  );
  return async (req, res, next) => {
    const token: unknown = req.cookies?.[cookieName];
    if (plausibleSessionToken(token)) {
      const activity = req.get(BACKGROUND_REQUEST_HEADER) !== "1";
      const found = await lookup(`${activity ? "a" : "b"}${token}`);
      if (found) {
        // each request its own copies: a handler never changes another request's user or session
        req.auth = { user: { ...found.user }, session: { ...found.session } };
        // the user's role or team changed: this browser gets a new token for the same session
        if (found.rotatedToken) res.cookie(cookieName, found.rotatedToken, sessionCookieOptions(settings));
        sendSessionEnd(res, found.session);
      }
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
