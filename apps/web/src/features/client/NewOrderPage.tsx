// New order (新しい依頼): title, what to do, links (one per line), due date and time (Japan
// time), priority, and optionally a crew member the client would like, with a short note.
//
// - One Idempotency-Key per form (lib/ids newId): a double submit, or a retry after a lost
//   answer, creates one order.
// - Checked here first (the same rules as the server's schema); the server's problem+json
//   `errors[].path` ("body.dueAt", "body.links.2") come back to the same fields, in our words and
//   the UI language, linked to the control with aria-describedby. Nothing typed is lost: the
//   values stay, and a draft is kept in this tab's sessionStorage until the order is sent.
// - On success: the order's page, with a confirmation.
import { useEffect, useState, type ChangeEvent, type FormEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearchParams } from "react-router";
import { textLang } from "../../ui/lang.ts";
import { TEXT_LIMITS } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import { call, ApiError, type Priority, type WorkOrder } from "../../lib/api.ts";
import { newId } from "../../lib/ids.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { crewListQuery } from "../../lib/crew-list.ts";
import { applyWorkOrder } from "../../lib/live.ts";
import { useUser } from "../../app/session.tsx";
import { paths } from "../../app/paths.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { Field, FieldSet, FormAlert, hintId, useFormErrors, NameOptions } from "../../ui/Field.tsx";
import {
  EMPTY_NEW_ORDER,
  NEW_ORDER_FIELDS,
  serverFieldErrors,
  todayInTokyo,
  toCreateRequest,
  validateNewOrder,
  type NewOrderField,
  type NewOrderValues,
} from "./new-order.ts";
import "../work-orders/forms.css";
import "./client.css";
import { Icon } from "../../ui/Icon.tsx";

/** Element ids of the controls (error summary links and focus go to them). */
export const NEW_ORDER_IDS: Record<NewOrderField, string> = {
  title: "new-order-title",
  description: "new-order-description",
  links: "new-order-links",
  dueDate: "new-order-due-date",
  dueTime: "new-order-due-time",
  priority: "new-order-priority-normal",
  nominatedCrewId: "new-order-nominee",
  nominationNote: "new-order-nomination-note",
};

const focusTarget = (field: NewOrderField) => NEW_ORDER_IDS[field];
const draftKey = (userId: string) => `crewboard.newOrderDraft.${userId}`;

function loadDraft(userId: string): NewOrderValues | undefined {
  try {
    const text = globalThis.sessionStorage?.getItem(draftKey(userId));
    if (!text) return undefined;
    const saved = JSON.parse(text) as Partial<NewOrderValues>;
    const draft = { ...EMPTY_NEW_ORDER };
    for (const key of Object.keys(EMPTY_NEW_ORDER) as (keyof NewOrderValues)[]) {
      if (typeof saved[key] === "string") (draft as Record<string, string>)[key] = saved[key];
    }
    return draft;
  } catch {
    return undefined;
  }
}

function saveDraft(userId: string, values: NewOrderValues | undefined): void {
  try {
    if (values) globalThis.sessionStorage?.setItem(draftKey(userId), JSON.stringify(values));
    else globalThis.sessionStorage?.removeItem(draftKey(userId));
  } catch {
    // storage unavailable: the values still stay on the page
  }
}

