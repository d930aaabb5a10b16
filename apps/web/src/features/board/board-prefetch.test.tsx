// @vitest-environment jsdom
// The board's list asks for furigana (`ruby=true`) only while the user has easy-read on (issue 14:
// a third of a page's bytes otherwise), and the startup prefetch (app/startup.ts) must ask under
// the very key the board then reads, or the board would request its first page a second time.
import { afterEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import { TASK_PAGE_MAX, boardTasksPage, operationPath } from "@crewboard/contracts/http";
import { makeUser, renderSignedIn, testQueryClient } from "../../test/render.tsx";
import { setCsrfToken, type Me } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { startEarly } from "../../app/startup.ts";
import { boardTasksQuery, prefetch, prefetchHinted } from "./board-prefetch.ts";
import { useBoardTasks } from "./board-queries.ts";

function mockServer(user: Me) {
  const urls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      urls.push(url);
      if (url.endsWith("/auth/session")) return Response.json({ user, csrfToken: "csrf-1" });
      return Response.json({ items: [], nextCursor: null });
    }),
  );
  return urls;
}

function BoardProbe() {
  const { query } = useBoardTasks();
  return <p>{query.isSuccess ? "loaded" : "loading"}</p>;
}

const manager = (easyRead: boolean) => makeUser({ role: "manager", accessibility: easyRead ? { easyRead } : {} });

describe("the board's task list and furigana", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(undefined);
  });

  it("puts ruby=true in the key and the request only when easy-read is on", () => {
    expect(boardTasksQuery(false).queryKey).toEqual(queryKeys.tasks.list({ limit: TASK_PAGE_MAX }));
    expect(boardTasksQuery(true).queryKey).toEqual(queryKeys.tasks.list({ limit: TASK_PAGE_MAX, ruby: true }));
  });

  for (const easyRead of [false, true])
    it(`easy-read ${easyRead ? "on" : "off"}: the startup prefetch fills the key the board reads (one request)`, async () => {
      const user = manager(easyRead);
      const urls = mockServer(user);
      const client = testQueryClient();
      startEarly(
        client,
        [{ path: "/board", screen: { preload: async () => ({}) }, gate: "staff", prefetch }],
        "/board",
      );
      await vi.waitFor(() => expect(client.getQueryData(boardTasksQuery(easyRead).queryKey)).toBeDefined());
      const lists = () => urls.filter((url) => url.includes("/tasks?"));
      expect(lists()).toHaveLength(1);
      expect(new URL(lists()[0]!, "http://x").searchParams.get("ruby")).toBe(easyRead ? "true" : null);
      // byte for byte the URL the server preloads from index.html (apps/server/src/http/web-app.ts)
      expect(lists()[0]).toBe(`/api/v1${operationPath("listTasks", { query: boardTasksPage(easyRead) })}`);
      // the board, rendered for the same user, finds the page in the cache: no second request
      renderSignedIn(<BoardProbe />, { user, client, path: "/board" });
      expect(await screen.findByText("loaded")).toBeTruthy();
      expect(lists()).toHaveLength(1);
    });

  it("turning easy-read on refetches the list with its readings", async () => {
    const urls = mockServer(manager(false));
    const client = testQueryClient();
    const off = renderSignedIn(<BoardProbe />, { user: manager(false), client, path: "/board" });
    expect(await screen.findByText("loaded")).toBeTruthy();
    off.unmount();
    renderSignedIn(<BoardProbe />, { user: manager(true), client, path: "/board" });
    await vi.waitFor(() => expect(client.getQueryData(boardTasksQuery(true).queryKey)).toBeDefined());
    const lists = urls.filter((url) => url.includes("/tasks?"));
    expect(lists.map((url) => new URL(url, "http://x").searchParams.get("ruby"))).toEqual([null, "true"]);
  });
});

describe("the board's first page, hinted by the server", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(undefined);
    document.head.querySelectorAll("link[data-test-hint]").forEach((link) => link.remove());
  });

  function hint(href: string) {
    // as apps/server/src/http/web-app.ts writes it
    const link = document.createElement("link");
    for (const [name, value] of Object.entries({ rel: "preload", as: "fetch", crossorigin: "anonymous", href }))
      link.setAttribute(name, value);
    link.dataset.testHint = "";
    document.head.append(link);
  }

  for (const easyRead of [false, true])
    it(`easy-read ${easyRead ? "on" : "off"}: is requested at start, before the session answers`, async () => {
      const urls: string[] = [];
      // the session check never answers: the hinted request must not wait for it
      vi.stubGlobal(
        "fetch",
        vi.fn((url: string) => {
          urls.push(url);
          return url.endsWith("/auth/session")
            ? new Promise<Response>(() => undefined)
            : Promise.resolve(Response.json({ items: [], nextCursor: null }));
        }),
      );
      hint(`/api/v1${operationPath("listTasks", { query: boardTasksPage(easyRead) })}`);
      const client = testQueryClient();
      startEarly(
        client,
        [{ path: "/board", screen: { preload: async () => ({}) }, gate: "staff", prefetch, hinted: prefetchHinted }],
        "/board",
      );
      await vi.waitFor(() => expect(client.getQueryData(boardTasksQuery(easyRead).queryKey)).toBeDefined());
      expect(client.getQueryData(boardTasksQuery(!easyRead).queryKey)).toBeUndefined();
      expect(urls.filter((url) => url.includes("/tasks?"))).toHaveLength(1);
    });

  it("asks for nothing without the hint (signed out, another role)", () => {
    const fetch = vi.fn(() => new Promise<Response>(() => undefined));
    vi.stubGlobal("fetch", fetch);
    hint("/api/v1/auth/session");
    prefetchHinted(testQueryClient());
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("the board's next page", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(undefined);
  });

  /** A server whose task list has two pages; the list's pages asked for so far. */
  function twoPageServer(): () => string[] {
    const urls: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        urls.push(url);
        const next = new URL(url, "http://x").searchParams.has("cursor");
        return Response.json({ items: [], nextCursor: next ? null : "page-2" });
      }),
    );
    return () => urls.filter((url) => url.includes("/tasks?"));
  }

  it("is asked for once the frame with the first page's cards is drawn, not during that render", async () => {
    const pages = twoPageServer();
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal("requestAnimationFrame", (callback: FrameRequestCallback) => frames.push(callback));
    vi.stubGlobal("cancelAnimationFrame", (id: number) => void (frames[id - 1] = () => undefined));
    const user = manager(false);
    renderSignedIn(<BoardProbe />, { user, client: testQueryClient(), path: "/board" });
    expect(await screen.findByText("loaded")).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pages()).toHaveLength(1);
    for (const frame of frames.splice(0)) frame(performance.now());
    await vi.waitFor(() => expect(pages()).toHaveLength(2));
    expect(new URL(pages()[1]!, "http://x").searchParams.get("cursor")).toBe("page-2");
  });

  it("is asked for in a tab in the background too, where no frame is drawn", async () => {
    const pages = twoPageServer();
    vi.stubGlobal("requestAnimationFrame", () => 1); // never drawn
    vi.stubGlobal("cancelAnimationFrame", () => undefined);
    renderSignedIn(<BoardProbe />, { user: manager(false), client: testQueryClient(), path: "/board" });
    expect(await screen.findByText("loaded")).toBeTruthy();
    await vi.waitFor(() => expect(pages()).toHaveLength(2), { timeout: 2000 });
  });
});
