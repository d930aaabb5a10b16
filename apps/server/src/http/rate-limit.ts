import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { RequestHandler } from "express";
import { AppError } from "../errors.ts";
import { sendProblem } from "./problem.ts";
import type { LoginRateLimitOptions } from "./login-limits.ts";

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
