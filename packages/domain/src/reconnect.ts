// When a live client connects again: after losing its connection (a restart, a deploy, the
// network), after the server ended it, or after the handshake refused it. One rule for the web app
// (apps/web/src/lib/socket.ts) and the bench's clients (bench/src/fleet/live-client.ts), which
// both turn Socket.IO's own reconnection off and follow this instead (issue 14, reconnect storm).
//
// - Full jitter, a wait drawn between 0 and a ceiling: clients that lost the same server at the
//   same moment come back spread out rather than together, and the first ones come back at once.
// - The ceiling starts small (a restart behind a balancer: another instance answers right away)
//   and grows by a quarter of a second with every attempt that fails, up to a cap of a few
//   seconds: a server that stays down is asked every 1.5 s on average per client, and one that
//   comes back finds its clients back within the cap — not in Socket.IO's backoff of up to 10 s,
//   nor after a fixed 5 s.
// - It grows slowly because a restart takes about a second: clients that failed two or three
//   times meanwhile then come back within ~1.4 s of its end, near the time the server takes to
//   accept as many fresh connections (issue 14, reconnect storm). A ceiling that doubled was at
//   2–3 s by then and spread them over 2.7 s; an outage of many seconds costs ~30 % more attempts
//   against the down server in its first 10 s, and the same rate once at the cap.
// - A refusal that says when to come back (the handshake's `rate_limited` carries `retryAfterMs`,
//   apps/server/src/realtime/socket-limits.ts) is honoured: never earlier, plus the jitter.

/** the first attempt's ceiling */
export const RECONNECT_BASE_MS = 500;
/** how much the ceiling grows with each failed attempt */
export const RECONNECT_STEP_MS = 250;
/** the ceiling's cap */
export const RECONNECT_CAP_MS = 3_000;
/** a `retryAfterMs` above this (a server's mistake) is not believed: this long is waited instead */
const RETRY_AFTER_MAX_MS = 10 * 60 * 1000;

/** The wait (ms) after `failed` attempts (0: the connection was just lost), at least `retryAfterMs`. */
export function reconnectDelay(failed: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS + RECONNECT_STEP_MS * Math.max(0, failed));
  const jitter = Math.floor(random() * ceiling);
  const floor =
    retryAfterMs !== undefined && Number.isFinite(retryAfterMs) && retryAfterMs > 0
      ? Math.min(retryAfterMs, RETRY_AFTER_MAX_MS)
      : 0;
  return floor + jitter;
}

/** The `retryAfterMs` a handshake refusal (a `connect_error`) carries, if any. */
export function retryAfterOf(error: { data?: { retryAfterMs?: unknown } }): number | undefined {
  const value = error.data?.retryAfterMs;
  return typeof value === "number" ? value : undefined;
}

/** One client's attempts: the next wait, and back to a short one once connected. */
export class ReconnectBackoff {
  private failed = 0;
  /** random: for tests (by default Math.random, read at each attempt) */
  constructor(private readonly random?: () => number) {}

  /** the wait before the next attempt (each call counts one more attempt) */
  next(retryAfterMs?: number): number {
    return reconnectDelay(this.failed++, retryAfterMs, this.random);
  }

  /** connected: the next loss starts again from the short wait */
  reset(): void {
    this.failed = 0;
  }
}
