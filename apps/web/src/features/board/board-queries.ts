// What the board (and the crew overview) read, under the keys of lib/query-keys.ts so that
// lib/live.ts keeps them current. The params carry `limit` so that these caches never share a
// key with another screen's list of another shape (paged vs. plain).
import { useEffect, useMemo, useRef } from "react";
import { matchQuery, useInfiniteQuery, useQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import type { Page, QueryOf, Task, WorkOrder } from "../../lib/api.ts";
import { wantsReadings } from "../../lib/query-keys.ts";
import { useUser } from "../../app/session.tsx";
import {
  OPEN_ORDERS,
  REQUESTED_ORDERS,
  boardOrdersQuery,
  boardTasksQuery,
  clientCompaniesQuery,
} from "./board-prefetch.ts";
import { crewListQuery } from "../../lib/crew-list.ts";

export { BOARD_FIRST_PAGE, BOARD_TASKS, OPEN_ORDERS, REQUESTED_ORDERS, boardTasksQuery } from "./board-prefetch.ts";

/** The board's second page is asked for after the first page's frame, or after this at the latest. */
const NEXT_PAGE_FALLBACK_MS = 250;

/** Every task the user may see (all pages, fetched one after the other). */
export function useBoardTasks() {
  const queryClient = useQueryClient();
  const easyRead = wantsReadings(useUser());
  const query = useInfiniteQuery(boardTasksQuery(easyRead));
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = query;
  // The next page waits for the frame that draws this render (issue 14: a big board's first cards):
  // a page of TASK_PAGE_MAX tasks is the server's heaviest answer, and asked for from the board's
  // first render it was prepared while that render ran — on a machine that runs both, with the CPU
  // the first cards needed. A frame, then a task: the first cards are on screen by then. A tab in
  // the background draws no frame: there the page is asked for after NEXT_PAGE_FALLBACK_MS.
  useEffect(() => {
    if (!hasNextPage || isFetchingNextPage || isError) return;
    let asked = false;
    const ask = () => {
      if (asked) return;
      asked = true;
      void fetchNextPage({ cancelRefetch: false });
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(ask, 0);
    });
    const fallback = setTimeout(ask, NEXT_PAGE_FALLBACK_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
      clearTimeout(fallback);
    };
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  // The pages after that are asked for the moment a page arrives, not after the board has rendered
  // it (that render takes a while on a big board): the server prepares the next page meanwhile.
  useEffect(() => {
    const key = boardTasksQuery(easyRead).queryKey;
    return queryClient.getQueryCache().subscribe((event) => {
      if (event.type !== "updated" || event.action.type !== "success") return;
      if (!matchQuery({ queryKey: key, exact: true }, event.query)) return;
      const pages = (event.query.state.data as InfiniteData<Page<Task>> | undefined)?.pages;
      // the first page's next one waits for its cards to be drawn (above)
      if (!pages || pages.length < 2 || !pages[pages.length - 1]?.nextCursor) return;
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
