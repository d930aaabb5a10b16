// Users (ユーザーの管理): search and filters (kept in the URL), a table of users with their role,
// team or company, work style and status, and per row: edit, reset the password, deactivate or
// reactivate. "Add a user" opens the form; the one-time password is shown once afterwards.
import { useId, useRef, useState, type FormEvent } from "react";
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useSearchParams } from "react-router";
import { ROLES, TEXT_LIMITS } from "@crewboard/domain";
import { useI18n } from "../../i18n/index.ts";
import { Field, NameOptions } from "../../ui/Field.tsx";
import { call, operationUrl, type QueryOf, type User } from "../../lib/api.ts";
import { queryKeys } from "../../lib/query-keys.ts";
import { useUser } from "../../app/session.tsx";
import { paths } from "../../app/paths.ts";
import { ErrorNotice, LoadingNotice } from "../../ui/Notice.tsx";
import { errorMessage } from "../../ui/errors.ts";
import { textLang } from "../../ui/lang.ts";
import { ActionStatus, AdminLayout } from "./AdminLayout.tsx";
import { UserDialogs, useTeams, type UserDialog } from "./UserDialogs.tsx";
import { Icon } from "../../ui/Icon.tsx";
import { TableScroll } from "../../ui/TableScroll.tsx";

const PAGE = 50;

function filtersOf(params: URLSearchParams): QueryOf<"listUsers"> {
  // the role named in the address, if it is one (a filter's value, not a check of the viewer)
  const roleParam = params.get("role");
  const active = params.get("active");
  return {
    q: params.get("q")?.trim() || undefined,
    role: ROLES.find((known) => known === roleParam),
    teamId: params.get("teamId") || undefined,
    active: active === "true" ? true : active === "false" ? false : undefined,
  };
}

