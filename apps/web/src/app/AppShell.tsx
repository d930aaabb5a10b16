// The frame of every screen: skip link, header (product, navigation per role, the help button
// in the same place on every screen, user, sign out), the live regions, and <main> with the
// connection banner at its top. No sticky header: nothing ever covers the focused element.
import { Component, Suspense, useEffect, useId, useState, type ErrorInfo, type ReactNode } from "react";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { isStaff } from "@crewboard/domain";
import { locales, useI18n, type Locale, type MessageKey } from "../i18n/index.ts";
import { AnnouncerRegions } from "../lib/announcer.tsx";
import { useLiveCacheSync } from "../lib/live.ts";
import type { Role, User } from "../lib/api.ts";
import { LoadingNotice } from "../ui/Notice.tsx";
import { useUnreadCount } from "../features/chat/chat-queries.ts";
import { ConnectionBanner } from "./ConnectionBanner.tsx";
import { SessionTimeoutWarning } from "./SessionTimeoutWarning.tsx";
import { useSession } from "./session.tsx";
import { paths } from "./paths.ts";
import { dropBoardPreview } from "../lib/board-preview.ts";
import { Icon } from "../ui/Icon.tsx";
import { InboxBell } from "../features/follow-through/InboxBell.tsx";
import { followThroughPaths } from "../features/follow-through/paths.ts";

interface NavItem {
  to: string;
  label: MessageKey;
  end?: boolean;
}

/** The navigation of each role. Chat is reached from the help slot (see HelpLink). */
export function navItems(role: Role): NavItem[] {
  switch (role) {
    case "crew":
      return [
        { to: paths.myDay, label: "nav.myDay" },
        { to: paths.chat, label: "nav.chat" },
        { to: paths.myProfile, label: "nav.myProfile" },
        { to: paths.settings, label: "nav.settings" },
      ];
    case "client":
      return [
        { to: paths.client, label: "nav.clientOrders", end: true },
        { to: paths.newOrder, label: "nav.newOrder" },
        { to: followThroughPaths.followUps, label: "followUps.clientTitle" },
        { to: paths.reports, label: "nav.reports" },
        { to: paths.chat, label: "nav.chat" },
        { to: paths.settings, label: "nav.settings" },
      ];
    case "manager":
      return [
        { to: paths.board, label: "nav.board" },
        { to: paths.crew, label: "nav.crew" },
        { to: followThroughPaths.followUps, label: "followUps.title" },
        { to: paths.reports, label: "nav.reports" },
        { to: paths.settings, label: "nav.settings" },
      ];
    case "admin":
      return [
        { to: paths.board, label: "nav.board" },
        { to: paths.crew, label: "nav.crew" },
        { to: followThroughPaths.followUps, label: "followUps.title" },
        { to: paths.reports, label: "nav.reports" },
        { to: paths.admin, label: "nav.admin" },
        { to: paths.settings, label: "nav.settings" },
      ];
  }
}

export function AppShell() {
  const { t } = useI18n();
  const session = useSession();
  useLiveCacheSync(session.user?.id);
  const { pathname } = useLocation();
  // the server's preview of the board's first cards is the board's alone (lib/board-preview.ts)
  useEffect(() => {
    if (pathname !== paths.board) dropBoardPreview();
  }, [pathname]);
  return (
    <AnnouncerRegions>
      <a className="skip-link" href="#main">
        {t("app.skipToMain")}
      </a>
      <Header user={session.user} />
      <main id="main" tabIndex={-1} className="main">
        <ConnectionBanner signedIn={session.status === "signedIn"} />
        <SessionTimeoutWarning />
        <ScreenBoundary resetKey={pathname}>
          <Suspense fallback={<LoadingNotice />}>
            <Outlet />
          </Suspense>
        </ScreenBoundary>
      </main>
    </AnnouncerRegions>
  );
}

function Header({ user }: { user: User | null }) {
  const { t } = useI18n();
  const session = useSession();
  const navigate = useNavigate();
  const [signingOut, setSigningOut] = useState(false);

  async function signOut() {
    setSigningOut(true);
    await session.signOut();
    setSigningOut(false);
    navigate(paths.signIn, { replace: true });
  }

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <p className="brand">
          <span className="brand__mark" aria-hidden="true">
            <Icon name="check" />
          </span>
          {t("app.name")}
        </p>

        {user && !user.mustChangePassword && (
          <nav className="site-nav" aria-label={t("nav.label")}>
            <ul>
              {navItems(user.role).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.end}>
                    {t(item.label)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        )}

        <div className="site-header__tools">
          {user && !user.mustChangePassword && <InboxBell />}
          {user && !user.mustChangePassword && <HelpLink role={user.role} />}
          {user && (
            <p className="current-user">
              <span className="visually-hidden">{t("header.userLabel")}: </span>
              <span className="current-user__name" data-person-name="">
                {user.name}
              </span>{" "}
              <span className="role-badge">{t(`role.${user.role}`)}</span>
            </p>
          )}
          {!user && <LanguageSwitch />}
          {user && (
            <button type="button" className="button button--secondary" onClick={signOut} disabled={signingOut}>
              {signingOut ? t("header.signingOut") : t("header.signOut")}
            </button>
          )}
        </div>
      </div>
    </header>
  );
}

/**
 * Consistent help (WCAG 3.2.6): the same place on every screen. Crew and clients get
 * "Talk to a manager", managers and admins "Chat"; both show the unread count (for "Talk to a
 * manager", of the support conversation only).
 */
function HelpLink({ role }: { role: Role }) {
  const { t, tn } = useI18n();
  const staff = isStaff({ role });
  const unread = useUnreadCount({ supportOnly: !staff });
  return (
    <NavLink to={staff ? paths.chat : paths.talkToManager} className="button button--help" data-testid="help-link" end>
      <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
        <path fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" d="M4 5h16v11H10l-4 4v-4H4z" />
      </svg>
      {staff ? t("help.chat") : t("help.talkToManager")}
      {unread > 0 && <span className="count-badge">{tn("nav.unread", unread)}</span>}
    </NavLink>
  );
}

function LanguageSwitch() {
  const { t, locale, setLocale } = useI18n();
  const id = useId();
  return (
    <div className="language-switch">
      <label htmlFor={id}>{t("header.language")}</label>
      <select id={id} value={locale} onChange={(event) => setLocale(event.target.value as Locale)}>
        {locales.map((code) => (
          <option key={code} value={code} lang={code}>
            {t(`lang.${code}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A screen's chunk failed to load (offline, new deployment) or the screen threw: say so. */
class ScreenBoundary extends Component<{ children: ReactNode; resetKey: string }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  componentDidUpdate(previous: { resetKey: string }) {
    // another screen was chosen: give it a chance
    if (previous.resetKey !== this.props.resetKey && this.state.failed) this.setState({ failed: false });
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error("screen failed", error, info.componentStack);
    // a board that failed (its chunk did not load, say) shows its failure, not its preview
    dropBoardPreview();
  }

  render() {
    return this.state.failed ? <ScreenFailed /> : this.props.children;
  }
}

function ScreenFailed() {
  const { t } = useI18n();
  return (
    <div className="notice notice--error" role="alert">
      <p>{t("app.pageLoadFailed")}</p>
      <button type="button" className="button" onClick={() => window.location.reload()}>
        {t("app.retry")}
      </button>
    </div>
  );
}
