// A dialog that asks for a reason before an action (a task is blocked, an order is declined).
// The field is required; the error names it and is tied to it (aria-describedby); what was typed
// stays when the action fails.
import { useId, useState, type FormEvent } from "react";
import { useI18n } from "../../i18n/index.ts";
import { Field } from "../../ui/Field.tsx";
import { BoardDialog } from "./BoardDialog.tsx";

export function ReasonDialog({
  isOpen,
  title,
  intro,
  introLang,
  label,
  maxLength,
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
  /** the longest reason the server takes (TEXT_LIMITS of packages/domain) */
  maxLength: number;
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
        <Field id={`${id}-reason`} label={label} error={error} need="required" alert>
          {(control) => (
            <textarea
              {...control}
              name="reason"
              className="board-textarea"
              rows={3}
              maxLength={maxLength}
              required
              autoFocus
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
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
