// The board's reads as queries, requested early: app/startup.ts calls prefetch as soon as the
// session of a user who may see the board is known, while the board's own chunk still loads
// (issue 14); the board (board-queries.ts, UrgentOffers.tsx) then renders from the same cache
// entries. Small on purpose: it is part of the app's first chunk.
import { infiniteQueryOptions, queryOptions, type QueryClient } from "@tanstack/react-query";
import { BOARD_FIRST_PAGE, TASK_PAGE_MAX, boardTasksPage } from "@crewboard/contracts/http";
import { call, operationUrl, type Me, type Page, type QueryOf, type Task } from "../../lib/api.ts";
import { queryKeys, wantsReadings, withReadings } from "../../lib/query-keys.ts";
import { crewListQuery } from "../../lib/crew-list.ts";

/**
 * The board's task list, in big pages (issue 14: a 10,000-task board in three requests, not a
 * hundred): the first page is small, the one the server reads to draw its preview of the first
 * cards, then pages of TASK_PAGE_MAX follow (the pages' queries: boardTasksPage, shared with the
 * server, which preloads the first page from index.html). The key keeps `limit` (the size of the
 * following pages).
 */
export const BOARD_TASKS: QueryOf<"listTasks"> = { limit: TASK_PAGE_MAX };
export { BOARD_FIRST_PAGE };

/**
 * How many pages the board's first read takes, one after the other, before the board shows them
 * (issue 14): up to 100 + 4 × TASK_PAGE_MAX tasks. The board renders its columns once, with all
 * of them, instead of once per page (each render of a big board holds the browser for a while);
 * the server's preview of the first cards (lib/board-preview.ts) is on screen meanwhile. A board
 * longer than that shows these first, then the rest page by page (board-queries.ts).
 */
export const BOARD_PAGES_AT_ONCE = 5;

/** `easyRead`: the reader's preference (the tasks then carry their furigana, and the key says so) */
export const boardTasksQuery = (easyRead: boolean) => {
  const params = withReadings(BOARD_TASKS, easyRead);
  return infiniteQueryOptions({
    queryKey: queryKeys.tasks.list(params),
    queryFn: ({ pageParam, signal }) => call("listTasks", { query: boardTasksPage(easyRead, pageParam) }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last: Page<Task>) => last.nextCursor ?? undefined,
  });
};

/**
 * The board's first read of its tasks: BOARD_PAGES_AT_ONCE pages in a row (fewer when the list
 * ends), cached as one answer. A fetch option only: a refetch reads again as many pages as are
 * cached, whatever this says. A page that fails fails the whole read (the app's retries, then the
 * board's "retry", read it again from the first page): the board never shows a part of it.
 */
export const boardTasksFirstRead = (easyRead: boolean) => ({
  ...boardTasksQuery(easyRead),
  pages: BOARD_PAGES_AT_ONCE,
});

export const REQUESTED_ORDERS: QueryOf<"listWorkOrders"> = { status: ["requested"], limit: 100 };
export const OPEN_ORDERS: QueryOf<"listWorkOrders"> = {
  status: ["accepted", "in_progress", "revision_requested", "delivered"],
  limit: 100,
};

/** The board's lists of orders (requested, open), with their furigana when the reader has easy-read on. */
export const boardOrdersQuery = (listed: QueryOf<"listWorkOrders">, easyRead: boolean) => {
  const params = withReadings(listed, easyRead);
  return queryOptions({
    queryKey: queryKeys.workOrders.list(params),
    queryFn: ({ signal }) => call("listWorkOrders", { query: params }, { signal }),
  });
};

export const clientCompaniesQuery = () =>
  queryOptions({
    queryKey: ["board", "client-companies"] as const,
    queryFn: ({ signal }) => call("listClientCompanies", { query: { limit: 100 } }, { signal }),
    staleTime: 5 * 60_000,
  });

/** Urgent offers nobody took, waiting for the manager's choice (the top of the board). */
export const offersAwaitingChoiceQuery = () =>
  queryOptions({
    queryKey: queryKeys.urgentOffers.list({ awaitingManager: true }),
    queryFn: ({ signal }) => call("listUrgentOffers", { query: { awaitingManager: true } }, { signal }),
  });

/**
 * `user`: the session's answer, whose saved easy-read preference the board will render with. Every
 * read the board starts when it mounts is asked here: otherwise the board's first render starts
 * them (a few fetches, in the effects React runs before the first cards are drawn).
 */
export function prefetch(queryClient: QueryClient, user: Me): void {
  const easyRead = wantsReadings(user);
  void queryClient.prefetchInfiniteQuery(boardTasksFirstRead(easyRead));
  void queryClient.prefetchQuery(boardOrdersQuery(REQUESTED_ORDERS, easyRead));
  void queryClient.prefetchQuery(boardOrdersQuery(OPEN_ORDERS, easyRead));
  void queryClient.prefetchQuery(offersAwaitingChoiceQuery());
  void queryClient.prefetchQuery(crewListQuery());
  void queryClient.prefetchQuery(clientCompaniesQuery());
}

/**
 * The first page of tasks the server preloads from index.html (apps/server/src/http/web-app.ts),
 * requested at once when the page carries that hint: the server gives it only to a signed-in staff
 * member, so the request need not wait for the session check (app/startup.ts). The hint's URL says
 * which list it is (with furigana or not); a page without the hint asks for nothing here.
 */
export function prefetchHinted(queryClient: QueryClient, page: Pick<Document, "querySelectorAll"> = document): void {
  const hinted = new Set(
    [...page.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]')].map((link) =>
      link.getAttribute("href"),
    ),
  );
  for (const easyRead of [false, true])
    if (hinted.has(operationUrl("listTasks", { query: boardTasksPage(easyRead) })))
      void queryClient.prefetchInfiniteQuery(boardTasksFirstRead(easyRead));
}
