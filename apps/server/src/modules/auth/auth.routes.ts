import { Router } from "express";
import { internalRooms, routes } from "@crewboard/contracts";
import { AppError } from "../../errors.ts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@crewboard/db";
import { registerPreparedRoute, registerRoute, type RouteDeps } from "../../operations/rest.ts";
import {
  clearSessionCookie,
  sendSessionCookie,
  sendSessionEnd,
  type SessionCookieSettings,
} from "../../http/session.ts";
import { passwordChangeRateLimit } from "../../http/rate-limit.ts";
import type { LoginLimiter, LoginRateLimitOptions } from "../../http/login-limits.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { toMeDto } from "../users/user.mapper.ts";
import { checkCredentials, logIn } from "./log-in.ts";
import { touchSessionById } from "./sessions.ts";
import { changeMyPassword, prepareNewPassword } from "./change-my-password.ts";
import type { PasswordWork } from "./password-work.ts";

export function authRoutes(
  deps: RouteDeps,
  options: {
    session: SessionCookieSettings;
    demoMode: boolean;
    loginRateLimit: LoginRateLimitOptions;
    loginLimiter: LoginLimiter;
    passwordWork: PasswordWork;
  },
): Router {
  const router = Router();

  registerPreparedRoute(
    router,
    deps,
    routes.login,
    ({ db, req, body }) =>
      checkCredentials(
        db,
        { email: body.email, password: body.password, ip: req.ip ?? null, userAgent: req.get("user-agent") ?? null },
        options.loginLimiter,
        options.passwordWork,
      ),
    async ({ db, req, res, prepared }) => {
      const { user, token, session } = await logIn(db, {
        user: prepared,
        ip: req.ip ?? null,
        userAgent: req.get("user-agent") ?? null,
        timeouts: options.session.timeouts,
      });
      sendSessionCookie(res, options.session, token, session);
      res.locals.userId = user.id; // for the access log line of the sign-in itself
      return { user: toMeDto(user), csrfToken: session.csrfToken };
    },
  );

  registerRoute(router, deps, routes.logout, async ({ db, res, actor, req, events }) => {
    const sessionId = req.auth!.session.id;
    await db.session.deleteMany({ where: { id: sessionId } });
    await recordAudit(db, actor, { action: "auth.logout", entityType: "user", entityId: actor.user.id });
    // once committed: this session's live connections close at once, on every instance (the
    // user's other sessions, in other browsers, stay)
    events.disconnectRoom(internalRooms.session(sessionId));
    clearSessionCookie(res, options.session);
  });

  registerPreparedRoute(
    router,
    deps,
    routes.changeMyPassword,
    ({ db, body, actor }) =>
      prepareNewPassword(db, {
        actor,
        currentPassword: body.currentPassword,
        newPassword: body.newPassword,
        passwordWork: options.passwordWork,
      }),
    async ({ db, res, actor, events, prepared }) => {
      const { user, token, session } = await changeMyPassword(db, {
        actor,
        prepared,
        events,
        timeouts: options.session.timeouts,
      });
      sendSessionCookie(res, options.session, token, session);
      return { user: toMeDto(user), csrfToken: session.csrfToken };
    },
    { middleware: [passwordChangeRateLimit(options.loginRateLimit)] },
  );

  // "Stay signed in": the idle timeout starts again now (a request the user sends does the same,
  // within the touch interval; this one always writes, so the warning's deadline is exact).
  registerRoute(router, deps, routes.extendSession, async ({ db, req, res }) => {
    const session = await touchSessionById(db, req.auth!.session.id, options.session.timeouts, true);
    if (!session) throw new AppError("auth.required");
    sendSessionEnd(res, session);
    return { expiresAt: session.expiresAt.toISOString(), absoluteExpiresAt: session.absoluteExpiresAt.toISOString() };
  });

  registerRoute(router, deps, routes.getCsrfToken, ({ req }) => ({ csrfToken: req.auth!.session.csrfToken }));

  // The web app's start-up probe: a signed-out visitor is an answer (nulls), not a 401 in the console.
  registerRoute(router, deps, routes.getSession, async ({ db, req }) => {
    if (!req.auth) return { user: null, csrfToken: null };
    const me = await db.user.findUniqueOrThrow({ where: { id: req.auth.user.id } });
    return { user: toMeDto(me), csrfToken: req.auth.session.csrfToken };
  });

  registerRoute(router, deps, routes.getDemoAccounts, () =>
    options.demoMode
      ? // facts only: the English description is for the operator's console, the page words its own
        {
          enabled: true,
          password: DEMO_PASSWORD,
          accounts: DEMO_ACCOUNTS.map(({ description: _console, ...facts }) => facts),
        }
      : { enabled: false, password: null, accounts: [] },
  );

  return router;
}
