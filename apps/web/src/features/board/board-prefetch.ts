// The board's task list as a query, and its first page requested early: app/startup.ts calls
// prefetch as soon as the session of a user who may see the board is known, while the board's own
// chunk still loads (issue 14); useBoardTasks (board-queries.ts) then renders from the same cache
// entry. Small on purpose: it is part of the app's first chunk.
import { infiniteQueryOptions, type QueryClient } from "@tanstack/react-query";
import { BOARD_FIRST_PAGE, TASK_PAGE_MAX, boardTasksPage } from "@crewboard/contracts/http";
import { call, type Me, type Page, type QueryOf, type Task } from "../../lib/api.ts";
import { queryKeys, wantsReadings, withReadings } from "../../lib/query-keys.ts";

/**
 * The board's task list, in big pages (issue 14: a 10,000-task board in three requests, not a
 * hundred): the first page is small, so that the first cards show as soon as the list answers,
 * then pages of TASK_PAGE_MAX follow (the pages' queries: boardTasksPage, shared with the server,
 * which preloads the first page from index.html). The key keeps `limit` (the size of the
 * following pages).
 */
export const BOARD_TASKS: QueryOf<"listTasks"> = { limit: TASK_PAGE_MAX };
export { BOARD_FIRST_PAGE };

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

/** `user`: the session's answer, whose saved easy-read preference the board will render with */
export function prefetch(queryClient: QueryClient, user: Me): void {
  void queryClient.prefetchInfiniteQuery(boardTasksQuery(wantsReadings(user)));
}
