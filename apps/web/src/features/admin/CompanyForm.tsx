// A client company's names: Japanese (required) and English (optional). Used to add a company and
// to rename one. Errors sit next to their field and in the form's alert; focus goes to the first.
import { useState, type FormEvent } from "react";
import { TEXT_LIMITS } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import { ApiError } from "../../lib/api.ts";
import { errorMessage } from "../../ui/errors.ts";
import { Field, FormAlert, useFormErrors, type FieldErrors, type FieldMessage } from "../../ui/Field.tsx";

type CompanyField = "name" | "nameEn";
const FIELDS: readonly CompanyField[] = ["name", "nameEn"];

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
  const ids: Record<CompanyField, string> = { name: `${idPrefix}-name`, nameEn: `${idPrefix}-name-en` };
  const { errors, formError, show, summary: summaryOf } = useFormErrors(FIELDS, (field) => ids[field]);
  const [submitting, setSubmitting] = useState(false);
  const errorOf: Record<CompanyField, FieldMessage> = {
    name: { key: "admin.companyForm.error.name", vars: { max: TEXT_LIMITS.name } },
    nameEn: { key: "admin.companyForm.error.nameEn", vars: { max: TEXT_LIMITS.name } },
  };

  function check(): FieldErrors<CompanyField> {
    const found: FieldErrors<CompanyField> = {};
    const name = values.name.trim();
    if (!name || name.length > TEXT_LIMITS.name) found.name = errorOf.name;
    if (values.nameEn.trim().length > TEXT_LIMITS.name) found.nameEn = errorOf.nameEn;
    return found;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting || show(check())) return;
    setSubmitting(true);
    try {
      await onSubmit({ name: values.name.trim(), nameEn: values.nameEn.trim() });
      setSubmitting(false);
    } catch (error) {
      setSubmitting(false);
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      const mapped: FieldErrors<CompanyField> = {};
      for (const field of FIELDS) if (fields[field]) mapped[field] = errorOf[field];
      show(mapped, Object.keys(mapped).length === 0 ? errorMessage(error, t) : undefined);
    }
  }

  const summary = summaryOf({ name: t("admin.companyForm.name"), nameEn: t("admin.companyForm.nameEn") });
  const alertId = `${idPrefix}-alert`;

  return (
    <form
      className="form wo-form admin-form"
      onSubmit={submit}
      noValidate
      aria-describedby={summary.length || formError ? alertId : undefined}
    >
      <FormAlert
        id={alertId}
        title={summary.length ? t("error.validation") : undefined}
        items={summary}
        message={formError}
      />
      <Field
        id={ids.name}
        label={t("admin.companyForm.name")}
        hint={t("admin.companyForm.nameHint")}
        error={errors.name}
        need="required"
      >
        {(control) => (
          <input
            {...control}
            name="name"
            type="text"
            autoComplete="organization"
            value={values.name}
            onChange={(e) => setValues((v) => ({ ...v, name: e.target.value }))}
          />
        )}
      </Field>
      <Field
        id={ids.nameEn}
        label={t("admin.companyForm.nameEn")}
        hint={t("admin.companyForm.nameEnHint")}
        error={errors.nameEn}
        need="optional"
      >
        {(control) => (
          <input
            {...control}
            name="nameEn"
            type="text"
            lang="en"
            autoComplete="off"
            value={values.nameEn}
            onChange={(e) => setValues((v) => ({ ...v, nameEn: e.target.value }))}
          />
        )}
      </Field>
      <div className="admin-dialog__actions">
        <button type="submit" className="button button--primary" aria-disabled={submitting}>
          {submitting ? t("admin.userForm.submitting") : submitLabel}
        </button>
      </div>
    </form>
  );
}
