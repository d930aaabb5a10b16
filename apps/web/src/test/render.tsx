// Rendering helpers for component tests: a fresh QueryClient, a router, and a session.
import type { ReactElement, ReactNode } from "react";
import { render } from "@testing-library/react";
import { MemoryRouter } from "react-router";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import type { Me } from "../lib/api.ts";
import { SessionContext, type Session } from "../app/session.tsx";
import { queryKeys } from "../lib/query-keys.ts";

import { testQueryClient } from "./query-client.ts";

export { testQueryClient };

export function makeUser(overrides: Partial<Me> = {}): Me {
  return {
    id: "0190d6c8-7a4e-7b7a-9c51-2f5e0b7d2a11",
    email: "crew3@crewboard.example",
    name: "中村 美咲",
    displayName: "中村",
    role: "crew",
    locale: "ja",
    workStyle: "home",
    accessibility: {},
    skills: [],
    clientCompanyId: null,
    teamId: null,
    active: true,
    mustChangePassword: false,
    erasedAt: null,
    createdAt: "2026-11-01T00:00:00.000Z",
    ...overrides,
  };
}

/** Renders `ui` signed in as `user`, at `path`, with its own QueryClient (returned). */
export function renderSignedIn(
  ui: ReactElement,
  {
    user = makeUser(),
    path = "/",
    client = testQueryClient(),
  }: { user?: Me; path?: string; client?: QueryClient } = {},
) {
  client.setQueryData(queryKeys.me(), user);
  const session: Session = {
    status: "signedIn",
    user,
    notice: undefined,
    signIn: async () => user,
    signOut: async () => undefined,
    expire: () => undefined,
    retry: () => undefined,
  };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={client}>
      <SessionContext.Provider value={session}>
        <MemoryRouter initialEntries={[path]}>{children}</MemoryRouter>
      </SessionContext.Provider>
    </QueryClientProvider>
  );
  return { client, user, ...render(ui, { wrapper }) };
}
