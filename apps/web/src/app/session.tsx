// Who is signed in. The user comes from GET /auth/session (React Query key ["me"]; null = signed
// out, an ordinary answer rather than a 401, so a visitor's console stays clean). index.html
// preloads that request, so it is under way while the app's scripts still load (issue 14).
// Signing in or out also starts/stops what belongs to a session: the live socket, the offline
// queue of that user, and the user's saved language and display preferences.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { getLocale, setLocale, isLocale, subscribeLocale, type MessageKey } from "../i18n/index.ts";
import { ApiError, call, setCsrfToken, type Me } from "../lib/api.ts";
import { liveClient } from "../lib/socket.ts";
import { idleEndPassed, sessionDeadline } from "../lib/session-clock.ts";
import { offlineQueue } from "../lib/outbox.ts";
import { announcer } from "../lib/announcer.tsx";
import { applyPreferences, normalizePreferences } from "../lib/preferences.ts";
import { queryKeys } from "../lib/query-keys.ts";
import { setUnauthorizedHandler } from "./query-client.ts";

export type SessionStatus = "checking" | "signedIn" | "signedOut" | "unreachable";

export interface Session {
  status: SessionStatus;
  /** the signed-in user (only when status is "signedIn") */
  user: Me | null;
  /** why the user is on the sign-in page (expired, signed out) */
  notice: MessageKey | undefined;
  signIn(email: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
  /** the server said 401, or the idle timeout passed: the session is gone (why: the sign-in page's notice) */
  expire(why?: MessageKey): void;
  /** check again after "unreachable" */
  retry(): void;
}

/** Exported for tests (src/test/render.tsx); the app uses <SessionProvider>. */
export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside <SessionProvider>");
  return session;
}

/** The signed-in user; only inside routes that require a session. */
export function useUser(): Me {
  const { user } = useSession();
  if (!user) throw new Error("useUser without a signed-in user");
  return user;
}

async function fetchMe({ signal }: { signal: AbortSignal }): Promise<Me | null> {
  try {
    return (await call("getSession", {}, { signal })).user;
  } catch (error) {
    if (error instanceof ApiError && (error.status === 401 || error.status === 403)) return null;
    throw error;
  }
}

/** The session check (app/startup.ts starts it before the first render; SessionProvider reads it). */
export const sessionQuery = () => ({ queryKey: queryKeys.me(), queryFn: fetchMe, retry: false, staleTime: Infinity });

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [notice, setNotice] = useState<MessageKey | undefined>();
  const me = useQuery(sessionQuery());
  const user = me.data ?? null;

  // A language chosen on this device before signing in (e.g. on the sign-in page) is saved to
  // the account; otherwise the account's saved language wins.
  const localeChosenSignedOut = useRef(false);
  useEffect(
    () =>
      subscribeLocale(() => {
        if (!queryClient.getQueryData(queryKeys.me())) localeChosenSignedOut.current = true;
      }),
    [queryClient],
  );

  const userId = user?.id;
  useEffect(() => {
    if (!user) return;
    applyPreferences(normalizePreferences(user.accessibility));
    if (localeChosenSignedOut.current && user.locale !== getLocale()) {
      localeChosenSignedOut.current = false;
      const locale = getLocale();
      call("updateMe", { body: { locale } }).then(
        ({ user: saved }) => queryClient.setQueryData(queryKeys.me(), saved),
        () => undefined,
      );
    } else if (isLocale(user.locale)) {
      localeChosenSignedOut.current = false;
      setLocale(user.locale);
    }
    // Only when another user signs in or the saved values change.
  }, [userId, user?.locale, JSON.stringify(user?.accessibility ?? {})]); // eslint-disable-line react-hooks/exhaustive-deps -- by value: a refetch of the same user is a new object

  // A one-time password must be replaced first: until then the server refuses the socket and
  // every write, so nothing live starts and nothing queued is sent.
  const limited = user?.mustChangePassword ?? false;
  useEffect(() => {
    if (!user || limited) {
      liveClient.disconnect();
      void offlineQueue.setUser(undefined);
      return;
    }
    liveClient.connect(user);
    void offlineQueue.setUser(user.id).then(() => offlineQueue.flush());
  }, [userId, limited]); // eslint-disable-line react-hooks/exhaustive-deps -- reconnects for another user or limit, not for a refetched profile

  const endSession = useCallback(
    (why: MessageKey | undefined) => {
      setCsrfToken(null); // signed out: no token to send, and none to ask for
      sessionDeadline.clear();
      announcer.clear();
      setNotice(why);
      // Everything cached belonged to the previous user.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== "me" && q.queryKey[0] !== "auth" });
      queryClient.setQueryData(queryKeys.me(), null);
    },
    [queryClient],
  );

  const signIn = useCallback(
    async (email: string, password: string) => {
      const { user: signedIn } = await call("login", { body: { email, password } });
      setNotice(undefined);
      queryClient.setQueryData(queryKeys.me(), signedIn);
      return signedIn;
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await call("logout");
    } catch {
      // Signed out here either way; the server session expires on its own.
    }
    endSession("app.signedOut");
  }, [endSession]);

  // A session the server no longer knows: after its known end for lack of activity, it ended for
  // that (the notice says so whichever path noticed first); otherwise it reached its maximum length
  // or was ended elsewhere.
  const expire = useCallback(
    (why?: MessageKey) => {
      if (!queryClient.getQueryData(queryKeys.me())) return;
      endSession(why ?? (idleEndPassed() ? "app.sessionIdle" : "app.sessionExpired"));
    },
    [endSession, queryClient],
  );

  useEffect(() => setUnauthorizedHandler(expire), [expire]);
  useEffect(() => liveClient.onAuthRequired(() => expire()), [expire]);

  const { refetch } = me;
  const retry = useCallback(() => void refetch(), [refetch]);

  let status: SessionStatus;
  if (me.isPending) status = "checking";
  else if (me.isError && me.data === undefined) status = "unreachable";
  else status = user ? "signedIn" : "signedOut";

  const value = useMemo<Session>(
    () => ({ status, user, notice, signIn, signOut, expire, retry }),
    [status, user, notice, signIn, signOut, expire, retry],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
