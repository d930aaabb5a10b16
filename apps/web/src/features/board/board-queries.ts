// What the board (and the crew overview) read, under the keys of lib/query-keys.ts so that
// lib/live.ts keeps them current. The params carry `limit` so that these caches never share a
// key with another screen's list of another shape (paged vs. plain).
import { useEffect, useMemo } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { TASK_PAGE_MAX } from "@crewboard/contracts/http";
import { call, type QueryOf, type Task, type WorkOrder } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";

/**
 * The board's task list, in big pages (issue 14: a 10,000-task board in three requests, not a
 * hundred): the first page is small, so that the first cards show as soon as the list answers,
 * then pages of TASK_PAGE_MAX follow. The key keeps `limit` (the size of the following pages).
 */
export const BOARD_TASKS: QueryOf<"listTasks"> = { limit: TASK_PAGE_MAX };
export const BOARD_FIRST_PAGE = 100;
export const REQUESTED_ORDERS: QueryOf<"listWorkOrders"> = { status: ["requested"], limit: 100 };
export const OPEN_ORDERS: QueryOf<"listWorkOrders"> = {
  status: ["accepted", "in_progress", "revision_requested", "delivered"],
  limit: 100,
};

/** Every task the user may see (all pages, fetched one after the other). */
export function useBoardTasks() {
  const query = useInfiniteQuery({
    queryKey: queryKeys.tasks.list(BOARD_TASKS),
    queryFn: ({ pageParam, signal }) =>
      call(
        "listTasks",
        { query: { ...BOARD_TASKS, cursor: pageParam, limit: pageParam ? BOARD_TASKS.limit : BOARD_FIRST_PAGE } },
        { signal },
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const { hasNextPage, isFetchingNextPage, isError, fetchNextPage } = query;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage && !isError) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, isError, fetchNextPage]);
  const tasks = useMemo(() => {
    const seen = new Map<string, Task>();
    for (const page of query.data?.pages ?? [])
      for (const task of page.items) if (!seen.has(task.id)) seen.set(task.id, task);
    return [...seen.values()];
  }, [query.data]);
  return { query, tasks };
}

function useOrders(params: QueryOf<"listWorkOrders">) {
  const query = useQuery({
    queryKey: queryKeys.workOrders.list(params),
    queryFn: ({ signal }) => call("listWorkOrders", { query: params }, { signal }),
  });
  const orders: WorkOrder[] = query.data?.items ?? [];
  return { query, orders };
}

export const useRequestedOrders = () => useOrders(REQUESTED_ORDERS);
export const useOpenOrders = () => useOrders(OPEN_ORDERS);

export function useCrewList() {
  return useQuery({
    queryKey: queryKeys.crew(),
    queryFn: ({ signal }) => call("listCrew", {}, { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useClientCompanies() {
  return useQuery({
    queryKey: ["board", "client-companies"] as const,
    queryFn: ({ signal }) => call("listClientCompanies", { query: { limit: 100 } }, { signal }),
    staleTime: 5 * 60_000,
  });
}
