// Client companies (クライアント企業の管理): add one, search by name, filter by status, and open
// a company's page (rename, deactivate, its client users).
import { useId, useState, type FormEvent } from "react";
import { useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { TEXT_LIMITS } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import { Field } from "../../ui/Field.tsx";
import { call } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { paths } from "../../app/paths.ts";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { textLang } from "../../ui/lang.ts";
import { ActionStatus, AdminLayout } from "./AdminLayout.tsx";
import { AdminDialog, AdminDialogContent } from "./AdminDialog.tsx";
import { CompanyForm } from "./CompanyForm.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";

export default function AdminCompaniesPage() {
  const { t, tn, locale, formatDate } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get("q")?.trim() || undefined;
  const activeParam = params.get("active");
  const active = activeParam === "true" ? true : activeParam === "false" ? false : undefined;
  const filters = { q, active };
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState("");
  const queryClient = useQueryClient();
  const formId = useId();
  const captionId = useId();

  const companies = useInfiniteQuery({
    queryKey: queryKeys.admin.companies(filters),
    queryFn: ({ pageParam, signal }) =>
      call("listClientCompanies", { query: { ...filters, limit: 50, cursor: pageParam } }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = companies.data?.pages.flatMap((p) => p.items) ?? [];

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ["q", "active"]) {
      const value = String(data.get(key) ?? "").trim();
      if (value) next.set(key, value);
    }
    setParams(next);
  }

  return (
    <AdminLayout title={t("admin.companies.title")} testId="page-admin-companies">
      <p>{t("admin.companies.intro")}</p>
      <p>
        <button type="button" className="button button--primary" onClick={() => setCreating(true)}>
          {t("admin.companies.new")}
        </button>
      </p>

      <form
        className="admin-filters"
        onSubmit={applyFilters}
        aria-labelledby={`${formId}-title`}
        key={params.toString()}
      >
        <h2 id={`${formId}-title`} className="admin-filters__title">
          {t("admin.filters.title")}
        </h2>
        <Field id={`${formId}-q`} className="admin-filters__search" label={t("admin.companies.search")}>
          {(control) => (
            <input {...control} name="q" type="search" defaultValue={q ?? ""} maxLength={TEXT_LIMITS.adminSearch} />
          )}
        </Field>
        <Field id={`${formId}-active`} label={t("admin.filters.status")}>
          {(control) => (
            <select {...control} name="active" defaultValue={active === undefined ? "" : String(active)}>
              <option value="">{t("admin.filters.all")}</option>
              <option value="true">{t("admin.filters.active")}</option>
              <option value="false">{t("admin.filters.inactive")}</option>
            </select>
          )}
        </Field>
        <div className="admin-filters__actions">
          <button type="submit" className="button">
            {t("admin.filters.apply")}
          </button>
          {params.toString() && (
            <button type="button" className="button button--secondary" onClick={() => setParams(new URLSearchParams())}>
              {t("admin.filters.clear")}
            </button>
          )}
        </div>
      </form>

      <ActionStatus message={status} />

      {companies.isPending ? (
        <LoadingNotice />
      ) : companies.isError ? (
        <ErrorNotice message={t("admin.companies.loadFailed")} onRetry={() => void companies.refetch()} />
      ) : items.length === 0 ? (
        <p className="notice notice--info">{t("admin.companies.empty")}</p>
      ) : (
        <>
          <TableScroll labelledBy={captionId} hint={t("workOrders.scrollHint")}>
            <table className="data-table admin-table">
              <caption id={captionId}>{tn("admin.companies.caption", items.length)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("admin.companies.col.name")}</th>
                  <th scope="col">{t("admin.companies.col.nameEn")}</th>
                  <th scope="col">{t("admin.companies.col.status")}</th>
                  <th scope="col">{t("admin.companies.col.created")}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} data-testid={`admin-company-${c.id}`}>
                    <th scope="row">
                      <Link to={paths.adminCompany(c.id)} lang={textLang(c.name, locale)}>
                        {c.name}
                      </Link>
                    </th>
                    <td lang={c.nameEn ? "en" : undefined}>{c.nameEn ?? "—"}</td>
                    <td>
                      <span className={`admin-badge admin-badge--${c.active ? "active" : "inactive"}`}>
                        <Icon name={c.active ? "done" : "todo"} />{" "}
                        {c.active ? t("admin.filters.active") : t("admin.filters.inactive")}
                      </span>
                    </td>
                    <td className="data-table__date">{formatDate(c.createdAt, "date")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {companies.hasNextPage && (
            <button type="button" className="button" onClick={() => void companies.fetchNextPage()}>
              {t("admin.users.loadMore")}
            </button>
          )}
        </>
      )}

      <AdminDialog isOpen={creating} onClose={() => setCreating(false)}>
        <AdminDialogContent
          title={t("admin.companies.new")}
          onClose={() => setCreating(false)}
          closeLabel={t("common.cancel")}
          testId="company-form"
        >
          <CompanyForm
            idPrefix="new-company"
            initial={{ name: "", nameEn: "" }}
            submitLabel={t("admin.companyForm.submit")}
            onSubmit={async ({ name, nameEn }) => {
              const created = await call("createClientCompany", { body: { name, ...(nameEn ? { nameEn } : {}) } });
              await queryClient.invalidateQueries({ queryKey: queryKeys.admin.all() });
              setStatus(t("admin.companies.created", { company: created.name }));
              setCreating(false);
            }}
          />
        </AdminDialogContent>
      </AdminDialog>
    </AdminLayout>
  );
}
