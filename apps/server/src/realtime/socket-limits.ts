// Socket limits (issue 13): every client event spends from a token bucket of its own per
// connection and per user (a user's connections together), a user has at most
// CREWBOARD_MAX_SOCKETS_PER_USER connections per instance and opens them at a bounded rate (a
// runaway client reconnecting in a loop costs a session lookup and the joins each time), and sync:request is bounded in rooms and
// in how many run at once. A refused event is acknowledged `{ ok: false, error: { code:
// "rate_limited", … } }` (the same problem REST answers) and audited once per window per user and
// event, so a flood writes one row, not one per event. Tests, the browser tests and the benchmark
// raise these limits through the same options (AppDeps.socketLimits, the environment): there is no
// other way around them.
import { RateLimiterMemory } from "rate-limiter-flexible";

export interface Budget {
  /** events that may come at once */
  burst: number;
  /** refill: events per second on average */
  perSecond: number;
}

export interface SocketLimitOptions {
  /** connections one user may hold on one instance (CREWBOARD_MAX_SOCKETS_PER_USER, default 20) */
  maxSocketsPerUser: number;
  /** per client event (its name, e.g. "message:send"): the budget of one connection */
  budgets: Record<string, Budget>;
  /** for an event without a budget of its own */
  defaultBudget: Budget;
  /** a user's connections together get this many connections' budget (default: a quarter of maxSocketsPerUser, at least 5) */
  perUserConnections: number;
  /** multiplies every budget (tests and benchmarks that send much more than a person would) */
  budgetFactor: number;
  /** the most rooms one sync:request may ask for (more: refused as rate_limited, and the client reloads over REST) */
  syncMaxRooms: number;
  /**
   * sync:request's database reads running at once on this instance (a room's events after a
   * sequence, shared by the connections asking the same at the same moment); more wait their turn.
   * A connection has one sync:request at a time.
   */
  syncConcurrency: number;
  /** refusals (rate limits, refused joins) are audited once per this window per user and event */
  auditWindowMs: number;
  /**
   * New connections of one user on this instance (default: all of maxSocketsPerUser twice at once —
   * every tab back after a restart, and again — then maxSocketsPerUser a minute)
   */
  connectBudget?: Budget;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimitOptions = {
  maxSocketsPerUser: 20,
  budgets: {
    "message:send": { burst: 10, perSecond: 1 },
    "message:edit": { burst: 10, perSecond: 1 },
    "message:delete": { burst: 10, perSecond: 1 },
    "chat:talk_to_manager": { burst: 5, perSecond: 0.2 },
    "typing:update": { burst: 10, perSecond: 2 },
    "presence:set": { burst: 10, perSecond: 1 },
    "room:join": { burst: 30, perSecond: 5 },
    "sync:request": { burst: 5, perSecond: 0.5 },
    "message:read": { burst: 30, perSecond: 5 },
  },
  defaultBudget: { burst: 20, perSecond: 5 },
  perUserConnections: 5,
  budgetFactor: 1,
  syncMaxRooms: 200,
  syncConcurrency: 4,
  auditWindowMs: 10 * 60 * 1000,
};

/** The key of a user's connect budget among their event budgets (no client event has this name). */
const CONNECT = "(connect)";

class TokenBucket {
  private tokens: number;
  private at: number;
  constructor(
    private readonly capacity: number,
    private readonly perMs: number,
  ) {
    this.tokens = capacity;
    this.at = Date.now();
  }
  /** takes one token; returns 0 when taken, else the milliseconds until one is there */
  take(): number {
    const now = Date.now();
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.at) * this.perMs);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - this.tokens) / this.perMs);
  }
}

/** A counting semaphore: at most `size` holders, the others wait in order. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.active++;
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export type Admission =
  | { admitted: true }
  | { admitted: false; refused: "too_many" }
  | { admitted: false; refused: "too_fast"; retryAfterMs: number };

export interface SocketLimiter {
  options: SocketLimitOptions;
  /**
   * The handshake's check: the cap on connections first (refused there, nothing is spent), then
   * the user's connect budget (refused there, with the wait); admitted when both allow.
   */
  open(userId: string, socketId: string): Admission;
  /** a new connection of this user, whatever the connect budget: false when the user already has the most allowed */
  admit(userId: string, socketId: string): boolean;
  /** the connection closed */
  release(userId: string, socketId: string): void;
  /** spends one event from the connection's and the user's budgets: 0 when allowed, else the ms until the next is */
  spend(userId: string, socketId: string, event: string): number;
  /** true for the first refusal of this kind in the audit window (then it is audited; the next ones are counted only) */
  firstInWindow(key: string): Promise<boolean>;
  /** runs a sync within the instance's concurrency */
  sync<T>(work: () => Promise<T>): Promise<T>;
}

