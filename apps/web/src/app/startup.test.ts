import { afterEach, describe, expect, it, vi } from "vitest";
import { makeUser } from "../test/render.tsx";
import { testQueryClient } from "../test/query-client.ts";
import { setCsrfToken, type Me } from "../lib/api.ts";
import { queryKeys } from "../lib/query-keys.ts";
import { startEarly } from "./startup.ts";

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

  // It does not wait for the live connection: the read says at which sequence it was taken
  // (lib/live-reads.test.ts: no change is lost between the read and the join).
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
    // with the session's user: the key of the screen's data depends on them (easy-read)
    await vi.waitFor(() => expect(prefetch).toHaveBeenCalledWith(client, expect.objectContaining({ role: "manager" })));
    // SessionProvider reads the answer from the same cache
    expect(client.getQueryData<Me | null>(queryKeys.me())?.role).toBe("manager");
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
