// Sign-in limits (issue 13): password guessing is slowed per address (across emails) and per account
// (across addresses). Only failures count, so a balancer's clients, tests and benchmarks that sign in
// many times from one address are never blocked by success. When a key reaches its limit it is
// blocked, and each further block of the same key within a day lasts twice as long (backoff). The
// check runs before the user is looked up, so a blocked attempt never reaches the argon2 verify.
// Counters live in Redis when REDIS_URL is set (shared by every instance; an in-memory limiter
// stands in while Redis does not answer), in memory otherwise.
// Issue 14 (a flood from one address): an address this instance saw blocked is also remembered
// locally, so its further attempts are refused before the body is even parsed (`refuseEarly`,
// no session lookup, no Redis round trip), and an attempt that waited for its turn at the password
// check looks at the address's count again (`stillAllowed`): attempts sent together can no longer
// all get past the limit while the first ones are being hashed.
import type { RequestHandler } from "express";
import { ipKeyGenerator } from "express-rate-limit";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { AppError } from "../errors.ts";
import { sendProblem } from "./problem.ts";
import type { AuditEntry } from "../audit/record-audit.ts";

export interface LoginRateLimitOptions {
  /** failed sign-ins allowed per account (email), across addresses, per window (default 10) */
  limit: number;
  /** failed sign-ins allowed per address, across emails, per window (default: 3 × limit, so 30) */
  perAddressLimit?: number;
  windowMs: number;
  /** the first block; each further block of the same key within 24 h doubles, up to 24 h (default: windowMs) */
  blockMs?: number;
}

export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimitOptions = { limit: 10, windowMs: 15 * 60 * 1000 };

/** A Redis client of the `redis` package (node-redis 4+), connected. */
export type LimiterRedisClient = object;

/** One sign-in attempt that got past the limits: say how it ended. */
export interface LoginAttempt {
  /** Counts it as a failure; returns the audit rows to write: the first failure of a window per scope, and a block's start. */
  failed(userId: string | null): Promise<AuditEntry[]>;
  /** It succeeded: what it took of the counts is given back (only failures count). */
  succeeded(): Promise<void>;
  /** It could not be decided (the database did not answer): given back too. */
  abandoned(): Promise<void>;
  /** Right before the password check: refuses (and gives back) when the address reached its limit meanwhile. */
  stillAllowed(): Promise<void>;
}

export interface LoginLimiter {
  /**
   * Refuses (429 auth.rate_limited with Retry-After) when the address or the account is at its limit
   * or blocked. The account's count takes the attempt BEFORE the password is checked, so that
   * guesses at one account sent in parallel are counted at once, not after their argon2 verifies;
   * a refused attempt gives back what it took.
   */
  begin(ip: string | null, email: string): Promise<LoginAttempt>;
  /**
   * The refusal for an address this instance knows to be blocked, or null; synchronous and cheap, for
   * a middleware in front of the body parser and the session lookup. Null says nothing: `begin` decides.
   */
  refuseEarly(ip: string | null): AppError | null;
}

/** Blocked addresses remembered per instance; beyond this the oldest are forgotten (`begin` still refuses them). */
const MAX_REMEMBERED_BLOCKS = 10_000;

function rateLimited(waitMs: number): AppError {
  const retryAfter = Math.max(1, Math.ceil(waitMs / 1000));
  return new AppError("auth.rate_limited", {
    detail: `too many failed sign-ins; try again in ${Math.ceil(retryAfter / 60)} minutes`,
    headers: { "Retry-After": String(retryAfter) },
  });
}

const DAY_SECONDS = 24 * 60 * 60;

type Scope = "address" | "account";

