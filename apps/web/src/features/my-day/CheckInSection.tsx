// Today's check-in (体調チェック): a short form until it is sent today, then what was sent with a
// "change" button. Health information: the form says who can see it (the crew member and their
// managers; the server enforces it).
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { CONDITIONS, PLACES, TEXT_LIMITS } from "@crewboard/domain";
import { NoteField } from "./NoteField.tsx";
import { useI18n } from "../../i18n/index.ts";
import { call, type CheckIn, type Condition, type Place, type User } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { refusalReason } from "./actions.ts";
import { textLang } from "../../ui/lang.ts";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { useDraft } from "./drafts.ts";
import { errorId, FieldSet, useFormErrors, type FieldErrors } from "../../ui/Field.tsx";
import { Icon, type IconName } from "../../ui/Icon.tsx";

const CONDITION_ICONS: Record<Condition, IconName> = { good: "good", okay: "okay", tired: "tired", unwell: "unwell" };
type CheckInField = "condition" | "note";
const FIELDS: readonly CheckInField[] = ["condition", "note"];

interface Draft {
  condition: Condition | "";
  note: string;
  /** issue 12: the note is shared with my managers; false = a private diary */
  noteShared: boolean;
  place: Place | "";
}

export function CheckInSection({ user }: { user: User }) {
  const { t, locale } = useI18n();
  const headingId = useId();
  const query = useQuery({
    queryKey: queryKeys.checkIns(),
    queryFn: ({ signal }) => call("listCheckIns", {}, { signal }),
  });
  const mine = query.data?.items.find((c) => c.user.id === user.id);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const summaryRef = useRef<HTMLDivElement>(null);
  const changeRef = useRef<HTMLButtonElement>(null);

  let body;
  if (query.isPending) body = <LoadingNotice />;
  else if (query.isError) body = <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  else if (mine && !editing) {
    body = (
      <div
        ref={summaryRef}
        tabIndex={-1}
        role="group"
        aria-labelledby={`${headingId}-done`}
        className="md-checkin-summary"
        data-testid="check-in-summary"
      >
        <p id={`${headingId}-done`}>{t("myDay.checkIn.done")}</p>
        <ul className="md-checkin-summary__list">
          <li>
            <Icon name={CONDITION_ICONS[mine.condition]} className="icon--before" />
            {t("myDay.checkIn.summaryCondition", { condition: t(`condition.${mine.condition}`) })}
          </li>
          {mine.place && <li>{t("myDay.checkIn.summaryPlace", { place: t(`place.${mine.place}`) })}</li>}
          {mine.note && (
            <li>
              {t("myDay.checkIn.summaryNote")}
              <span lang={textLang(mine.note, locale)}>{mine.note}</span>
              {!mine.noteShared && <> {t("myDay.checkIn.notePrivate")}</>}
            </li>
          )}
        </ul>
        <p className="md-privacy">
          <Icon name="lock" className="icon--before" />
          {t("myDay.checkIn.privacy")}
        </p>
        <button
          ref={changeRef}
          type="button"
          className="button"
          onClick={() => {
            setSaved(false);
            setEditing(true);
          }}
        >
          {t("myDay.checkIn.change")}
        </button>
      </div>
    );
  } else {
    body = (
      <CheckInForm
        user={user}
        current={mine}
        // opened with "Change check-in": the button is gone, so focus goes into the form (issue 9 barrier 6)
        focusOnMount={editing}
        onCancel={
          mine
            ? () => {
                setEditing(false);
                requestAnimationFrame(() => changeRef.current?.focus());
              }
            : undefined
        }
        onSaved={() => {
          setEditing(false);
          setSaved(true);
          // the form (and its button) is replaced by the summary: take the user there
          requestAnimationFrame(() => summaryRef.current?.focus());
        }}
      />
    );
  }

  return (
    <section className="md-section md-checkin" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("myDay.checkIn.heading")}</h2>
      <p role="status" className="md-feedback md-feedback--ok" data-testid="check-in-status">
        {saved && mine && !editing && (
          <>
            <Icon name="check" className="md-feedback__icon" />
            {t("myDay.checkIn.saved")}
          </>
        )}
      </p>
      {body}
    </section>
  );
}

