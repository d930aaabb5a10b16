// Deliverables: the list (a link to open, or a file to download), the form to add one (staff and
// the crew working on the order: a link, or a file of at most 5 MB), and — for staff — marking
// the order delivered once every task is done (or taking up a revision the client asked for).
// A client sees a deliverable only once the order is delivered (the server decides); staff and
// crew see which ones the client cannot see yet.
import { useState, type FormEvent } from "react";
import { useQueryClient, type QueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useI18n, type I18n } from "../../i18n/index.ts";
import { DELIVERABLE_MAX_BYTES } from "@crewboard/domain";
import { call, ApiError, type Deliverable, type WorkOrder, type WorkOrderStatus } from "../../lib/api.ts";
import { newId } from "../../lib/ids.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { applyWorkOrder } from "../../lib/live.ts";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";
import { isHttpUrl } from "../client/new-order.ts";
import { describedBy, FieldErrorText, FormAlert, type FieldErrors } from "./form-parts.tsx";
import { Icon } from "../../ui/Icon.tsx";

/** Statuses in which the server takes new deliverables (a delivered order awaits the client's review). */
export const DELIVERABLE_OPEN: readonly WorkOrderStatus[] = ["in_progress", "revision_requested"];

export function formatSize(bytes: number, i18n: Pick<I18n, "t" | "formatNumber">): string {
  if (bytes < 1024) return i18n.t("workOrder.size.bytes", { size: bytes });
  if (bytes < 1024 * 1024) return i18n.t("workOrder.size.kb", { size: i18n.formatNumber(bytes / 1024, { maximumFractionDigits: 0 }) });
  return i18n.t("workOrder.size.mb", { size: i18n.formatNumber(bytes / (1024 * 1024), { maximumFractionDigits: 1 }) });
}

/** Puts a deliverable into the order's cached list once (the live event may bring it too). */
export function addDeliverableToCache(client: QueryClient, deliverable: Deliverable): void {
  client.setQueryData<{ items: Deliverable[] }>(queryKeys.workOrders.deliverables(deliverable.workOrderId), (data) =>
    !data || data.items.some((d) => d.id === deliverable.id) ? data : { ...data, items: [...data.items, deliverable] },
  );
}

export function DeliverableList({
  deliverables,
  showRelease = false,
}: {
  deliverables: UseQueryResult<{ items: Deliverable[] }>;
  /** staff and crew: mark what the client cannot see yet */
  showRelease?: boolean;
}) {
  const i18n = useI18n();
  const { t, locale, formatDate } = i18n;
  if (deliverables.isPending) return <LoadingNotice />;
  if (!deliverables.data) return <ErrorNotice error={deliverables.error} onRetry={() => void deliverables.refetch()} />;
  const items = deliverables.data.items;
  if (items.length === 0) return <p className="notice">{t("workOrder.deliverablesEmpty")}</p>;
  return (
    <ul className="wo-list" aria-labelledby="wo-deliverables">
      {items.map((d) => (
        <li key={d.id} className="wo-list__item" data-testid="wo-deliverable">
          <p className="wo-list__title" lang={textLang(d.title, locale)}>
            {d.title}
          </p>
          {showRelease && d.releasedAt === null && (
            <p className="wo-list__tag" data-testid="wo-deliverable-unreleased">
              {t("workOrder.deliverable.notShown")}
            </p>
          )}
          {d.note && (
            <p className="preserve-lines" lang={textLang(d.note, locale)}>
              {d.note}
            </p>
          )}
          {d.downloadUrl && d.fileName && (
            <p>
              <a href={d.downloadUrl} download={d.fileName} className="wo-list__action">
                <Icon name="download" className="icon--before" />
                {t("workOrder.deliverable.download", { name: d.fileName, size: formatSize(d.sizeBytes ?? 0, i18n) })}
              </a>
            </p>
          )}
          {d.url && (
            <p>
              {isHttpUrl(d.url) ? (
                <a href={d.url} rel="noopener noreferrer nofollow" className="wo-list__action">
                  <Icon name="externalLink" className="icon--before" />
                  {t("workOrder.deliverable.openLink", { url: d.url })}
                </a>
              ) : (
                d.url
              )}
            </p>
          )}
          <p className="wo-list__meta">
            {t("workOrder.deliverable.by", { name: d.uploadedBy.name, date: formatDate(d.createdAt, "dateTime") })}
          </p>
        </li>
      ))}
    </ul>
  );
}

type DeliverableField = "title" | "note" | "url" | "file";
const FIELDS: readonly DeliverableField[] = ["title", "note", "url", "file"];
const IDS: Record<DeliverableField, string> = {
  title: "deliverable-title",
  note: "deliverable-note",
  url: "deliverable-url",
  file: "deliverable-file",
};

