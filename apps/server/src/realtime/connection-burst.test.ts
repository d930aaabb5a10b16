import { describe, expect, it } from "vitest";
import { createConnectionBurst } from "./connection-burst.ts";

describe("connection burst: when clients connect all at once (a restart's reconnect storm)", () => {
  it("a server that just started is in one for a second; 20 connections in a second start one, 1 s without ends it", () => {
    let now = 1_000_000;
    const burst = createConnectionBurst(() => now);
    expect(burst.waitMs()).toBe(1000);
    now += 1000;
    expect(burst.waitMs()).toBe(0);

    // a few connections a second (people arriving in the morning) are no burst
    for (let i = 0; i < 19; i++) burst.connected();
    expect(burst.waitMs()).toBe(0);
    now += 1000;
    for (let i = 0; i < 19; i++) burst.connected();
    expect(burst.waitMs()).toBe(0);

    // the twentieth within a second is
    burst.connected();
    expect(burst.waitMs()).toBe(1000);
    now += 400;
    expect(burst.waitMs()).toBe(600);
    now += 600;
    expect(burst.waitMs()).toBe(0);
  });

  it("counts any second, not seconds of the clock: 20 connections across a second's edge are a burst", () => {
    let now = 5_000_000;
    const burst = createConnectionBurst(() => now);
    now += 5000;
    for (let i = 0; i < 10; i++) burst.connected();
    now += 900;
    for (let i = 0; i < 9; i++) burst.connected();
    expect(burst.waitMs()).toBe(0);
    burst.connected(); // the twentieth within 900 ms
    expect(burst.waitMs()).toBe(1000);
    // spread out (one every 100 ms) they are not
    now += 5000;
    for (let i = 0; i < 40; i++) {
      now += 100;
      burst.connected();
    }
    now += 1000;
    expect(burst.waitMs()).toBe(0);
  });
});
