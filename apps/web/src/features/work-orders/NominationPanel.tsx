// The manager's side of a client's nomination (issue 10): the nominee with today's availability
// (as the people rules allow: the server's suggestions say only what this manager may see), their
// load against the agreed hours left this week and their skills; then the answer — honour it, or
// decline the nomination (not the order) with a reason in plain words the client reads, maybe
// offering someone else. The client hears at once (work_order:nomination_answered).
import { useId, useState, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { TEXT_LIMITS, skillWords, mayAnswerNominationOf } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import { call, ApiError, type WorkOrder } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { Field, FieldSet, FormAlert } from "../../ui/Field.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";
import { Icon } from "../../ui/Icon.tsx";
import { todayText, useLoadText, type Suggestion } from "../board/AssigneeChooser.tsx";

export function NominationPanel({ order }: { order: WorkOrder }) {
  const { t, locale } = useI18n();
  const nominee = order.nominatedCrew;
  const suggestions = useQuery({
    queryKey: ["dispatch", "order-suggestions", order.id] as const,
    queryFn: ({ signal }) => call("listWorkOrderSuggestions", { params: { id: order.id }, query: {} }, { signal }),
    enabled: nominee !== null,
  });
  const profile = useQuery({
    queryKey: ["dispatch", "work-profile", nominee?.id ?? ""] as const,
    queryFn: ({ signal }) => call("getWorkProfile", { params: { id: nominee!.id } }, { signal }),
    enabled: nominee !== null,
  });
  const loadText = useLoadText();
  if (!nominee) return null;
  const entry = suggestions.data?.items.find((s) => s.user.id === nominee.id);
  const today = entry && todayText(entry);
  const open = mayAnswerNominationOf({ status: order.status, nominatedCrewId: nominee.id });

  return (
    <div className="nomination-panel" data-testid="nomination-panel">
      <h3>{t("workOrder.nominationPanel.heading")}</h3>
      <dl className="wo-facts">
        <div>
          <dt>{t("workOrder.nominationPanel.nominee")}</dt>
          <dd lang={textLang(nominee.name, locale)}>{nominee.name}</dd>
        </div>
        <div>
          <dt>{t("workOrder.nominationPanel.today")}</dt>
          <dd>
            {today ? <span lang={textLang(today, locale)}>{today}</span> : suggestions.isError ? "—" : "…"}
            {entry?.warnings.map((w) => (
              <span key={w.code} className="nomination-panel__warning">
                <Icon name="warning" className="icon--before" />
                <span lang={textLang(w.text, locale)}>{w.text}</span>
              </span>
            ))}
          </dd>
        </div>
        <div>
          <dt>{t("workOrder.nominationPanel.load")}</dt>
          <dd>{profile.data ? loadText(profile.data) : profile.isError ? "—" : "…"}</dd>
        </div>
        <div>
          <dt>{t("workOrder.nominationPanel.skills")}</dt>
          <dd>
            {profile.data
              ? profile.data.skills.length
                ? skillWords(profile.data.skills.join(","), locale)
                : t("common.none")
              : profile.isError
                ? "—"
                : "…"}
          </dd>
        </div>
      </dl>
      {open && <AnswerForm order={order} nomineeName={nominee.name} suggestions={suggestions.data?.items} />}
    </div>
  );
}

function AnswerForm({
  order,
  nomineeName,
  suggestions,
}: {
  order: WorkOrder;
  nomineeName: string;
  suggestions: readonly Suggestion[] | undefined;
}) {
  const { t, locale } = useI18n();
  const id = useId();
  const queryClient = useQueryClient();
  const loadText = useLoadText();
  const current = order.nominationAnswer;
  const [answer, setAnswer] = useState<"honoured" | "declined">(current?.answer ?? "honoured");
  const [reason, setReason] = useState(current?.answer === "declined" ? (current.reason ?? "") : "");
  const [alternative, setAlternative] = useState(current?.alternative?.id ?? "");
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | undefined>();
  const [status, setStatus] = useState("");
  const [busy, setBusy] = useState(false);
  const reasonId = `${id}-reason`;
  const others = (suggestions ?? []).filter((s) => s.user.id !== order.nominatedCrew?.id);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setFormError(undefined);
    setStatus("");
    if (answer === "declined" && !reason.trim()) {
      setReasonError(t("workOrder.nominationPanel.reasonRequired"));
      document.getElementById(reasonId)?.focus();
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    try {
      const saved = await call("answerNomination", {
        params: { id: order.id },
        body:
          answer === "honoured"
            ? { answer }
            : { answer, reason: reason.trim(), ...(alternative ? { alternativeCrewId: alternative } : {}) },
      });
      queryClient.setQueryData(queryKeys.workOrders.detail(order.id), saved);
      setStatus(
        t(answer === "honoured" ? "workOrder.nominationPanel.sentHonoured" : "workOrder.nominationPanel.sentDeclined", {
          name: nomineeName,
        }),
      );
    } catch (error) {
      if (error instanceof ApiError && error.fieldErrors()["reason"]) {
        setReasonError(t("workOrder.nominationPanel.reasonRequired"));
      }
      setFormError(errorMessage(error, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="form nomination-panel__form" onSubmit={submit} noValidate>
      <FormAlert message={formError} />
      <FieldSet id={`${id}-answer`} legend={t("workOrder.nominationPanel.answer")}>
        <div className="choice">
          <input
            type="radio"
            id={`${id}-honoured`}
            name="answer"
            value="honoured"
            checked={answer === "honoured"}
            onChange={() => setAnswer("honoured")}
          />
          <label htmlFor={`${id}-honoured`}>{t("workOrder.nominationPanel.honour", { name: nomineeName })}</label>
        </div>
        <div className="choice">
          <input
            type="radio"
            id={`${id}-declined`}
            name="answer"
            value="declined"
            checked={answer === "declined"}
            onChange={() => setAnswer("declined")}
          />
          <label htmlFor={`${id}-declined`}>{t("workOrder.nominationPanel.decline", { name: nomineeName })}</label>
        </div>
      </FieldSet>
      {answer === "declined" && (
        <>
          <Field
            id={reasonId}
            label={t("workOrder.nominationPanel.reason")}
            hint={t("workOrder.nominationPanel.reasonHint")}
            error={reasonError}
            need="required"
          >
            {(control) => (
              <textarea
                {...control}
                name="reason"
                rows={3}
                maxLength={TEXT_LIMITS.declineReason}
                value={reason}
                lang={reason ? textLang(reason, locale) : undefined}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </Field>
          <Field
            id={`${id}-alternative`}
            label={t("workOrder.nominationPanel.alternative")}
            hint={t("workOrder.nominationPanel.alternativeHint")}
            need="optional"
          >
            {(control) => (
              <select
                {...control}
                name="alternativeCrewId"
                value={alternative}
                onChange={(e) => setAlternative(e.target.value)}
              >
                <option value="">{t("workOrder.nominationPanel.noAlternative")}</option>
                {others.map((s) => (
                  <option key={s.user.id} value={s.user.id}>
                    {[s.user.name, todayText(s), loadText(s)].filter(Boolean).join(" — ")}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </>
      )}
      <div className="form__actions">
        <button type="submit" className="button button--primary" aria-disabled={busy || undefined}>
          {busy ? t("workOrder.nominationPanel.sending") : t("workOrder.nominationPanel.send")}
        </button>
      </div>
      <p className="form__status" role="status" data-testid="nomination-status">
        {status}
      </p>
    </form>
  );
}