/** Adding a deliverable: a link, or a small file (multipart). */
export function AddDeliverableForm({ order, onAdded }: { order: WorkOrder; onAdded: (deliverable: Deliverable) => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [note, setNote] = useState("");
  const [kind, setKind] = useState<"link" | "file">("link");
  const [url, setUrl] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);
  const [errors, setErrors] = useState<FieldErrors<DeliverableField>>({});
  const [formError, setFormError] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newId);

  function validate(): FieldErrors<DeliverableField> {
    const found: FieldErrors<DeliverableField> = {};
    if (!title.trim() || title.trim().length > 200) found.title = { key: "workOrder.deliverable.error.title" };
    if (note.length > 5000) found.note = { key: "workOrder.deliverable.error.note" };
    if (kind === "link" && !isHttpUrl(url.trim())) found.url = { key: "workOrder.deliverable.error.url" };
    if (kind === "file") {
      if (!file) found.file = { key: "workOrder.deliverable.error.file" };
      else if (file.size > DELIVERABLE_MAX_BYTES) found.file = { key: "workOrder.deliverable.error.fileTooBig", vars: { size: formatSize(file.size, i18n) } };
    }
    return found;
  }

  /** A link as JSON; a file as multipart (the catalogue's createDeliverable takes both). */
  function deliverableBody(): FormData | { title: string; note: string; url?: string } {
    if (kind === "link" || !file) return { title: title.trim(), note, url: url.trim() };
    const form = new FormData();
    form.set("title", title.trim());
    if (note) form.set("note", note);
    form.set("file", file, file.name);
    return form;
  }

  function focusFirst(found: FieldErrors<DeliverableField>) {
    const first = FIELDS.find((f) => found[f]);
    if (first) document.getElementById(IDS[first])?.focus();
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    const found = validate();
    setErrors(found);
    setFormError(undefined);
    if (Object.keys(found).length) return focusFirst(found);
    setSubmitting(true);
    try {
      const created = await call("createDeliverable", { params: { id: order.id }, body: deliverableBody() }, { idempotencyKey });
      addDeliverableToCache(queryClient, created);
      setTitle("");
      setNote("");
      setUrl("");
      setFile(null);
      setFileInputKey((k) => k + 1);
      setIdempotencyKey(newId());
      onAdded(created);
    } catch (error) {
      if (error instanceof ApiError && error.status === 413) {
        const tooBig: FieldErrors<DeliverableField> = { file: { key: "workOrder.deliverable.error.fileTooBig", vars: { size: formatSize(file?.size ?? 0, i18n) } } };
        setErrors(tooBig);
        focusFirst(tooBig);
      } else if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
        const fields = error.fieldErrors();
        const mapped: FieldErrors<DeliverableField> = {};
        if (fields.title) mapped.title = { key: "workOrder.deliverable.error.title" };
        if (fields.note) mapped.note = { key: "workOrder.deliverable.error.note" };
        if (fields.url) mapped[kind === "file" ? "file" : "url"] = kind === "file" ? { key: "workOrder.deliverable.error.file" } : { key: "workOrder.deliverable.error.url" };
        if (Object.keys(mapped).length === 0) setFormError(t("error.validation"));
        setErrors(mapped);
        focusFirst(mapped);
      } else if (error instanceof ApiError && error.status === 409) {
        setFormError(t("workOrder.deliverable.notOpen"));
      } else {
        setFormError(errorMessage(error, t));
      }
    } finally {
      setSubmitting(false);
    }
  }

  const errorId = (f: DeliverableField) => `${IDS[f]}-error`;
  return (
    <form className="form wo-form wo-subform" onSubmit={onSubmit} noValidate aria-labelledby="deliverable-form-heading">
      <h3 id="deliverable-form-heading">{t("workOrder.deliverable.add")}</h3>
      <p className="field__hint">{t("workOrder.deliverable.releaseHint")}</p>
      <FormAlert id="deliverable-alert" message={formError} />
      <div className="field">
        <label htmlFor={IDS.title}>
          {t("workOrder.deliverable.title")}
          <span className="wo-form__required">{t("client.newOrder.required")}</span>
        </label>
        <input
          id={IDS.title}
          type="text"
          name="title"
          autoComplete="off"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-required="true"
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={describedBy(errors.title && errorId("title"))}
        />
        <FieldErrorText id={errorId("title")} error={errors.title} />
      </div>
      <div className="field">
        <label htmlFor={IDS.note}>{t("workOrder.deliverable.note")}</label>
        <textarea
          id={IDS.note}
          name="note"
          rows={3}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          aria-invalid={errors.note ? true : undefined}
          aria-describedby={describedBy(errors.note && errorId("note"))}
        />
        <FieldErrorText id={errorId("note")} error={errors.note} />
      </div>
      <fieldset className="fieldset">
        <legend>{t("workOrder.deliverable.kind")}</legend>
        <div className="choice-list">
          {(["link", "file"] as const).map((k) => (
            <div className="choice" key={k}>
              <input id={`deliverable-kind-${k}`} type="radio" name="deliverableKind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <label htmlFor={`deliverable-kind-${k}`}>{k === "link" ? t("workOrder.deliverable.kindLink") : t("workOrder.deliverable.kindFile")}</label>
            </div>
          ))}
        </div>
      </fieldset>
      {kind === "link" ? (
        <div className="field">
          <label htmlFor={IDS.url}>
            {t("workOrder.deliverable.url")}
            <span className="wo-form__required">{t("client.newOrder.required")}</span>
          </label>
          <p id="deliverable-url-hint" className="field__hint">
            {t("workOrder.deliverable.urlHint")}
          </p>
          <input
            id={IDS.url}
            type="url"
            name="url"
            autoComplete="off"
            spellCheck={false}
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            aria-required="true"
            aria-invalid={errors.url ? true : undefined}
            aria-describedby={describedBy("deliverable-url-hint", errors.url && errorId("url"))}
          />
          <FieldErrorText id={errorId("url")} error={errors.url} />
        </div>
      ) : (
        <div className="field">
          <label htmlFor={IDS.file}>
            {t("workOrder.deliverable.file")}
            <span className="wo-form__required">{t("client.newOrder.required")}</span>
          </label>
          <p id="deliverable-file-hint" className="field__hint">
            {t("workOrder.deliverable.fileHint")}
          </p>
          <input
            key={fileInputKey}
            id={IDS.file}
            type="file"
            name="file"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            aria-required="true"
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={describedBy("deliverable-file-hint", errors.file && errorId("file"))}
          />
          <FieldErrorText id={errorId("file")} error={errors.file} />
        </div>
      )}
      <div className="wo-form__actions">
        <button type="submit" className="button button--primary" aria-disabled={submitting}>
          {submitting ? t("workOrder.deliverable.submitting") : t("workOrder.deliverable.submit")}
        </button>
      </div>
    </form>
  );
}

