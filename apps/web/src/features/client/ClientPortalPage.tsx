// The client portal: the company's orders and their live progress, deliverables to download,
// accept / request a revision, rate and comment. Placeholder: the live order list until the
// client-portal engineer builds the portal here.
import { Link } from "react-router";
import { useI18n } from "../../i18n/index.ts";
import { paths } from "../../app/paths.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { PlaceholderNotice } from "../../ui/Notice.tsx";
import { WorkOrderList } from "../work-orders/WorkOrderList.tsx";

export default function ClientPortalPage() {
  const { t } = useI18n();
  return (
    <section className="page" data-testid="page-client">
      <PageHeading title={t("client.title")} />
      <p>
        <Link to={paths.newOrder} className="button button--primary">
          {t("nav.newOrder")}
        </Link>
      </p>
      <PlaceholderNotice />
      <WorkOrderList />
    </section>
  );
}
