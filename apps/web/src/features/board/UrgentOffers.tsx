// Urgent offers on the board (issue 10): 「急ぎで募集する」 from a task's detail — the suggestions
// with the eligible preselected (someone who needs an override only by ticking them and confirming),
// a deadline — then the offer's live state (asked, declined, taken, expired), and after expiry the
// three choices: assign someone directly, offer it again, or tell the client now. Offers waiting
// for that choice are also listed at the top of the board and announced when they expire.
import { useId, useRef, useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useI18n } from "../../i18n/index.ts";
import { call, type Task, type UrgentOffer } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { offersAwaitingChoiceQuery } from "./board-prefetch.ts";
import { applyUrgentOffer, useLiveEvent } from "../../lib/live.ts";
import { announce } from "../../lib/announcer.tsx";
import { Field, FormAlert } from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";
import { Icon } from "../../ui/Icon.tsx";
import { fromCompanyLocalInput, toCompanyLocalInput } from "./board-model.ts";
import { todayText, useLoadText, type Suggestion } from "./AssigneeChooser.tsx";

/** How many of the suggestions are preselected: the first eligible ones. */
export const PRESELECTED = 5;
/** The default deadline for a yes, from now. */
const DEFAULT_DEADLINE_MINUTES = 30;

const NOT_TODAY = new Set(["today.not_working_day", "today.not_available"]);

/**
 * The eligible suggestions preselected, best first: working today, no override needed, no missing
 * skill (the server's eligibility: qualified, not on leave).
 */
export function preselect(suggestions: readonly Suggestion[]): string[] {
  return suggestions
    .filter(
      (s) =>
        !s.needsOverride &&
        !s.warnings.some((w) => w.code === "missing_skills") &&
        !s.reasons.some((r) => NOT_TODAY.has(r.code)),
    )
    .slice(0, PRESELECTED)
    .map((s) => s.user.id);
}

const newDeadline = () => toCompanyLocalInput(new Date(Date.now() + DEFAULT_DEADLINE_MINUTES * 60_000).toISOString());

/** The offers of a task (newest first), live. */
export function useTaskOffers(taskId: string) {
  return useQuery({
    queryKey: queryKeys.urgentOffers.list({ taskId }),
    queryFn: ({ signal }) => call("listUrgentOffers", { query: { taskId } }, { signal }),
  });
}

/** In a task's detail: its latest offer's state, or 「急ぎで募集する」 with the form. */
export function TaskOffers({ task, onAssignDirectly }: { task: Task; onAssignDirectly: () => void }) {
  const { t } = useI18n();
  const offers = useTaskOffers(task.id);
  const [recruiting, setRecruiting] = useState(false);
  const latest = offers.data?.items[0];
  const offerable = !task.assignee && (task.status === "todo" || task.status === "blocked");
  const headingId = useId();
  const toggle = useRef<HTMLButtonElement>(null);
  return (
    <section className="urgent-offers" aria-labelledby={headingId} data-testid="task-offers">
      <h3 id={headingId} className="board-detail__heading">
        {t("board.offer.heading")}
      </h3>
      {latest && <OfferState offer={latest} onAssignDirectly={onAssignDirectly} />}
      {!recruiting && offerable && (!latest || latest.status !== "open") && !latest?.awaitingManager && (
        <button type="button" className="button button--secondary" ref={toggle} onClick={() => setRecruiting(true)}>
          <Icon name="urgent" className="icon--before" />
          {t("board.offer.recruit")}
        </button>
      )}
      {recruiting && (
        <RecruitForm
          task={task}
          onDone={() => {
            setRecruiting(false);
          }}
          onCancel={() => {
            setRecruiting(false);
            requestAnimationFrame(() => toggle.current?.focus());
          }}
        />
      )}
    </section>
  );
}

