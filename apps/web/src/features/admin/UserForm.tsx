// Adding or changing a user, inside an admin dialog. Checked here first, then by the server;
// every error is next to its field (aria-describedby) and in a summary that links to the fields,
// and the first field at fault gets focus. Nothing typed is lost on an error.
import { useState, type FormEvent } from "react";
import { belongsToClientCompany, hasWorkStyle } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import { ApiError, type Role } from "../../lib/api.ts";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";
import { describedBy, FieldErrorText, FormAlert, type FieldErrors, type SummaryItem } from "../work-orders/form-parts.tsx";
import { AdminDialogContent } from "./AdminDialog.tsx";
import {
  hasTeam,
  serverUserErrors,
  STAFF_ROLES,
  USER_FIELDS,
  validateUserForm,
  WORK_STYLES,
  type UserField,
  type UserFormValues,
} from "./user-form.ts";

const IDS: Record<UserField, string> = {
  name: "user-form-name",
  email: "user-form-email",
  role: "user-form-role-crew",
  clientCompanyId: "user-form-company",
  teamId: "user-form-team",
  workStyle: "user-form-work-style-office",
};
const errorId = (field: UserField) => `user-form-${field}-error`;

export interface UserFormProps {
  mode: "create" | "edit";
  title: string;
  initial: UserFormValues;
  /** editing oneself: the role cannot change */
  self?: boolean;
  /** the client company the new user belongs to (then the role is fixed) */
  companyName?: string;
  teams: { id: string; name: string }[];
  onSubmit(values: UserFormValues): Promise<void>;
  onCancel(): void;
}

