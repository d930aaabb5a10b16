// Feedback: the history (everyone who may see the order reads it: crew see the praise), and for
// the client, once the order is delivered, the review form — accept with an optional rating
// (1–5, radio buttons with words, not stars alone) and comment, or request a revision (a
// comment is required).
import { useState, type FormEvent } from "react";
import { useQueryClient, type QueryClient, type UseQueryResult } from "@tanstack/react-query";
import { RATING_MAX, RATING_MIN, TEXT_LIMITS } from "@crewboard/domain";
import { useI18n, type MessageKey } from "../../i18n/index.ts";
import { call, ApiError, type Deliverable, type Feedback, type WorkOrder } from "../../lib/api.ts";
import { newId } from "../../lib/ids.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";
import { Field, FieldSet, FormAlert, useFormErrors, type FieldErrors, type FieldMessage } from "../../ui/Field.tsx";
import { Icon, type IconName } from "../../ui/Icon.tsx";

const RATINGS = [5, 4, 3, 2, 1] as const;
type Rating = (typeof RATINGS)[number];
const ratingLabel = (rating: number): MessageKey =>
  `workOrder.rating.${Math.min(RATING_MAX, Math.max(RATING_MIN, rating)) as Rating}`;

const VERDICT_ICONS: Record<Feedback["verdict"], IconName> = {
  accept: "check",
  request_revision: "undo",
  comment: "edit",
};

/** ★★★★☆ as drawn stars (the words beside say the rating). */
function Stars({ rating }: { rating: number }) {
  return (
    <span aria-hidden="true" className="wo-feedback__stars">
      {[1, 2, 3, 4, 5].map((n) => (
        <Icon key={n} name="star" filled={n <= rating} />
      ))}
    </span>
  );
}

export function addFeedbackToCache(client: QueryClient, feedback: Feedback): void {
  client.setQueryData<{ items: Feedback[] }>(queryKeys.workOrders.feedback(feedback.workOrderId), (data) =>
    !data || data.items.some((f) => f.id === feedback.id) ? data : { ...data, items: [...data.items, feedback] },
  );
}

export function FeedbackHistory({
  feedback,
  deliverables = [],
}: {
  feedback: UseQueryResult<{ items: Feedback[] }>;
  deliverables?: readonly Deliverable[];
}) {
  const { t, locale, formatDate } = useI18n();
  if (feedback.isPending) return <LoadingNotice />;
  if (!feedback.data) return <ErrorNotice error={feedback.error} onRetry={() => void feedback.refetch()} />;
  const items = feedback.data.items;
  if (items.length === 0) return <p className="notice">{t("workOrder.feedbackEmpty")}</p>;
  return (
    <ul className="wo-list" aria-labelledby="wo-feedback">
      {items.map((f) => (
        <li key={f.id} className={`wo-list__item wo-feedback wo-feedback--${f.verdict}`} data-testid="wo-feedback-item">
          <p className="wo-list__title">
            <Icon name={VERDICT_ICONS[f.verdict]} className="icon--before" />
            {t(`workOrder.verdict.${f.verdict}`)}
          </p>
          {f.rating !== null && (
            <p className="wo-feedback__rating">
              <Stars rating={f.rating} />{" "}
              {t("workOrder.feedback.rating", { rating: f.rating, label: t(ratingLabel(f.rating)) })}
            </p>
          )}
          {f.deliverableId && deliverables.some((d) => d.id === f.deliverableId) && (
            <p>
              {t("workOrder.feedback.linkedDeliverable", {
                title: deliverables.find((d) => d.id === f.deliverableId)!.title,
              })}
            </p>
          )}
          {f.comment && (
            <blockquote className="quote preserve-lines" lang={textLang(f.comment, locale)}>
              {f.comment}
            </blockquote>
          )}
          <p className="wo-list__meta">
            {t("workOrder.feedback.by", { name: f.author.name, date: formatDate(f.createdAt, "dateTime") })}
          </p>
        </li>
      ))}
    </ul>
  );
}

type ReviewField = "verdict" | "rating" | "comment";
const REVIEW_FIELDS: readonly ReviewField[] = ["verdict", "rating", "comment"];
const IDS: Record<ReviewField, string> = {
  verdict: "review-verdict-accept",
  rating: "review-rating-5",
  comment: "review-comment",
};
const focusTarget = (field: ReviewField) => IDS[field];
const tooLong: FieldMessage = {
  key: "workOrder.review.error.commentTooLong",
  vars: { max: TEXT_LIMITS.feedbackComment },
};

