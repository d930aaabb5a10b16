// One client company: its names (rename), its status (deactivate signs out all of its users at
// once; reactivate), and its client users, with "Add a client user" (one-time password shown
// once) and the same row actions as on the users page.
import { useState } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import { call, ApiError, operationUrl, type User } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useUser } from "../../app/session.tsx";
import { paths } from "../../app/paths.ts";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { ActionStatus, AdminLayout } from "./AdminLayout.tsx";
import { AdminDialog, AdminDialogContent } from "./AdminDialog.tsx";
import { CompanyForm } from "./CompanyForm.tsx";
import { UserDialogs, type UserDialog } from "./UserDialogs.tsx";
import { UserRow, UserTableHead } from "./AdminUsersPage.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";

export default function AdminCompanyPage() {
  const { id = "" } = useParams();
  const { t, tn } = useI18n();
  const me = useUser();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<UserDialog | null>(null);
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);
  const [status, setStatus] = useState("");
  const [error, setError] = useState("");

  const company = useQuery({
    queryKey: queryKeys.admin.company(id),
    queryFn: ({ signal }) => call("getClientCompany", { params: { id } }, { signal }),
  });
  const users = useQuery({
    queryKey: queryKeys.admin.users({ clientCompanyId: id }),
    queryFn: ({ signal }) => call("listUsers", { query: { clientCompanyId: id, limit: 100 } }, { signal }),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: queryKeys.admin.all() });

  if (company.isPending) return <LoadingNotice />;
  if (company.isError) {
    const notFound = company.error instanceof ApiError && company.error.status === 404;
    return (
      <AdminLayout title={t("admin.companies.title")} testId="page-admin-company">
        <ErrorNotice
          message={notFound ? t("error.notFound") : t("admin.company.loadFailed")}
          onRetry={notFound ? undefined : () => void company.refetch()}
        />
        <p>
          <Link to={paths.adminCompanies}>{t("admin.company.back")}</Link>
        </p>
      </AdminLayout>
    );
  }
  const c = company.data;

  async function setActive(active: boolean) {
    setError("");
    try {
      const saved = await call("updateClientCompany", { params: { id: c.id }, body: { active } });
      queryClient.setQueryData(queryKeys.admin.company(c.id), saved);
      await refresh();
      setStatus(t(active ? "admin.company.reactivated" : "admin.company.deactivated", { company: saved.name }));
      setConfirmDeactivate(false);
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }

  async function reactivateUser(user: User) {
    setError("");
    try {
      const saved = await call("updateUser", { params: { id: user.id }, body: { active: true } });
      await refresh();
      setStatus(t("admin.users.reactivated", { name: saved.name }));
    } catch (e) {
      setError(errorMessage(e, t));
    }
  }

  const statusText = c.active ? t("admin.filters.active") : t("admin.filters.inactive");
  const clientUsers = users.data?.items ?? [];

  return (
    <AdminLayout title={c.name} testId="page-admin-company">
      <p>
        <Link to={paths.adminCompanies}>
          <Icon name="arrowLeft" /> {t("admin.company.back")}
        </Link>
      </p>
      <p>
        <Link to={paths.report(c.id)} data-testid="company-report-link">
          {t("admin.company.report")}
        </Link>
      </p>
      <ActionStatus message={status} />
      <div role="alert">{error && <p className="notice notice--error">{error}</p>}</div>

      <section className="fieldset admin-section" aria-labelledby="company-details">
        <h2 id="company-details">{t("admin.company.details")}</h2>
        <p>
          <span className={`admin-badge admin-badge--${c.active ? "active" : "inactive"}`}>
            <Icon name={c.active ? "done" : "todo"} /> {t("admin.company.status", { status: statusText })}
          </span>
        </p>
        <CompanyForm
          key={`${c.name}|${c.nameEn ?? ""}`}
          idPrefix="company"
          initial={{ name: c.name, nameEn: c.nameEn ?? "" }}
          submitLabel={t("admin.companyForm.save")}
          onSubmit={async ({ name, nameEn }) => {
            const saved = await call("updateClientCompany", {
              params: { id: c.id },
              body: { name, nameEn: nameEn || null },
            });
            queryClient.setQueryData(queryKeys.admin.company(c.id), saved);
            void refresh();
            setStatus(t("admin.company.renamed"));
          }}
        />
        <p>
          {c.active ? (
            <button type="button" className="button button--danger" onClick={() => setConfirmDeactivate(true)}>
              {t("admin.company.deactivate")}
            </button>
          ) : (
            <button type="button" className="button" onClick={() => void setActive(true)}>
              {t("admin.company.reactivate")}
            </button>
          )}
        </p>
      </section>

      {/* issue 15: everything of this company, for the end of its contract */}
      <div className="admin-export">
        <a
          className="button"
          href={operationUrl("exportClientCompanyData", { params: { id: c.id } })}
          download
          data-testid="company-export"
          aria-describedby="company-export-hint"
        >
          {t("admin.company.exportData")}
        </a>
        <p id="company-export-hint" className="field__hint">
          {t("admin.company.exportHint")}
        </p>
      </div>

      <section className="admin-section" aria-labelledby="company-users">
        <h2 id="company-users">{t("admin.company.users")}</h2>
        {c.active ? (
          <p>
            <button
              type="button"
              className="button button--primary"
              onClick={() => setDialog({ kind: "create", company: c })}
            >
              {t("admin.company.newUser")}
            </button>
          </p>
        ) : (
          <p className="notice notice--info">{t("admin.company.inactiveNoUsers")}</p>
        )}
        {users.isPending ? (
          <LoadingNotice />
        ) : users.isError ? (
          <ErrorNotice message={t("admin.users.loadFailed")} onRetry={() => void users.refetch()} />
        ) : clientUsers.length === 0 ? (
          <p className="notice notice--info">{t("admin.users.empty")}</p>
        ) : (
          <TableScroll labelledBy="company-users-caption" hint={t("workOrders.scrollHint")}>
            <table className="data-table admin-table">
              <caption id="company-users-caption">{tn("admin.users.caption", clientUsers.length)}</caption>
              <UserTableHead />
              <tbody>
                {clientUsers.map((user) => (
                  <UserRow
                    key={user.id}
                    user={user}
                    self={user.id === me.id}
                    company={{ id: c.id, name: c.name }}
                    onEdit={() => setDialog({ kind: "edit", user })}
                    onReset={() => setDialog({ kind: "reset", user })}
                    onDeactivate={() => setDialog({ kind: "deactivate", user })}
                    onReactivate={() => void reactivateUser(user)}
                    onErase={() => setDialog({ kind: "erase", user })}
                  />
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <UserDialogs dialog={dialog} onChange={setDialog} onDone={setStatus} selfId={me.id} />
      <AdminDialog isOpen={confirmDeactivate} onClose={() => setConfirmDeactivate(false)}>
        <AdminDialogContent
          role="alertdialog"
          title={t("admin.confirm.companyDeactivateTitle", { company: c.name })}
          describedBy="company-confirm-body"
          testId="confirm-company-deactivate"
        >
          <p id="company-confirm-body">{t("admin.confirm.companyDeactivateBody")}</p>
          <div className="admin-dialog__actions">
            <button type="button" className="button button--danger" onClick={() => void setActive(false)}>
              {t("admin.confirm.deactivate")}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setConfirmDeactivate(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </AdminDialogContent>
      </AdminDialog>
    </AdminLayout>
  );
}
