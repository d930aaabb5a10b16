// What the board (and the crew overview) read, under the keys of lib/query-keys.ts so that
// lib/live.ts keeps them current. The params carry `limit` so that these caches never share a
// key with another screen's list of another shape (paged vs. plain).
import { useEffect, useMemo, useRef } from "react";
import {
  matchQuery,
  useInfiniteQuery,
  usePrefetchInfiniteQuery,
  useQuery,
  useQueryClient,
  type InfiniteData,
} from "@tanstack/react-query";
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
  // does nothing when the startup prefetch has asked already (the usual case)
  usePrefetchInfiniteQuery(boardTasksFirstRead(easyRead));
  const query = useInfiniteQuery(boardTasksQuery(easyRead));
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage({ cancelRefetch: false });
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  // a page that arrives asks for the next one at once, not after the board has rendered it
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
  return { query, tasks, loadingMore: hasNextPage && !isError };
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
