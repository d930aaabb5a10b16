// The audit log (操作履歴（監査ログ）): filter by person, action (or "reads of check-ins and
// accommodations"), kind of record and its id, and a range of Japan days; newest first, in pages;
// export the same filter as CSV (the export is itself recorded). Filters live in the URL.
import { useId, useState, type FormEvent } from "react";
import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "react-router";
import { TEXT_LIMITS } from "@crewboard/domain";
import { useI18n, type MessageKey } from "../../i18n/index.ts";
import { call, operationUrl, type AuditEvent } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { textLang } from "../../ui/lang.ts";
import { errorId, Field, FieldSet, useFormErrors, type FieldErrors, NameOptions } from "../../ui/Field.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";
import { AdminLayout } from "./AdminLayout.tsx";
import {
  auditFiltersOf,
  ENTITY_TYPES,
  HEALTH_PRESET,
  KNOWN_ACTIONS,
  toApiFilters,
  tokyoDay,
  type AuditUrlFilters,
} from "./audit-filters.ts";

const PAGE = 50;

type FilterField = "entityId" | "range";
const FILTER_FIELDS: readonly FilterField[] = ["entityId", "range"];

export default function AdminAuditLogPage() {
  const { t, tn, locale, formatDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const filters = auditFiltersOf(params);
  const api = toApiFilters(filters);
  const formId = useId();
  const captionId = useId();
  const [draft, setDraft] = useState<AuditUrlFilters>(filters);
  const {
    errors,
    show,
    clear: clearErrors,
  } = useFormErrors(FILTER_FIELDS, (field) => (field === "range" ? `${formId}-to` : `${formId}-entity-id`));

  const people = useQuery({
    queryKey: queryKeys.admin.users({ limit: 100 }),
    queryFn: ({ signal }) => call("listUsers", { query: { limit: 100 } }, { signal }),
    staleTime: 60_000,
  });
  const sortedPeople = [...(people.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, locale));

  const events = useInfiniteQuery({
    queryKey: queryKeys.admin.audit(api),
    queryFn: ({ pageParam, signal }) =>
      call("listAuditEvents", { query: { ...api, limit: PAGE, cursor: pageParam } }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];

  const set = (key: keyof AuditUrlFilters, value: string) => setDraft((d) => ({ ...d, [key]: value }));

  function apply(event: FormEvent) {
    event.preventDefault();
    const found: FieldErrors<FilterField> = {};
    if (draft.from && draft.to && draft.to < draft.from) found.range = { key: "admin.audit.error.range" };
    if (draft.entityId.trim().length > TEXT_LIMITS.auditEntityId)
      found.entityId = { key: "admin.audit.error.entityId", vars: { max: TEXT_LIMITS.auditEntityId } };
    if (show(found)) return;
    const next = new URLSearchParams();
    for (const [key, value] of Object.entries(draft)) if (value.trim()) next.set(key, value.trim());
    setParams(next);
  }

  function clear() {
    const empty: AuditUrlFilters = { actorId: "", action: "", entityType: "", entityId: "", from: "", to: "" };
    setDraft(empty);
    clearErrors();
    setParams(new URLSearchParams());
  }

  const actionLabel = (action: string) => {
    const key = `admin.action.${action}` as MessageKey;
    return KNOWN_ACTIONS.includes(action) ? t(key) : action;
  };
  const entityLabel = (type: string) =>
    (ENTITY_TYPES as readonly string[]).includes(type) ? t(`admin.entity.${type}` as MessageKey) : type;

  return (
    <AdminLayout title={t("admin.audit.title")} testId="page-admin-audit">
      <p>{t("admin.audit.intro")}</p>

      <form
        className="admin-filters admin-filters--audit"
        onSubmit={apply}
        noValidate
        aria-labelledby={`${formId}-title`}
      >
        <h2 id={`${formId}-title`} className="admin-filters__title">
          {t("admin.filters.title")}
        </h2>
        <Field id={`${formId}-actor`} label={t("admin.audit.actor")}>
          {(control) => (
            <select {...control} name="actorId" value={draft.actorId} onChange={(e) => set("actorId", e.target.value)}>
              <option value="">{t("admin.audit.actorAll")}</option>
              <NameOptions items={sortedPeople} detail={(p) => t(`role.${p.role}`)} />
            </select>
          )}
        </Field>
        <Field id={`${formId}-action`} label={t("admin.audit.action")}>
          {(control) => (
            <select {...control} name="action" value={draft.action} onChange={(e) => set("action", e.target.value)}>
              <option value="">{t("admin.audit.actionAll")}</option>
              <option value={HEALTH_PRESET}>{t("admin.audit.actionHealthReads")}</option>
              {KNOWN_ACTIONS.map((a) => (
                <option key={a} value={a}>
                  {actionLabel(a)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${formId}-entity-type`} label={t("admin.audit.entityType")}>
          {(control) => (
            <select
              {...control}
              name="entityType"
              value={draft.entityType}
              onChange={(e) => set("entityType", e.target.value)}
            >
              <option value="">{t("admin.audit.entityTypeAll")}</option>
              {ENTITY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {entityLabel(type)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field
          id={`${formId}-entity-id`}
          label={t("admin.audit.entityId")}
          hint={t("admin.audit.entityIdHint")}
          error={errors.entityId}
        >
          {(control) => (
            <input
              {...control}
              name="entityId"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={draft.entityId}
              onChange={(e) => set("entityId", e.target.value)}
            />
          )}
        </Field>
        <FieldSet
          id={`${formId}-range`}
          className="admin-filters__range"
          legend={`${t("admin.audit.from")} – ${t("admin.audit.to")}`}
          hint={t("admin.audit.rangeHint")}
          error={errors.range}
        >
          <div className="admin-filters__dates">
            <Field id={`${formId}-from`} label={t("admin.audit.from")}>
              {(control) => (
                <input
                  {...control}
                  name="from"
                  type="date"
                  value={draft.from}
                  max={tokyoDay()}
                  onChange={(e) => set("from", e.target.value)}
                />
              )}
            </Field>
            <Field
              id={`${formId}-to`}
              label={t("admin.audit.to")}
              describedBy={errors.range && errorId(`${formId}-range`)}
            >
              {(control) => (
                <input
                  {...control}
                  aria-invalid={errors.range ? true : undefined}
                  name="to"
                  type="date"
                  value={draft.to}
                  max={tokyoDay()}
                  onChange={(e) => set("to", e.target.value)}
                />
              )}
            </Field>
          </div>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => setDraft((d) => ({ ...d, from: tokyoDay(-6), to: tokyoDay() }))}
          >
            {t("admin.audit.lastWeek")}
          </button>
        </FieldSet>
        <div className="admin-filters__actions">
          <button type="submit" className="button">
            {t("admin.filters.apply")}
          </button>
          {params.toString() && (
            <button type="button" className="button button--secondary" onClick={clear}>
              {t("admin.filters.clear")}
            </button>
          )}
        </div>
      </form>

      <div className="admin-export">
        <a
          className="button"
          href={operationUrl("exportAuditEvents", { query: api })}
          download
          data-testid="audit-export"
          aria-describedby={`${formId}-export-hint`}
        >
          {t("admin.audit.export")}
        </a>
        <p id={`${formId}-export-hint`} className="field__hint">
          {t("admin.audit.exportHint")}
        </p>
      </div>

      {events.isPending ? (
        <LoadingNotice />
      ) : events.isError ? (
        <ErrorNotice message={t("admin.audit.loadFailed")} onRetry={() => void events.refetch()} />
      ) : items.length === 0 ? (
        <p className="notice notice--info" data-testid="audit-empty">
          {t("admin.audit.empty")}
        </p>
      ) : (
        <>
          <TableScroll labelledBy={captionId} hint={t("workOrders.scrollHint")}>
            <table className="data-table admin-table" data-testid="audit-table">
              <caption id={captionId}>{tn("admin.audit.caption", items.length)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.audit.col.time")}</th>
                  <th scope="col">{t("admin.audit.col.actor")}</th>
                  <th scope="col">{t("admin.audit.col.action")}</th>
                  <th scope="col">{t("admin.audit.col.entity")}</th>
                  <th scope="col">{t("admin.audit.col.from")}</th>
                  <th scope="col">{t("admin.audit.col.details")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <AuditRow
                    key={e.id}
                    event={e}
                    time={formatDate(e.createdAt, "dateTime")}
                    action={actionLabel(e.action)}
                    entity={entityLabel(e.entityType)}
                  />
                ))}
              </tbody>
            </table>
          </TableScroll>
          {events.hasNextPage && (
            <button type="button" className="button" onClick={() => void events.fetchNextPage()}>
              {events.isFetchingNextPage ? t("app.loading") : t("admin.users.loadMore")}
            </button>
          )}
        </>
      )}
    </AdminLayout>
  );
}

function AuditRow({
  event,
  time,
  action,
  entity,
}: {
  event: AuditEvent;
  time: string;
  action: string;
  entity: string;
}) {
  const { t, locale } = useI18n();
  const details = Object.keys(event.metadata).length ? JSON.stringify(event.metadata) : "";
  return (
    <tr data-testid="audit-row" data-action={event.action}>
      <td className="data-table__date">
        <time dateTime={event.createdAt}>{time}</time>
      </td>
      <th scope="row" lang={event.actor ? textLang(event.actor.name, locale) : undefined}>
        {event.actor?.name ?? t("admin.audit.system")}
      </th>
      <td>
        {action}
        <br />
        <code className="admin-code">{event.action}</code>
      </td>
      <td>
        {entity}
        {event.entityId && (
          <>
            <br />
            <code className="admin-code">{event.entityId}</code>
          </>
        )}
      </td>
      <td>{event.ip ?? "—"}</td>
      <td>
        <code className="admin-code admin-code--details">
          {details.length > 200 ? `${details.slice(0, 200)}…` : details || "—"}
        </code>
      </td>
    </tr>
  );
}