function RecruitForm({ task, onDone, onCancel }: { task: Task; onDone: () => void; onCancel: () => void }) {
  const { t, locale } = useI18n();
  const id = useId();
  const queryClient = useQueryClient();
  const loadText = useLoadText();
  const suggestions = useQuery({
    queryKey: ["dispatch", "task-suggestions", task.id] as const,
    queryFn: ({ signal }) => call("listTaskSuggestions", { params: { id: task.id } }, { signal }),
  });
  const items = suggestions.data?.items;
  const [chosen, setChosen] = useState<string[] | undefined>(undefined);
  const selected = chosen ?? (items ? preselect(items) : []);
  const [override, setOverride] = useState(false);
  const [deadline, setDeadline] = useState(newDeadline);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const alertRef = useRef<HTMLDivElement>(null);
  const needsOverride = (items ?? []).filter((s) => s.needsOverride && selected.includes(s.user.id));

  const toggle = (personId: string, on: boolean) =>
    setChosen(on ? [...selected, personId] : selected.filter((x) => x !== personId));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const expiresAt = fromCompanyLocalInput(deadline);
    const problem =
      selected.length === 0
        ? t("board.offer.nobodyChosen")
        : !expiresAt || new Date(expiresAt).getTime() <= Date.now()
          ? t("board.offer.deadlineInvalid")
          : needsOverride.length > 0 && !override
            ? t("board.offer.overrideRequired")
            : undefined;
    if (problem) {
      setError(problem);
      requestAnimationFrame(() => alertRef.current?.focus());
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const offer = await call("createUrgentOffer", {
        body: { taskId: task.id, crewIds: selected, expiresAt: expiresAt!, override: needsOverride.length > 0 },
      });
      applyUrgentOffer(queryClient, offer);
      announce(t("board.offer.sent", { count: offer.recipients.length }), { important: true });
      onDone();
    } catch (caught) {
      setError(errorMessage(caught, t));
      requestAnimationFrame(() => alertRef.current?.focus());
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form urgent-offers__form" onSubmit={submit} noValidate data-testid="recruit-form">
      <FormAlert ref={alertRef} message={error} />
      <fieldset className="fieldset">
        <legend>{t("board.offer.whom")}</legend>
        <p className="board-hint">{t("board.offer.whomHint")}</p>
        {!items && !suggestions.isError && <p role="status">{t("app.loading")}</p>}
        {suggestions.isError && <p>{t("board.assign.suggestionsFailed")}</p>}
        <ul className="urgent-offers__people">
          {items?.map((s) => (
            <li key={s.user.id}>
              <input
                type="checkbox"
                id={`${id}-${s.user.id}`}
                name="crewIds"
                value={s.user.id}
                checked={selected.includes(s.user.id)}
                aria-describedby={`${id}-${s.user.id}-about`}
                onChange={(e) => toggle(s.user.id, e.target.checked)}
              />
              <label htmlFor={`${id}-${s.user.id}`}>
                <span lang={textLang(s.user.name, locale)}>{s.user.name}</span>
                {s.needsOverride && <span className="assign-chooser__flag">{t("board.assign.needsConfirmShort")}</span>}
              </label>
              <p id={`${id}-${s.user.id}-about`} className="urgent-offers__about">
                {[todayText(s), loadText(s), ...s.warnings.map((w) => w.text)].filter(Boolean).join(" — ")}
              </p>
            </li>
          ))}
        </ul>
      </fieldset>
      {needsOverride.length > 0 && (
        <div className="assign-chooser__confirm">
          <input
            type="checkbox"
            id={`${id}-override`}
            checked={override}
            onChange={(e) => setOverride(e.target.checked)}
          />
          <label htmlFor={`${id}-override`}>
            {t("board.offer.override", { names: needsOverride.map((s) => s.user.name).join("、") })}
          </label>
        </div>
      )}
      <Field id={`${id}-deadline`} label={t("board.offer.deadline")} hint={t("board.offer.deadlineHint")}>
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            name="expiresAt"
            value={deadline}
            onChange={(e) => setDeadline(e.target.value)}
          />
        )}
      </Field>
      <div className="board-form__actions">
        <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
          {busy ? t("board.saving") : t("board.offer.send", { count: selected.length })}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