/**
 * Staff: mark the order delivered (every task done, something to deliver), or take up the
 * revision the client asked for. When it cannot be done yet, the button stays (focusable) and
 * says why.
 */
export function DeliveryControl({
  order,
  deliverableCount,
  onChanged,
  expectStatus,
}: {
  order: WorkOrder;
  deliverableCount: number;
  onChanged: (message: string) => void;
  expectStatus: (status: WorkOrderStatus) => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [working, setWorking] = useState(false);
  const [error, setError] = useState<string>();

  const target: WorkOrderStatus | undefined =
    order.status === "in_progress" ? "delivered" : order.status === "revision_requested" && order.allowedTransitions.includes("in_progress") ? "in_progress" : undefined;
  if (!target) return null;

  const { total, done } = order.taskCounts;
  let blocker: string | undefined;
  if (target === "delivered") {
    if (total === 0) blocker = t("workOrder.deliver.noTasks");
    else if (done < total) blocker = t("workOrder.deliver.notReady", { done, total });
    else if (deliverableCount === 0) blocker = t("workOrder.deliver.noDeliverables");
  }

  async function change() {
    if (working || blocker || !target) return;
    setWorking(true);
    setError(undefined);
    expectStatus(target);
    try {
      const updated = await call("updateWorkOrder", { params: { id: order.id }, body: { status: target, version: order.version } });
      applyWorkOrder(queryClient, updated);
      onChanged(target === "delivered" ? t("workOrder.deliver.done") : t("workOrder.resume.done"));
    } catch (e) {
      void queryClient.invalidateQueries({ queryKey: queryKeys.workOrders.detail(order.id) });
      if (e instanceof ApiError && e.status === 409) setError(t("error.conflict"));
      else if (e instanceof ApiError && e.status === 400) setError(t("workOrder.deliver.notReady", { done, total }));
      else setError(errorMessage(e, t));
    } finally {
      setWorking(false);
    }
  }

  const hintId = "wo-deliver-hint";
  return (
    <div className="wo-deliver">
      <h3>{t("workOrder.deliver.heading")}</h3>
      <p id={hintId} className={blocker ? "notice notice--info" : "field__hint"}>
        {blocker && (
          <Icon name="info" className="notice__icon" />
        )}
        {blocker ?? (target === "delivered" ? t("workOrder.deliver.hint") : t("workOrder.resume.hint"))}
      </p>
      {error && (
        <p className="field__error" role="alert">
          <Icon name="warning" className="icon--before" />
          {error}
        </p>
      )}
      <button
        type="button"
        className="button button--primary"
        onClick={() => void change()}
        aria-disabled={working || Boolean(blocker)}
        aria-describedby={hintId}
        data-testid="wo-status-action"
      >
        {working ? t("workOrder.deliver.working") : target === "delivered" ? t("workOrder.deliver.button") : t("workOrder.resume.button")}
      </button>
    </div>
  );
}
