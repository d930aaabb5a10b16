// The crew list (names, skills, who may be nominated): one query for every screen that reads it
// (the board, which prefetches it, and a client's new order, which offers a nominee), so that
// they share its cache entry and its freshness.
import { queryOptions } from "@tanstack/react-query";
import { call } from "./api.ts";
import { queryKeys } from "./query-keys.ts";

export const crewListQuery = () =>
  queryOptions({
    queryKey: queryKeys.crew(),
    queryFn: ({ signal }) => call("listCrew", {}, { signal }),
    staleTime: 5 * 60_000,
  });
