// Adding or changing a user, inside an admin dialog. Checked here first, then by the server;
// every error is next to its field (aria-describedby) and in a summary that links to the fields,
// and the first field at fault gets focus. Nothing typed is lost on an error.
import { useState, type FormEvent } from "react";
import { belongsToClientCompany, hasWorkStyle, WORK_STYLES } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import { ApiError, type Role } from "../../lib/api.ts";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";
import { errorId, Field, FieldErrorText, FieldSet, FormAlert, useFormErrors, NameOptions } from "../../ui/Field.tsx";
import { AdminDialogContent } from "./AdminDialog.tsx";
import {
  hasTeam,
  serverUserErrors,
  STAFF_ROLES,
  USER_FIELDS,
  validateUserForm,
  type UserField,
  type UserFormValues,
} from "./user-form.ts";

const IDS: Record<UserField, string> = {
  name: "user-form-name",
  displayName: "user-form-display-name",
  email: "user-form-email",
  role: "user-form-role",
  clientCompanyId: "user-form-company",
  teamId: "user-form-team",
  workStyle: "user-form-work-style",
};

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

export function UserFormDialog({
  mode,
  title,
  initial,
  self = false,
  companyName,
  teams,
  onSubmit,
  onCancel,
}: UserFormProps) {
  const { t, tn, locale } = useI18n();
  const [values, setValues] = useState(initial);
  // a group of radio buttons takes focus at its chosen one
  const focusTarget = (field: UserField) =>
    field === "role"
      ? `${IDS.role}-${values.role}`
      : field === "workStyle"
        ? `${IDS.workStyle}-${values.workStyle || "office"}`
        : IDS[field];
  const { errors, formError, show, summary: summaryOf } = useFormErrors(USER_FIELDS, focusTarget);
  const [submitting, setSubmitting] = useState(false);
  const clientUser = belongsToClientCompany(values.role);
  const sep = locale === "ja" ? "：" : ": ";

  const set = <K extends keyof UserFormValues>(key: K, value: UserFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting || show(validateUserForm(values, mode))) return;
    setSubmitting(true);
    try {
      await onSubmit(values);
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiError && (error.status === 400 || error.status === 409)) {
        const { fields, unknown } = serverUserErrors(error);
        show(fields, unknown || Object.keys(fields).length === 0 ? errorMessage(error, t) : undefined);
      } else {
        show({}, errorMessage(error, t));
      }
    }
  }

  const labels: Record<UserField, string> = {
    name: t("admin.userForm.name"),
    displayName: t("admin.userForm.displayName"),
    email: t("admin.userForm.email"),
    role: t("admin.userForm.role"),
    clientCompanyId: t("admin.userForm.company"),
    teamId: t("admin.userForm.team"),
    workStyle: t("admin.userForm.workStyle"),
  };
  const summary = summaryOf(labels);
  const alertId = "user-form-alert";

  return (
    <AdminDialogContent title={title} onClose={onCancel} closeLabel={t("common.cancel")} testId="user-form">
      <form
        className="form wo-form admin-form"
        onSubmit={submit}
        noValidate
        aria-describedby={summary.length || formError ? alertId : undefined}
      >
        {mode === "create" && <p>{t("admin.userForm.intro")}</p>}
        <FormAlert
          id={alertId}
          title={summary.length ? tn("admin.userForm.errorSummary", summary.length) : undefined}
          items={summary}
          message={formError}
        />

        <Field
          id={IDS.name}
          label={labels.name}
          hint={t("admin.userForm.nameHint")}
          error={errors.name}
          need="required"
        >
          {(control) => (
            <input
              {...control}
              name="name"
              type="text"
              autoComplete="off"
              value={values.name}
              onChange={(e) => set("name", e.target.value)}
            />
          )}
        </Field>

        {!clientUser && (
          <Field
            id={IDS.displayName}
            label={labels.displayName}
            hint={t("admin.userForm.displayNameHint")}
            error={errors.displayName}
            need="optional"
          >
            {(control) => (
              <input
                {...control}
                name="displayName"
                type="text"
                autoComplete="off"
                value={values.displayName}
                onChange={(e) => set("displayName", e.target.value)}
              />
            )}
          </Field>
        )}

        {mode === "create" ? (
          <Field
            id={IDS.email}
            label={labels.email}
            hint={t("admin.userForm.emailHint")}
            error={errors.email}
            need="required"
          >
            {(control) => (
              <input
                {...control}
                name="email"
                type="email"
                autoComplete="off"
                spellCheck={false}
                autoCapitalize="off"
                value={values.email}
                onChange={(e) => set("email", e.target.value)}
              />
            )}
          </Field>
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
            {clientUser && mode === "edit" && (
              <span className="field__hint"> {t("admin.userForm.roleClientFixed")}</span>
            )}
          </p>
        ) : (
          <FieldSet
            id={IDS.role}
            legend={labels.role}
            hint={mode === "create" ? t("admin.userForm.roleHint") : undefined}
            error={errors.role}
          >
            <div className="choice-list">
              {STAFF_ROLES.map((role: Role) => (
                <div key={role} className="choice">
                  <input
                    id={`${IDS.role}-${role}`}
                    type="radio"
                    name="role"
                    value={role}
                    checked={values.role === role}
                    onChange={() =>
                      setValues((v) => ({ ...v, role, workStyle: hasWorkStyle(role) ? v.workStyle || "office" : "" }))
                    }
                  />
                  <label htmlFor={`${IDS.role}-${role}`}>{t(`role.${role}`)}</label>
                </div>
              ))}
            </div>
          </FieldSet>
        )}
        {clientUser && <FieldErrorText id={errorId(IDS.clientCompanyId)} error={errors.clientCompanyId} />}

        {hasTeam(values.role) && (
          <Field id={IDS.teamId} label={labels.teamId} hint={t("admin.userForm.teamHint")} error={errors.teamId}>
            {(control) => (
              <select {...control} name="teamId" value={values.teamId} onChange={(e) => set("teamId", e.target.value)}>
                <option value="">{t("admin.users.noTeam")}</option>
                <NameOptions items={teams} />
              </select>
            )}
          </Field>
        )}

        {hasWorkStyle(values.role) && (
          <FieldSet id={IDS.workStyle} legend={labels.workStyle} error={errors.workStyle}>
            <div className="choice-list">
              {WORK_STYLES.map((style) => (
                <div key={style} className="choice">
                  <input
                    id={`${IDS.workStyle}-${style}`}
                    type="radio"
                    name="workStyle"
                    value={style}
                    checked={values.workStyle === style}
                    onChange={() => set("workStyle", style)}
                  />
                  <label htmlFor={`${IDS.workStyle}-${style}`}>{t(`admin.workStyle.${style}`)}</label>
                </div>
              ))}
            </div>
          </FieldSet>
        )}

        <Field id="user-form-locale" label={t("admin.locale.label")}>
          {(control) => (
            <select
              {...control}
              name="locale"
              value={values.locale}
              onChange={(e) => set("locale", e.target.value as "ja" | "en")}
            >
              <option value="ja" lang="ja">
                {t("lang.ja")}
              </option>
              <option value="en" lang="en">
                {t("lang.en")}
              </option>
            </select>
          )}
        </Field>

        <div className="admin-dialog__actions">
          <button
            type="submit"
            className="button button--primary"
            aria-disabled={submitting}
            data-testid="user-form-submit"
          >
            {submitting
              ? t("admin.userForm.submitting")
              : mode === "create"
                ? t("admin.userForm.submitCreate")
                : t("admin.userForm.submitEdit")}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </AdminDialogContent>
  );
}
