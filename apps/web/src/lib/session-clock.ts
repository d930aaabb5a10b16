// When this browser's session ends unless the user does something (issue 13: idle timeouts, with a
// warning before, WCAG 2.2.1). Two facts feed it:
// - whether the user is here: a key, a click, a touch or a scroll in the last minute. A request
//   sent while they are not (a poll, a refetch after a live event) is marked as background, so an
//   unattended screen does not keep its session alive; anything the user does, does.
// - the server's answer: every signed-in answer says when the session now ends (X-Session-Expires).
import { SESSION_ABSOLUTE_END_HEADER, SESSION_EXPIRES_HEADER } from "@crewboard/contracts/http";

/** Input older than this makes the page's own requests "background" (less with a short idle timeout). */
export const PRESENT_FOR_MS = 60_000;

let deadline: SessionDeadline | null = null;
let lastInputAt = Date.now(); // opening or reloading the page is the user doing something
let listening = false;

function listen(): void {
  if (listening || typeof window === "undefined") return;
  listening = true;
  const mark = () => {
    lastInputAt = Date.now();
  };
  for (const type of ["keydown", "pointerdown", "wheel", "touchstart"] as const)
    window.addEventListener(type, mark, { capture: true, passive: true });
}

/** Is the user at the screen now (for the request about to be sent)? */
export function userIsPresent(now = Date.now()): boolean {
  listen();
  const idle = deadline ? idleTimeoutOf(deadline) : Infinity;
  return now - lastInputAt < Math.min(PRESENT_FOR_MS, idle / 4);
}

/** About the server's idle timeout: a deadline is learned right after the request that set it. */
export const idleTimeoutOf = (d: SessionDeadline) => d.expiresAt - d.receivedAt;

/** How long before the end the warning comes: 2 minutes, at least 20 seconds to answer (WCAG 2.2.1), half a short timeout. */
export const warningLeadOf = (d: SessionDeadline) => Math.min(120_000, Math.max(20_000, idleTimeoutOf(d) / 2));

/** How far our count of the end may be off: the Date header has 1 s resolution, and a busy page reads an answer late. */
const END_SLACK_MS = 5_000;

/**
 * Has the session's known end for lack of activity come? Then a session the server no longer knows
 * ended because nothing happened, whichever path noticed first: the warning's own check, a
 * background request's 401, or the socket closed by the server's sweep. An end that is the
 * session's absolute end (its maximum length, however active the user was) is not one.
 */
export function idleEndPassed(now = Date.now()): boolean {
  return deadline !== null && deadline.endsForIdle && now >= deadline.expiresAt - END_SLACK_MS;
}

export interface SessionDeadline {
  /** when the session ends, epoch ms on this device's clock */
  expiresAt: number;
  /** the same as the server said it (its clock) */
  serverExpiresAt: number;
  /** when this was learned: expiresAt − receivedAt is about the idle timeout right after activity */
  receivedAt: number;
  /** the end comes for lack of activity (false: it is the session's absolute end, which nothing moves) */
  endsForIdle: boolean;
}

const listeners = new Set<() => void>();

export const sessionDeadline = {
  get: (): SessionDeadline | null => deadline,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** from an answer's headers (any answer; those without the header change nothing), read at `now` (when it arrived) */
  fromResponse(headers: Headers, now = Date.now()): void {
    const value = headers.get(SESSION_EXPIRES_HEADER);
    const serverExpiresAt = value ? Date.parse(value) : NaN;
    if (Number.isNaN(serverExpiresAt) || serverExpiresAt === deadline?.serverExpiresAt) return;
    // on this device's clock: what is left by the server's clock (its Date header), from now — a
    // computer whose clock is wrong is warned at the right moment all the same
    const serverNow = Date.parse(headers.get("date") ?? "");
    const expiresAt = Number.isNaN(serverNow) ? serverExpiresAt : now + (serverExpiresAt - serverNow);
    const absoluteEnd = Date.parse(headers.get(SESSION_ABSOLUTE_END_HEADER) ?? "");
    const endsForIdle = Number.isNaN(absoluteEnd) || serverExpiresAt < absoluteEnd;
    deadline = { expiresAt, serverExpiresAt, receivedAt: now, endsForIdle };
    for (const l of listeners) l();
  },
  clear(): void {
    if (!deadline) return;
    deadline = null;
    for (const l of listeners) l();
  },
};