export default function AdminUsersPage() {
  const { t, tn } = useI18n();
  const me = useUser();
  const [params, setParams] = useSearchParams();
  const filters = filtersOf(params);
  const teams = useTeams().data?.items ?? [];
  const [dialog, setDialog] = useState<UserDialog | null>(null);
  const [status, setStatus] = useState("");
  const [rowError, setRowError] = useState("");
  const queryClient = useQueryClient();
  const formId = useId();
  const captionId = useId();
  const newButton = useRef<HTMLButtonElement>(null);

  const users = useInfiniteQuery({
    queryKey: queryKeys.admin.userPages(filters),
    queryFn: ({ pageParam, signal }) =>
      call("listUsers", { query: { ...filters, limit: PAGE, cursor: pageParam } }, { signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];
  const teamName = (id: string | null) => teams.find((x) => x.id === id)?.name;
  // Client users show their company (a link to its page) where staff show their team.
  const companies = useQuery({
    queryKey: queryKeys.admin.companyNames(),
    queryFn: ({ signal }) => call("listClientCompanies", { query: { limit: 100 } }, { signal }),
    staleTime: 60_000,
  });
  const companyOf = (id: string | null) => companies.data?.items.find((c) => c.id === id);

  function applyFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ["q", "role", "teamId", "active"]) {
      const value = String(data.get(key) ?? "").trim();
      if (value) next.set(key, value);
    }
    setParams(next);
  }

  async function reactivate(user: User) {
    setRowError("");
    try {
      const saved = await call("updateUser", { params: { id: user.id }, body: { active: true } });
      await queryClient.invalidateQueries({ queryKey: queryKeys.admin.all() });
      setStatus(t("admin.users.reactivated", { name: saved.name }));
    } catch (error) {
      setRowError(errorMessage(error, t));
    }
  }

  return (
    <AdminLayout title={t("admin.users.title")} testId="page-admin-users">
      <p>{t("admin.users.intro")}</p>
      <p>
        <button
          ref={newButton}
          type="button"
          className="button button--primary"
          onClick={() => setDialog({ kind: "create" })}
        >
          {t("admin.users.new")}
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
        <Field
          id={`${formId}-q`}
          className="admin-filters__search"
          label={t("admin.filters.search")}
          hint={t("admin.filters.searchHint")}
        >
          {(control) => (
            <input
              {...control}
              name="q"
              type="search"
              defaultValue={filters.q ?? ""}
              maxLength={TEXT_LIMITS.adminSearch}
            />
          )}
        </Field>
        <Field id={`${formId}-role`} label={t("admin.filters.role")}>
          {(control) => (
            <select {...control} name="role" defaultValue={filters.role ?? ""}>
              <option value="">{t("admin.filters.all")}</option>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id={`${formId}-team`} label={t("admin.filters.team")}>
          {(control) => (
            <select {...control} name="teamId" defaultValue={filters.teamId ?? ""}>
              <option value="">{t("admin.filters.all")}</option>
              <NameOptions items={teams} />
            </select>
          )}
        </Field>
        <Field id={`${formId}-active`} label={t("admin.filters.status")}>
          {(control) => (
            <select
              {...control}
              name="active"
              defaultValue={filters.active === undefined ? "" : String(filters.active)}
            >
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
      <div role="alert">{rowError && <p className="notice notice--error">{rowError}</p>}</div>

      {users.isPending ? (
        <LoadingNotice />
      ) : users.isError ? (
        <ErrorNotice message={t("admin.users.loadFailed")} onRetry={() => void users.refetch()} />
      ) : items.length === 0 ? (
        <p className="notice notice--info">{t("admin.users.empty")}</p>
      ) : (
        <>
          <TableScroll labelledBy={captionId} hint={t("workOrders.scrollHint")}>
            <table className="data-table admin-table">
              <caption id={captionId}>{tn("admin.users.caption", items.length)}</caption>
              <UserTableHead />
              <tbody>
                {items.map((user) => (
                  <UserRow
                    key={user.id}
                    user={user}
                    self={user.id === me.id}
                    team={teamName(user.teamId)}
                    company={companyOf(user.clientCompanyId)}
                    onEdit={() => setDialog({ kind: "edit", user })}
                    onReset={() => setDialog({ kind: "reset", user })}
                    onDeactivate={() => setDialog({ kind: "deactivate", user })}
                    onReactivate={() => void reactivate(user)}
                    onErase={() => setDialog({ kind: "erase", user })}
                  />
                ))}
              </tbody>
            </table>
          </TableScroll>
          {users.hasNextPage && (
            <button
              type="button"
              className="button"
              onClick={() => void users.fetchNextPage()}
              aria-disabled={users.isFetchingNextPage}
            >
              {users.isFetchingNextPage ? t("app.loading") : t("admin.users.loadMore")}
            </button>
          )}
        </>
      )}

      <UserDialogs dialog={dialog} onChange={setDialog} onDone={setStatus} selfId={me.id} />
    </AdminLayout>
  );
}

/** The head of a table of UserRow (the users page, a client company's page). */
export function UserTableHead() {
  const { t } = useI18n();
  return (
    <thead>
      <tr>
        <th scope="col">{t("admin.users.col.name")}</th>
        <th scope="col">{t("admin.users.col.email")}</th>
        <th scope="col">{t("admin.users.col.role")}</th>
        <th scope="col">{t("admin.users.col.team")}</th>
        <th scope="col">{t("admin.users.col.workStyle")}</th>
        <th scope="col">{t("admin.users.col.status")}</th>
        <th scope="col">{t("admin.users.col.actions")}</th>
      </tr>
    </thead>
  );
}

export function UserRow({
  user,
  self,
  team,
  company,
  onEdit,
  onReset,
  onDeactivate,
  onReactivate,
  onErase,
}: {
  user: User;
  self: boolean;
  team?: string;
  company?: { id: string; name: string };
  onEdit(): void;
  onReset(): void;
  onDeactivate(): void;
  onReactivate(): void;
  /** issue 15: erase a departed person's personal data (offered once they are deactivated) */
  onErase?(): void;
}) {
  const { t, locale } = useI18n();
  const name = user.name;
  return (
    <tr data-testid={`admin-user-${user.email}`}>
      <th scope="row" lang={textLang(name, locale)}>
        {name}
        {self && t("admin.users.you")}
      </th>
      <td className="admin-table__email">{user.email}</td>
      <td>{t(`role.${user.role}`)}</td>
      <td>
        {company ? (
          <Link to={paths.adminCompany(company.id)} lang={textLang(company.name, locale)}>
            {company.name}
          </Link>
        ) : team ? (
          <span lang={textLang(team, locale)}>{team}</span>
        ) : (
          t("admin.users.noTeam")
        )}
      </td>
      <td>{user.workStyle ? t(`admin.workStyle.${user.workStyle}`) : "—"}</td>
      <td>
        <span className={`admin-badge admin-badge--${user.active ? "active" : "inactive"}`}>
          <Icon name={user.active ? "done" : "todo"} />{" "}
          {user.active ? t("admin.users.status.active") : t("admin.users.status.inactive")}
        </span>
        {user.active && user.mustChangePassword && (
          <span className="admin-badge admin-badge--pending">{t("admin.users.status.mustChange")}</span>
        )}
        {user.erasedAt && <span className="admin-badge">{t("admin.users.status.erased")}</span>}
      </td>
      <td>
        <div className="admin-row-actions">
          <button
            type="button"
            className="button button--small"
            onClick={onEdit}
            aria-label={t("admin.users.edit", { name })}
          >
            {t("admin.users.editShort")}
          </button>
          <button
            type="button"
            className="button button--small"
            onClick={onReset}
            aria-label={t("admin.users.resetPassword", { name })}
          >
            {t("admin.users.resetShort")}
          </button>
          {/* issue 15: all of the person's data, for their request (APPI art. 33) or when they leave */}
          <a
            className="button button--small"
            href={operationUrl("exportUserData", { params: { id: user.id } })}
            download
            aria-label={t("admin.users.exportData", { name })}
            data-testid={`export-user-${user.id}`}
          >
            {t("admin.users.exportDataShort")}
          </a>
          <a
            className="button button--small"
            href={operationUrl("exportUserDataCsv", { params: { id: user.id } })}
            download
            aria-label={t("admin.users.exportCsv", { name })}
          >
            {t("admin.users.exportCsvShort")}
          </a>
          {!user.active && !user.erasedAt && onErase && (
            <button
              type="button"
              className="button button--small button--danger"
              onClick={onErase}
              aria-label={t("admin.users.erase", { name })}
            >
              {t("admin.users.eraseShort")}
            </button>
          )}
          {!self &&
            (user.active ? (
              <button
                type="button"
                className="button button--small button--danger"
                onClick={onDeactivate}
                aria-label={t("admin.users.deactivate", { name })}
              >
                {t("admin.users.deactivateShort")}
              </button>
            ) : (
              <button
                type="button"
                className="button button--small"
                onClick={onReactivate}
                aria-label={t("admin.users.reactivate", { name })}
              >
                {t("admin.users.reactivateShort")}
              </button>
            ))}
        </div>
      </td>
    </tr>
  );
}
