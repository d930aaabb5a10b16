import { describe, expect, it } from "vitest";
import { RECONNECT_BASE_MS, RECONNECT_CAP_MS, ReconnectBackoff, reconnectDelay, retryAfterOf } from "./reconnect.ts";

const almostOne = () => 0.999_999;

describe("reconnect delay: full jitter on a short ceiling that grows with failed attempts", () => {
  it("a lost connection is tried again within the short base, and may be at once", () => {
    expect(reconnectDelay(0, undefined, () => 0)).toBe(0);
    expect(reconnectDelay(0, undefined, almostOne)).toBe(RECONNECT_BASE_MS - 1);
    expect(RECONNECT_BASE_MS).toBeLessThan(5_000); // not the old fixed 5 s
  });

  it("spreads clients over the whole ceiling (not all at the same moment)", () => {
    expect(reconnectDelay(2, undefined, () => 0.25)).toBe(RECONNECT_BASE_MS);
    expect(reconnectDelay(2, undefined, () => 0.75)).toBe(3 * RECONNECT_BASE_MS);
  });

  it("doubles the ceiling with each failed attempt, up to the cap", () => {
    const ceilings = [0, 1, 2, 3, 4, 10, 60].map((failed) => reconnectDelay(failed, undefined, almostOne) + 1);
    expect(ceilings).toEqual([500, 1000, 2000, 3000, 3000, 3000, 3000]);
    expect(Math.max(...ceilings)).toBe(RECONNECT_CAP_MS);
  });

  it("honours the server's retryAfterMs: never earlier, plus the jitter", () => {
    expect(reconnectDelay(0, 20_000, () => 0)).toBe(20_000);
    expect(reconnectDelay(0, 20_000, almostOne)).toBe(20_000 + RECONNECT_BASE_MS - 1);
    // nonsense is not believed: a negative or missing wait is none, an absurd one is bounded
    expect(reconnectDelay(0, -5, () => 0)).toBe(0);
    expect(reconnectDelay(0, Number.NaN, () => 0)).toBe(0);
    expect(reconnectDelay(0, 1e12, () => 0)).toBe(10 * 60 * 1000);
  });

  it("reads retryAfterMs from a handshake refusal only when it is a number", () => {
    expect(retryAfterOf({ data: { retryAfterMs: 1234 } })).toBe(1234);
    expect(retryAfterOf({ data: { retryAfterMs: "1234" } })).toBeUndefined();
    expect(retryAfterOf({})).toBeUndefined();
  });

  it("counts a client's attempts, and starts again from the base once connected", () => {
    const backoff = new ReconnectBackoff(almostOne);
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([499, 999, 1999]);
    backoff.reset();
    expect(backoff.next()).toBe(499);
  });
});