/** The client's review of a delivered order. `onSent` gets the feedback the server stored. */
export function ReviewForm({ order, onSent }: { order: WorkOrder; onSent: (feedback: Feedback) => void }) {
  const { t, tn } = useI18n();
  const queryClient = useQueryClient();
  const [verdict, setVerdict] = useState<"" | "accept" | "request_revision">("");
  const [rating, setRating] = useState<"" | `${Rating}`>("");
  const [comment, setComment] = useState("");
  const { errors, formError, show, summary: summaryOf } = useFormErrors(REVIEW_FIELDS, focusTarget);
  const [submitting, setSubmitting] = useState(false);
  const [idempotencyKey] = useState(newId);
  const revision = verdict === "request_revision";

  function validate(): FieldErrors<ReviewField> {
    const found: FieldErrors<ReviewField> = {};
    if (!verdict) found.verdict = { key: "workOrder.review.error.verdict" };
    if (revision && !comment.trim()) found.comment = { key: "workOrder.review.error.comment" };
    if (comment.trim().length > TEXT_LIMITS.feedbackComment) found.comment = tooLong;
    return found;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting || show(validate())) return;
    setSubmitting(true);
    try {
      const body = {
        verdict: verdict as "accept" | "request_revision",
        comment: comment.trim(),
        ...(verdict === "accept" && rating ? { rating: Number(rating) } : {}),
      };
      const created = await call("createFeedback", { params: { id: order.id }, body }, { idempotencyKey });
      addFeedbackToCache(queryClient, created);
      void queryClient.invalidateQueries({ queryKey: queryKeys.workOrders.detail(order.id) });
      onSent(created);
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiError && error.status === 400) {
        const fields = error.fieldErrors();
        const mapped: FieldErrors<ReviewField> = {};
        if (fields.comment) mapped.comment = comment.trim() ? tooLong : { key: "workOrder.review.error.comment" };
        if (fields.rating) mapped.rating = { key: "workOrder.review.error.rating" };
        if (fields.verdict) mapped.verdict = { key: "workOrder.review.error.verdict" };
        show(mapped, Object.keys(mapped).length === 0 ? t("error.validation") : undefined);
      } else if (error instanceof ApiError && error.status === 409) {
        void queryClient.invalidateQueries({ queryKey: queryKeys.workOrders.detail(order.id) });
        show({}, t("error.conflict"));
      } else {
        show({}, errorMessage(error, t));
      }
      return;
    }
    setSubmitting(false);
  }

  const labels: Record<ReviewField, string> = {
    verdict: t("workOrder.review.decision"),
    rating: t("workOrder.review.rating"),
    comment: revision ? t("workOrder.review.revisionComment") : t("workOrder.review.comment"),
  };
  const summary = summaryOf(labels);

  return (
    <form className="form wo-form wo-subform" onSubmit={onSubmit} noValidate aria-labelledby="review">
      <h3 id="review" tabIndex={-1}>
        {t("workOrder.review.heading")}
      </h3>
      <p>{t("workOrder.review.intro")}</p>
      <FormAlert
        id="review-alert"
        title={summary.length ? tn("field.errorSummary", summary.length) : undefined}
        items={summary}
        message={formError}
      />

      <FieldSet id="review-verdict" legend={labels.verdict} error={errors.verdict} need="required">
        <div className="choice-list choice-list--column">
          {(["accept", "request_revision"] as const).map((v) => (
            <div className="choice" key={v}>
              <input
                id={`review-verdict-${v}`}
                type="radio"
                name="verdict"
                value={v}
                checked={verdict === v}
                onChange={() => setVerdict(v)}
                aria-invalid={errors.verdict ? true : undefined}
              />
              <label htmlFor={`review-verdict-${v}`}>
                <Icon name={VERDICT_ICONS[v]} className="icon--before" />
                {v === "accept" ? t("workOrder.review.accept") : t("workOrder.review.revision")}
              </label>
            </div>
          ))}
        </div>
      </FieldSet>

      {verdict === "accept" && (
        <FieldSet id="review-rating" legend={labels.rating} error={errors.rating}>
          <div className="choice-list choice-list--column">
            {RATINGS.map((r) => (
              <div className="choice" key={r}>
                <input
                  id={`review-rating-${r}`}
                  type="radio"
                  name="rating"
                  value={r}
                  checked={rating === `${r}`}
                  onChange={() => setRating(`${r}`)}
                />
                <label htmlFor={`review-rating-${r}`}>
                  <Stars rating={r} /> {t("workOrder.review.ratingOption", { rating: r, label: t(ratingLabel(r)) })}
                </label>
              </div>
            ))}
          </div>
        </FieldSet>
      )}

      <Field
        id={IDS.comment}
        label={labels.comment}
        hint={revision ? t("workOrder.review.revisionHint") : undefined}
        error={errors.comment}
        need={revision ? "required" : "optional"}
      >
        {(control) => (
          <textarea {...control} name="comment" rows={4} value={comment} onChange={(e) => setComment(e.target.value)} />
        )}
      </Field>

      <div className="wo-form__actions">
        <button type="submit" className="button button--primary" aria-disabled={submitting}>
          {submitting
            ? t("workOrder.review.submitting")
            : revision
              ? t("workOrder.review.submitRevision")
              : verdict === "accept"
                ? t("workOrder.review.submitAccept")
                : t("common.send")}
        </button>
      </div>
    </form>
  );
}
