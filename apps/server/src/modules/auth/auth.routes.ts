import { Router } from "express";
import { routes, SESSION_COOKIE } from "@crewboard/contracts";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@crewboard/db";
import { registerRoute, type RouteDeps } from "../../http/register-route.ts";
import { sessionCookieOptions } from "../../http/session.ts";
import { loginRateLimit, type LoginRateLimitOptions } from "../../http/rate-limit.ts";
import { recordAudit } from "../../audit/record-audit.ts";
import { toUserDto } from "../users/user.mapper.ts";
import { logIn } from "./log-in.ts";

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
    return { user: toUserDto(user), csrfToken: session.csrfToken };
  }, [loginRateLimit(options.loginRateLimit)]);

  registerRoute(router, deps, routes.logout, async ({ res, actor, req }) => {
    await prisma.$transaction(async (tx) => {
      await tx.session.deleteMany({ where: { id: req.auth!.session.id } });
      await recordAudit(tx, actor, { action: "auth.logout", entityType: "user", entityId: actor.user.id });
    });
    res.clearCookie(SESSION_COOKIE, { ...sessionCookieOptions(options.cookieSecure), maxAge: undefined });
  });

  registerRoute(router, deps, routes.csrf, ({ req }) => ({ csrfToken: req.auth!.session.csrfToken }));

  // The web app's start-up probe: a signed-out visitor is an answer (nulls), not a 401 in the console.
  registerRoute(router, deps, routes.session, async ({ req }) => {
    if (!req.auth) return { user: null, csrfToken: null };
    const me = await prisma.user.findUniqueOrThrow({ where: { id: req.auth.user.id } });
    return { user: toUserDto(me), csrfToken: req.auth.session.csrfToken };
  });

  registerRoute(router, deps, routes.demoAccounts, () =>
    options.demoMode
      ? // facts only: the English description is for the operator's console, the page words its own
        { enabled: true, password: DEMO_PASSWORD, accounts: DEMO_ACCOUNTS.map(({ description: _console, ...facts }) => facts) }
      : { enabled: false, password: null, accounts: [] },
  );

  return router;
}
