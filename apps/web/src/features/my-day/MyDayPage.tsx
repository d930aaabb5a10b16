// My Day (crew): today's tasks, one tap to start, log progress, say what blocks the work.
// Placeholder: the My Day engineer builds it here. Read tasks with
// useQuery({ queryKey: queryKeys.tasks.list({ assigneeId: "me" }), … }) so they stay live, send
// progress and status changes through offlineQueue.submit(…) so nothing is lost offline, and
// honour usePreferences().simpleLayout (one task at a time).
import { useI18n } from "../../i18n/index.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { PlaceholderNotice } from "../../ui/Notice.tsx";

export default function MyDayPage() {
  const { t } = useI18n();
  return (
    <section className="page" data-testid="page-my-day">
      <PageHeading title={t("myDay.title")} />
      <PlaceholderNotice />
    </section>
  );
}
