// Choosing who does a task (issue 10): the crew in the order of the suggestions, each option saying
// their availability today (as the people rules allow: the server sends only what this manager may
// see) and their remaining load against the agreed hours left this week; the chosen person's reasons
// and warnings below; and the whole ranked list with its reasons behind a disclosure. Someone who
// needs an override (unwell today, or for another team's manager not available today) is never
// chosen silently: choosing them shows the warning and asks for an explicit confirmation, which is
// sent as `assigneeOverride` and audited by the server.
import { useId } from "react";
import { useI18n } from "../../i18n/index.ts";
import { Field, NameOptions, errorId, type ErrorText } from "../../ui/Field.tsx";
import type { CrewMember, ResultOf } from "../../lib/api.ts";
import { textLang } from "../../ui/lang.ts";
import { Icon } from "../../ui/Icon.tsx";

export type Suggestion = ResultOf<"listTaskSuggestions">["items"][number];

/** The "today" reason of a suggestion (availability or condition, whichever the viewer may see). */
export function todayText(s: Suggestion): string | undefined {
  return s.reasons.find((r) => r.code.startsWith("today."))?.text;
}

/** Load against the agreed hours left this week, in the UI's words. */
export function useLoadText(): (s: Pick<Suggestion, "load">) => string {
  const { t, formatMinutes } = useI18n();
  return ({ load }) =>
    load.minutesLeftThisWeek === 0
      ? t("board.assign.loadNoHours", { remaining: formatMinutes(load.remainingMinutes) })
      : t(load.over ? "board.assign.loadOver" : "board.assign.load", {
          remaining: formatMinutes(load.remainingMinutes),
          left: formatMinutes(load.minutesLeftThisWeek),
        });
}

/** A suggestion's warnings (first, marked) and its reasons: for the chosen person and in the ranked list. */
function SuggestionWhy({ suggestion }: { suggestion: Pick<Suggestion, "warnings" | "reasons"> }) {
  const { locale } = useI18n();
  return (
    <>
      {suggestion.warnings.length > 0 && (
        <ul className="assign-chooser__warnings">
          {suggestion.warnings.map((w) => (
            <li key={w.code}>
              <Icon name="warning" className="icon--before" />
              <span lang={textLang(w.text, locale)}>{w.text}</span>
            </li>
          ))}
        </ul>
      )}
      <ul className="assign-chooser__reasons">
        {suggestion.reasons.map((r) => (
          <li key={r.code} lang={textLang(r.text, locale)}>
            {r.text}
          </li>
        ))}
      </ul>
    </>
  );
}

/** May the form send this choice? An override choice needs its confirmation. */
export function needsConfirmation(suggestions: readonly Suggestion[] | undefined, assigneeId: string): boolean {
  return !!assigneeId && !!suggestions?.find((s) => s.user.id === assigneeId)?.needsOverride;
}

export function AssigneeChooser({
  id,
  name,
  label,
  emptyLabel,
  suggestions,
  crew,
  crewDetail,
  value,
  override,
  onChange,
  error,
}: {
  id: string;
  name: string;
  label: string;
  emptyLabel: string;
  /** undefined while loading (or when they could not be read): then the plain crew list */
  suggestions: readonly Suggestion[] | undefined;
  crew: CrewMember[];
  crewDetail?: ((person: CrewMember) => string | undefined) | undefined;
  value: string;
  override: boolean;
  onChange: (assigneeId: string, override: boolean) => void;
  error?: ErrorText | undefined;
}) {
  const { t, locale } = useI18n();
  const loadText = useLoadText();
  const uid = useId();
  const chosen = suggestions?.find((s) => s.user.id === value);
  const confirmId = `${uid}-confirm`;
  const detailsId = `${uid}-chosen`;
  const place = (personId: string) => {
    const person = crew.find((c) => c.id === personId);
    return person && crewDetail?.(person);
  };
  const optionText = (s: Suggestion) =>
    [
      `${s.rank}. ${s.user.name}`,
      todayText(s),
      place(s.user.id),
      loadText(s),
      s.needsOverride ? t("board.assign.needsConfirmShort") : undefined,
    ]
      .filter(Boolean)
      .join(" — ");
  // someone assigned who is not among the suggestions (deactivated meanwhile): still shown
  const extra = value && suggestions && !chosen ? crew.filter((c) => c.id === value) : [];

  return (
    <div className="assign-chooser">
      <Field id={id} label={label} error={error} describedBy={chosen ? detailsId : false}>
        {(control) => (
          <select {...control} name={name} value={value} onChange={(e) => onChange(e.target.value, false)}>
            <option value="">{emptyLabel}</option>
            {suggestions ? (
              <>
                {suggestions.map((s) => (
                  <option key={s.user.id} value={s.user.id}>
                    {optionText(s)}
                  </option>
                ))}
                <NameOptions items={extra} />
              </>
            ) : (
              <NameOptions items={crew} detail={crewDetail} />
            )}
          </select>
        )}
      </Field>
      {chosen && (
        <div id={detailsId} className="assign-chooser__chosen">
          <p className="assign-chooser__summary">
            <span lang={textLang(chosen.user.name, locale)}>{chosen.user.name}</span>
            {": "}
            {loadText(chosen)}
          </p>
          <SuggestionWhy suggestion={chosen} />
        </div>
      )}
      {chosen?.needsOverride && (
        <div className="assign-chooser__confirm">
          <input
            type="checkbox"
            id={confirmId}
            name={`${name}.override`}
            checked={override}
            aria-describedby={error ? errorId(id) : undefined}
            onChange={(e) => onChange(value, e.target.checked)}
          />
          <label htmlFor={confirmId}>{t("board.assign.confirm", { name: chosen.user.name })}</label>
        </div>
      )}
      {suggestions && suggestions.length > 0 && (
        <details className="assign-chooser__all">
          <summary>{t("board.assign.why")}</summary>
          <ol className="assign-chooser__list">
            {suggestions.map((s) => (
              <li key={s.user.id}>
                <p className="assign-chooser__name">
                  <span lang={textLang(s.user.name, locale)}>{s.user.name}</span>
                  {s.needsOverride && (
                    <span className="assign-chooser__flag">{t("board.assign.needsConfirmShort")}</span>
                  )}
                </p>
                <p>{loadText(s)}</p>
                <SuggestionWhy suggestion={s} />
                {s.user.id !== value && (
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => {
                      onChange(s.user.id, false);
                      requestAnimationFrame(() => document.getElementById(id)?.focus());
                    }}
                  >
                    {t("board.assign.choose", { name: s.user.name })}
                  </button>
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
