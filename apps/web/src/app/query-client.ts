// The app's React Query client. Defaults suit live data: the socket keeps caches fresh
// (lib/live.ts), so no refetch on window focus; a refetch after the browser comes back online
// is the safety net for rooms the socket could not replay. A 401 from any query or mutation
// ends the session (SessionProvider registers the handler).
import { MutationCache, QueryCache, QueryClient } from "@tanstack/react-query";
import { ApiError } from "../lib/api.ts";

let onUnauthorized: () => void = () => undefined;

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

function handleError(error: unknown): void {
  if (error instanceof ApiError && error.status === 401) onUnauthorized();
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache({ onError: handleError }),
    mutationCache: new MutationCache({ onError: handleError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        refetchOnReconnect: true,
        retry: (failureCount, error) => error instanceof ApiError && error.isRetryable && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
}
