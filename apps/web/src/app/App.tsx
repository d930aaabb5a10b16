// Providers and routes. Every screen is its own lazily loaded chunk (features/<feature>/…Page),
// so the first load carries only the shell; a screen's libraries (e.g. drag and drop on the
// board) and its words (the features' messages.ts it lists) load with it, see lazy-screen.ts.
//
// To add a screen: create features/<feature>/<Name>Page.tsx with a default export, add its
// path to paths.ts, a lazyScreen() line naming the features whose words it shows and a <Route> below (inside <RequireSession> and, when only
// some roles may see it, <RequireGate> with the access policy's gate), and a navigation entry in
// AppShell's navItems if it needs one.
import { useState, type ReactNode } from "react";
import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from "react-router";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { checkGate, type GateName } from "@crewboard/domain";
import { useI18n } from "../i18n/index.ts";
import { ErrorNotice, LoadingNotice } from "../ui/Notice.tsx";
import { AppShell } from "./AppShell.tsx";
import { createQueryClient } from "./query-client.ts";
import { lazyScreen } from "./lazy-screen.ts";
import { SessionProvider, useSession } from "./session.tsx";
import { startEarly, type EarlyRoute } from "./startup.ts";
import { homePath, paths } from "./paths.ts";
import { followThroughPaths } from "../features/follow-through/paths.ts";
import { prefetch as prefetchBoard, prefetchHinted as prefetchBoardHinted } from "../features/board/board-prefetch.ts";

const SignInPage = lazyScreen(() => import("../features/auth/SignInPage.tsx"), []);
const MyDayPage = lazyScreen(() => import("../features/my-day/MyDayPage.tsx"), ["myDay", "chat", "followThrough"]);
// the crew feature for the names of skills (the split dialog)
const BoardPage = lazyScreen(() => import("../features/board/BoardPage.tsx"), ["board", "client", "crew"]);
const CrewOverviewPage = lazyScreen(() => import("../features/crew/CrewOverviewPage.tsx"), ["crew", "board"]);
// issue 12
const CrewMemberPage = lazyScreen(() => import("../features/crew/CrewMemberPage.tsx"), ["crew"]);
const WorkOrderPage = lazyScreen(
  () => import("../features/work-orders/WorkOrderPage.tsx"),
  ["workOrder", "client", "chat", "followThrough", "board"],
);
const ClientPortalPage = lazyScreen(() => import("../features/client/ClientPortalPage.tsx"), ["client"]);
const NewOrderPage = lazyScreen(() => import("../features/client/NewOrderPage.tsx"), ["client"]);
const ChatPage = lazyScreen(() => import("../features/chat/ChatPage.tsx"), ["chat"]);
const SettingsPage = lazyScreen(() => import("../features/settings/SettingsPage.tsx"), ["account"]);
const ChangePasswordPage = lazyScreen(() => import("../features/account/ChangePasswordPage.tsx"), ["account"]);
const AdminUsersPage = lazyScreen(() => import("../features/admin/AdminUsersPage.tsx"), ["admin"]);
const AdminCompaniesPage = lazyScreen(() => import("../features/admin/AdminCompaniesPage.tsx"), ["admin"]);
const AdminCompanyPage = lazyScreen(() => import("../features/admin/AdminCompanyPage.tsx"), ["admin"]);
const AdminAuditLogPage = lazyScreen(() => import("../features/admin/AdminAuditLogPage.tsx"), ["admin"]);
const ReportPage = lazyScreen(() => import("../features/reports/ReportPage.tsx"), ["reports"]);
const NotFoundPage = lazyScreen(() => import("./NotFoundPage.tsx"), []);
// issue 11
const InboxPage = lazyScreen(() => import("../features/follow-through/InboxPage.tsx"), ["followThrough"]);
const FollowUpsPage = lazyScreen(() => import("../features/follow-through/FollowUpsPage.tsx"), ["followThrough"]);
const FollowUpPage = lazyScreen(() => import("../features/follow-through/FollowUpPage.tsx"), ["followThrough"]);

/**
 * The screens a first visit often starts on: their chunk loads while the session is checked, and
 * the board's tasks are requested as soon as the session is known (startup.ts; issue 14).
 */
const earlyRoutes: readonly EarlyRoute[] = [
  { path: paths.signIn, screen: SignInPage },
  { path: paths.myDay, screen: MyDayPage },
  { path: paths.board, screen: BoardPage, gate: "staff", prefetch: prefetchBoard, hinted: prefetchBoardHinted },
  { path: paths.crew, screen: CrewOverviewPage },
  { path: paths.client, screen: ClientPortalPage },
  { path: paths.chat, screen: ChatPage },
];

/**
 * The page's own client, made once (StrictMode runs a state initializer twice in development).
 * main.tsx makes it before React's first render, so that what startEarly asks for (the screen's
 * chunk and words, by dynamic import) is requested before that render, not after it.
 */
let pageQueryClient: QueryClient | undefined;
export function appQueryClient(): QueryClient {
  if (!pageQueryClient) {
    pageQueryClient = createQueryClient();
    startEarly(pageQueryClient, earlyRoutes, window.location.pathname);
  }
  return pageQueryClient;
}

