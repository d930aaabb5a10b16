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
import { errorCodeKey } from "../../i18n/error-codes.ts";
import { Field, FormAlert, useFormErrors, type FieldErrors } from "../../ui/Field.tsx";

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

  const demo = useQuery({
    queryKey: queryKeys.demo(),
    queryFn: ({ signal }) => demoInfo(signal),
    staleTime: Infinity,
  }).data;

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

type SignInField = "email" | "password";
const SIGN_IN_FIELDS: readonly SignInField[] = ["email", "password"];

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
  const ids = { email: useId(), password: useId(), showPassword: useId(), formError: useId() };
  const { errors: fieldErrors, formError, show, clear } = useFormErrors(SIGN_IN_FIELDS, (field) => ids[field]);
  const [showPassword, setShowPassword] = useState(false);
  /** the server refused this email and password: both fields are marked, the alert says why */
  const [rejected, setRejected] = useState(false);

  // A demo account was filled in: earlier errors no longer apply.
  useEffect(() => {
    if (resetErrors !== 0) {
      clear();
      setRejected(false);
    }
  }, [resetErrors, clear]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return;
    setRejected(false);

    const errors: FieldErrors<SignInField> = {};
    if (!email.trim()) errors.email = t("signIn.emailRequired");
    if (!password) errors.password = t("signIn.passwordRequired");
    if (show(errors, errors.email || errors.password ? t("signIn.errorSummary") : undefined)) return;

    setSubmitting(true);
    try {
      await session.signIn(email.trim(), password);
      // the router moves on to the user's home
    } catch (error) {
      setSubmitting(false);
      if (!(error instanceof ApiError)) {
        show({}, t("error.unknown"));
        return;
      }
      if (error.isNetworkError) {
        show({}, t("error.network"));
        return;
      }
      if (error.status === 429) {
        const minutes = error.retryAfter ? Math.max(1, Math.ceil(error.retryAfter / 60)) : undefined;
        show({}, minutes ? t("signIn.tooManyAttemptsWait", { minutes }) : t("signIn.tooManyAttempts"));
        return;
      }
      if (error.problem.code === "auth.invalid_credentials") {
        setRejected(true);
        show({}, t("errorCode.auth.invalid_credentials"));
        return;
      }
      // the UI's own words per error code and per field (never the server's English detail)
      const fromServer = error.fieldErrors();
      const known = errorCodeKey(error.problem.code);
      show(
        {
          email: fromServer.email !== undefined ? t("signIn.emailInvalid") : undefined,
          password: fromServer.password !== undefined ? t("signIn.passwordInvalid") : undefined,
        },
        known ? t(known) : t("signIn.failed"),
      );
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-describedby={formError ? ids.formError : undefined}>
      <p className="form__intro">{t("signIn.intro")}</p>

      <FormAlert id={ids.formError} message={formError} />

      <Field
        id={ids.email}
        label={t("signIn.email")}
        error={fieldErrors.email}
        invalid={rejected}
        describedBy={formError && ids.formError}
      >
        {(control) => (
          <input
            {...control}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={email}
            onChange={(event) => onEmailChange(event.target.value)}
            required
          />
        )}
      </Field>

      <Field
        id={ids.password}
        label={t("signIn.password")}
        error={fieldErrors.password}
        invalid={rejected}
        describedBy={formError && ids.formError}
      >
        {(control) => (
          <input
            {...control}
            name="password"
            type={showPassword ? "text" : "password"}
            autoComplete="current-password"
            autoCapitalize="none"
            spellCheck={false}
            value={password}
            onChange={(event) => onPasswordChange(event.target.value)}
            required
          />
        )}
      </Field>
      <div className="checkbox">
        <input
          id={ids.showPassword}
          type="checkbox"
          checked={showPassword}
          onChange={(event) => setShowPassword(event.target.checked)}
        />
        <label htmlFor={ids.showPassword}>{t("signIn.showPassword")}</label>
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
