// The session's end as the web app counts it: on this device's clock, from what the server says is
// left by its own clock, so a device whose clock is wrong (or a test's fake clock) is warned at the
// right moment — not at once, with every screen behind the warning.
import { afterEach, describe, expect, it } from "vitest";
import { idleEndPassed, sessionDeadline } from "./session-clock.ts";

const headers = (expires: string, date: string) => new Headers({ "X-Session-Expires": expires, Date: date });

describe("session clock", () => {
  afterEach(() => sessionDeadline.clear());

  it("counts what is left by the server's clock from this device's now", () => {
    // the server says: it is 12:00, the session ends at 13:00; this device thinks it is 3 days earlier
    const deviceNow = Date.parse("2026-11-21T09:00:00Z");
    sessionDeadline.fromResponse(headers("2026-11-24T13:00:00.000Z", "Tue, 24 Nov 2026 12:00:00 GMT"), deviceNow);
    expect(sessionDeadline.get()).toMatchObject({
      expiresAt: deviceNow + 60 * 60_000,
      serverExpiresAt: Date.parse("2026-11-24T13:00:00.000Z"),
    });
  });

  it("without a Date header, takes the end as it is", () => {
    sessionDeadline.fromResponse(new Headers({ "X-Session-Expires": "2026-11-24T13:00:00.000Z" }), 0);
    expect(sessionDeadline.get()?.expiresAt).toBe(Date.parse("2026-11-24T13:00:00.000Z"));
  });

  it("knows when the end for lack of activity has come, with a few seconds of slack", () => {
    expect(idleEndPassed(0)).toBe(false); // no end known: not signed in, or not yet answered
    const end = Date.parse("2026-11-24T13:00:00.000Z");
    sessionDeadline.fromResponse(new Headers({ "X-Session-Expires": "2026-11-24T13:00:00.000Z" }), 0);
    expect(idleEndPassed(end - 60_000)).toBe(false);
    expect(idleEndPassed(end - 6_000)).toBe(false);
    expect(idleEndPassed(end - 4_000)).toBe(true);
    expect(idleEndPassed(end + 60_000)).toBe(true);
  });

  it("an end that is the session's absolute end is not one for lack of activity", () => {
    const end = "2026-11-24T13:00:00.000Z";
    sessionDeadline.fromResponse(new Headers({ "X-Session-Expires": end, "X-Session-Absolute-End": end }), 0);
    expect(sessionDeadline.get()?.endsForIdle).toBe(false);
    expect(idleEndPassed(Date.parse(end) + 60_000)).toBe(false);
    sessionDeadline.fromResponse(
      new Headers({ "X-Session-Expires": "2026-11-24T12:00:00.000Z", "X-Session-Absolute-End": end }),
      0,
    );
    expect(idleEndPassed(Date.parse(end))).toBe(true);
  });
});