export function UserFormDialog({ mode, title, initial, self = false, companyName, teams, onSubmit, onCancel }: UserFormProps) {
  const { t, tn, locale } = useI18n();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<UserField>>({});
  const [formError, setFormError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const clientUser = belongsToClientCompany(values.role);
  const sep = locale === "ja" ? "：" : ": ";

  const set = <K extends keyof UserFormValues>(key: K, value: UserFormValues[K]) => setValues((v) => ({ ...v, [key]: value }));

  function focusFirst(found: FieldErrors<UserField>) {
    const first = USER_FIELDS.find((f) => found[f]);
    if (!first) return;
    const target = first === "role" ? `user-form-role-${values.role}` : first === "workStyle" ? `user-form-work-style-${values.workStyle || "office"}` : IDS[first];
    document.getElementById(target)?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const found = validateUserForm(values, mode);
    setErrors(found);
    setFormError(undefined);
    if (Object.keys(found).length) {
      focusFirst(found);
      return;
    }
    setSubmitting(true);
    try {
      await onSubmit(values);
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
        const { fields, unknown } = serverUserErrors(error);
        setErrors(fields);
        if (unknown || Object.keys(fields).length === 0) setFormError(errorMessage(error, t));
        focusFirst(fields);
      } else {
        setFormError(errorMessage(error, t));
      }
    }
  }

  const labels: Record<UserField, string> = {
    name: t("admin.userForm.name"),
    email: t("admin.userForm.email"),
    role: t("admin.userForm.role"),
    clientCompanyId: t("admin.userForm.company"),
    teamId: t("admin.userForm.team"),
    workStyle: t("admin.userForm.workStyle"),
  };
  const summary: SummaryItem[] = USER_FIELDS.flatMap((field) => {
    const error = errors[field];
    return error ? [{ target: IDS[field], label: labels[field], error }] : [];
  });
  const alertId = "user-form-alert";
  const required = <span className="wo-form__required">{t("common.required")}</span>;

  return (
    <AdminDialogContent title={title} onClose={onCancel} closeLabel={t("common.cancel")} testId="user-form">
      <form className="form wo-form admin-form" onSubmit={submit} noValidate aria-describedby={summary.length || formError ? alertId : undefined}>
        {mode === "create" && <p>{t("admin.userForm.intro")}</p>}
        <FormAlert id={alertId} title={summary.length ? tn("admin.userForm.errorSummary", summary.length) : undefined} items={summary} message={formError} />

        <div className="field">
          <label htmlFor={IDS.name}>
            {labels.name}
            {required}
          </label>
          <p id="user-form-name-hint" className="field__hint">
            {t("admin.userForm.nameHint")}
          </p>
          <input
            id={IDS.name}
            name="name"
            type="text"
            autoComplete="off"
            value={values.name}
            onChange={(e) => set("name", e.target.value)}
            aria-required="true"
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy("user-form-name-hint", errors.name && errorId("name"))}
          />
          <FieldErrorText id={errorId("name")} error={errors.name} />
        </div>

        {mode === "create" ? (
          <div className="field">
            <label htmlFor={IDS.email}>
              {labels.email}
              {required}
            </label>
            <p id="user-form-email-hint" className="field__hint">
              {t("admin.userForm.emailHint")}
            </p>
            <input
              id={IDS.email}
              name="email"
              type="email"
              autoComplete="off"
              spellCheck={false}
              autoCapitalize="off"
              value={values.email}
              onChange={(e) => set("email", e.target.value)}
              aria-required="true"
              aria-invalid={errors.email ? true : undefined}
              aria-describedby={describedBy("user-form-email-hint", errors.email && errorId("email"))}
            />
            <FieldErrorText id={errorId("email")} error={errors.email} />
          </div>
        ) : (
          <p>
            <strong>
              {labels.email}
              {sep}
            </strong>
            {values.email}
          </p>
        )}

        {clientUser || self ? (
          <p>
            <strong>
              {labels.role}
              {sep}
            </strong>
            {t(`role.${values.role}`)}
            {companyName && (
              <>
                {locale === "ja" ? "（" : " ("}
                <span lang={textLang(companyName, locale)}>{companyName}</span>
                {locale === "ja" ? "）" : ")"}
              </>
            )}
            {clientUser && mode === "edit" && <span className="field__hint"> {t("admin.userForm.roleClientFixed")}</span>}
          </p>
        ) : (
          <fieldset className={errors.role ? "fieldset fieldset--invalid" : "fieldset"} aria-describedby={describedBy(mode === "create" && "user-form-role-hint", errors.role && errorId("role"))}>
            <legend>{labels.role}</legend>
            {mode === "create" && (
              <p id="user-form-role-hint" className="field__hint">
                {t("admin.userForm.roleHint")}
              </p>
            )}
            <div className="choice-list">
              {STAFF_ROLES.map((role: Role) => (
                <div key={role} className="choice">
                  <input
                    id={`user-form-role-${role}`}
                    type="radio"
                    name="role"
                    value={role}
                    checked={values.role === role}
                    onChange={() => setValues((v) => ({ ...v, role, workStyle: hasWorkStyle(role) ? v.workStyle || "office" : "" }))}
                  />
                  <label htmlFor={`user-form-role-${role}`}>{t(`role.${role}`)}</label>
                </div>
              ))}
            </div>
            <FieldErrorText id={errorId("role")} error={errors.role} />
          </fieldset>
        )}
        {clientUser && <FieldErrorText id={errorId("clientCompanyId")} error={errors.clientCompanyId} />}

        {hasTeam(values.role) && (
          <div className="field">
            <label htmlFor={IDS.teamId}>{labels.teamId}</label>
            <p id="user-form-team-hint" className="field__hint">
              {t("admin.userForm.teamHint")}
            </p>
            <select
              id={IDS.teamId}
              name="teamId"
              value={values.teamId}
              onChange={(e) => set("teamId", e.target.value)}
              aria-invalid={errors.teamId ? true : undefined}
              aria-describedby={describedBy("user-form-team-hint", errors.teamId && errorId("teamId"))}
            >
              <option value="">{t("admin.users.noTeam")}</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id} lang={textLang(team.name, locale)}>
                  {team.name}
                </option>
              ))}
            </select>
            <FieldErrorText id={errorId("teamId")} error={errors.teamId} />
          </div>
        )}

        {hasWorkStyle(values.role) && (
          <fieldset className={errors.workStyle ? "fieldset fieldset--invalid" : "fieldset"} aria-describedby={describedBy(errors.workStyle && errorId("workStyle"))}>
            <legend>{labels.workStyle}</legend>
            <div className="choice-list">
              {WORK_STYLES.map((style) => (
                <div key={style} className="choice">
                  <input
                    id={`user-form-work-style-${style}`}
                    type="radio"
                    name="workStyle"
                    value={style}
                    checked={values.workStyle === style}
                    onChange={() => set("workStyle", style)}
                  />
                  <label htmlFor={`user-form-work-style-${style}`}>{t(`admin.workStyle.${style}`)}</label>
                </div>
              ))}
            </div>
            <FieldErrorText id={errorId("workStyle")} error={errors.workStyle} />
          </fieldset>
        )}

        <div className="field">
          <label htmlFor="user-form-locale">{t("admin.locale.label")}</label>
          <select id="user-form-locale" name="locale" value={values.locale} onChange={(e) => set("locale", e.target.value as "ja" | "en")}>
            <option value="ja" lang="ja">
              {t("lang.ja")}
            </option>
            <option value="en" lang="en">
              {t("lang.en")}
            </option>
          </select>
        </div>

        <div className="admin-dialog__actions">
          <button type="submit" className="button button--primary" aria-disabled={submitting} data-testid="user-form-submit">
            {submitting ? t("admin.userForm.submitting") : mode === "create" ? t("admin.userForm.submitCreate") : t("admin.userForm.submitEdit")}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </AdminDialogContent>
  );
}
