import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { RequestHandler } from "express";
import { AppError } from "../errors.ts";
import { sendProblem } from "./problem.ts";

export interface LoginRateLimitOptions {
  /** attempts allowed per window for one address + email (default 10) */
  limit: number;
  windowMs: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimitOptions = { limit: 10, windowMs: 15 * 60 * 1000 };

/**
 * Slows down password guessing. Counted per address and email, so one person's typos do not lock
 * out a whole office behind one address. In memory per instance (a Redis store comes with scale-out).
 */
export function loginRateLimit(options: LoginRateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (req) => {
      const email = typeof req.body?.email === "string" ? req.body.email.toLowerCase().slice(0, 254) : "";
      return `${ipKeyGenerator(req.ip ?? "")}|${email}`;
    },
    handler: (req, res, _next, opts) => {
      const retryAfter = Math.ceil(opts.windowMs / 1000);
      sendProblem(
        res,
        new AppError("auth.rate_limited", {
          detail: `too many sign-in attempts; try again in ${Math.ceil(retryAfter / 60)} minutes`,
          headers: { "Retry-After": String(retryAfter) },
        }),
        req.originalUrl,
      );
    },
  });
}

/**
 * Slows down guessing the current password through POST /me/password with a stolen session:
 * counted per user, with the same budget as sign-in.
 */
export function passwordChangeRateLimit(options: LoginRateLimitOptions): RequestHandler {
  return rateLimit({
    windowMs: options.windowMs,
    limit: options.limit,
    standardHeaders: "draft-8",
    legacyHeaders: false,
    keyGenerator: (req) => `user:${req.auth?.user.id ?? ipKeyGenerator(req.ip ?? "")}`,
    handler: (req, res, _next, opts) => {
      const retryAfter = Math.ceil(opts.windowMs / 1000);
      sendProblem(
        res,
        new AppError("auth.rate_limited", {
          detail: `too many attempts; try again in ${Math.ceil(retryAfter / 60)} minutes`,
          headers: { "Retry-After": String(retryAfter) },
        }),
        req.originalUrl,
      );
    },
  });
}
