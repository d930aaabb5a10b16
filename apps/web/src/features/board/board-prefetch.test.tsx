// @vitest-environment jsdom
// The board's list asks for furigana (`ruby=true`) only while the user has easy-read on (issue 14:
// a third of a page's bytes otherwise), and the startup prefetch (app/startup.ts) must ask under
// the very key the board then reads, or the board would request its first page a second time.
import { afterEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import { TASK_PAGE_MAX, boardTasksPage, operationPath } from "@crewboard/contracts/http";
import { makeUser, renderSignedIn, testQueryClient } from "../../test/render.tsx";
import { task } from "../../test/fixtures.ts";
import { setCsrfToken, type Me } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { startEarly } from "../../app/startup.ts";
import { BOARD_PAGES_AT_ONCE, boardTasksQuery, prefetch, prefetchHinted } from "./board-prefetch.ts";
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

describe("the board's pages", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setCsrfToken(undefined);
  });

  /**
   * A server whose task list has `count` pages of one task each (the pages from `held.from` on wait
   * for `held.until`; a page for which `fails` says so answers 400); the list's pages asked for so far.
   */
  function pagedServer(
    count: number,
    options: { held?: { from: number; until: Promise<void> }; fails?: (page: number) => boolean } = {},
  ): () => string[] {
    const { held, fails } = options;
    const urls: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        urls.push(url);
        const page = Number(new URL(url, "http://x").searchParams.get("cursor") ?? 0);
        if (held && page >= held.from) await held.until;
        if (fails?.(page))
          return Response.json({ type: "about:blank", title: "Bad request", status: 400 }, { status: 400 });
        const nextCursor = page + 1 < count ? String(page + 1) : null;
        return Response.json({ items: [task({ id: `task-${page}` })], nextCursor });
      }),
    );
    return () => urls.filter((url) => url.includes("/tasks?"));
  }

  /** What the board has: the tasks it shows, once it shows them. */
  function TasksProbe() {
    const { query, tasks } = useBoardTasks();
    return <p>{query.isSuccess ? `shown: ${tasks.map((t) => t.id).join(" ")}` : "loading"}</p>;
  }

  it(`are read ${BOARD_PAGES_AT_ONCE} in a row before the board shows any, without waiting for a frame`, async () => {
    const pages = pagedServer(BOARD_PAGES_AT_ONCE);
    vi.stubGlobal("requestAnimationFrame", () => 1); // a tab in the background: no frame is ever drawn
    vi.stubGlobal("cancelAnimationFrame", () => undefined);
    renderSignedIn(<TasksProbe />, { user: manager(false), client: testQueryClient(), path: "/board" });
    const all = Array.from({ length: BOARD_PAGES_AT_ONCE }, (_, i) => `task-${i}`).join(" ");
    // one answer with every page: never a board with the first pages only
    expect((await screen.findByText(/^shown:/)).textContent).toBe(`shown: ${all}`);
    expect(pages().map((url) => new URL(url, "http://x").searchParams.get("cursor"))).toEqual([
      null,
      ...Array.from({ length: BOARD_PAGES_AT_ONCE - 1 }, (_, i) => String(i + 1)),
    ]);
  });

  it("a longer board shows those first, then gets the rest one page after another", async () => {
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    const pages = pagedServer(BOARD_PAGES_AT_ONCE + 2, { held: { from: BOARD_PAGES_AT_ONCE, until } });
    renderSignedIn(<TasksProbe />, { user: manager(false), client: testQueryClient(), path: "/board" });
    const first = Array.from({ length: BOARD_PAGES_AT_ONCE }, (_, i) => `task-${i}`).join(" ");
    expect(await screen.findByText(`shown: ${first}`)).toBeTruthy();
    // the next page is asked for already, while the board shows the first ones
    await vi.waitFor(() => expect(pages()).toHaveLength(BOARD_PAGES_AT_ONCE + 1));
    release();
    const all = Array.from({ length: BOARD_PAGES_AT_ONCE + 2 }, (_, i) => `task-${i}`).join(" ");
    expect(await screen.findByText(`shown: ${all}`)).toBeTruthy();
    expect(pages()).toHaveLength(BOARD_PAGES_AT_ONCE + 2);
  });

  it("the board mounted while the startup prefetch still reads waits for it: no page is asked twice", async () => {
    let release = () => {};
    const until = new Promise<void>((resolve) => (release = resolve));
    const pages = pagedServer(3, { held: { from: 1, until } });
    const client = testQueryClient();
    prefetch(client, manager(false));
    await vi.waitFor(() => expect(pages()).toHaveLength(2)); // the second page is on its way
    renderSignedIn(<TasksProbe />, { user: manager(false), client, path: "/board" });
    release();
    expect(await screen.findByText("shown: task-0 task-1 task-2")).toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pages()).toHaveLength(3);
  });

  it("a page that fails fails the first read; retry reads it again from the first page", async () => {
    let failing = true;
    const pages = pagedServer(4, { fails: (page) => failing && page === 2 });
    const shown: string[] = [];
    function RetryProbe() {
      const { query, tasks, retry } = useBoardTasks();
      if (query.isError) return <button onClick={retry}>retry</button>;
      if (query.isSuccess) shown.push(tasks.map((t) => t.id).join(" "));
      return <p>{query.isSuccess ? `shown: ${tasks.map((t) => t.id).join(" ")}` : "loading"}</p>;
    }
    renderSignedIn(<RetryProbe />, { user: manager(false), client: testQueryClient(), path: "/board" });
    const retry = await screen.findByRole("button", { name: "retry" });
    // never a board with the pages before the one that failed
    expect(screen.queryByText(/^shown:/)).toBeNull();
    failing = false;
    const before = pages().length;
    retry.click();
    expect(await screen.findByText("shown: task-0 task-1 task-2 task-3")).toBeTruthy();
    expect(
      pages()
        .slice(before)
        .map((url) => new URL(url, "http://x").searchParams.get("cursor")),
    ).toEqual([null, "1", "2", "3"]);
    // one answer again: the board never rendered the first pages alone
    expect(new Set(shown)).toEqual(new Set(["task-0 task-1 task-2 task-3"]));
  });
});
