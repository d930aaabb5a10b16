// A client company's names: Japanese (required) and English (optional). Used to add a company and
// to rename one. Errors sit next to their field and in the form's alert; focus goes to the first.
import { useState, type FormEvent } from "react";
import { useI18n } from "../../i18n/index.ts";
import { ApiError } from "../../lib/api.ts";
import { errorMessage } from "../../ui/errors.ts";
import { describedBy, FieldErrorText, FormAlert, type FieldErrors, type SummaryItem } from "../work-orders/form-parts.tsx";

type Field = "name" | "nameEn";

export function CompanyForm({
  idPrefix,
  initial,
  submitLabel,
  onSubmit,
}: {
  idPrefix: string;
  initial: { name: string; nameEn: string };
  submitLabel: string;
  onSubmit(values: { name: string; nameEn: string }): Promise<void>;
}) {
  const { t } = useI18n();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [formError, setFormError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const ids: Record<Field, string> = { name: `${idPrefix}-name`, nameEn: `${idPrefix}-name-en` };
  const errorId = (f: Field) => `${ids[f]}-error`;

  function check(): FieldErrors<Field> {
    const found: FieldErrors<Field> = {};
    const name = values.name.trim();
    if (!name || name.length > 100) found.name = { key: "admin.companyForm.error.name" };
    if (values.nameEn.trim().length > 100) found.nameEn = { key: "admin.companyForm.error.nameEn" };
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const found = check();
    setErrors(found);
    setFormError(undefined);
    const first = (["name", "nameEn"] as const).find((f) => found[f]);
    if (first) {
      document.getElementById(ids[first])?.focus();
      return;
    }
    setSubmitting(true);
    try {
      await onSubmit({ name: values.name.trim(), nameEn: values.nameEn.trim() });
      setSubmitting(false);
    } catch (error) {
      setSubmitting(false);
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      const mapped: FieldErrors<Field> = {};
      if (fields.name) mapped.name = { key: "admin.companyForm.error.name" };
      if (fields.nameEn) mapped.nameEn = { key: "admin.companyForm.error.nameEn" };
      setErrors(mapped);
      if (Object.keys(mapped).length === 0) setFormError(errorMessage(error, t));
      else document.getElementById(ids[mapped.name ? "name" : "nameEn"])?.focus();
    }
  }

  const labels: Record<Field, string> = { name: t("admin.companyForm.name"), nameEn: t("admin.companyForm.nameEn") };
  const summary: SummaryItem[] = (["name", "nameEn"] as const).flatMap((f) => {
    const error = errors[f];
    return error ? [{ target: ids[f], label: labels[f], error }] : [];
  });
  const alertId = `${idPrefix}-alert`;

  return (
    <form className="form wo-form admin-form" onSubmit={submit} noValidate aria-describedby={summary.length || formError ? alertId : undefined}>
      <FormAlert id={alertId} title={summary.length ? t("error.validation") : undefined} items={summary} message={formError} />
      <div className="field">
        <label htmlFor={ids.name}>
          {labels.name}
          <span className="wo-form__required">{t("common.required")}</span>
        </label>
        <p id={`${ids.name}-hint`} className="field__hint">
          {t("admin.companyForm.nameHint")}
        </p>
        <input
          id={ids.name}
          name="name"
          type="text"
          autoComplete="organization"
          value={values.name}
          onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
          aria-required="true"
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={describedBy(`${ids.name}-hint`, errors.name && errorId("name"))}
        />
        <FieldErrorText id={errorId("name")} error={errors.name} />
      </div>
      <div className="field">
        <label htmlFor={ids.nameEn}>
          {labels.nameEn}
          <span className="wo-form__optional">{t("common.optional")}</span>
        </label>
        <p id={`${ids.nameEn}-hint`} className="field__hint">
          {t("admin.companyForm.nameEnHint")}
        </p>
        <input
          id={ids.nameEn}
          name="nameEn"
          type="text"
          lang="en"
          autoComplete="off"
          value={values.nameEn}
          onChange={(e) => setValues((v) => ({ ...v, nameEn: e.target.value }))}
          aria-invalid={errors.nameEn ? true : undefined}
          aria-describedby={describedBy(`${ids.nameEn}-hint`, errors.nameEn && errorId("nameEn"))}
        />
        <FieldErrorText id={errorId("nameEn")} error={errors.nameEn} />
      </div>
      <div className="admin-dialog__actions">
        <button type="submit" className="button button--primary" aria-disabled={submitting}>
          {submitting ? t("admin.userForm.submitting") : submitLabel}
        </button>
      </div>
    </form>
  );
}
