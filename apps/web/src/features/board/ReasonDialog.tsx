// A dialog that asks for a reason before an action (a task is blocked, an order is declined).
// The field is required; the error names it and is tied to it (aria-describedby); what was typed
// stays when the action fails.
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "../../i18n/index.ts";
import { BoardDialog } from "./BoardDialog.tsx";

export function ReasonDialog({
  isOpen,
  title,
  intro,
  introLang,
  label,
  requiredMessage,
  submitLabel,
  onSubmit,
  onClose,
  taskId,
  testId,
}: {
  isOpen: boolean;
  title: string;
  intro: string;
  introLang?: string;
  label: string;
  requiredMessage: string;
  submitLabel: string;
  /** resolves with an error message to show, or nothing when done */
  onSubmit: (reason: string) => Promise<string | void> | string | void;
  onClose: () => void;
  taskId?: string;
  testId?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  function close() {
    setReason("");
    setError(undefined);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const trimmed = reason.trim();
    if (!trimmed) {
      setError(requiredMessage);
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const failure = await onSubmit(trimmed);
      if (failure) setError(failure);
      else {
        setReason("");
        setError(undefined);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <BoardDialog isOpen={isOpen} onClose={close} title={title} taskId={taskId} testId={testId}>
      <form className="form board-form" onSubmit={submit} noValidate>
        <p lang={introLang}>{intro}</p>
        <div className="field">
          <label htmlFor={`${id}-reason`}>
            {label} <span className="board-required">{t("common.required")}</span>
          </label>
          <textarea
            id={`${id}-reason`}
            name="reason"
            className="board-textarea"
            rows={3}
            maxLength={1000}
            required
            autoFocus
            value={reason}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {error && (
            <p id={`${id}-error`} className="field__error" role="alert">
              {error}
            </p>
          )}
        </div>
        <div className="board-form__actions">
          <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
            {busy ? t("board.saving") : submitLabel}
          </button>
          <button type="button" className="button button--secondary" onClick={close}>
            {t("common.cancel")}
          </button>
        </div>
      </form>
    </BoardDialog>
  );
}