export function App({ queryClient }: { queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? appQueryClient());
  return (
    <QueryClientProvider client={client}>
      <SessionProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </SessionProvider>
    </QueryClientProvider>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route
          path={paths.signIn}
          element={
            <SignedOutOnly>
              <SignInPage />
            </SignedOutOnly>
          }
        />
        <Route element={<RequireSession />}>
          <Route index element={<HomeRedirect />} />
          <Route
            path={paths.myDay}
            element={
              <RequireGate gate="crew">
                <MyDayPage />
              </RequireGate>
            }
          />
          <Route
            path={paths.board}
            element={
              <RequireGate gate="staff">
                <BoardPage />
              </RequireGate>
            }
          />
          <Route
            path={paths.crew}
            element={
              <RequireGate gate="staff">
                <CrewOverviewPage />
              </RequireGate>
            }
          />
          <Route
            path="/crew/:userId"
            element={
              <RequireGate gate="staff">
                <CrewMemberPage />
              </RequireGate>
            }
          />
          <Route
            path={paths.myProfile}
            element={
              <RequireGate gate="crew">
                <CrewMemberPage />
              </RequireGate>
            }
          />
          <Route path="/work-orders/:id" element={<WorkOrderPage />} />
          <Route
            path={paths.client}
            element={
              <RequireGate gate="client">
                <ClientPortalPage />
              </RequireGate>
            }
          />
          <Route
            path={paths.newOrder}
            element={
              <RequireGate gate="client">
                <NewOrderPage />
              </RequireGate>
            }
          />
          <Route path={paths.chat} element={<ChatPage />} />
          <Route path={paths.talkToManager} element={<ChatPage />} />
          <Route path="/chat/:roomId" element={<ChatPage />} />
          <Route path={paths.settings} element={<SettingsPage />} />
          <Route path={paths.changePassword} element={<ChangePasswordPage />} />
          <Route
            path={paths.admin}
            element={
              <RequireGate gate="admin">
                <Navigate to={paths.adminUsers} replace />
              </RequireGate>
            }
          />
          <Route
            path={paths.adminUsers}
            element={
              <RequireGate gate="admin">
                <AdminUsersPage />
              </RequireGate>
            }
          />
          <Route
            path={paths.adminCompanies}
            element={
              <RequireGate gate="admin">
                <AdminCompaniesPage />
              </RequireGate>
            }
          />
          <Route
            path="/admin/companies/:id"
            element={
              <RequireGate gate="admin">
                <AdminCompanyPage />
              </RequireGate>
            }
          />
          <Route
            path={paths.adminAudit}
            element={
              <RequireGate gate="admin">
                <AdminAuditLogPage />
              </RequireGate>
            }
          />
          {/* issue 12 */}
          <Route
            path={paths.reports}
            element={
              <RequireGate gate="staffOrClient">
                <ReportPage />
              </RequireGate>
            }
          />
          {/* issue 11 */}
          <Route path={followThroughPaths.inbox} element={<InboxPage />} />
          <Route
            path={followThroughPaths.followUps}
            element={
              <RequireGate gate="staffOrClient">
                <FollowUpsPage />
              </RequireGate>
            }
          />
          <Route
            path="/follow-ups/:id"
            element={
              <RequireGate gate="staffOrClient">
                <FollowUpPage />
              </RequireGate>
            }
          />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

/** Waits for the session check; shows "unreachable" with a retry. */
function SessionGate({ children }: { children: ReactNode }) {
  const session = useSession();
  const { t } = useI18n();
  if (session.status === "checking") return <LoadingNotice />;
  if (session.status === "unreachable") return <ErrorNotice message={t("app.loadFailed")} onRetry={session.retry} />;
  return <>{children}</>;
}

function RequireSession() {
  const session = useSession();
  const location = useLocation();
  let content: ReactNode;
  if (!session.user)
    content = <Navigate to={paths.signIn} replace state={{ from: location.pathname + location.search }} />;
  // Signed in with a one-time password: nothing else works until they choose their own.
  else if (session.user.mustChangePassword && location.pathname !== paths.changePassword)
    content = <Navigate to={paths.changePassword} replace />;
  else content = <Outlet />;
  return <SessionGate>{content}</SessionGate>;
}

function SignedOutOnly({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  if (session.user?.mustChangePassword) return <Navigate to={paths.changePassword} replace />;
  if (session.user) return <Navigate to={from && from !== paths.signIn ? from : homePath(session.user.role)} replace />;
  return <SessionGate>{children}</SessionGate>;
}

/** Another role's screen: go to one's own home instead (the server refuses the data anyway). */
function RequireGate({ gate, children }: { gate: GateName; children: ReactNode }) {
  const { user } = useSession();
  if (!user) return null;
  return checkGate(gate, user) === "allow" ? <>{children}</> : <Navigate to={homePath(user.role)} replace />;
}

function HomeRedirect() {
  const { user } = useSession();
  return user ? <Navigate to={homePath(user.role)} replace /> : null;
}