function CheckInForm({
  user,
  current,
  onSaved,
  onCancel,
  focusOnMount = false,
}: {
  user: User;
  current: CheckIn | undefined;
  onSaved: () => void;
  onCancel?: () => void;
  /** move focus to the form's first control (its chosen condition) when it replaces the summary */
  focusOnMount?: boolean;
}) {
  const { t } = useI18n();
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (!focusOnMount) return;
    const form = formRef.current;
    // the chosen condition if there is one, else the first control (a selector list would match in
    // document order, i.e. always the first option)
    (
      form?.querySelector<HTMLElement>("input:checked") ??
      form?.querySelector<HTMLElement>("input, textarea, select, button")
    )?.focus();
    // (on mount only: focus is placed once, when the form replaces the summary)
    // eslint-disable-next-line react-hooks/exhaustive-deps -- on mount only, see above
  }, []);
  const client = useQueryClient();
  const id = useId();
  const defaultPlace: Place | "" = user.workStyle === "home" ? "home" : user.workStyle === "office" ? "office" : "";
  const [draft, setDraft, clearDraft] = useDraft<Draft>(`check-in:${user.id}:${current?.updatedAt ?? "new"}`, () => ({
    condition: current?.condition ?? "",
    note: current?.note ?? "",
    noteShared: current?.noteShared ?? true,
    place: current?.place ?? defaultPlace,
  }));
  const [busy, setBusy] = useState(false);
  const ids = {
    privacy: `${id}-privacy`,
    condition: `${id}-condition`,
    note: `${id}-note`,
    place: `${id}-place`,
  };
  const { errors, show } = useFormErrors(FIELDS, (field) =>
    field === "condition" ? `${ids.condition}-${CONDITIONS[0]}` : ids.note,
  );
  const [failure, setFailure] = useState<string | undefined>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: FieldErrors<CheckInField> = {};
    if (!draft.condition) found.condition = t("myDay.checkIn.conditionRequired");
    const noteLength = draft.note.trim().length;
    if (noteLength > TEXT_LIMITS.checkInNote)
      found.note = t("myDay.checkIn.noteTooLong", { count: noteLength, max: TEXT_LIMITS.checkInNote });
    setFailure(undefined);
    if (show(found)) return;
    setBusy(true);
    try {
      const saved = await call("putMyCheckIn", {
        body: {
          condition: draft.condition as Condition,
          note: draft.note.trim(),
          // an older draft (before issue 12) has no choice: shared, as before
          noteShared: draft.noteShared !== false,
          ...(draft.place ? { place: draft.place } : {}),
        },
      });
      client.setQueryData<{ items: CheckIn[] }>(queryKeys.checkIns(), (data) => ({
        items: [...(data?.items ?? []).filter((c) => c.user.id !== saved.user.id), saved],
      }));
      clearDraft();
      onSaved();
    } catch (error) {
      setFailure(t("myDay.checkIn.failed", { reason: refusalReason(error, t) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      ref={formRef}
      className="md-form md-checkin-form"
      noValidate
      onSubmit={submit}
      aria-describedby={ids.privacy}
      data-testid="check-in-form"
    >
      <p>{t("myDay.checkIn.intro")}</p>
      <p id={ids.privacy} className="md-privacy">
        <Icon name="lock" className="icon--before" />
        {t("myDay.checkIn.privacy")}
      </p>
      <FieldSet
        id={ids.condition}
        role="radiogroup"
        className="md-fieldset"
        legend={t("myDay.checkIn.condition")}
        error={errors.condition}
        need="required"
      >
        <div className="choice-list md-choices">
          {CONDITIONS.map((condition) => (
            <div key={condition} className="choice md-choice">
              <input
                type="radio"
                id={`${ids.condition}-${condition}`}
                name="condition"
                value={condition}
                checked={draft.condition === condition}
                aria-describedby={errors.condition ? errorId(ids.condition) : undefined}
                onChange={() => setDraft((d) => ({ ...d, condition }))}
              />
              <label htmlFor={`${ids.condition}-${condition}`}>
                <Icon name={CONDITION_ICONS[condition]} className="md-choice__icon" />
                {t(`condition.${condition}`)}
              </label>
            </div>
          ))}
        </div>
      </FieldSet>
      <FieldSet id={ids.place} className="md-fieldset" legend={t("myDay.checkIn.place")}>
        <div className="choice-list md-choices">
          {PLACES.map((place) => (
            <div key={place} className="choice md-choice">
              <input
                type="radio"
                id={`${ids.place}-${place}`}
                name="place"
                value={place}
                checked={draft.place === place}
                onChange={() => setDraft((d) => ({ ...d, place }))}
              />
              <label htmlFor={`${ids.place}-${place}`}>{t(`place.${place}`)}</label>
            </div>
          ))}
        </div>
      </FieldSet>
      <NoteField
        id={ids.note}
        name="note"
        label={t("myDay.checkIn.note")}
        hint={t("myDay.checkIn.noteHint")}
        error={errors.note}
        need="optional"
        value={draft.note}
        onChange={(note) => setDraft((d) => ({ ...d, note }))}
      />
      <div className="choice choice--with-hint">
        <input
          id={`${id}-note-shared`}
          type="checkbox"
          name="noteShared"
          checked={draft.noteShared !== false}
          aria-describedby={`${id}-note-shared-hint`}
          onChange={(e) => setDraft((d) => ({ ...d, noteShared: e.target.checked }))}
        />
        <div>
          <label htmlFor={`${id}-note-shared`}>{t("myDay.checkIn.noteShared")}</label>
          <p id={`${id}-note-shared-hint`} className="choice__hint">
            {t("myDay.checkIn.noteSharedHint")}
          </p>
        </div>
      </div>
      <div className="md-form__actions">
        <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
          {busy ? t("myDay.checkIn.sending") : t("myDay.checkIn.submit")}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t("common.cancel")}
          </button>
        )}
      </div>
      <div role="alert" className="md-alert-slot">
        {failure && (
          <p className="form-error">
            <Icon name="warning" className="form-error__icon" />
            {failure}
          </p>
        )}
      </div>
    </form>
  );
}
