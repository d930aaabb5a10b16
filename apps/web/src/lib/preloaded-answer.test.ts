// @vitest-environment jsdom
// The first session check gets the answer index.html preloaded (issue 14), which may have arrived
// seconds before a slow device ran the app's scripts. The session clock counts from when it
// arrived, not from when the app read it: otherwise the warning and the idle notice come late.
import { afterEach, describe, expect, it, vi } from "vitest";
import { call } from "./api.ts";
import { sessionDeadline } from "./session-clock.ts";

const REMAINING_MS = 60 * 60_000;

function answerWithDeadline(): Response {
  const serverNow = Date.UTC(2026, 10, 30, 12, 0, 0);
  return new Response(JSON.stringify({ user: null, csrfToken: null }), {
    status: 200,
    headers: {
      "content-type": "application/json",
      date: new Date(serverNow).toUTCString(),
      "x-session-expires": new Date(serverNow + REMAINING_MS).toISOString(),
    },
  });
}

describe("the preloaded session check", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllGlobals();
    sessionDeadline.clear();
  });

  it("counts the session's end from when the preloaded answer arrived, and later answers from when they are read", async () => {
    const arrivedMsAgo = 6_000;
    const url = new URL("/api/v1/auth/session", location.href).href;
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => answerWithDeadline()),
    );
    // the page opened a minute ago; the preloaded answer arrived 6 s ago
    const pageOpenedAt = Date.now() - 60_000;
    vi.spyOn(performance, "timeOrigin", "get").mockReturnValue(pageOpenedAt);
    vi.spyOn(performance, "getEntriesByName").mockImplementation((name) =>
      name === url
        ? [
            {
              name: url,
              initiatorType: "link",
              responseStart: Date.now() - pageOpenedAt - arrivedMsAgo,
            } as unknown as PerformanceEntry,
          ]
        : [],
    );

    const before = Date.now();
    await call("getSession");
    const first = sessionDeadline.get()!;
    expect(first.expiresAt).toBeLessThanOrEqual(Date.now() - arrivedMsAgo + REMAINING_MS + 50);
    expect(first.expiresAt).toBeGreaterThanOrEqual(before - arrivedMsAgo + REMAINING_MS - 50);

    // the next check is a request of its own: its answer arrives now (the preload is used once)
    sessionDeadline.clear();
    await call("getSession");
    expect(sessionDeadline.get()!.expiresAt).toBeGreaterThanOrEqual(before + REMAINING_MS - 50);
  });
});
