// Log progress on one task in three steps or fewer: the percent (prefilled with where the task
// is), a note, the minutes — then Enter or the button. Sent through the offline queue: without a
// connection it is kept and shown as "waiting to be sent", and goes once when the connection is
// back. Errors name the field and how to fix it, are tied to it with aria-describedby, and
// nothing typed is lost.
import { useId, useRef, useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useI18n } from "../../i18n/index.ts";
import { ApiError, type Task } from "../../lib/api.ts";
import type { QueueEntry } from "../../lib/offline-queue.ts";
import { textLang } from "../../ui/lang.ts";
import { refusalReason, sendProgress } from "./actions.ts";
import { useDraft } from "./drafts.ts";
import { Icon } from "../../ui/Icon.tsx";

type Field = "percent" | "note" | "minutes";
type Errors = Partial<Record<Field, string>>;

interface Draft {
  /** null: follow the task's current progress */
  percent: string | null;
  note: string;
  minutes: string;
}

type Outcome =
  | { kind: "sent"; percent: number }
  | { kind: "queued"; percent: number; entryId: string }
  | { kind: "failed"; message: string };

const NOTE_MAX = 2000;
const MINUTES_MAX = 24 * 60;

/** Half-width digits from what a phone keyboard or an IME may give ("４５" → "45"). */
function normalizeDigits(value: string): string {
  return value.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
}