export function createSocketLimiter(partial: Partial<SocketLimitOptions> = {}): SocketLimiter {
  const options: SocketLimitOptions = {
    ...DEFAULT_SOCKET_LIMITS,
    ...partial,
    budgets: { ...DEFAULT_SOCKET_LIMITS.budgets, ...partial.budgets },
  };
  // more connections allowed per user (CREWBOARD_MAX_SOCKETS_PER_USER) are usable connections
  if (partial.perUserConnections === undefined)
    options.perUserConnections = Math.max(
      DEFAULT_SOCKET_LIMITS.perUserConnections,
      Math.ceil(options.maxSocketsPerUser / 4),
    );
  const connectBudget = options.connectBudget ?? {
    burst: 2 * options.maxSocketsPerUser,
    perSecond: options.maxSocketsPerUser / 60,
  };
  const budgetOf = (event: string) => options.budgets[event] ?? options.defaultBudget;
  const bucket = (budget: Budget, scale: number) =>
    new TokenBucket(
      budget.burst * options.budgetFactor * scale,
      (budget.perSecond * options.budgetFactor * scale) / 1000,
    );

  const sockets = new Map<string, Map<string, TokenBucket>>(); // socket id → event → bucket
  interface UserLimits {
    sockets: Set<string>;
    buckets: Map<string, TokenBucket>;
    forget?: NodeJS.Timeout;
  }
  const users = new Map<string, UserLimits>();
  const windows = new RateLimiterMemory({
    keyPrefix: "socket_refusals",
    points: Number.MAX_SAFE_INTEGER,
    duration: Math.max(1, Math.ceil(options.auditWindowMs / 1000)),
  });
  const syncs = new Semaphore(Math.max(1, options.syncConcurrency));
  // A user's budgets outlive their last connection until every one of them would be full again, so
  // closing all connections and reconnecting does not buy a fresh budget.
  // (at most a day: setTimeout takes at most 2^31 ms, and the slowed budgets of tests refill in hours)
  const refillMs = Math.min(
    24 * 60 * 60 * 1000,
    Math.max(
      ...[options.defaultBudget, connectBudget, ...Object.values(options.budgets)].map(
        (b) => (b.burst / b.perSecond) * 1000,
      ),
    ),
  );
  const userOf = (userId: string) => {
    let user = users.get(userId);
    if (!user) users.set(userId, (user = { sockets: new Set(), buckets: new Map() }));
    return user;
  };
  const forgetWhenRefilled = (userId: string, user: UserLimits) => {
    if (user.sockets.size > 0) return;
    // one timer per user, restarted (also after it fired): refusals in a loop do not pile up timers
    if (user.forget) user.forget.refresh();
    else
      user.forget = setTimeout(() => {
        if (users.get(userId) === user && user.sockets.size === 0) users.delete(userId);
      }, refillMs).unref();
  };
  const admit = (userId: string, socketId: string) => {
    const user = userOf(userId);
    if (user.sockets.size >= options.maxSocketsPerUser) return false;
    user.sockets.add(socketId);
    sockets.set(socketId, new Map());
    return true;
  };

  return {
    options,
    open(userId, socketId) {
      const user = userOf(userId);
      if (user.sockets.size >= options.maxSocketsPerUser) return { admitted: false, refused: "too_many" };
      let connects = user.buckets.get(CONNECT);
      if (!connects) user.buckets.set(CONNECT, (connects = bucket(connectBudget, 1)));
      const wait = connects.take();
      if (wait > 0) {
        forgetWhenRefilled(userId, user);
        return { admitted: false, refused: "too_fast", retryAfterMs: wait };
      }
      admit(userId, socketId);
      return { admitted: true };
    },
    admit,
    release(userId, socketId) {
      sockets.delete(socketId);
      const user = users.get(userId);
      if (!user) return;
      user.sockets.delete(socketId);
      forgetWhenRefilled(userId, user);
    },
    spend(userId, socketId, event) {
      const own = sockets.get(socketId);
      const user = users.get(userId);
      if (!own || !user) return 0; // not admitted through this limiter (cannot happen after the handshake)
      const budget = budgetOf(event);
      let mine = own.get(event);
      if (!mine) own.set(event, (mine = bucket(budget, 1)));
      let theirs = user.buckets.get(event);
      if (!theirs) user.buckets.set(event, (theirs = bucket(budget, options.perUserConnections)));
      const wait = mine.take();
      if (wait > 0) return wait;
      return theirs.take();
    },
    async firstInWindow(key) {
      const state = await windows.consume(key);
      return state.consumedPoints === 1;
    },
    sync: (work) => syncs.run(work),
  };
}
