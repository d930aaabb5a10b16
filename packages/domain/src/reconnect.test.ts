import { describe, expect, it } from "vitest";
import {
  RECONNECT_BASE_MS,
  RECONNECT_CAP_MS,
  RECONNECT_STEP_MS,
  ReconnectBackoff,
  reconnectDelay,
  retryAfterOf,
} from "./reconnect.ts";

const almostOne = () => 0.999_999;

describe("reconnect delay: full jitter on a short ceiling that grows with failed attempts", () => {
  it("a lost connection is tried again within the short base, and may be at once", () => {
    expect(reconnectDelay(0, undefined, () => 0)).toBe(0);
    expect(reconnectDelay(0, undefined, almostOne)).toBe(RECONNECT_BASE_MS - 1);
    expect(RECONNECT_BASE_MS).toBeLessThan(5_000); // not the old fixed 5 s
  });

  it("spreads clients over the whole ceiling (not all at the same moment)", () => {
    // two failed attempts: a ceiling of 500 + 2 × 250 = 1,000 ms
    expect(reconnectDelay(2, undefined, () => 0.25)).toBe(250);
    expect(reconnectDelay(2, undefined, () => 0.75)).toBe(750);
  });

  it("grows the ceiling by a step with each failed attempt, up to the cap", () => {
    const ceilings = [0, 1, 2, 3, 4, 10, 60].map((failed) => reconnectDelay(failed, undefined, almostOne) + 1);
    expect(ceilings).toEqual([500, 750, 1000, 1250, 1500, 3000, 3000]);
    expect(RECONNECT_STEP_MS).toBe(250);
    expect(Math.max(...ceilings)).toBe(RECONNECT_CAP_MS);
  });

  it("brings clients that failed through a one-second restart back within ~1.4 s of its end, where a doubling ceiling took ~2.7 s", () => {
    // 20,000 clients lose the server at 0; it answers again at 1,050 ms (a restart on the bench's
    // machine); each tries at the jittered waits, a failed attempt costing 2 ms. Returns the time
    // after the restart's end by which 99.5 % are back.
    const backBy = (wait: (failed: number, random: () => number) => number) => {
      let seed = 1;
      const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647;
      const back: number[] = [];
      for (let client = 0; client < 20_000; client++) {
        let failed = 0;
        let at = wait(failed++, random);
        while (at < 1_050) at += 2 + wait(failed++, random);
        back.push(at - 1_050);
      }
      back.sort((a, b) => a - b);
      return back[Math.floor(back.length * 0.995)]!;
    };
    expect(backBy((failed, random) => reconnectDelay(failed, undefined, random))).toBeLessThan(1_400);
    // the rule before (issue 14's storm at 2.86×): 0.5 s doubling per failed attempt, up to 3 s
    const doubling = (failed: number, random: () => number) =>
      Math.floor(random() * Math.min(RECONNECT_CAP_MS, RECONNECT_BASE_MS * 2 ** failed));
    expect(backBy(doubling)).toBeGreaterThan(2_400);
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
    expect([backoff.next(), backoff.next(), backoff.next()]).toEqual([499, 749, 999]);
    backoff.reset();
    expect(backoff.next()).toBe(499);
  });
});
