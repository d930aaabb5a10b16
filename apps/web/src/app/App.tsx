// The Crewboard shell: session check, sign-in (with demo accounts), and the
// signed-in frame (header, navigation, work order list).
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from "react";
import { intlLocale, locales, useI18n, type Locale, type MessageKey } from "../i18n/index.ts";
import {
  API_DOCS_URL,
  ApiError,
  getDemoInfo,
  getMe,
  listWorkOrders,
  login,
  logout,
  setCsrfToken,
  type DemoAccount,
  type DemoInfo,
  type Role,
  type User,
  type WorkOrderStatus,
  type WorkOrderSummary,
} from "../lib/api.ts";

type Session =
  | { state: "checking" }
  | { state: "unreachable" }
  | { state: "signedOut"; notice?: MessageKey }
  | { state: "signedIn"; user: User };

export function App() {
  const { t } = useI18n();
  const [session, setSession] = useState<Session>({ state: "checking" });
  // Move focus to the new page heading only after something the user did,
  // never on the first load.
  const [focusHeading, setFocusHeading] = useState(false);

  const checkSession = useCallback((signal?: AbortSignal) => {
    setSession({ state: "checking" });
    getMe(signal).then(
      (user) => setSession({ state: "signedIn", user }),
      (error: unknown) => {
        if (signal?.aborted) return;
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          setSession({ state: "signedOut" });
        } else {
          setSession({ state: "unreachable" });
        }
      },
    );
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    checkSession(controller.signal);
    return () => controller.abort();
  }, [checkSession]);

  const onSignedIn = useCallback((user: User) => {
    setFocusHeading(true);
    setSession({ state: "signedIn", user });
  }, []);

  const onSignedOut = useCallback((notice?: MessageKey) => {
    setCsrfToken(undefined);
    setFocusHeading(true);
    setSession({ state: "signedOut", notice });
  }, []);

  let content: ReactNode;
  switch (session.state) {
    case "checking":
      content = (
        <p className="notice" role="status">
          {t("app.loading")}
        </p>
      );
      break;
    case "unreachable":
      content = (
        <div className="notice notice--error" role="alert">
          <p>{t("app.loadFailed")}</p>
          <button type="button" className="button" onClick={() => checkSession()}>
            {t("app.retry")}
          </button>
        </div>
      );
      break;
    case "signedOut":
      content = <SignInPage notice={session.notice} onSignedIn={onSignedIn} focusHeading={focusHeading} />;
      break;
    case "signedIn":
      content = <WorkOrdersPage onSessionExpired={() => onSignedOut("app.sessionExpired")} focusHeading={focusHeading} />;
      break;
  }

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToMain")}
      </a>
      <Header user={session.state === "signedIn" ? session.user : undefined} onSignedOut={onSignedOut} />
      <main id="main" tabIndex={-1} className="main">
        {content}
      </main>
    </>
  );
}

// ---------------------------------------------------------------------------
// Header