export function createLoginLimiter(options: LoginRateLimitOptions, redis?: LimiterRedisClient | null): LoginLimiter {
  const windowSec = Math.max(1, Math.ceil(options.windowMs / 1000));
  const blockSec = Math.max(1, Math.ceil((options.blockMs ?? options.windowMs) / 1000));
  const limits: Record<Scope, number> = {
    account: options.limit,
    address: options.perAddressLimit ?? options.limit * 3,
  };

  const make = (keyPrefix: string, points: number, duration: number): RateLimiterAbstract => {
    const memory = new RateLimiterMemory({ keyPrefix, points, duration });
    if (!redis) return memory;
    return new RateLimiterRedis({
      storeClient: redis,
      useRedisPackage: true,
      keyPrefix: `crewboard:${keyPrefix}`,
      points,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    });
  };
  const failures: Record<Scope, RateLimiterAbstract> = {
    account: make("login_fail_account", limits.account, windowSec),
    address: make("login_fail_address", limits.address, windowSec),
  };
  // how many blocks a key had in the last day: the next one lasts blockSec × 2^(n-1)
  const blocks = make("login_blocks", 1_000_000, DAY_SECONDS);

  const keyOf = (scope: Scope, ip: string | null, email: string) =>
    scope === "account" ? email.trim().toLowerCase().slice(0, 254) : ipKeyGenerator(ip ?? "unknown");

  // address → when its block ends (epoch ms), as this instance last saw it
  const blockedUntil = new Map<string, number>();
  const rememberBlock = (address: string, waitMs: number) => {
    blockedUntil.delete(address); // re-inserted last: the Map's order is the age
    blockedUntil.set(address, Date.now() + waitMs);
    if (blockedUntil.size > MAX_REMEMBERED_BLOCKS) blockedUntil.delete(blockedUntil.keys().next().value!);
  };
  // the address's wait when it is at its limit (0 when not)
  const addressWait = async (address: string) => {
    const state = await failures.address.get(address);
    if (!state || state.consumedPoints < limits.address) return 0;
    const waitMs = Math.max(state.msBeforeNext, 1);
    rememberBlock(address, waitMs);
    return waitMs;
  };

  // one audit row per window and key: the flood itself is counted, not written
  const firstFailure = make("login_fail_noted", 1, windowSec);
  const isFirstFailure = (scope: Scope, key: string) =>
    firstFailure.consume(`${scope}:${key}`).then(
      () => true,
      (e: unknown) => {
        if (e instanceof RateLimiterRes) return false;
        throw e;
      },
    );

  // a failure counted after the hash (the address's count); over the limit already when attempts raced past the check
  const countFailure = (scope: Scope, key: string) =>
    failures[scope].consume(key).then(
      (r) => r.consumedPoints,
      (e: unknown) => {
        if (e instanceof RateLimiterRes) return e.consumedPoints;
        throw e;
      },
    );

  return {
    refuseEarly(ip) {
      const address = keyOf("address", ip, "");
      const until = blockedUntil.get(address);
      if (until === undefined) return null;
      const waitMs = until - Date.now();
      if (waitMs > 0) return rateLimited(waitMs);
      blockedUntil.delete(address);
      return null;
    },
    async begin(ip, email) {
      // The account's count takes this attempt at once: guesses at one account sent in parallel
      // cannot all pass before the first failure is counted. The address's count is only read here
      // and takes failures after the hash: a balancer or a benchmark signing many people in at once
      // from one address must never be refused for attempts that then succeed.
      const taken: { scope: Scope; key: string; points: number | null }[] = [];
      const address = keyOf("address", ip, email);
      let waitMs = await addressWait(address);
      taken.push({ scope: "address", key: address, points: null });
      if (email && waitMs === 0) {
        const key = keyOf("account", ip, email);
        try {
          taken.push({ scope: "account", key, points: (await failures.account.consume(key)).consumedPoints });
        } catch (e) {
          if (!(e instanceof RateLimiterRes)) throw e;
          taken.push({ scope: "account", key, points: e.consumedPoints });
          waitMs = Math.max(e.msBeforeNext, 1);
        }
      }
      let givenBack = false; // once: a refusal after the turn's wait gives back, and so does its caller
      const giveBack = async () => {
        if (givenBack) return;
        givenBack = true;
        await Promise.all(taken.filter((t) => t.points !== null).map((t) => failures[t.scope].reward(t.key, 1)));
      };
      if (waitMs > 0) {
        await giveBack(); // a refused attempt is not a failure: it costs nothing
        throw rateLimited(waitMs);
      }
      return {
        succeeded: giveBack,
        abandoned: giveBack,
        async stillAllowed() {
          const wait = await addressWait(address);
          if (wait === 0) return;
          await giveBack();
          throw rateLimited(wait);
        },
        async failed(userId) {
          const notes: AuditEntry[] = [];
          for (const { scope, key, points: reserved } of taken) {
            const points = reserved ?? (await countFailure(scope, key));
            const subject = scope === "account" ? { email: key } : { address: key };
            if (await isFirstFailure(scope, key)) {
              notes.push({
                action: "auth.login_failed",
                entityType: "user",
                entityId: scope === "account" ? userId : null,
                metadata: { scope, ...subject, email, ip, windowSeconds: windowSec, limit: limits[scope] },
              });
            }
            // exactly one attempt takes the last point (the counts are atomic): its failure starts the block
            if (points === limits[scope]) {
              const count = (await blocks.penalty(`${scope}:${key}`)).consumedPoints;
              const seconds = Math.min(DAY_SECONDS, blockSec * 2 ** Math.min(20, count - 1));
              await failures[scope].block(key, seconds);
              if (scope === "address") rememberBlock(key, seconds * 1000);
              notes.push({
                action: "auth.login_blocked",
                entityType: "user",
                entityId: scope === "account" ? userId : null,
                metadata: { scope, ...subject, ip, failures: limits[scope], blockSeconds: seconds, blockNumber: count },
              });
            }
          }
          return notes;
        },
      };
    },
  };
}

/**
 * First in the chain, right after the request id: a sign-in from an address this instance knows to
 * be blocked is answered here, for the price of a Map read (issue 14: a flood from one address must
 * cost the others next to nothing). Nothing else runs for it: no body parser, no session lookup,
 * no Redis round trip, and no access-log line or metric per attempt (at 100 a second those were
 * most of its cost); the block itself is in the audit log (`auth.login_blocked`). `path` is the
 * sign-in route's full path.
 */
export function refuseBlockedSignIns(limiter: LoginLimiter, path: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== "POST" || req.path !== path) return next();
    const refusal = limiter.refuseEarly(req.ip ?? null);
    if (!refusal) return next();
    res.setHeader("Cache-Control", "no-store");
    sendProblem(res, refusal, req.originalUrl);
  };
}
