import { QueryClient } from "@tanstack/react-query";

/** A QueryClient for tests: no retries, nothing goes stale by itself. */
export function testQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
}
