// 「ご意見・ご不満」: any client, on any order. It opens a follow-up; the client is thanked at once
// and can follow how it is handled. The same form sends praise, which reaches the crew by name.
import { useId, useRef, useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useI18n } from "../../i18n/index.ts";
import { call } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { newId } from "../../lib/ids.ts";
import { errorMessage } from "../../ui/errors.ts";
import { followThroughPaths } from "./paths.ts";

export function ComplaintForm({ workOrderId }: { workOrderId: string }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const ids = { heading: useId(), text: useId(), error: useId(), tone: useId() };
  const [tone, setTone] = useState<"complaint" | "praise">("complaint");
  const [sentTone, setSentTone] = useState<"complaint" | "praise">("complaint");
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  const [sent, setSent] = useState(false);
  const [key, setKey] = useState(() => newId());
  const send = useMutation({
    mutationFn: (vars: { tone: "complaint" | "praise"; comment: string; key: string }) =>
      call(
        "createFeedback",
        { params: { id: workOrderId }, body: { verdict: "comment", tone: vars.tone, comment: vars.comment } },
        { idempotencyKey: vars.key },
      ),
    onSuccess: (_feedback, vars) => {
      setSent(true);
      setSentTone(vars.tone);
      setText("");
      setKey(newId());
      void queryClient.invalidateQueries({ queryKey: queryKeys.workOrders.feedback(workOrderId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.followUps.all() });
    },
    onError: (e) => setError(errorMessage(e, t)),
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    setSent(false);
    if (!text.trim()) {
      setError(t("followUps.complaint.required"));
      ref.current?.focus();
      return;
    }
    setError("");
    send.mutate({ tone, comment: text.trim(), key });
  }
  return (
    <section className="wo-section complaint" aria-labelledby={ids.heading} data-testid="complaint-form">
      <h2 id={ids.heading}>{t("followUps.complaint.heading")}</h2>
      <p>{t("followUps.complaint.intro")}</p>
      <form className="fu-form" onSubmit={submit} noValidate>
        <fieldset className="fu-filter">
          <legend>{t("followUps.complaint.kind")}</legend>
          {(["complaint", "praise"] as const).map((value) => (
            <label key={value}>
              <input
                type="radio"
                name={ids.tone}
                value={value}
                checked={tone === value}
                onChange={() => setTone(value)}
              />{" "}
              {t(`followUps.complaint.kind.${value}`)}
            </label>
          ))}
        </fieldset>
        <label htmlFor={ids.text}>
          {tone === "praise" ? t("followUps.complaint.labelPraise") : t("followUps.complaint.label")}
        </label>
        <textarea
          id={ids.text}
          ref={ref}
          value={text}
          onChange={(e) => setText(e.target.value)}
          maxLength={4000}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? ids.error : undefined}
        />
        {error && (
          <p id={ids.error} className="field-error">
            {error}
          </p>
        )}
        <button type="submit" className="button button--secondary" disabled={send.isPending}>
          {send.isPending ? t("followUps.complaint.sending") : t("followUps.complaint.submit")}
        </button>
      </form>
      <p role="status">
        {sent && sentTone === "praise" && t("followUps.complaint.sentPraise")}
        {sent && sentTone === "complaint" && (
          <>
            {t("followUps.complaint.sent")}{" "}
            <Link to={followThroughPaths.followUps}>{t("followUps.complaint.see")}</Link>
          </>
        )}
      </p>
    </section>
  );
}
