// What the first screen waits for, started at once (issue 14: a big board's first cards). Without
// this, a first visit runs one step after another: the app's scripts, then the session check,
// then (once it answers) the screen's chunk and its words, then (once the screen renders) its data.
// Here, as soon as the app starts, the session check and the chunk of the screen the URL names load
// side by side, and the screen's first data is requested the moment the session is known (only for
// a user the route lets in: a signed-out visitor, or another role, asks for nothing more). The
// screen then renders from the same loads and the same React Query cache.
// When the server has already vouched for the user (it puts the screen's first data in index.html
// as a preload hint only for a signed-in user the route lets in: apps/server/src/http/web-app.ts),
// that request is taken up at once, beside the session check, not after it (issue 14: on a busy
// machine the session's answer came ~100 ms after the scripts ran, and the board's first cards
// waited for it). The session still decides what renders: the route's gate is checked as before.
// The data does not wait for the live connection to join its room: the board's page says at which
// sequence of the room it was read, and the live client asks the room for what came after once it
// has joined (lib/live.ts followReads, lib/socket.ts readAt), so no change falls between the two.
import type { QueryClient } from "@tanstack/react-query";
import { checkGate, type GateName } from "@crewboard/domain";
import type { Me } from "../lib/api.ts";
import { sessionQuery } from "./session.tsx";

export interface EarlyRoute {
  /** the route's exact path */
  path: string;
  screen: { preload(): Promise<unknown> };
  /** the gate of the route (App.tsx RequireGate), checked before any data is asked for */
  gate?: GateName;
  /**
   * requests the screen's first data (part of the first chunk: it runs the moment the session
   * answers), under the key the screen will use: it depends on the user (their easy-read preference)
   */
  prefetch?: (queryClient: QueryClient, user: Me) => void;
  /**
   * requests the first data the server hinted in index.html, before the session answers (nothing
   * when the page has no such hint: signed out, another role, or the hints were left out)
   */
  hinted?: (queryClient: QueryClient) => void;
}

export function startEarly(queryClient: QueryClient, routes: readonly EarlyRoute[], pathname: string): void {
  // an unreachable server is shown by SessionProvider, which reads the same query
  const session = queryClient.fetchQuery(sessionQuery()).catch(() => null);
  const route = routes.find((r) => r.path === pathname);
  if (!route) return;
  // a failure shows when the screen renders (the shell's error boundary, with a retry)
  route.screen.preload().catch(() => undefined);
  route.hinted?.(queryClient);
  const { prefetch, gate } = route;
  if (!prefetch) return;
  void session.then((user) => {
    if (!user || user.mustChangePassword) return;
    if (gate && checkGate(gate, user) !== "allow") return;
    prefetch(queryClient, user);
  });
}
