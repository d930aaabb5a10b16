import { Link } from "react-router";
import { useI18n } from "../i18n/index.ts";
import { PageHeading } from "../ui/PageHeading.tsx";

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <section className="page">
      <PageHeading title={t("notFound.title")} />
      <p>{t("notFound.body")}</p>
      <p>
        <Link to="/">{t("notFound.home")}</Link>
      </p>
    </section>
  );
}