const sameValues = (a: NewOrderValues, b: NewOrderValues) =>
  (Object.keys(a) as (keyof NewOrderValues)[]).every((k) => a[k] === b[k]);

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default function NewOrderPage() {
  const { t, tn, tNodes, locale } = useI18n();
  const user = useUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  // 「また頼む」 from a completed order: the same person nominated (?nominee=<id>)
  const [searchParams] = useSearchParams();
  const [askedFor] = useState(() => searchParams.get("nominee") ?? "");
  const [values, setValues] = useState<NewOrderValues>(() => {
    const start = loadDraft(user.id) ?? EMPTY_NEW_ORDER;
    return askedFor ? { ...start, nominatedCrewId: askedFor } : start;
  });
  const { errors, formError, show, summary: summaryOf } = useFormErrors(NEW_ORDER_FIELDS, focusTarget);
  const [submitting, setSubmitting] = useState(false);
  const [idempotencyKey] = useState(newId);
  const crew = useQuery(crewListQuery());

  const askedPerson = askedFor ? crew.data?.items.find((m) => m.id === askedFor) : undefined;

  useEffect(() => {
    saveDraft(user.id, sameValues(values, EMPTY_NEW_ORDER) ? undefined : values);
  }, [user.id, values]);

  const set =
    (field: keyof NewOrderValues) =>
    (event: ChangeEvent<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>) => {
      const value = event.target.value;
      setValues((current) => ({ ...current, [field]: value }));
    };

  async function send(): Promise<WorkOrder> {
    // A copy of the same request still being handled (a double submit on a slow line): ask again.
    for (let attempt = 0; ; attempt++) {
      try {
        return await call("createWorkOrder", { body: toCreateRequest(values) }, { idempotencyKey });
      } catch (error) {
        if (!(error instanceof ApiError && error.code === "idempotency.in_progress" && attempt < 5)) throw error;
        await wait((error.retryAfter ?? 1) * 1000);
      }
    }
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    if (show(validateNewOrder(values))) return;
    setSubmitting(true);
    try {
      const created = await send();
      saveDraft(user.id, undefined);
      applyWorkOrder(queryClient, created);
      queryClient.setQueryData(queryKeys.workOrders.detail(created.id), created);
      navigate(paths.workOrder(created.id), { state: { created: true } });
    } catch (error) {
      setSubmitting(false);
      if (error instanceof ApiError && (error.status === 400 || error.status === 422)) {
        const { fields, unknown } = serverFieldErrors(error, values);
        show(fields, unknown || Object.keys(fields).length === 0 ? t("error.validation") : undefined);
      } else {
        show({}, errorMessage(error, t));
      }
    }
  }

  const labels: Record<NewOrderField, string> = {
    title: t("client.newOrder.orderTitle"),
    description: t("client.newOrder.description"),
    links: t("client.newOrder.links"),
    dueDate: `${t("client.newOrder.due")}（${t("client.newOrder.dueDate")}）`,
    dueTime: `${t("client.newOrder.due")}（${t("client.newOrder.dueTime")}）`,
    priority: t("client.newOrder.priority"),
    nominatedCrewId: t("client.newOrder.nominee"),
    nominationNote: t("client.newOrder.nominationNote"),
  };
  if (locale === "en") {
    labels.dueDate = `${t("client.newOrder.due")} (${t("client.newOrder.dueDate").toLowerCase()})`;
    labels.dueTime = `${t("client.newOrder.due")} (${t("client.newOrder.dueTime").toLowerCase()})`;
  }
  const summary = summaryOf(labels);
  const alertId = "new-order-alert";

  return (
    <section className="page new-order" data-testid="page-new-order">
      <PageHeading title={t("client.newOrder.title")} />
      <form
        className="form wo-form"
        onSubmit={onSubmit}
        noValidate
        aria-describedby={summary.length || formError ? alertId : undefined}
      >
        <p>{t("client.newOrder.intro")}</p>
        <FormAlert
          id={alertId}
          title={summary.length ? tn("field.errorSummary", summary.length) : undefined}
          items={summary}
          message={formError}
        />

        <Field
          id={NEW_ORDER_IDS.title}
          label={labels.title}
          hint={t("client.newOrder.orderTitleHint")}
          error={errors.title}
          need="required"
        >
          {(control) => (
            <input
              {...control}
              name="title"
              type="text"
              autoComplete="off"
              value={values.title}
              onChange={set("title")}
            />
          )}
        </Field>

        <Field
          id={NEW_ORDER_IDS.description}
          label={labels.description}
          hint={t("client.newOrder.descriptionHint")}
          error={errors.description}
          need="optional"
        >
          {(control) => (
            <textarea
              {...control}
              name="description"
              rows={6}
              value={values.description}
              onChange={set("description")}
            />
          )}
        </Field>

        <Field
          id={NEW_ORDER_IDS.links}
          label={labels.links}
          hint={t("client.newOrder.linksHint")}
          error={errors.links}
          need="optional"
        >
          {(control) => (
            <textarea
              {...control}
              name="links"
              rows={3}
              value={values.links}
              onChange={set("links")}
              spellCheck={false}
              autoCapitalize="off"
              inputMode="url"
            />
          )}
        </Field>

        <FieldSet
          id="new-order-due"
          legend={t("client.newOrder.due")}
          hint={t("client.newOrder.dueHint")}
          invalid={Boolean(errors.dueDate || errors.dueTime)}
          need="required"
        >
          <div className="wo-form__row">
            <Field
              id={NEW_ORDER_IDS.dueDate}
              label={t("client.newOrder.dueDate")}
              error={errors.dueDate}
              describedBy={hintId("new-order-due")}
            >
              {(control) => (
                <input
                  {...control}
                  aria-required
                  name="dueDate"
                  type="date"
                  min={todayInTokyo()}
                  value={values.dueDate}
                  onChange={set("dueDate")}
                />
              )}
            </Field>
            <Field
              id={NEW_ORDER_IDS.dueTime}
              label={t("client.newOrder.dueTime")}
              error={errors.dueTime}
              describedBy={hintId("new-order-due")}
            >
              {(control) => (
                <input
                  {...control}
                  aria-required
                  name="dueTime"
                  type="time"
                  value={values.dueTime}
                  onChange={set("dueTime")}
                />
              )}
            </Field>
          </div>
        </FieldSet>

        <FieldSet id="new-order-priority" legend={labels.priority} error={errors.priority}>
          <div className="choice-list choice-list--column">
            {(["normal", "urgent"] as const satisfies readonly Priority[]).map((priority) => (
              <div key={priority} className={priority === "urgent" ? "choice choice--with-hint" : "choice"}>
                <input
                  id={`new-order-priority-${priority}`}
                  type="radio"
                  name="priority"
                  value={priority}
                  checked={values.priority === priority}
                  onChange={set("priority")}
                  aria-describedby={priority === "urgent" ? "new-order-urgent-hint" : undefined}
                />
                <div>
                  <label htmlFor={`new-order-priority-${priority}`}>
                    {priority === "urgent" && <Icon name="urgent" className="icon--before" />}
                    {t(`priority.${priority}`)}
                  </label>
                  {priority === "urgent" && (
                    <p id="new-order-urgent-hint" className="choice__hint">
                      {t("client.newOrder.urgentHint")}
                    </p>
                  )}
                </div>
              </div>
            ))}
          </div>
        </FieldSet>

        <Field
          id={NEW_ORDER_IDS.nominatedCrewId}
          label={labels.nominatedCrewId}
          hint={
            crew.isError ? (
              t("client.newOrder.nomineeLoadFailed")
            ) : askedPerson && values.nominatedCrewId === askedPerson.id ? (
              <>
                {tNodes("client.newOrder.askAgainNote", {
                  name: <span lang={textLang(askedPerson.name, locale)}>{askedPerson.name}</span>,
                })}{" "}
                {t("client.newOrder.nomineeHint")}
              </>
            ) : (
              t("client.newOrder.nomineeHint")
            )
          }
          error={errors.nominatedCrewId}
          need="optional"
        >
          {(control) => (
            <select
              {...control}
              name="nominatedCrewId"
              value={values.nominatedCrewId}
              onChange={set("nominatedCrewId")}
            >
              <option value="">{t("client.newOrder.nomineeNone")}</option>
              {crew.data && <NameOptions items={crew.data.items} />}
              {/* a nominee kept from a draft while the list is loading or failed */}
              {values.nominatedCrewId && !crew.data?.items.some((m) => m.id === values.nominatedCrewId) && (
                <option value={values.nominatedCrewId}>
                  {crew.isPending ? t("app.loading") : values.nominatedCrewId}
                </option>
              )}
            </select>
          )}
        </Field>

        {values.nominatedCrewId && (
          <Field
            id={NEW_ORDER_IDS.nominationNote}
            label={labels.nominationNote}
            hint={t("client.newOrder.nominationNoteHint", { max: TEXT_LIMITS.nominationNote })}
            error={errors.nominationNote}
            need="optional"
          >
            {(control) => (
              <input
                {...control}
                name="nominationNote"
                type="text"
                autoComplete="off"
                value={values.nominationNote}
                onChange={set("nominationNote")}
              />
            )}
          </Field>
        )}

        <div className="wo-form__actions">
          <button type="submit" className="button button--primary" aria-disabled={submitting}>
            {submitting ? t("client.newOrder.submitting") : t("client.newOrder.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
