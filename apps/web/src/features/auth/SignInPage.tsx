// Sign in, with the demo accounts listed in demo mode. After signing in, the router sends the
// user to their home (app/App.tsx SignedOutOnly), or back to the page they first asked for.
import { Fragment, useEffect, useId, useRef, useState, type FormEvent, type ReactNode, type RefObject } from "react";
import { useQuery } from "@tanstack/react-query";
import { useI18n } from "../../i18n/index.ts";
import { ApiError, call, type DemoAccount, type DemoInfo } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useSession } from "../../app/session.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { textLang } from "../../ui/lang.ts";
import { Icon } from "../../ui/Icon.tsx";

/** The demo logins, or undefined when the server has none (not in demo mode): then no demo panel. */
async function demoInfo(signal: AbortSignal): Promise<DemoInfo | undefined> {
  try {
    const info = await call("getDemoAccounts", {}, { signal });
    return info.enabled && Array.isArray(info.accounts) ? info : undefined;
  } catch (error) {
    if (error instanceof ApiError) return undefined; // 404 / disabled: no demo panel
    throw error;
  }
}

export default function SignInPage() {
  const { t } = useI18n();
  const { notice } = useSession();

  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [filledMessage, setFilledMessage] = useState("");
  const [resetErrors, setResetErrors] = useState(0);
  const submitRef = useRef<HTMLButtonElement>(null);

  const demo = useQuery({ queryKey: queryKeys.demo(), queryFn: ({ signal }) => demoInfo(signal), staleTime: Infinity }).data;

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
        <PageHeading id="sign-in-title" title={t("signIn.title")} />
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
  submitRef,
  filledMessage,
  resetErrors,
}: {
  email: string;
  password: string;
  onEmailChange: (value: string) => void;
  onPasswordChange: (value: string) => void;
  submitRef: RefObject<HTMLButtonElement | null>;
  filledMessage: string;
  resetErrors: number;
}) {
  const { t } = useI18n();
  const session = useSession();
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
      await session.signIn(email.trim(), password);
      // the router moves on to the user's home
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
    [hasFieldError ? fieldErrorId : undefined, formError ? ids.formError : undefined].filter(Boolean).join(" ") || undefined;

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-describedby={formError ? ids.formError : undefined}>
      <p className="form__intro">{t("signIn.intro")}</p>

      <div id={ids.formError} role="alert" className={formError ? "form-error" : "form-error form-error--empty"}>
        {formError && (
          <>
            <Icon name="warning" className="form-error__icon" />
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
            <Icon name="warning" className="icon--before" />
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
            <Icon name="warning" className="icon--before" />
            {fieldErrors.password}
          </p>
        )}
        <div className="checkbox">
          <input id={ids.showPassword} type="checkbox" checked={showPassword} onChange={(event) => setShowPassword(event.target.checked)} />
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
  const { t, locale } = useI18n();
  return (
    <section className="card demo" aria-labelledby="demo-title">
      <h2 id="demo-title">{t("demo.title")}</h2>
      <p>
        {t("demo.intro")}{" "}
        <code className="demo__password" lang={textLang(demo.password, locale)}>
          {demo.password}
        </code>
      </p>
      <ul className="demo__list">
        {demo.accounts.map((account) => (
          <li key={account.email} className="demo__account" data-testid={`demo-${account.email.split("@")[0]}`}>
            <div className="demo__who">
              <p className="demo__name">
                <span lang={textLang(account.name, locale)}>{account.name}</span>{" "}
                <span className="role-badge">{t(`role.${account.role}`)}</span>
              </p>
              <p className="demo__email">
                <span className="visually-hidden">{t("demo.email")}: </span>
                {account.email}
              </p>
              <DemoFacts account={account} />
            </div>
            <button type="button" className="button button--secondary" onClick={() => onFill(account)}>
              {t("demo.fill")}
              <span className="visually-hidden">
                : <span lang={textLang(account.name, locale)}>{account.name}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * What the account is, in the viewer's language: "チーム A・在宅で勤務・大きな文字". Built from the
 * server's facts; a team's and a company's letters are data (with their own lang).
 */
export function DemoFacts({ account }: { account: DemoAccount }) {
  const { t } = useI18n();
  const parts: ReactNode[] = [];
  if (account.company) parts.push(<NamedInWords key="company" messageKey="demo.company" name={account.company} />);
  if (account.team) parts.push(<NamedInWords key="team" messageKey="demo.team" name={account.team} />);
  if (account.workStyle) parts.push(t(`demo.workStyle.${account.workStyle}`));
  for (const trait of account.traits) parts.push(t(`demo.trait.${trait}`));
  if (parts.length === 0) return null;
  return (
    <p className="demo__description">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && t("demo.separator")}
          {part}
        </Fragment>
      ))}
    </p>
  );
}

/** "チーム A" / "Team A": the name is data (an admin chose it), the words around it are the UI's. */
function NamedInWords({ messageKey, name }: { messageKey: "demo.team" | "demo.company"; name: string }) {
  const { tNodes, locale } = useI18n();
  return <span>{tNodes(messageKey, { name: <span lang={textLang(name, locale)}>{name}</span> })}</span>;
}
