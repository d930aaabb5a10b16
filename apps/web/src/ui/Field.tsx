// The one markup of a form field, used by every form: a label (with 必須 / 任意 where it helps),
// an optional hint, the error in words next to the field, and the control — tied together with
// `htmlFor` and `aria-describedby` (error first, then hint), with `aria-invalid` and
// `aria-required` set on the control. `FieldSet` is the same for a group (radio buttons, a date
// with its time), `FormAlert` the form's alert: the count and a link to each field at fault, or one
// message for the whole form. `useFormErrors` keeps a form's errors and moves focus to the first
// field at fault.
//
//   <Field id="new-order-title" label={t("…")} hint={t("…")} error={errors.title} need="required">
//     {(control) => <input {...control} value={title} onChange={…} />}
//   </Field>
//
// Errors are message keys with their values (they follow a language switch) or words already
// in the UI's language.
import { useCallback, useState, type MouseEvent, type ReactNode, type Ref } from "react";
import { useI18n, type MessageKey, type Vars } from "../i18n/index.ts";
import { Icon } from "./Icon.tsx";
import { textLang } from "./lang.ts";

export interface FieldMessage {
  key: MessageKey;
  vars?: Vars;
}

/** What is wrong with a field: a message key (and its values), or words in the UI's language. */
export type ErrorText = FieldMessage | string;

/** Errors by field: message keys, words, or either. */
export type FieldErrors<F extends string, E extends ErrorText = ErrorText> = Partial<Record<F, E>>;

/** `aria-describedby` from the ids that apply (hint, error …); undefined when none. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => Boolean(id));
  return list.length ? list.join(" ") : undefined;
}

export const hintId = (id: string) => `${id}-hint`;
export const errorId = (id: string) => `${id}-error`;

function useErrorText(): (error: ErrorText) => string {
  const { t } = useI18n();
  return (error) => (typeof error === "string" ? error : t(error.key, error.vars));
}

/** A field's error in words, next to it (its id goes into the control's aria-describedby). */
export function FieldErrorText({
  id,
  error,
  alert = false,
}: {
  id: string;
  error: ErrorText | undefined;
  alert?: boolean;
}) {
  const text = useErrorText();
  if (!error) return null;
  return (
    <p id={id} className="field__error" role={alert ? "alert" : undefined}>
      <Icon name="warning" className="icon--before" />
      {text(error)}
    </p>
  );
}

/** 「（必須）」 after a Japanese label; " (required)" after an English one (a word space, part of the name). */
function Need({ need }: { need: "required" | "optional" | undefined }) {
  const { t, locale } = useI18n();
  if (!need) return null;
  return (
    <>
      {locale === "ja" ? "" : " "}
      <span className={`field__need field__need--${need}`}>
        {t(need === "required" ? "field.required" : "field.optional")}
      </span>
    </>
  );
}

/** What the control needs from its field (spread onto it). */
export interface ControlProps {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": true | undefined;
  "aria-required": true | undefined;
}

export interface FieldProps {
  /** the control's id: the label points at it; the hint and the error are `<id>-hint`, `<id>-error` */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: ErrorText | undefined;
  /** marked as failed (aria-invalid) without words of its own: the form's alert says why, e.g. a
   * wrong email or password, where the server cannot tell which of the two is wrong */
  invalid?: boolean;
  /** shown after the label; "required" also sets aria-required */
  need?: "required" | "optional";
  /** more ids that describe the control (e.g. a group's hint) */
  describedBy?: string | false;
  /** the error is also announced at once (a field checked on its own, outside a form's alert) */
  alert?: boolean;
  className?: string;
  children: (control: ControlProps) => ReactNode;
}

export function Field({
  id,
  label,
  hint,
  error,
  invalid,
  need,
  describedBy: more,
  alert,
  className,
  children,
}: FieldProps) {
  const control: ControlProps = {
    id,
    "aria-describedby": describedBy(error && errorId(id), hint !== undefined && hintId(id), more),
    "aria-invalid": error || invalid ? true : undefined,
    "aria-required": need === "required" ? true : undefined,
  };
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>
        {label}
        <Need need={need} />
      </label>
      {hint !== undefined && (
        <p id={hintId(id)} className="field__hint">
          {hint}
        </p>
      )}
      <FieldErrorText id={errorId(id)} error={error} alert={alert} />
      {children(control)}
    </div>
  );
}

export interface FieldSetProps {
  /** the group's id: its hint and error are `<id>-hint`, `<id>-error` */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: ErrorText | undefined;
  need?: "required" | "optional";
  /** "radiogroup" for a set of radio buttons (then aria-invalid and aria-required apply to it) */
  role?: "radiogroup";
  /** a field inside is at fault (its own Field shows the error) */
  invalid?: boolean;
  className?: string;
  children: ReactNode;
}

