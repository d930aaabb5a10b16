// Choose a new password. Everyone reaches it from Settings; a user who signed in with a
// one-time password from an admin is sent here first and can do nothing else until it is done
// (the server refuses everything else with auth.password_change_required).
// - Checked here first (12 characters or more, not the current one), then by the server; a wrong
//   current password comes back to its field. Errors are linked with aria-describedby and the
//   first field at fault gets focus. Paste and password managers work (autocomplete attributes).
// - On success the session is renewed (other devices are signed out) and the user goes on to
//   their home screen, where the change is announced.
import { useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import { ApiError, call, type Me } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { announce } from "../../lib/announcer.tsx";
import { useSession, useUser } from "../../app/session.tsx";
import { homePath, paths } from "../../app/paths.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { Field, FormAlert, useFormErrors, type FieldErrors, type FieldMessage } from "../../ui/Field.tsx";
import "../work-orders/forms.css";

type PasswordField = "currentPassword" | "newPassword";
const FIELDS: readonly PasswordField[] = ["currentPassword", "newPassword"];
const IDS: Record<PasswordField, string> = { currentPassword: "password-current", newPassword: "password-new" };
const focusTarget = (field: PasswordField) => IDS[field];
const tooShort: FieldMessage = { key: "account.password.error.newShort", vars: { min: PASSWORD_MIN_LENGTH } };
const tooLong: FieldMessage = { key: "account.password.error.newLong", vars: { max: PASSWORD_MAX_LENGTH } };

function validate(current: string, next: string): FieldErrors<PasswordField> {
  const errors: FieldErrors<PasswordField> = {};
  if (!current) errors.currentPassword = { key: "account.password.error.currentRequired" };
  if (next.length < PASSWORD_MIN_LENGTH) errors.newPassword = tooShort;
  else if (next.length > PASSWORD_MAX_LENGTH) errors.newPassword = tooLong;
  else if (next === current) errors.newPassword = { key: "account.password.error.newSame" };
  return errors;
}

/** The server's refusal, mapped back to the fields in our own words. */
function serverErrors(error: ApiError): FieldErrors<PasswordField> | undefined {
  if (error.code === "auth.current_password_wrong")
    return { currentPassword: { key: "account.password.error.currentWrong" } };
  if (error.code !== "validation.failed") return undefined;
  const fields = error.fieldErrors();
  const errors: FieldErrors<PasswordField> = {};
  if (fields.currentPassword) errors.currentPassword = { key: "account.password.error.currentRequired" };
  if (fields.newPassword) {
    errors.newPassword = /differ/.test(fields.newPassword)
      ? { key: "account.password.error.newSame" }
      : /most/.test(fields.newPassword)
        ? tooLong
        : tooShort;
  }
  return Object.keys(errors).length ? errors : undefined;
}

export default function ChangePasswordPage() {
  const { t, tn } = useI18n();
  const user = useUser();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const first = user.mustChangePassword;
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [show, setShow] = useState(false);
  const { errors, formError, show: showErrors, summary: summaryOf } = useFormErrors(FIELDS, focusTarget);
  const [submitting, setSubmitting] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    if (showErrors(validate(current, next))) return;
    setSubmitting(true);
    try {
      const { user: updated } = await call("changeMyPassword", {
        body: { currentPassword: current, newPassword: next },
      });
      queryClient.setQueryData<Me | null>(queryKeys.me(), updated);
      navigate(first ? homePath(updated.role) : paths.settings, { replace: first });
      announce(t("account.password.changed"));
    } catch (error) {
      setSubmitting(false);
      const mapped = error instanceof ApiError ? serverErrors(error) : undefined;
      showErrors(mapped ?? {}, mapped ? undefined : errorMessage(error, t));
    }
  }

  const labels: Record<PasswordField, string> = {
    currentPassword: first ? t("account.password.currentOneTime") : t("account.password.current"),
    newPassword: t("account.password.new"),
  };
  const hints: Record<PasswordField, string | undefined> = {
    currentPassword: first ? t("account.password.currentOneTimeHint") : undefined,
    newPassword: t("account.password.newHint", { min: PASSWORD_MIN_LENGTH }),
  };
  const summary = summaryOf(labels);
  const alertId = "password-alert";

  return (
    <section className="page account-password" data-testid="page-change-password">
      <PageHeading title={first ? t("account.password.firstTitle") : t("account.password.title")} />
      <p>{first ? t("account.password.firstIntro") : t("account.password.intro")}</p>
      <form
        className="form wo-form"
        onSubmit={onSubmit}
        noValidate
        aria-describedby={summary.length || formError ? alertId : undefined}
      >
        <FormAlert
          id={alertId}
          title={summary.length ? tn("account.password.errorSummary", summary.length) : undefined}
          items={summary}
          message={formError}
        />
        {/* the account's email, for password managers */}
        <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />

        {FIELDS.map((field) => (
          <Field key={field} id={IDS[field]} label={labels[field]} hint={hints[field]} error={errors[field]}>
            {(control) => (
              <input
                {...control}
                aria-required
                name={field}
                type={show ? "text" : "password"}
                autoComplete={field === "currentPassword" ? "current-password" : "new-password"}
                spellCheck={false}
                autoCapitalize="off"
                value={field === "currentPassword" ? current : next}
                onChange={(e) => (field === "currentPassword" ? setCurrent : setNext)(e.target.value)}
              />
            )}
          </Field>
        ))}

        <div className="checkbox">
          <input id="password-show" type="checkbox" checked={show} onChange={(e) => setShow(e.target.checked)} />
          <label htmlFor="password-show">{t("account.password.show")}</label>
        </div>

        <div className="wo-form__actions">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t("account.password.submitting") : t("account.password.submit")}
          </button>
          {first && (
            <button
              type="button"
              className="button button--secondary"
              onClick={async () => {
                await session.signOut();
                navigate(paths.signIn, { replace: true });
              }}
            >
              {t("account.password.signOut")}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}
