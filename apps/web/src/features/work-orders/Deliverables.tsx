// Deliverables: the list (a link to open, or a file to download), the form to add one (staff and
// the crew working on the order: a link, or a small file, DELIVERABLE_MAX_BYTES of packages/domain), and — for staff — marking
// the order delivered once every task is done (or taking up a revision the client asked for).
// A client sees a deliverable only once the order is delivered (the server decides); staff and
// crew see which ones the client cannot see yet.
import { useState, type FormEvent } from "react";
import { useQueryClient, type QueryClient, type UseQueryResult } from "@tanstack/react-query";
import { useI18n, type I18n } from "../../i18n/index.ts";
import { DELIVERABLE_MAX_BYTES, TEXT_LIMITS } from "@crewboard/domain";
import { call, ApiError, type Deliverable, type WorkOrder, type WorkOrderStatus } from "../../lib/api.ts";
import { newId } from "../../lib/ids.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { applyWorkOrder } from "../../lib/live.ts";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";
import { isHttpUrl } from "../client/new-order.ts";
import { Field, FieldSet, FormAlert, useFormErrors, type FieldErrors, type FieldMessage } from "../../ui/Field.tsx";
import { Icon } from "../../ui/Icon.tsx";

/** Statuses in which the server takes new deliverables (a delivered order awaits the client's review). */
export const DELIVERABLE_OPEN: readonly WorkOrderStatus[] = ["in_progress", "revision_requested"];

export function formatSize(bytes: number, i18n: Pick<I18n, "t" | "formatNumber">): string {
  if (bytes < 1024) return i18n.t("workOrder.size.bytes", { size: bytes });
  if (bytes < 1024 * 1024)
    return i18n.t("workOrder.size.kb", { size: i18n.formatNumber(bytes / 1024, { maximumFractionDigits: 0 }) });
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
const focusTarget = (field: DeliverableField) => IDS[field];

/** Adding a deliverable: a link, or a small file (multipart). */
export function AddDeliverableForm({
  order,
  onAdded,
}: {
  order: WorkOrder;
  onAdded: (deliverable: Deliverable) => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const queryClient = useQueryClient();
  const [title, setTitle] = useState("");
  const [note, setNote] = useState("");
  const [kind, setKind] = useState<"link" | "file">("link");
  const [url, setUrl] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [fileInputKey, setFileInputKey] = useState(0);
  const { errors, formError, show } = useFormErrors(FIELDS, focusTarget);
  const [submitting, setSubmitting] = useState(false);
  const [idempotencyKey, setIdempotencyKey] = useState(newId);
  const maxSize = formatSize(DELIVERABLE_MAX_BYTES, i18n);
  const tooBig = (size: number): FieldMessage => ({
    key: "workOrder.deliverable.error.fileTooBig",
    vars: { size: formatSize(size, i18n), max: maxSize },
  });
  const titleError: FieldMessage = { key: "workOrder.deliverable.error.title", vars: { max: TEXT_LIMITS.title } };
  const noteError: FieldMessage = { key: "workOrder.deliverable.error.note", vars: { max: TEXT_LIMITS.note } };

  function validate(): FieldErrors<DeliverableField> {
    const found: FieldErrors<DeliverableField> = {};
    if (!title.trim() || title.trim().length > TEXT_LIMITS.title) found.title = titleError;
    if (note.length > TEXT_LIMITS.note) found.note = noteError;
    if (kind === "link" && !isHttpUrl(url.trim())) found.url = { key: "workOrder.deliverable.error.url" };
    if (kind === "file") {
      if (!file) found.file = { key: "workOrder.deliverable.error.file" };
      else if (file.size > DELIVERABLE_MAX_BYTES) found.file = tooBig(file.size);
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

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (submitting || show(validate())) return;
    setSubmitting(true);
    try {
      const created = await call(
        "createDeliverable",
        { params: { id: order.id }, body: deliverableBody() },
        { idempotencyKey },
      );
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
        show({ file: tooBig(file?.size ?? 0) });
      } else if (error instanceof ApiError && error.status === 400 && error.problem.errors?.length) {
        const fields = error.fieldErrors();
        const mapped: FieldErrors<DeliverableField> = {};
        if (fields.title) mapped.title = titleError;
        if (fields.note) mapped.note = noteError;
        if (fields.url)
          mapped[kind === "file" ? "file" : "url"] =
            kind === "file" ? { key: "workOrder.deliverable.error.file" } : { key: "workOrder.deliverable.error.url" };
        show(mapped, Object.keys(mapped).length === 0 ? t("error.validation") : undefined);
      } else if (error instanceof ApiError && error.status === 409) {
        show({}, t("workOrder.deliverable.notOpen"));
      } else {
        show({}, errorMessage(error, t));
      }
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <form className="form wo-form wo-subform" onSubmit={onSubmit} noValidate aria-labelledby="deliverable-form-heading">
      <h3 id="deliverable-form-heading">{t("workOrder.deliverable.add")}</h3>
      <p className="field__hint">{t("workOrder.deliverable.releaseHint")}</p>
      <FormAlert id="deliverable-alert" message={formError} />
      <Field id={IDS.title} label={t("workOrder.deliverable.title")} error={errors.title} need="required">
        {(control) => (
          <input
            {...control}
            type="text"
            name="title"
            autoComplete="off"
            value={title}
            onChange={(e) => setTitle(e.target.value)}
          />
        )}
      </Field>
      <Field id={IDS.note} label={t("workOrder.deliverable.note")} error={errors.note}>
        {(control) => (
          <textarea {...control} name="note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        )}
      </Field>
      <FieldSet id="deliverable-kind" legend={t("workOrder.deliverable.kind")}>
        <div className="choice-list">
          {(["link", "file"] as const).map((k) => (
            <div className="choice" key={k}>
              <input
                id={`deliverable-kind-${k}`}
                type="radio"
                name="deliverableKind"
                value={k}
                checked={kind === k}
                onChange={() => setKind(k)}
              />
              <label htmlFor={`deliverable-kind-${k}`}>
                {k === "link"
                  ? t("workOrder.deliverable.kindLink")
                  : t("workOrder.deliverable.kindFile", { max: maxSize })}
              </label>
            </div>
          ))}
        </div>
      </FieldSet>
      {kind === "link" ? (
        <Field
          id={IDS.url}
          label={t("workOrder.deliverable.url")}
          hint={t("workOrder.deliverable.urlHint", { max: maxSize })}
          error={errors.url}
          need="required"
        >
          {(control) => (
            <input
              {...control}
              type="url"
              name="url"
              autoComplete="off"
              spellCheck={false}
              value={url}
              onChange={(e) => setUrl(e.target.value)}
            />
          )}
        </Field>
      ) : (
        <Field
          id={IDS.file}
          label={t("workOrder.deliverable.file")}
          hint={t("workOrder.deliverable.fileHint", { max: maxSize })}
          error={errors.file}
          need="required"
        >
          {(control) => (
            <input
              {...control}
              key={fileInputKey}
              type="file"
              name="file"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          )}
        </Field>
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
    order.status === "in_progress"
      ? "delivered"
      : order.status === "revision_requested" && order.allowedTransitions.includes("in_progress")
        ? "in_progress"
        : undefined;
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
      const updated = await call("updateWorkOrder", {
        params: { id: order.id },
        body: { status: target, version: order.version },
      });
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
        {blocker && <Icon name="info" className="notice__icon" />}
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
        {working
          ? t("workOrder.deliver.working")
          : target === "delivered"
            ? t("workOrder.deliver.button")
            : t("workOrder.resume.button")}
      </button>
    </div>
  );
}
