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
});