/** An offer as it stands: who was asked and what they said, taken, or expired with the three choices. */
export function OfferState({ offer, onAssignDirectly }: { offer: UrgentOffer; onAssignDirectly?: () => void }) {
  const { t, locale, formatDate } = useI18n();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | undefined>();
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const declined = offer.recipients.filter((r) => r.response === "declined").length;
  const person = (name: string) => <span lang={textLang(name, locale)}>{name}</span>;

  async function act(kind: "reoffer" | "tell") {
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      const result =
        kind === "reoffer"
          ? await call("reofferUrgentOffer", {
              params: { id: offer.id },
              body: { expiresAt: fromCompanyLocalInput(newDeadline())! },
            })
          : await call("tellClientUrgentOffer", { params: { id: offer.id } });
      applyUrgentOffer(queryClient, result);
      setStatus(kind === "reoffer" ? t("board.offer.reoffered") : t("board.offer.told"));
      if (kind === "reoffer") void queryClient.invalidateQueries({ queryKey: queryKeys.urgentOffers.all() });
    } catch (caught) {
      setError(errorMessage(caught, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className={`urgent-offer urgent-offer--${offer.status}`} data-testid="offer-state" data-status={offer.status}>
      <p className="urgent-offer__status">
        <Icon
          name={offer.status === "open" ? "waiting" : offer.status === "taken" ? "check" : "warning"}
          className="icon--before"
        />
        {offer.status === "open" &&
          t("board.offer.state.open", {
            asked: offer.recipients.length,
            declined,
            deadline: formatDate(offer.deadlineAt, "dateTime"),
          })}
        {offer.status === "taken" && offer.takenBy && <>{t("board.offer.state.taken", { name: offer.takenBy.name })}</>}
        {offer.status === "expired" && t("board.offer.state.expired", { asked: offer.recipients.length, declined })}
        {offer.status === "cancelled" && t("board.offer.state.cancelled")}
      </p>
      <ul className="urgent-offer__recipients">
        {offer.recipients.map((r) => (
          <li key={r.user.id}>
            {person(r.user.name)}
            {"："}
            {t(
              r.response === "accepted"
                ? "board.offer.answer.accepted"
                : r.response === "declined"
                  ? "board.offer.answer.declined"
                  : "board.offer.answer.none",
            )}
          </li>
        ))}
      </ul>
      {offer.clientToldAt && <p>{t("board.offer.clientTold", { when: formatDate(offer.clientToldAt, "dateTime") })}</p>}
      {offer.awaitingManager && (
        <div className="urgent-offer__choices">
          <p>
            {offer.clientNoticeDueAt
              ? t("board.offer.choose", { when: formatDate(offer.clientNoticeDueAt, "time") })
              : t("board.offer.chooseNow")}
          </p>
          <div className="board-form__actions">
            {onAssignDirectly && (
              <button type="button" className="button button--secondary" onClick={onAssignDirectly}>
                {t("board.offer.assignDirectly")}
              </button>
            )}
            <button type="button" className="button button--secondary" onClick={() => void act("reoffer")}>
              {t("board.offer.reoffer")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => void act("tell")}>
              {t("board.offer.tellClient")}
            </button>
          </div>
        </div>
      )}
      <FormAlert message={error} />
      <p className="form__status" role="status">
        {status}
      </p>
    </div>
  );
}

/** The top of the board: offers nobody took, waiting for the manager's choice; announced as they expire. */
export function OffersAwaitingChoice({ onOpenTask }: { onOpenTask: (taskId: string) => void }) {
  const { t, locale } = useI18n();
  const offers = useQuery(offersAwaitingChoiceQuery());
  useLiveEvent(["urgent_offer:updated"], (event, { replayed }) => {
    if (replayed || !event.data.awaitingManager) return;
    announce(t("board.offer.expiredAnnounce", { title: event.data.task.title }), { important: true });
  });
  const items = offers.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <section className="board-section urgent-offers__waiting" aria-labelledby="offers-waiting-heading">
      <h2 id="offers-waiting-heading">{t("board.offer.waitingHeading")}</h2>
      <ul className="urgent-offers__list">
        {items.map((offer) => (
          <li key={offer.id}>
            <h3 lang={textLang(offer.task.title, locale)}>{offer.task.title}</h3>
            <OfferState offer={offer} onAssignDirectly={() => onOpenTask(offer.task.id)} />
          </li>
        ))}
      </ul>
    </section>
  );
}
