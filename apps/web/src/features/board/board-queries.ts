// What the board (and the crew overview) read, under the keys of lib/query-keys.ts so that
// lib/live.ts keeps them current. The params carry `limit` so that these caches never share a
// key with another screen's list of another shape (paged vs. plain).
import { useCallback, useEffect, useMemo, useRef } from "react";
import { matchQuery, useInfiniteQuery, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import type { Page, QueryOf, Task, WorkOrder } from "../../lib/api.ts";
import { wantsReadings } from "../../lib/query-keys.ts";
import { useUser } from "../../app/session.tsx";
import {
  OPEN_ORDERS,
  REQUESTED_ORDERS,
  boardOrdersQuery,
  boardTasksFirstRead,
  boardTasksQuery,
  clientCompaniesQuery,
} from "./board-prefetch.ts";
import { crewListQuery } from "../../lib/crew-list.ts";

export { BOARD_FIRST_PAGE, BOARD_TASKS, OPEN_ORDERS, REQUESTED_ORDERS, boardTasksQuery } from "./board-prefetch.ts";

/**
 * Every task the user may see. The first read takes several pages in a row (boardTasksFirstRead,
 * also asked at startup); a longer board then gets the rest one page after another, each asked
 * for the moment the one before arrives (the server prepares it while the board renders).
 */
export function useBoardTasks() {
  const queryClient = useQueryClient();
  const easyRead = wantsReadings(useUser());
  // The board's first read, when no page is here nor on its way: on the board's first render (the
  // startup prefetch has usually asked already; a read the user left half-way was cancelled, and a
  // failed one is read again), and from the error's "retry". Before the list's own observer mounts,
  // which then waits for this read instead of asking for one page.
  const firstRead = useCallback(() => {
    const options = boardTasksFirstRead(easyRead);
    const state = queryClient.getQueryState(options.queryKey);
    if (state?.data !== undefined || state?.fetchStatus === "fetching") return false;
    void queryClient.prefetchInfiniteQuery(options);
    return true;
  }, [queryClient, easyRead]);
  const mounted = useRef(false);
  if (!mounted.current) {
    mounted.current = true;
    firstRead();
  }
  const query = useInfiniteQuery(boardTasksQuery(easyRead));
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage, refetch } = query;
  /** "Retry" after an error: the first read again when no page came, else the pages read so far */
  const retry = useCallback(() => {
    if (!firstRead()) void refetch();
  }, [firstRead, refetch]);
  // The next page: asked for when the board has pages and more are coming (on mount, and after a
  // page that failed), and at once when a page arrives, not after the board has rendered it (the
  // subscription below). cancelRefetch: false: the two never ask twice.
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage({ cancelRefetch: false });
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  useEffect(() => {
    const key = boardTasksQuery(easyRead).queryKey;
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "success") return;
      if (!matchQuery({ queryKey: key, exact: true }, event.query)) return;
      const pages = (event.query.state.data as InfiniteData<Page<Task>> | undefined)?.pages;
      if (!pages?.[pages.length - 1]?.nextCursor) return;
      // after the cache has finished this update; cancelRefetch: false never cancels a fetch under way
      queueMicrotask(() => void fetchNextPage({ cancelRefetch: false }));
    });
  }, [queryClient, fetchNextPage, easyRead]);
  // one list of every page's tasks: when pages were only added, the list so far is kept and the
  // new pages' tasks appended (a page that arrives does not rebuild the list of the ones before)
  const merged = useRef<{ pages: Page<Task>[]; tasks: Task[]; seen: Set<string> } | null>(null);
  const tasks = useMemo(() => {
    const pages = query.data?.pages ?? [];
    const before = merged.current;
    const appended =
      before !== null && before.pages.length <= pages.length && before.pages.every((page, i) => pages[i] === page);
    const seen = appended ? new Set(before.seen) : new Set<string>();
    const list = appended ? [...before.tasks] : [];
    for (const page of pages.slice(appended ? before.pages.length : 0))
      for (const task of page.items)
        if (!seen.has(task.id)) {
          seen.add(task.id);
          list.push(task);
        }
    const result = appended && list.length === before.tasks.length ? before.tasks : list;
    merged.current = { pages, tasks: result, seen };
    return result;
  }, [query.data]);
  return { query, tasks, loadingMore: hasNextPage && !isError, retry };
}

function useOrders(listed: QueryOf<"listWorkOrders">) {
  const query = useQuery(boardOrdersQuery(listed, wantsReadings(useUser())));
  const orders: WorkOrder[] = query.data?.items ?? [];
  return { query, orders };
}

export const useRequestedOrders = () => useOrders(REQUESTED_ORDERS);
export const useOpenOrders = () => useOrders(OPEN_ORDERS);

export function useCrewList() {
  return useQuery(crewListQuery());
}

export function useClientCompanies() {
  return useQuery(clientCompaniesQuery());
}