function Header({ user, onSignedOut }: { user: User | undefined; onSignedOut: (notice?: MessageKey) => void }) {
  const { t } = useI18n();
  const [signingOut, setSigningOut] = useState(false);

  async function signOut() {
    setSigningOut(true);
    try {
      await logout();
    } catch {
      // Signed out locally either way; the server session expires on its own.
    } finally {
      setSigningOut(false);
      onSignedOut();
    }
  }

  return (
    <header className="site-header">
      <div className="site-header__inner">
        <p className="brand">
          <span className="brand__mark" aria-hidden="true">
            ✓
          </span>
          {t("app.name")}
        </p>

        {user && (
          <nav className="site-nav" aria-label={t("nav.label")}>
            <ul>
              <li>
                <a href="/" aria-current="page">
                  {t("nav.workOrders")}
                </a>
              </li>
              <li>
                <a href={API_DOCS_URL} target="_blank" rel="noopener">
                  {t("nav.apiDocs")}
                  <span className="visually-hidden"> {t("nav.opensNewTab")}</span>
                  <span aria-hidden="true"> ↗</span>
                </a>
              </li>
            </ul>
          </nav>
        )}

        <div className="site-header__tools">
          {user && (
            <p className="current-user">
              <span className="visually-hidden">{t("header.userLabel")}: </span>
              <span className="current-user__name">{user.name}</span>{" "}
              <span className="role-badge">{roleLabel(t, user.role)}</span>
            </p>
          )}
          <LanguageSwitch />
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

type Translate = (key: MessageKey, vars?: Readonly<Record<string, string | number>>) => string;

function roleLabel(t: Translate, role: Role | string): string {
  switch (role) {
    case "admin":
    case "manager":
    case "crew":
    case "client":
      return t(`role.${role}`);
    default:
      return role;
  }
}

function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} – Crewboard`;
  }, [title]);
}

/** Focuses the page heading once, when the page was reached by a user action. */
function useHeadingFocus(enabled: boolean) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}

// ---------------------------------------------------------------------------
// Sign in

function SignInPage({
  notice,
  onSignedIn,
  focusHeading,
}: {
  notice: MessageKey | undefined;
  onSignedIn: (user: User) => void;
  focusHeading: boolean;
}) {
  const { t } = useI18n();
  usePageTitle(t("signIn.title"));
  const headingRef = useHeadingFocus(focusHeading);

  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [filledMessage, setFilledMessage] = useState("");
  const [resetErrors, setResetErrors] = useState(0);
  const submitRef = useRef<HTMLButtonElement>(null);

  const [demo, setDemo] = useState<DemoInfo | undefined>();
  useEffect(() => {
    const controller = new AbortController();
    getDemoInfo(controller.signal).then(setDemo, () => undefined);
    return () => controller.abort();
  }, []);

  function fill(account: DemoAccount) {
    if (!demo) return;
    setEmail(account.email);
    setPassword(demo.password ?? "");
    setResetErrors((n) => n + 1);
    setFilledMessage(t("demo.filled", { name: account.name }));
    submitRef.current?.focus();
  }

  return (
    <div className="sign-in">
      <section className="card sign-in__form" aria-labelledby="sign-in-title">
        <h1 id="sign-in-title" ref={headingRef} tabIndex={-1}>
          {t("signIn.title")}
        </h1>
        {notice && (
          <p className="notice notice--info" role="status">
            {t(notice)}
          </p>
        )}
        <SignInForm
          email={email}
          password={password}
          onEmailChange={(value) => {
            setEmail(value);
            setFilledMessage("");
          }}
          onPasswordChange={(value) => {
            setPassword(value);
            setFilledMessage("");
          }}
          onSignedIn={onSignedIn}
          submitRef={submitRef}
          filledMessage={filledMessage}
          resetErrors={resetErrors}
        />
      </section>

      {demo && demo.accounts.length > 0 && <DemoAccounts demo={demo} onFill={fill} />}
    </div>
  );
}

interface FieldErrors {
  email?: string;
  password?: string;
}

function SignInForm({
  email,
  password,
  onEmailChange,
  onPasswordChange,
  onSignedIn,
  submitRef,
  filledMessage,
  resetErrors,
}: {
  email: string;
  password: string;
  onEmailChange: (value: string) => void;
  onPasswordChange: (value: string) => void;
  onSignedIn: (user: User) => void;
  submitRef: RefObject<HTMLButtonElement | null>;
  filledMessage: string;
  resetErrors: number;
}) {
  const { t } = useI18n();
  const [submitting, setSubmitting] = useState(false);
  const [formError, setFormError] = useState("");
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [showPassword, setShowPassword] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  // A demo account was filled in: earlier errors no longer apply.
  useEffect(() => {
    if (resetErrors === 0) return;
    setFormError("");
    setFieldErrors({});
  }, [resetErrors]);

  function focusFirstInvalid(errors: FieldErrors) {
    if (errors.email) emailRef.current?.focus();
    else if (errors.password) passwordRef.current?.focus();
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;

    const errors: FieldErrors = {};
    if (!email.trim()) errors.email = t("signIn.emailRequired");
    if (!password) errors.password = t("signIn.passwordRequired");
    if (errors.email || errors.password) {
      setFieldErrors(errors);
      setFormError(t("signIn.errorSummary"));
      focusFirstInvalid(errors);
      return;
    }

    setSubmitting(true);
    setFormError("");
    setFieldErrors({});
    try {
      const { user } = await login(email.trim(), password);
      onSignedIn(user);
    } catch (error) {
      setSubmitting(false);
      if (!(error instanceof ApiError)) {
        setFormError(t("error.unknown"));
        return;
      }
      if (error.isNetworkError) {
        setFormError(t("error.network"));
        return;
      }
      if (error.status === 429) {
        const minutes = error.retryAfter ? Math.max(1, Math.ceil(error.retryAfter / 60)) : undefined;
        setFormError(minutes ? t("signIn.tooManyAttemptsWait", { minutes }) : t("signIn.tooManyAttempts"));
        return;
      }
      const fromServer = error.fieldErrors();
      const nextFieldErrors: FieldErrors = { email: fromServer.email, password: fromServer.password };
      setFieldErrors(nextFieldErrors);
      setFormError(error.problem.detail || error.problem.title || t("signIn.failed"));
      focusFirstInvalid(nextFieldErrors);
    }
  }

  const ids = {
    email: useId(),
    emailError: useId(),
    password: useId(),
    passwordError: useId(),
    showPassword: useId(),
    formError: useId(),
  };
  const describedBy = (fieldErrorId: string, hasFieldError: boolean) =>
    [hasFieldError ? fieldErrorId : undefined, formError ? ids.formError : undefined].filter(Boolean).join(" ") ||
    undefined;

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-describedby={formError ? ids.formError : undefined}>
      <p className="form__intro">{t("signIn.intro")}</p>

      <div id={ids.formError} role="alert" className={formError ? "form-error" : "form-error form-error--empty"}>
        {formError && (
          <>
            <span aria-hidden="true" className="form-error__icon">
              ⚠
            </span>
            {formError}
          </>
        )}
      </div>

      <div className="field">
        <label htmlFor={ids.email}>{t("signIn.email")}</label>
        <input
          ref={emailRef}
          id={ids.email}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          value={email}
          onChange={(event) => onEmailChange(event.target.value)}
          aria-invalid={fieldErrors.email ? true : undefined}
          aria-describedby={describedBy(ids.emailError, Boolean(fieldErrors.email))}
          required
        />
        {fieldErrors.email && (
          <p id={ids.emailError} className="field__error">
            <span aria-hidden="true">⚠ </span>
            {fieldErrors.email}
          </p>
        )}
      </div>

      <div className="field">
        <label htmlFor={ids.password}>{t("signIn.password")}</label>
        <input
          ref={passwordRef}
          id={ids.password}
          name="password"
          type={showPassword ? "text" : "password"}
          autoComplete="current-password"
          autoCapitalize="none"
          spellCheck={false}
          value={password}
          onChange={(event) => onPasswordChange(event.target.value)}
          aria-invalid={fieldErrors.password ? true : undefined}
          aria-describedby={describedBy(ids.passwordError, Boolean(fieldErrors.password))}
          required
        />
        {fieldErrors.password && (
          <p id={ids.passwordError} className="field__error">
            <span aria-hidden="true">⚠ </span>
            {fieldErrors.password}
          </p>
        )}
        <div className="checkbox">
          <input
            id={ids.showPassword}
            type="checkbox"
            checked={showPassword}
            onChange={(event) => setShowPassword(event.target.checked)}
          />
          <label htmlFor={ids.showPassword}>{t("signIn.showPassword")}</label>
        </div>
      </div>

      <p className="form__status" role="status">
        {filledMessage}
      </p>

      <button ref={submitRef} type="submit" className="button button--primary button--wide" aria-disabled={submitting}>
        {submitting ? t("signIn.submitting") : t("signIn.submit")}
      </button>
    </form>
  );
}

function DemoAccounts({ demo, onFill }: { demo: DemoInfo; onFill: (account: DemoAccount) => void }) {
  const { t } = useI18n();
  return (
    <section className="card demo" aria-labelledby="demo-title">
      <h2 id="demo-title">{t("demo.title")}</h2>
      <p>
        {t("demo.intro")} <code className="demo__password">{demo.password}</code>
      </p>
      <ul className="demo__list">
        {demo.accounts.map((account) => (
          <li key={account.email} className="demo__account">
            <div className="demo__who">
              <p className="demo__name">
                {account.name} <span className="role-badge">{roleLabel(t, account.role)}</span>
              </p>
              <p className="demo__email">
                <span className="visually-hidden">{t("demo.email")}: </span>
                {account.email}
              </p>
              {account.description && <p className="demo__description">{account.description}</p>}
            </div>
            <button type="button" className="button button--secondary" onClick={() => onFill(account)}>
              {t("demo.fill")}
              <span className="visually-hidden">: {account.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

// ---------------------------------------------------------------------------
// Work orders

type ListState =
  | { state: "loading" }
  | { state: "error"; message: string }
  | { state: "ready"; items: WorkOrderSummary[]; nextCursor: string | null; loadingMore: boolean; moreError?: string };

const STATUS_ICONS: Record<WorkOrderStatus, string> = {
  requested: "○",
  accepted: "◔",
  in_progress: "◑",
  delivered: "◕",
  revision_requested: "↺",
  completed: "✓",
  declined: "✕",
};

function WorkOrdersPage({ onSessionExpired, focusHeading }: { onSessionExpired: () => void; focusHeading: boolean }) {
  const { t, locale } = useI18n();
  usePageTitle(t("workOrders.title"));
  const headingRef = useHeadingFocus(focusHeading);
  const [list, setList] = useState<ListState>({ state: "loading" });
  const [reloadKey, setReloadKey] = useState(0);

  const errorMessage = useCallback(
    (error: unknown): string | undefined => {
      if (error instanceof ApiError) {
        if (error.status === 401) {
          onSessionExpired();
          return undefined;
        }
        if (error.isNetworkError) return t("error.network");
        if (error.status === 403) return t("error.forbidden");
        return error.problem.detail || error.problem.title || t("workOrders.loadFailed");
      }
      return t("workOrders.loadFailed");
    },
    [onSessionExpired, t],
  );

  useEffect(() => {
    const controller = new AbortController();
    setList({ state: "loading" });
    listWorkOrders(null, controller.signal).then(
      (page) => setList({ state: "ready", items: page.items, nextCursor: page.nextCursor ?? null, loadingMore: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message = errorMessage(error);
        if (message) setList({ state: "error", message });
      },
    );
    return () => controller.abort();
    // Only a retry re-fetches; errorMessage changing with the language does not.
  }, [reloadKey]);

  async function loadMore() {
    if (list.state !== "ready" || !list.nextCursor || list.loadingMore) return;
    setList({ ...list, loadingMore: true, moreError: undefined });
    try {
      const page = await listWorkOrders(list.nextCursor);
      setList({
        state: "ready",
        items: [...list.items, ...page.items],
        nextCursor: page.nextCursor ?? null,
        loadingMore: false,
      });
    } catch (error) {
      const message = errorMessage(error);
      if (message) setList({ ...list, loadingMore: false, moreError: message });
    }
  }

  const dateFormat = new Intl.DateTimeFormat(intlLocale(locale), {
    year: "numeric",
    month: "short",
    day: "numeric",
    weekday: "short",
  });
  const dateTimeFormat = new Intl.DateTimeFormat(intlLocale(locale), {
    year: "numeric",
    month: "short",
    day: "numeric",
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
  });
  const formatDue = (iso: string) => {
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    const midnight = date.getHours() === 0 && date.getMinutes() === 0;
    return (midnight ? dateFormat : dateTimeFormat).format(date);
  };

  return (
    <div className="work-orders">
      <div className="page-heading">
        <h1 ref={headingRef} tabIndex={-1}>
          {t("workOrders.title")}
        </h1>
      </div>

      {list.state === "loading" && (
        <p className="notice" role="status">
          {t("app.loading")}
        </p>
      )}

      {list.state === "error" && (
        <div className="notice notice--error" role="alert">
          <p>{list.message}</p>
          <button type="button" className="button button--secondary" onClick={() => setReloadKey((n) => n + 1)}>
            {t("app.retry")}
          </button>
        </div>
      )}

      {list.state === "ready" && list.items.length === 0 && <p className="notice">{t("workOrders.empty")}</p>}

      {list.state === "ready" && list.items.length > 0 && (
        <>
          <p className="table-scroll__hint">
            {t("workOrders.scrollHint")}
          </p>
          <div
            className="table-scroll"
            role="region"
            aria-labelledby="work-orders-caption"
            tabIndex={0}
          >
            <table className="data-table">
              <caption id="work-orders-caption">{t("workOrders.caption", { count: list.items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("workOrders.number")}</th>
                  <th scope="col">{t("workOrders.orderTitle")}</th>
                  <th scope="col">{t("workOrders.client")}</th>
                  <th scope="col">{t("workOrders.status")}</th>
                  <th scope="col">{t("workOrders.priority")}</th>
                  <th scope="col">{t("workOrders.dueAt")}</th>
                  <th scope="col">{t("workOrders.progress")}</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((order) => {
                  const percent = progressPercent(order.progress);
                  return (
                    <tr key={order.id}>
                      <td className="data-table__number">{order.number}</td>
                      <th scope="row" className="data-table__title">
                        {order.title}
                      </th>
                      <td>{order.clientCompany?.name ?? <NoneValue />}</td>
                      <td>
                        <span className={`status status--${order.status}`}>
                          <span aria-hidden="true" className="status__icon">
                            {STATUS_ICONS[order.status] ?? "•"}
                          </span>
                          {statusLabel(t, order.status)}
                        </span>
                      </td>
                      <td>
                        {order.priority === "urgent" ? (
                          <span className="priority priority--urgent">
                            <span aria-hidden="true">! </span>
                            {t("priority.urgent")}
                          </span>
                        ) : (
                          <span className="priority">{t("priority.normal")}</span>
                        )}
                      </td>
                      <td className="data-table__date">
                        {order.dueAt ? <time dateTime={order.dueAt}>{formatDue(order.dueAt)}</time> : <NoneValue />}
                      </td>
                      <td>
                        {percent === undefined ? (
                          <NoneValue />
                        ) : (
                          <span className="progress">
                            <span className="progress__value">{percent} %</span>
                            <span className="progress__bar" aria-hidden="true">
                              <span className="progress__fill" style={{ width: `${percent}%` }} />
                            </span>
                          </span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>

          {list.moreError && (
            <p className="field__error" role="alert">
              {list.moreError}
            </p>
          )}
          {list.nextCursor && (
            <p className="load-more">
              <button
                type="button"
                className="button button--secondary"
                onClick={loadMore}
                aria-disabled={list.loadingMore}
              >
                {list.loadingMore ? t("workOrders.loadingMore") : t("workOrders.loadMore")}
              </button>
            </p>
          )}
        </>
      )}
    </div>
  );
}

function NoneValue() {
  const { t } = useI18n();
  return (
    <>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{t("workOrders.none")}</span>
    </>
  );
}

function statusLabel(t: Translate, status: string): string {
  return status in STATUS_ICONS ? t(`status.${status as WorkOrderStatus}`) : status;
}

function progressPercent(progress: WorkOrderSummary["progress"]): number {
  return Math.round(Math.min(100, Math.max(0, progress)));
}