export function ProgressForm({ task, userId, entries }: { task: Task; userId: string; entries: readonly QueueEntry[] }) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const id = useId();
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`progress:${task.id}`, () => ({ percent: null, note: "", minutes: "" }));
  const [errors, setErrors] = useState<Errors>({});
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [busy, setBusy] = useState(false);
  const refs = { percent: useRef<HTMLInputElement>(null), note: useRef<HTMLTextAreaElement>(null), minutes: useRef<HTMLInputElement>(null) };

  const percentValue = draft.percent ?? String(task.progress);
  const ids = {
    heading: `${id}-heading`,
    percent: `${id}-percent`,
    percentHint: `${id}-percent-hint`,
    percentError: `${id}-percent-error`,
    note: `${id}-note`,
    noteHint: `${id}-note-hint`,
    noteError: `${id}-note-error`,
    minutes: `${id}-minutes`,
    minutesHint: `${id}-minutes-hint`,
    minutesError: `${id}-minutes-error`,
  };

  function validate(): { errors: Errors; percent: number; minutes: number } {
    const found: Errors = {};
    const percentText = normalizeDigits(percentValue).replace(/%$/, "");
    const percent = Number(percentText);
    if (!/^\d{1,3}$/.test(percentText) || percent > 100) found.percent = t("myDay.progress.percentInvalid");
    const minutesText = normalizeDigits(draft.minutes);
    const minutes = minutesText === "" ? 0 : Number(minutesText);
    if (minutesText !== "" && (!/^\d{1,4}$/.test(minutesText) || minutes > MINUTES_MAX)) found.minutes = t("myDay.progress.minutesInvalid");
    const noteLength = draft.note.trim().length;
    if (noteLength > NOTE_MAX) found.note = t("myDay.progress.noteTooLong", { count: noteLength });
    return { errors: found, percent, minutes };
  }

  function focusFirst(found: Errors) {
    const first = (["percent", "note", "minutes"] as const).find((field) => found[field]);
    if (first) refs[first].current?.focus();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const checked = validate();
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) {
      setOutcome(undefined);
      focusFirst(checked.errors);
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    try {
      const result = await sendProgress(client, userId, task, { percent: checked.percent, note: draft.note.trim(), minutesSpent: checked.minutes });
      // Sent or safely kept in the queue: the form starts again from the task's new state.
      setDraft({ percent: null, note: "", minutes: "" });
      clearDraft();
      setOutcome(result.status === "sent" ? { kind: "sent", percent: checked.percent } : { kind: "queued", percent: checked.percent, entryId: result.entry.id });
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      const fromServer: Errors = {};
      if (fields.percent) fromServer.percent = t("myDay.progress.percentInvalid");
      if (fields.minutesSpent) fromServer.minutes = t("myDay.progress.minutesInvalid");
      if (fields.note) fromServer.note = t("myDay.progress.noteTooLong", { count: draft.note.trim().length });
      setErrors(fromServer);
      setOutcome({ kind: "failed", message: t("myDay.progress.failed", { reason: refusalReason(error, t) }) });
      focusFirst(fromServer);
    } finally {
      setBusy(false);
    }
  }

  // A queued update reads "waiting" while it is in the queue, "sent" once it has gone.
  let status = "";
  const waiting = outcome?.kind === "queued" && entries.some((e) => e.id === outcome.entryId);
  if (outcome?.kind === "sent") status = t("myDay.progress.sent", { percent: outcome.percent });
  if (outcome?.kind === "queued") {
    status = waiting ? t("myDay.progress.queued", { percent: outcome.percent }) : t("myDay.progress.sentLater", { percent: outcome.percent });
  }

  const describedBy = (hint: string, error: string, field: Field) => (errors[field] ? `${error} ${hint}` : hint);

  return (
    <form className="md-form md-progress" aria-labelledby={ids.heading} noValidate onSubmit={submit} data-testid="progress-form">
      <h4 id={ids.heading} className="md-form__heading">
        {t("myDay.progress.heading")}
      </h4>
      <div className="md-form__row">
        <div className="field md-field md-field--number">
          <label htmlFor={ids.percent}>{t("myDay.progress.percent")}</label>
          <p id={ids.percentHint} className="md-hint">
            {t("myDay.progress.percentHint", { percent: task.progress })}
          </p>
          {errors.percent && <FieldError id={ids.percentError} text={errors.percent} />}
          <input
            ref={refs.percent}
            id={ids.percent}
            name="percent"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            className="md-input md-input--short"
            value={percentValue}
            aria-invalid={errors.percent ? true : undefined}
            aria-describedby={describedBy(ids.percentHint, ids.percentError, "percent")}
            onChange={(e) => setDraft((d) => ({ ...d, percent: e.target.value }))}
          />
        </div>
        <div className="field md-field md-field--number">
          <label htmlFor={ids.minutes}>{t("myDay.progress.minutes")}</label>
          <p id={ids.minutesHint} className="md-hint">
            {t("myDay.progress.minutesHint")}
          </p>
          {errors.minutes && <FieldError id={ids.minutesError} text={errors.minutes} />}
          <input
            ref={refs.minutes}
            id={ids.minutes}
            name="minutesSpent"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            className="md-input md-input--short"
            value={draft.minutes}
            aria-invalid={errors.minutes ? true : undefined}
            aria-describedby={describedBy(ids.minutesHint, ids.minutesError, "minutes")}
            onChange={(e) => setDraft((d) => ({ ...d, minutes: e.target.value }))}
          />
        </div>
      </div>
      <div className="field md-field">
        <label htmlFor={ids.note}>{t("myDay.progress.note")}</label>
        <p id={ids.noteHint} className="md-hint">
          {t("myDay.progress.noteHint")}
        </p>
        {errors.note && <FieldError id={ids.noteError} text={errors.note} />}
        <textarea
          ref={refs.note}
          id={ids.note}
          name="note"
          rows={2}
          className="md-input md-textarea"
          value={draft.note}
          lang={textLang(draft.note, locale)}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={describedBy(ids.noteHint, ids.noteError, "note")}
          onChange={(e) => setDraft((d) => ({ ...d, note: e.target.value }))}
        />
      </div>
      <div className="md-form__actions">
        <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
          {busy ? t("myDay.action.sending") : t("myDay.progress.submit")}
          <span className="visually-hidden" lang={textLang(task.title, locale)}>
            {t("myDay.paren", { text: task.title })}
          </span>
        </button>
      </div>
      <p role="status" className="md-feedback md-feedback--info" data-testid="progress-status">
        {status && (
          <Icon name={waiting ? "waiting" : "check"} className="md-feedback__icon" />
        )}
        {status}
      </p>
      <div role="alert" className="md-alert-slot">
        {outcome?.kind === "failed" && (
          <p className="form-error">
            <Icon name="warning" className="form-error__icon" />
            {outcome.message}
          </p>
        )}
      </div>
    </form>
  );
}

export function FieldError({ id, text }: { id: string; text: string }) {
  return (
    <p id={id} className="field__error">
      <Icon name="warning" className="form-error__icon" />
      {text}
    </p>
  );
}
