// Whether clients are connecting in a burst just now: a restart's reconnect storm, when every
// client comes back and catches up at once. Work that can wait, and takes a core for seconds (the
// reading dictionary's load, readings/readings.ts), waits until it is over (issue 14, reconnect
// storm: the load in the storm's window took it from ~1.5× to ~2× the fresh connections' time).
// A server that just started counts as in a burst: its clients are about to come back.

/** connections within one second from which they come in a burst */
const BURST_PER_SECOND = 20;
/** a burst is over when none came for this long */
const CALM_MS = 1000;

export interface ConnectionBurst {
  /** a connection was accepted */
  connected(): void;
  /** how long until the burst is over (0: none now) */
  waitMs(): number;
}

export function createConnectionBurst(now: () => number = Date.now): ConnectionBurst {
  // the times of the last BURST_PER_SECOND connections: a burst when the oldest is within a second
  const recent: number[] = Array.from({ length: BURST_PER_SECOND }, () => Number.NEGATIVE_INFINITY);
  let next = 0;
  let burstSeenAt = now();
  return {
    connected() {
      const at = now();
      recent[next] = at;
      next = (next + 1) % BURST_PER_SECOND;
      // the slot written next holds the earliest of the last BURST_PER_SECOND, this one included
      if (at - recent[next]! < 1000) burstSeenAt = at;
    },
    waitMs: () => Math.max(0, burstSeenAt + CALM_MS - now()),
  };
}
