// New order (clients): title, description, due date, links, optionally nominating a crew member.
// Placeholder for the client-portal engineer. Submit with createWorkOrder(body, { idempotencyKey })
// (keep one key per form, so a retried submit never creates two orders).
import { useI18n } from "../../i18n/index.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { PlaceholderNotice } from "../../ui/Notice.tsx";

export default function NewOrderPage() {
  const { t } = useI18n();
  return (
    <section className="page" data-testid="page-new-order">
      <PageHeading title={t("client.newOrder.title")} />
      <PlaceholderNotice />
    </section>
  );
}
