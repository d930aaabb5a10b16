import { afterEach, describe, expect, it, vi } from "vitest";
import { makeUser } from "../test/render.tsx";
import { testQueryClient } from "../test/query-client.ts";
import { setCsrfToken, type Me } from "../lib/api.ts";
import { queryKeys } from "../lib/query-keys.ts";
import { JOIN_WAIT_MS, startEarly } from "./startup.ts";

/** The server: who is signed in, and an empty page for any list. */
function mockServer(user: Me | null) {
  const urls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      urls.push(url);
      if (url.endsWith("/auth/session")) return Response.json({ user, csrfToken: user ? "csrf-1" : null });
      return Response.json({ items: [], nextCursor: null });
    }),
  );
  return urls;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("startEarly (issue 14: the first screen's loads start side by side)", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(undefined);
  });

  it("checks the session and loads the start URL's screen at once, then asks for its data for a user it lets in", async () => {
    const urls = mockServer(makeUser({ role: "manager" }));
    const client = testQueryClient();
    const prefetch = vi.fn();
    const preload = vi.fn(() => Promise.resolve({}));
    startEarly(client, [{ path: "/board", screen: { preload }, gate: "staff", prefetch }], "/board");
    // both started before anything has answered
    expect(urls.some((url) => url.endsWith("/auth/session"))).toBe(true);
    expect(preload).toHaveBeenCalledTimes(1);
    expect(prefetch).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(prefetch).toHaveBeenCalledWith(client));
    // SessionProvider reads the answer from the same cache
    expect(client.getQueryData<Me | null>(queryKeys.me())?.role).toBe("manager");
  });

  it("asks for the data once the live connection has joined its room, so that no event falls between the two", async () => {
    mockServer(makeUser({ role: "manager" }));
    const client = testQueryClient();
    const prefetch = vi.fn();
    let join!: () => void;
    const live = { whenJoined: vi.fn(() => new Promise<void>((resolve) => (join = resolve))) };
    startEarly(
      client,
      [{ path: "/board", screen: { preload: () => Promise.resolve({}) }, gate: "staff", prefetch, liveRoom: "board" }],
      "/board",
      live,
    );
    await vi.waitFor(() => expect(live.whenJoined).toHaveBeenCalledWith("board"));
    await settle();
    expect(prefetch).not.toHaveBeenCalled();
    join();
    await vi.waitFor(() => expect(prefetch).toHaveBeenCalledWith(client));
  });

  it("reads the data anyway when the join takes longer than JOIN_WAIT_MS", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      mockServer(makeUser({ role: "manager" }));
      const prefetch = vi.fn();
      const live = { whenJoined: vi.fn(() => new Promise<void>(() => undefined)) };
      startEarly(
        testQueryClient(),
        [
          {
            path: "/board",
            screen: { preload: () => Promise.resolve({}) },
            gate: "staff",
            prefetch,
            liveRoom: "board",
          },
        ],
        "/board",
        live,
      );
      // (vi.waitFor would move the fake clock on by itself)
      for (let i = 0; i < 10 && live.whenJoined.mock.calls.length === 0; i++) await vi.advanceTimersByTimeAsync(0);
      expect(live.whenJoined).toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(JOIN_WAIT_MS - 1);
      expect(prefetch).not.toHaveBeenCalled();
      await vi.advanceTimersByTimeAsync(1);
      expect(prefetch).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it("asks for no data for a signed-out visitor, another role, or a one-time password", async () => {
    for (const user of [null, makeUser({ role: "crew" }), makeUser({ role: "manager", mustChangePassword: true })]) {
      mockServer(user);
      const prefetch = vi.fn();
      const preload = vi.fn(() => Promise.resolve({}));
      startEarly(testQueryClient(), [{ path: "/board", screen: { preload }, gate: "staff", prefetch }], "/board");
      await settle();
      await settle();
      expect(preload).toHaveBeenCalledTimes(1);
      expect(prefetch, user?.role ?? "signed out").not.toHaveBeenCalled();
      vi.unstubAllGlobals();
    }
  });

  it("loads no screen for a URL it does not list, but still checks the session", () => {
    const urls = mockServer(null);
    const preload = vi.fn(() => Promise.resolve({}));
    startEarly(testQueryClient(), [{ path: "/board", screen: { preload } }], "/board/elsewhere");
    expect(urls.some((url) => url.endsWith("/auth/session"))).toBe(true);
    expect(preload).not.toHaveBeenCalled();
  });
});
