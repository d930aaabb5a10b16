// The frame of every admin screen: the page heading, then the admin menu (users, client
// companies, audit log) as a second navigation landmark, then the screen.
import type { ReactNode } from "react";
import { NavLink } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import { paths } from "../../app/paths.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import "../work-orders/forms.css";
import "./admin.css";
import { Icon } from "../../ui/Icon.tsx";

export function AdminLayout({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <section className="page admin" data-testid={testId}>
      <PageHeading title={title} />
      <nav className="admin-nav" aria-label={t("admin.nav.label")}>
        <ul>
          <li>
            <NavLink to={paths.adminUsers}>{t("admin.nav.users")}</NavLink>
          </li>
          <li>
            <NavLink to={paths.adminCompanies}>{t("admin.nav.companies")}</NavLink>
          </li>
          <li>
            <NavLink to={paths.adminAudit}>{t("admin.nav.audit")}</NavLink>
          </li>
        </ul>
      </nav>
      {children}
    </section>
  );
}

export const ACTION_STATUS_ID = "admin-status";

/**
 * A polite status line for the outcome of the admin's own action ("… was added"). It can take
 * focus: after an action that removes the button that opened its dialog (erasing someone's data),
 * focus goes here rather than to the page's start.
 */
export function ActionStatus({ message }: { message: string }) {
  return (
    <p
      className="form__status admin__status"
      role="status"
      data-testid="admin-status"
      id={ACTION_STATUS_ID}
      tabIndex={-1}
    >
      {message && (
        <>
          <Icon name="check" /> {message}
        </>
      )}
    </p>
  );
}
