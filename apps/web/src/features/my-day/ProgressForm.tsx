// Log progress on one task in three steps or fewer: the percent (prefilled with where the task
// is), a note, the minutes — then Enter or the button. Sent through the offline queue: without a
// connection it is kept and shown as "waiting to be sent", and goes once when the connection is
// back. Errors name the field and how to fix it, are tied to it with aria-describedby, and
// nothing typed is lost.
import { useId, useState, type FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { PROGRESS_MAX, PROGRESS_MIN, PROGRESS_MINUTES_MAX, TEXT_LIMITS } from "@crewboard/domain";
import { NoteField } from "./NoteField.tsx";
import { useI18n } from "../../i18n/index.ts";
import { Field, useFormErrors, type FieldErrors } from "../../ui/Field.tsx";
import { ApiError, type Task } from "../../lib/api.ts";
import type { QueueEntry } from "../../lib/offline-queue.ts";
import { textLang } from "../../ui/lang.ts";
import { refusalReason, sendProgress } from "./actions.ts";
import { useDraft } from "./drafts.ts";
import { Icon } from "../../ui/Icon.tsx";

type ProgressField = "percent" | "note" | "minutes";
const FIELDS: readonly ProgressField[] = ["percent", "note", "minutes"];
type Errors = FieldErrors<ProgressField, string>;

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

/** Half-width digits from what a phone keyboard or an IME may give ("４５" → "45"). */
function normalizeDigits(value: string): string {
  return value.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).trim();
}

export function ProgressForm({
  task,
  userId,
  entries,
}: {
  task: Task;
  userId: string;
  entries: readonly QueueEntry[];
}) {
  const { t, locale } = useI18n();
  const client = useQueryClient();
  const id = useId();
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`progress:${task.id}`, () => ({
    percent: null,
    note: "",
    minutes: "",
  }));
  const ids = { heading: `${id}-heading`, percent: `${id}-percent`, note: `${id}-note`, minutes: `${id}-minutes` };
  const { errors, show } = useFormErrors(FIELDS, (field) => ids[field]);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const [busy, setBusy] = useState(false);

  const percentValue = draft.percent ?? String(task.progress);
  const percentInvalid = t("myDay.progress.percentInvalid", { min: PROGRESS_MIN, max: PROGRESS_MAX });
  const minutesInvalid = t("myDay.progress.minutesInvalid", { max: PROGRESS_MINUTES_MAX });
  const noteTooLong = (length: number) =>
    t("myDay.progress.noteTooLong", { count: length, max: TEXT_LIMITS.progressNote });

  function validate(): { errors: Errors; percent: number; minutes: number } {
    const found: Errors = {};
    const percentText = normalizeDigits(percentValue).replace(/%$/, "");
    const percent = Number(percentText);
    if (!/^\d+$/.test(percentText) || percent < PROGRESS_MIN || percent > PROGRESS_MAX) found.percent = percentInvalid;
    const minutesText = normalizeDigits(draft.minutes);
    const minutes = minutesText === "" ? 0 : Number(minutesText);
    if (minutesText !== "" && (!/^\d+$/.test(minutesText) || minutes > PROGRESS_MINUTES_MAX))
      found.minutes = minutesInvalid;
    const noteLength = draft.note.trim().length;
    if (noteLength > TEXT_LIMITS.progressNote) found.note = noteTooLong(noteLength);
    return { errors: found, percent, minutes };
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const checked = validate();
    if (show(checked.errors)) {
      setOutcome(undefined);
      return;
    }
    setBusy(true);
    setOutcome(undefined);
    try {
      const result = await sendProgress(client, userId, task, {
        percent: checked.percent,
        note: draft.note.trim(),
        minutesSpent: checked.minutes,
      });
      // Sent or safely kept in the queue: the form starts again from the task's new state.
      setDraft({ percent: null, note: "", minutes: "" });
      clearDraft();
      setOutcome(
        result.status === "sent"
          ? { kind: "sent", percent: checked.percent }
          : { kind: "queued", percent: checked.percent, entryId: result.entry.id },
      );
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors() : {};
      const fromServer: Errors = {};
      if (fields.percent) fromServer.percent = percentInvalid;
      if (fields.minutesSpent) fromServer.minutes = minutesInvalid;
      if (fields.note) fromServer.note = noteTooLong(draft.note.trim().length);
      setOutcome({ kind: "failed", message: t("myDay.progress.failed", { reason: refusalReason(error, t) }) });
      show(fromServer);
    } finally {
      setBusy(false);
    }
  }

  // A queued update reads "waiting" while it is in the queue, "sent" once it has gone.
  let status = "";
  const waiting = outcome?.kind === "queued" && entries.some((e) => e.id === outcome.entryId);
  if (outcome?.kind === "sent") status = t("myDay.progress.sent", { percent: outcome.percent });
  if (outcome?.kind === "queued") {
    status = waiting
      ? t("myDay.progress.queued", { percent: outcome.percent })
      : t("myDay.progress.sentLater", { percent: outcome.percent });
  }

  return (
    <form
      className="md-form md-progress"
      aria-labelledby={ids.heading}
      noValidate
      onSubmit={submit}
      data-testid="progress-form"
    >
      <h4 id={ids.heading} className="md-form__heading">
        {t("myDay.progress.heading")}
      </h4>
      <div className="md-form__row">
        <Field
          id={ids.percent}
          className="md-field md-field--number"
          label={t("myDay.progress.percent")}
          hint={t("myDay.progress.percentHint", { percent: task.progress, min: PROGRESS_MIN, max: PROGRESS_MAX })}
          error={errors.percent}
        >
          {(control) => (
            <input
              {...control}
              name="percent"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              className="md-input md-input--short"
              value={percentValue}
              onChange={(e) => setDraft((d) => ({ ...d, percent: e.target.value }))}
            />
          )}
        </Field>
        <Field
          id={ids.minutes}
          className="md-field md-field--number"
          label={t("myDay.progress.minutes")}
          hint={t("myDay.progress.minutesHint")}
          error={errors.minutes}
        >
          {(control) => (
            <input
              {...control}
              name="minutesSpent"
              type="text"
              inputMode="numeric"
              autoComplete="off"
              className="md-input md-input--short"
              value={draft.minutes}
              onChange={(e) => setDraft((d) => ({ ...d, minutes: e.target.value }))}
            />
          )}
        </Field>
      </div>
      <NoteField
        id={ids.note}
        name="note"
        label={t("myDay.progress.note")}
        hint={t("myDay.progress.noteHint")}
        error={errors.note}
        need="optional"
        value={draft.note}
        onChange={(note) => setDraft((d) => ({ ...d, note }))}
      />
      <div className="md-form__actions">
        <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
          {busy ? t("myDay.action.sending") : t("myDay.progress.submit")}
          <span className="visually-hidden" lang={textLang(task.title, locale)}>
            {t("myDay.paren", { text: task.title })}
          </span>
        </button>
      </div>
      <p role="status" className="md-feedback md-feedback--info" data-testid="progress-status">
        {status && <Icon name={waiting ? "waiting" : "check"} className="md-feedback__icon" />}
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
