// Small pieces shared by the forms of the work order and client screens: a field's error line,
// the error summary at the top of a form, and the aria-describedby of a control.
// Errors are kept as message keys (not text), so they follow a language switch.
import type { MouseEvent, ReactNode } from "react";
import { useI18n, type MessageKey, type Vars } from "../../i18n/index.ts";
import { Icon } from "../../ui/Icon.tsx";

export interface FieldMessage {
  key: MessageKey;
  vars?: Vars;
}

export type FieldErrors<F extends string> = Partial<Record<F, FieldMessage>>;

/** `aria-describedby` from the ids that apply (hint, error …); undefined when none. */
export function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const list = ids.filter((id): id is string => Boolean(id));
  return list.length ? list.join(" ") : undefined;
}

/** A field's error, next to it (its id goes into the control's aria-describedby). */
export function FieldErrorText({ id, error }: { id: string; error: FieldMessage | undefined }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <p id={id} className="field__error">
      <Icon name="warning" className="icon--before" />
      {t(error.key, error.vars)}
    </p>
  );
}

export interface SummaryItem {
  /** the id of the control to move to */
  target: string;
  label: string;
  error: FieldMessage;
}

/**
 * The form's alert: always in the page (an empty live region until something is wrong), then the
 * count and a link per field to the control, or one message for the whole form.
 */
export function FormAlert({ id, title, items = [], message }: { id: string; title?: string; items?: SummaryItem[]; message?: ReactNode }) {
  const { t, locale } = useI18n();
  const separator = locale === "ja" ? "：" : ": ";
  const empty = !title && !message && items.length === 0;
  function focus(event: MouseEvent<HTMLAnchorElement>, target: string) {
    const element = document.getElementById(target);
    if (!element) return;
    event.preventDefault();
    element.focus();
  }
  return (
    <div id={id} role="alert" className={empty ? "form-error form-error--empty" : "form-error"}>
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
              {!title && (
                <Icon name="warning" className="form-error__icon" />
              )}
              {message}
            </p>
          )}
          {items.length > 0 && (
            <ul className="form-error__list">
              {items.map((item) => (
                <li key={item.target}>
                  <a href={`#${item.target}`} onClick={(e) => focus(e, item.target)}>
                    {item.label}
                    {separator}
                    {t(item.error.key, item.error.vars)}
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
