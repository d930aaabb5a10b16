// What the first screen waits for, started at once (issue 14: a big board's first cards). Without
// this, a first visit runs one step after another: the app's scripts, then the session check,
// then (once it answers) the screen's chunk and its words, then (once the screen renders) its data.
// Here, as soon as the app starts, the session check and the chunk of the screen the URL names load
// side by side, and the screen's first data is requested the moment the session is known and the
// live connection (which SessionProvider opens then) has joined the data's room (only for a user
// the route lets in: a signed-out visitor, or another role, asks for nothing more). The screen then
// renders from the same loads and the same React Query cache.
import type { QueryClient } from "@tanstack/react-query";
import { checkGate, type GateName } from "@crewboard/domain";
import { sessionQuery } from "./session.tsx";

export interface EarlyRoute {
  /** the route's exact path */
  path: string;
  screen: { preload(): Promise<unknown> };
  /** the gate of the route (App.tsx RequireGate), checked before any data is asked for */
  gate?: GateName;
  /** requests the screen's first data (part of the first chunk: it runs the moment the session answers) */
  prefetch?: (queryClient: QueryClient) => void;
  /**
   * The room whose events keep that data current: the data is asked for once the live connection
   * has joined it (read before the join, it could miss an event committed between the two), or
   * after JOIN_WAIT_MS when the connection is slow or refused (a read that may miss one then).
   */
  liveRoom?: string;
}

/** How long early data waits for its room's join before it is read anyway. */
export const JOIN_WAIT_MS = 2000;

/** The live connection, as far as startEarly waits for it (lib/socket.ts liveClient). */
export interface JoinWatcher {
  whenJoined(room: string): Promise<void>;
}

export function startEarly(
  queryClient: QueryClient,
  routes: readonly EarlyRoute[],
  pathname: string,
  live?: JoinWatcher,
): void {
  // an unreachable server is shown by SessionProvider, which reads the same query
  const session = queryClient.fetchQuery(sessionQuery()).catch(() => null);
  const route = routes.find((r) => r.path === pathname);
  if (!route) return;
  // a failure shows when the screen renders (the shell's error boundary, with a retry)
  route.screen.preload().catch(() => undefined);
  const { prefetch, gate, liveRoom } = route;
  if (!prefetch) return;
  void session.then(async (user) => {
    if (!user || user.mustChangePassword) return;
    if (gate && checkGate(gate, user) !== "allow") return;
    if (live && liveRoom) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([live.whenJoined(liveRoom), new Promise((r) => (timer = setTimeout(r, JOIN_WAIT_MS)))]);
      clearTimeout(timer);
    }
    prefetch(queryClient);
  });
}
