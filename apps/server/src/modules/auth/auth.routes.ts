import { Router } from "express";
import { internalRooms, routes, SESSION_COOKIE } from "@crewboard/contracts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@crewboard/db";
import { registerRoute, type RouteDeps } from "../../http/register-route.ts";
import { sessionCookieOptions } from "../../http/session.ts";
import { loginRateLimit, passwordChangeRateLimit, type LoginRateLimitOptions } from "../../http/rate-limit.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { toMeDto } from "../users/user.mapper.ts";
import { logIn } from "./log-in.ts";
import { changeMyPassword } from "./change-my-password.ts";

export function authRoutes(
  deps: RouteDeps,
  options: { cookieSecure: boolean; demoMode: boolean; loginRateLimit: LoginRateLimitOptions },
): Router {
  const { prisma } = deps;
  const router = Router();

  registerRoute(router, deps, routes.login, async ({ req, res, body }) => {
    const { user, token, session } = await logIn(prisma, {
      email: body.email,
      password: body.password,
      ip: req.ip ?? null,
      userAgent: req.get("user-agent") ?? null,
    });
    res.cookie(SESSION_COOKIE, token, sessionCookieOptions(options.cookieSecure));
    res.locals.userId = user.id; // for the access log line of the sign-in itself
    return { user: toMeDto(user), csrfToken: session.csrfToken };
  }, [loginRateLimit(options.loginRateLimit)]);

  registerRoute(router, deps, routes.logout, async ({ res, actor, req, events }) => {
    const sessionId = req.auth!.session.id;
    await prisma.$transaction(async (tx) => {
      await tx.session.deleteMany({ where: { id: sessionId } });
      await recordAudit(tx, actor, { action: "auth.logout", entityType: "user", entityId: actor.user.id });
    });
    // once committed: this session's live connections close at once, on every instance (the
    // user's other sessions, in other browsers, stay)
    events.disconnectRoom(internalRooms.session(sessionId));
    res.clearCookie(SESSION_COOKIE, { ...sessionCookieOptions(options.cookieSecure), maxAge: undefined });
  });

  registerRoute(router, deps, routes.changeMyPassword, async ({ res, body, actor, events }) => {
    const { user, token, session } = await changeMyPassword(prisma, {
      actor,
      currentPassword: body.currentPassword,
      newPassword: body.newPassword,
      events,
    });
    res.cookie(SESSION_COOKIE, token, sessionCookieOptions(options.cookieSecure));
    return { user: toMeDto(user), csrfToken: session.csrfToken };
  }, [passwordChangeRateLimit(options.loginRateLimit)]);

  registerRoute(router, deps, routes.csrf, ({ req }) => ({ csrfToken: req.auth!.session.csrfToken }));

  // The web app's start-up probe: a signed-out visitor is an answer (nulls), not a 401 in the console.
  registerRoute(router, deps, routes.session, async ({ req }) => {
    if (!req.auth) return { user: null, csrfToken: null };
    const me = await prisma.user.findUniqueOrThrow({ where: { id: req.auth.user.id } });
    return { user: toMeDto(me), csrfToken: req.auth.session.csrfToken };
  });

  registerRoute(router, deps, routes.demoAccounts, () =>
    options.demoMode
      ? // facts only: the English description is for the operator's console, the page words its own
        { enabled: true, password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS.map(({ description: _console, ...facts }) => facts) }
      : { enabled: false, password: null, accounts: [] },
  );

  return router;
}
