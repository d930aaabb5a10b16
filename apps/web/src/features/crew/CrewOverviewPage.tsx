// Crew overview (managers): online, office/home today, today's check-ins, who has not checked in
// or said unwell, blocked tasks, load per person. Placeholder for the crew-overview engineer.
import { useI18n } from "../../i18n/index.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { PlaceholderNotice } from "../../ui/Notice.tsx";

export default function CrewOverviewPage() {
  const { t } = useI18n();
  return (
    <section className="page" data-testid="page-crew">
      <PageHeading title={t("crew.title")} />
      <PlaceholderNotice />
    </section>
  );
}