/** A group of controls with one legend, hint and error. */
export function FieldSet({ id, legend, hint, error, need, role, invalid, className, children }: FieldSetProps) {
  const classes = ["fieldset", className, (error || invalid) && "fieldset--invalid"].filter(Boolean).join(" ");
  return (
    <fieldset
      id={id}
      className={classes}
      role={role}
      aria-describedby={describedBy(error && errorId(id), hint !== undefined && hintId(id))}
      aria-invalid={role && error ? true : undefined}
      aria-required={role && need === "required" ? true : undefined}
    >
      <legend>
        {legend}
        <Need need={need} />
      </legend>
      {hint !== undefined && (
        <p id={hintId(id)} className="field__hint">
          {hint}
        </p>
      )}
      <FieldErrorText id={errorId(id)} error={error} />
      {children}
    </fieldset>
  );
}

/**
 * A select's options for people, teams or companies: each name in its own `lang` (ui/lang.ts),
 * with an optional detail after it in parentheses (a role, where someone works today).
 */
export function NameOptions<T extends { id: string; name: string }>({
  items,
  detail,
}: {
  items: readonly T[];
  detail?: (item: T) => string | undefined;
}) {
  const { locale } = useI18n();
  const [open, close] = locale === "ja" ? ["（", "）"] : [" (", ")"];
  return items.map((item) => {
    const more = detail?.(item);
    return (
      <option key={item.id} value={item.id} lang={textLang(item.name, locale)}>
        {item.name}
        {more && `${open}${more}${close}`}
      </option>
    );
  });
}

export interface SummaryItem {
  /** the id of the control to move to */
  target: string;
  /** the field's name, before its error (leave it out when the error names the field itself) */
  label?: string;
  error: ErrorText;
}

/**
 * The form's alert: always in the page (an empty live region until something is wrong), then the
 * count and a link per field to the control, or one message for the whole form.
 */
export function FormAlert({
  id,
  title,
  items = [],
  message,
  ref,
}: {
  id?: string;
  title?: string;
  items?: SummaryItem[];
  message?: ReactNode;
  /** for a form that moves focus to its alert (one with many rows) */
  ref?: Ref<HTMLDivElement>;
}) {
  const { locale } = useI18n();
  const text = useErrorText();
  const separator = locale === "ja" ? "：" : ": ";
  const empty = !title && !message && items.length === 0;
  function focus(event: MouseEvent<HTMLAnchorElement>, target: string) {
    const element = document.getElementById(target);
    if (!element) return;
    event.preventDefault();
    element.focus();
  }
  return (
    <div
      id={id}
      ref={ref}
      tabIndex={ref ? -1 : undefined}
      role="alert"
      className={empty ? "form-error form-error--empty" : "form-error"}
    >
      {!empty && (
        <>
          {title && (
            <p>
              <Icon name="warning" className="form-error__icon" />
              {title}
            </p>
          )}
          {message && (
            <p>
              {!title && <Icon name="warning" className="form-error__icon" />}
              {message}
            </p>
          )}
          {items.length > 0 && (
            <ul className="form-error__list">
              {items.map((item) => (
                <li key={item.target}>
                  <a href={`#${item.target}`} onClick={(e) => focus(e, item.target)}>
                    {item.label && item.label + separator}
                    {text(item.error)}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </div>
  );
}

export interface FormErrors<F extends string> {
  errors: FieldErrors<F>;
  /** what went wrong for the whole form (a refusal that names no field, a lost connection) */
  formError: string | undefined;
  /**
   * Shows `found` in place of what was shown, and `formError` for the whole form, and moves focus
   * to the first field at fault. True when anything is wrong.
   */
  show(found: FieldErrors<F>, formError?: string): boolean;
  /** nothing is wrong any more (stable: safe in an effect's dependencies) */
  clear(): void;
  /** FormAlert's links: one per field at fault, in the fields' order */
  summary(labels: Readonly<Record<F, string>>): SummaryItem[];
}

/**
 * A form's errors. `fields` is the order of the fields on the page; `target` the id of the control
 * that takes focus for a field (a group's first radio button, say).
 */
export function useFormErrors<F extends string>(fields: readonly F[], target: (field: F) => string): FormErrors<F> {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [formError, setFormError] = useState<string>();
  const show = (found: FieldErrors<F>, message?: string) => {
    setErrors(found);
    setFormError(message);
    const first = fields.find((field) => found[field]);
    if (first) document.getElementById(target(first))?.focus();
    return Boolean(first) || Boolean(message);
  };
  const clear = useCallback(() => {
    setErrors({});
    setFormError(undefined);
  }, []);
  const summary = (labels: Readonly<Record<F, string>>): SummaryItem[] =>
    fields.flatMap((field) => {
      const error = errors[field];
      return error ? [{ target: target(field), label: labels[field], error }] : [];
    });
  return { errors, formError, show, clear, summary };
}
