// The board's first data, requested by app/startup.ts as soon as the session of a user who may see
// the board is known, while the board's own chunk still loads (issue 14): the first page of tasks,
// under the same key and with the same request as useBoardTasks, which then renders from it.
import type { QueryClient } from "@tanstack/react-query";
import { boardTasksQuery } from "./board-queries.ts";

export function prefetch(queryClient: QueryClient): void {
  void queryClient.prefetchInfiniteQuery(boardTasksQuery());
}
