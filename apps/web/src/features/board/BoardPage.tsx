// The board (managers): columns by status, swimlanes by crew, filters, moving cards by drag and
// drop AND by keyboard/menu, assigning, splitting, 409 conflicts.
// Placeholder: shows the live work order list until the board engineer builds the board here
// (react-aria-components belongs in this lazily loaded chunk, not in the shell).
import { useI18n } from "../../i18n/index.ts";
import { PageHeading } from "../../ui/PageHeading.tsx";
import { PlaceholderNotice } from "../../ui/Notice.tsx";
import { WorkOrderList } from "../work-orders/WorkOrderList.tsx";

export default function BoardPage() {
  const { t } = useI18n();
  return (
    <section className="page" data-testid="page-board">
      <PageHeading title={t("board.title")} />
      <PlaceholderNotice />
      <WorkOrderList />
    </section>
  );
}
