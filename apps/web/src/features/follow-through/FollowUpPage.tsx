// One follow-up: what the client said, its steps (each with its author, time and due date), and
// for managers and admins the form of the next step. A client sees received → action taken →
// closed and what they were told, never the internal notes (the server leaves them out).
import { useId, useRef, useState, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { FOLLOW_UP_STEPS_TELLING_THE_CLIENT, mayHandleFollowUps } from "@crewboard/domain";
import { useI18n, type MessageKey } from "../../i18n/index.ts";
import { getFollowUp, recordFollowUpStep, type FollowUp, type FollowUpStepName } from "../../lib/follow-through-api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useSession } from "../../app/session.tsx";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { Icon } from "../../ui/Icon.tsx";
import { textLang } from "../../ui/lang.ts";
import { followThroughPaths } from "./paths.ts";
import "./follow-through.css";

export default function FollowUpPage() {
  const { t } = useI18n();
  const { id = "" } = useParams();
  const followUp = useQuery({
    queryKey: queryKeys.followUps.detail(id),
    queryFn: ({ signal }) => getFollowUp(id, signal),
  });
  return (
    <section className="page fu-page" data-testid="page-follow-up">
      {followUp.data ? <Detail f={followUp.data} /> : <PageHeading title={t("followUps.title")} />}
      {followUp.isPending && <LoadingNotice />}
      {followUp.isError && <ErrorNotice error={followUp.error} onRetry={() => void followUp.refetch()} />}
      <p>
        <Link to={followThroughPaths.followUps}>
          <Icon name="arrowLeft" /> {t("followUps.back")}
        </Link>
      </p>
    </section>
  );
}

function stepLabel(f: FollowUp, step: FollowUpStepName): MessageKey {
  return (f.view === "full" ? `followUps.step.${step}` : `followUps.clientStep.${step}`) as MessageKey;
}

function Detail({ f }: { f: FollowUp }) {
  const { t, tNodes, locale, formatDate } = useI18n();
  const { user } = useSession();
  const stepsId = useId();
  const own = (text: string) => <span lang={textLang(text, locale)}>{text}</span>;
  return (
    <>
      <PageHeading title={t("followUps.detailTitle", { number: `#${f.workOrder.number}` })} />
      <p>
        <Link to={`/work-orders/${encodeURIComponent(f.workOrder.id)}`}>
          {tNodes("followUps.order", { number: `#${f.workOrder.number}`, title: own(f.workOrder.title) })}
        </Link>
      </p>
      <p>{f.owner ? tNodes("followUps.owner", { name: own(f.owner.name) }) : t("followUps.noOwner")}</p>
      {f.overdue && (
        <p className="fu-badge">
          <Icon name="warning" /> {t("followUps.overdueBadge")}
        </p>
      )}
      <section className="fu-said">
        <h2>{t("followUps.clientSaid")}</h2>
        {f.feedback.rating !== null && <p>{t("followUps.rating", { rating: f.feedback.rating })}</p>}
        <blockquote className="quote" lang={textLang(f.feedback.comment, locale)}>
          {f.feedback.comment}
        </blockquote>
        <p>
          {own(f.feedback.author.name)} ·{" "}
          <time dateTime={f.feedback.createdAt}>{formatDate(f.feedback.createdAt, "dateTime")}</time>
        </p>
      </section>
      <section aria-labelledby={stepsId}>
        <h2 id={stepsId}>{t("followUps.steps")}</h2>
        <ol className="fu-steps" data-testid="follow-up-steps">
          {f.steps.map((s) => (
            <li key={s.step} className="fu-step" data-testid={`follow-up-step-${s.step}`}>
              <p className="fu-step__head">
                <Icon name="done" /> {t(stepLabel(f, s.step))}
              </p>
              <p>
                <time dateTime={s.at}>{formatDate(s.at, "weekdayDateTime")}</time> ·{" "}
                {s.author ? own(s.author.name) : t("followUps.stepBySystem")}
                {f.view === "full" && s.dueAt && s.step !== "acknowledged" && (
                  <> · {t("followUps.stepDue", { due: formatDate(s.dueAt, "dateTime") })}</>
                )}
              </p>
              {s.note && <p lang={textLang(s.note, locale)}>{s.note}</p>}
              {s.clientMessage && (
                <p>
                  {t("followUps.stepToClient")} <span lang={textLang(s.clientMessage, locale)}>{s.clientMessage}</span>
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>
      {f.status === "closed" && <p>{t("followUps.closedNote")}</p>}
      {user && mayHandleFollowUps(user) && f.nextStep && <NextStepForm key={f.nextStep} f={f} step={f.nextStep} />}
    </>
  );
}

function NextStepForm({ f, step }: { f: FollowUp; step: FollowUpStepName }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const ids = { heading: useId(), note: useId(), noteError: useId(), message: useId(), messageError: useId() };
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const messageRef = useRef<HTMLTextAreaElement>(null);
  const [note, setNote] = useState("");
  const [clientMessage, setClientMessage] = useState("");
  const [errors, setErrors] = useState<{ note?: string; message?: string; form?: string }>({});
  const [status, setStatus] = useState("");
  const tellsClient = FOLLOW_UP_STEPS_TELLING_THE_CLIENT.includes(step);
  const label = t(`followUps.step.${step}` as MessageKey);
  const save = useMutation({
    mutationFn: (body: { note: string; clientMessage?: string }) =>
      recordFollowUpStep(f.id, { step: step as Exclude<FollowUpStepName, "acknowledged">, ...body }),
    onSuccess: (updated) => {
      queryClient.setQueryData(queryKeys.followUps.detail(f.id), updated);
      void queryClient.invalidateQueries({ queryKey: queryKeys.followUps.all() });
      setStatus(t("followUps.next.saved", { step: label }));
    },
    onError: (error) => setErrors({ form: errorMessage(error, t) }),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    const next: typeof errors = {};
    if (!note.trim()) next.note = t("followUps.next.noteRequired");
    if (tellsClient && !clientMessage.trim()) next.message = t("followUps.next.clientMessageRequired");
    setErrors(next);
    if (next.note) return noteRef.current?.focus();
    if (next.message) return messageRef.current?.focus();
    save.mutate({ note: note.trim(), ...(tellsClient ? { clientMessage: clientMessage.trim() } : {}) });
  }
  return (
    <section aria-labelledby={ids.heading}>
      <h2 id={ids.heading}>{t("followUps.next.heading", { step: label })}</h2>
      <p role="status">{status}</p>
      <form className="fu-form" onSubmit={submit} noValidate data-testid="follow-up-step-form">
        <div>
          <label htmlFor={ids.note}>
            {step === "prevention_note" ? t("followUps.next.notePrevention") : t("followUps.next.note")}
          </label>
          <textarea
            id={ids.note}
            ref={noteRef}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={errors.note ? true : undefined}
            aria-describedby={errors.note ? ids.noteError : undefined}
            maxLength={4000}
          />
          {errors.note && (
            <p id={ids.noteError} className="field-error">
              {errors.note}
            </p>
          )}
        </div>
        {tellsClient && (
          <div>
            <label htmlFor={ids.message}>{t("followUps.next.clientMessage")}</label>
            <textarea
              id={ids.message}
              ref={messageRef}
              value={clientMessage}
              onChange={(e) => setClientMessage(e.target.value)}
              aria-invalid={errors.message ? true : undefined}
              aria-describedby={errors.message ? ids.messageError : undefined}
              maxLength={2000}
            />
            {errors.message && (
              <p id={ids.messageError} className="field-error">
                {errors.message}
              </p>
            )}
          </div>
        )}
        {errors.form && (
          <p role="alert" className="field-error">
            {errors.form}
          </p>
        )}
        <button type="submit" className="button" disabled={save.isPending}>
          {save.isPending ? t("followUps.next.saving") : t("followUps.next.submit", { step: label })}
        </button>
      </form>
    </section>
  );
}
